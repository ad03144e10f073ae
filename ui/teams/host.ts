// Procedo's pages inside Microsoft Teams: joining the Teams host (teams-js), following its
// theme, and signing in without a prompt through nested app authentication (MSAL's nestable
// client: Teams brokers the token for the tenant's consented app registration). The token
// goes to the embedded components as their `tokenProvider`, so the pages load no other MSAL.
// On an instance in dev mode the pages use the dev sign-in of this browser tab instead.
import { app } from "@microsoft/teams-js";
import type { IPublicClientApplication } from "@azure/msal-browser";
import { createProcedoClient, type Schemas, unwrap } from "../lib/api/client.ts";
import { createDevAuth } from "../lib/auth.ts";
import type { EmbedTheme } from "../embed/controller.ts";
import type { TokenProvider } from "../embed/connection.ts";

export type TeamsContext = app.Context;

export interface TeamsSession {
  context: TeamsContext;
  /** For the components' tokenProvider: a token without interaction, or null. */
  tokenProvider: TokenProvider;
  /** Signs in with a popup Teams opens (call it from a click). */
  signIn(): Promise<boolean>;
  theme: EmbedTheme;
  /** Calls `fn` with the new theme when the person switches Teams' theme. */
  onThemeChange(fn: (theme: EmbedTheme) => void): void;
}

/** Teams' theme names → the components' themes. */
export function themeOf(teamsTheme: string | undefined): EmbedTheme {
  return teamsTheme === "dark" ? "dark" : teamsTheme === "contrast" ? "high-contrast" : "light";
}

/** Joins the Teams host and prepares sign-in. Rejects outside Teams. */
export async function connectTeams(): Promise<TeamsSession> {
  await app.initialize();
  const context = await app.getContext();
  const config: Schemas["ClientConfig"] = unwrap(
    await createProcedoClient({ baseUrl: location.origin }).GET("/api/client-config"),
  );
  const auth = config.authMode === "entra" && config.entra
    ? await nestedAppAuth(config.entra, context)
    : devAuth();
  return {
    context,
    ...auth,
    theme: themeOf(context.app.theme),
    onThemeChange: (fn) => app.registerOnThemeChangeHandler((t) => fn(themeOf(t))),
  };
}

type Entra = NonNullable<Schemas["ClientConfig"]["entra"]>;

async function nestedAppAuth(entra: Entra, context: TeamsContext) {
  const { createNestablePublicClientApplication } = await import("@azure/msal-browser");
  const pca: IPublicClientApplication = await createNestablePublicClientApplication({
    auth: { clientId: entra.clientId, authority: entra.authority },
  });
  const scopes = entra.scopes;
  const loginHint = context.user?.loginHint;
  const silent = async () => {
    try {
      const account = pca.getActiveAccount() ??
        (loginHint ? pca.getAccount({ loginHint }) : null);
      const result = account
        ? await pca.acquireTokenSilent({ scopes, account })
        : await pca.ssoSilent({ scopes, loginHint });
      if (result.account) pca.setActiveAccount(result.account);
      return result.accessToken;
    } catch {
      return null; // consent or MFA needed: the page offers the sign-in button
    }
  };
  return {
    tokenProvider: silent,
    async signIn() {
      try {
        const result = await pca.acquireTokenPopup({ scopes, loginHint });
        if (result.account) pca.setActiveAccount(result.account);
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** Dev mode: the token of the dev sign-in in this tab (sign in to the app first). */
function devAuth() {
  const dev = createDevAuth();
  return {
    tokenProvider: () => dev.getToken(),
    signIn: async () => (await dev.restore()),
  };
}

/**
 * A link that opens the process in this app's tab, in Teams (for a chat): Teams' entity deep
 * link with the process as the sub-page, which tab.html shows on arrival.
 */
export function deepLinkToProcess(context: TeamsContext, processId: string): string {
  const appId = context.app.appId?.toString() ?? "";
  const entityId = context.page.id;
  const webUrl = `${location.origin}/processes/${processId}`;
  const ctx = JSON.stringify({ subEntityId: `process:${processId}` });
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(appId)}/${
    encodeURIComponent(entityId)
  }?webUrl=${encodeURIComponent(webUrl)}&context=${encodeURIComponent(ctx)}`;
}
