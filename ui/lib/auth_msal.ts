// Entra ID sign-in through MSAL (a separate chunk, loaded only in entra mode). Redirect
// sign-in; silent first (cached account → acquireTokenSilent, else ssoSilent with the
// browser's Entra session); only the Procedo API scope is ever requested, never Graph.
// Getting a token never navigates: when only an interactive sign-in would give one, the
// caller learns it from the API's 401 and decides — the app shows its sign-in page, the
// process editor signs the same person in again in a popup and keeps the unsaved work.
import {
  type AccountInfo,
  BrowserAuthError,
  InteractionRequiredAuthError,
  PublicClientApplication,
} from "@azure/msal-browser";
import type { Auth, ClientConfig } from "./auth_types.ts";

type EntraSettings = NonNullable<ClientConfig["entra"]>;

/** The redirect URI to register for the web app (a single-page application platform). */
export const REDIRECT_PATH = "/auth-redirect.html";

export async function createMsalAuth(entra: EntraSettings): Promise<Auth> {
  const scopes = entra.scopes;
  const msal = new PublicClientApplication({
    auth: {
      clientId: entra.clientId,
      authority: entra.authority,
      // MSAL 5 returns through a bridge page (ui/app/auth_redirect.ts), for silent sign-in too.
      redirectUri: `${location.origin}${REDIRECT_PATH}`,
      postLogoutRedirectUri: `${location.origin}/`,
    },
    cache: { cacheLocation: "sessionStorage" },
  });
  await msal.initialize();

  const account = (): AccountInfo | null =>
    msal.getActiveAccount() ?? msal.getAllAccounts()[0] ?? null;
  const remember = (a: AccountInfo | null | undefined) => {
    if (a) msal.setActiveAccount(a);
  };

  // Must run on every load: it completes a redirect coming back from Microsoft.
  remember((await msal.handleRedirectPromise())?.account);

  const redirect = () =>
    msal.loginRedirect({ scopes, redirectStartPage: location.href, prompt: "select_account" });
  // In a frame (SharePoint's Embed web part, a Teams tab) Microsoft's sign-in page refuses to
  // be framed: sign in in a popup instead, and stay on the page.
  const framed = globalThis.top !== globalThis.self;
  const popup = async () => {
    remember((await msal.loginPopup({ scopes, prompt: "select_account" })).account);
  };

  return {
    mode: "entra",
    async restore() {
      if (account()) return true;
      try {
        remember((await msal.ssoSilent({ scopes })).account);
        return true;
      } catch (e) {
        if (e instanceof InteractionRequiredAuthError || e instanceof BrowserAuthError) {
          return false;
        }
        throw e;
      }
    },
    async getToken() {
      const a = account();
      if (!a) return null;
      try {
        return (await msal.acquireTokenSilent({ scopes, account: a })).accessToken;
      } catch {
        // Consent, MFA, an expired session, no network: the API's 401 (or the failed call)
        // tells the caller, which decides how to go on.
        return null;
      }
    },
    async renew() {
      const a = account();
      if (!a) return false;
      try {
        // The cached token was refused: skip the cache, use the refresh token or SSO.
        await msal.acquireTokenSilent({ scopes, account: a, forceRefresh: true });
        return true;
      } catch {
        return false;
      }
    },
    async signInAgain() {
      const a = account();
      try {
        const result = await msal.acquireTokenPopup({
          scopes,
          ...(a ? { account: a, loginHint: a.username } : { prompt: "select_account" }),
        });
        // Someone else in the popup: keep the person whose work this page holds.
        if (a && result.account?.homeAccountId !== a.homeAccountId) {
          msal.setActiveAccount(a);
          return false;
        }
        remember(result.account);
        return true;
      } catch {
        return false; // closed, blocked or refused
      }
    },
    signIn: framed ? popup : redirect,
    async signOut() {
      await msal.logoutRedirect({ account: account() ?? undefined });
    },
  };
}
