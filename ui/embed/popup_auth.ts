// What the embedded components' MSAL sign-in offers (auth_msal.ts implements it, connection.ts
// uses it): a module of its own, so neither of them imports the other.

/** Signs in with MSAL in the host page (auth_msal.ts). */
export interface PopupAuth {
  /** A token without interaction (cached account, refresh token or SSO), or null. */
  silent(): Promise<string | null>;
  /** Opens Microsoft's sign-in in a popup; the token, or null when closed or refused. */
  popup(): Promise<string | null>;
}
