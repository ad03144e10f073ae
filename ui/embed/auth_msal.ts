// MSAL in the host page, for components that sign in themselves (a separate chunk, loaded
// only then). Silent first: a cached account's token, else ssoSilent with the browser's
// Entra session. Interactive only in a popup, opened from the person's click; the host
// page never navigates away. Only the Procedo API scope is requested.
//
// The popup and the silent frame return to `redirectUri`, a page on the host's origin that
// loads embed.js (or auth_redirect.js): it hands Microsoft's answer back to this page
// (ui/embed/redirect_bridge.ts). Register that URI in the app registration as a
// single-page application redirect URI.
import {
  type AccountInfo,
  type AuthenticationResult,
  PublicClientApplication,
} from "@azure/msal-browser";
import type { PopupAuth } from "./popup_auth.ts";

export interface PopupAuthSettings {
  clientId: string;
  authority: string;
  scopes: string[];
  redirectUri: string;
}

export async function createPopupAuth(settings: PopupAuthSettings): Promise<PopupAuth> {
  const { scopes } = settings;
  const msal = new PublicClientApplication({
    auth: {
      clientId: settings.clientId,
      authority: settings.authority,
      redirectUri: settings.redirectUri,
    },
    // Per tab, like the app: closing the tab signs out of the components.
    cache: { cacheLocation: "sessionStorage" },
  });
  await msal.initialize();
  const account = (): AccountInfo | null =>
    msal.getActiveAccount() ?? msal.getAllAccounts()[0] ?? null;
  const keep = (result: AuthenticationResult) => {
    if (result.account) msal.setActiveAccount(result.account);
    return result.accessToken;
  };
  return {
    async silent() {
      const a = account();
      try {
        if (a) return keep(await msal.acquireTokenSilent({ scopes, account: a }));
        return keep(await msal.ssoSilent({ scopes }));
      } catch {
        // No session, consent or MFA needed, third-party cookies blocked: the button asks.
        return null;
      }
    },
    async popup() {
      try {
        const a = account();
        return keep(
          await msal.acquireTokenPopup({
            scopes,
            ...(a ? { account: a, loginHint: a.username } : { prompt: "select_account" }),
          }),
        );
      } catch {
        return null; // closed, blocked or refused
      }
    },
  };
}
