// The Teams app manifest for one Procedo instance: personal tabs "My processes" and "Inbox",
// a configurable tab for channels and group chats (a process, the process map or an org
// chart: config.html), single sign-on through the instance's Entra app registration
// (webApplicationInfo, with nested app authentication prefetched), the icons. Tabs load pages
// of the instance (ui/teams/pages.ts builds them into ui/dist/teams/).

export const MANIFEST_VERSION = "1.25";
export const SCHEMA_URL =
  `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;

export interface ManifestOptions {
  /** The instance's public https address, e.g. https://procedo.example.com. */
  baseUrl: string;
  /** The Teams app's id (a GUID); stays the same across versions of the package. */
  appId: string;
  /** The Entra app registration the tabs sign in with (ENTRA_SPA_CLIENT_ID / ENTRA_CLIENT_ID). */
  clientId: string;
  /** The Procedo API scope, e.g. api://<api client id>/access_as_user. */
  apiScope: string;
  /** The package's version (semver); raise it for every change you upload. */
  version: string;
  developerName?: string;
}

/** The manifest.json object for `options`. */
export function buildManifest(options: ManifestOptions): Record<string, unknown> {
  const base = options.baseUrl.replace(/\/+$/, "");
  const host = new URL(base).host;
  const page = (path: string) => `${base}/teams/${path}`;
  return {
    $schema: SCHEMA_URL,
    manifestVersion: MANIFEST_VERSION,
    version: options.version,
    id: options.appId,
    developer: {
      name: (options.developerName ?? "Procedo").slice(0, 32),
      websiteUrl: `${base}/`,
      privacyUrl: `${base}/privacy`,
      termsOfUseUrl: `${base}/terms`,
    },
    name: { short: "Procedo", full: "Procedo process management" },
    description: {
      short: "Your organisation's processes, responsibilities and org charts in Teams.",
      full: "Procedo shows your organisation's published processes with their steps, " +
        "responsibilities (RACI), linked documents and IT systems, the process map and the org " +
        "charts. Pin a process, the map or an org chart to a channel, find the processes you " +
        "own, and share a link to a process in a chat.",
    },
    icons: { color: "color.png", outline: "outline.png" },
    accentColor: "#0F6CBD",
    staticTabs: [
      {
        entityId: "my-processes",
        name: "My processes",
        contentUrl: page("tab.html?view=mine"),
        websiteUrl: `${base}/processes`,
        scopes: ["personal"],
      },
      {
        // The app has no inbox page yet: this tab shows the published processes (see
        // docs/embedding.md) until it does.
        entityId: "inbox",
        name: "Inbox",
        contentUrl: page("tab.html?view=inbox"),
        websiteUrl: `${base}/processes`,
        scopes: ["personal"],
      },
    ],
    configurableTabs: [
      {
        configurationUrl: page("config.html"),
        canUpdateConfiguration: true,
        scopes: ["team", "groupChat"],
        context: ["channelTab", "privateChatTab"],
      },
    ],
    permissions: ["identity"],
    validDomains: [host],
    webApplicationInfo: {
      id: options.clientId,
      resource: `api://${host}/${options.clientId}`,
      // Nested app authentication: Teams fetches the API token before the tab asks for it.
      nestedAppAuthInfo: [{ redirectUri: `${base}`, scopes: [options.apiScope] }],
    },
  };
}
