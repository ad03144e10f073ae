// How an embedded component reaches its Procedo instance: the API client for `api-base` and
// the token it sends. The host either hands over a token (`tokenProvider`: an SPFx web part's
// AAD token provider, a Teams tab's nested app auth, a test page's dev token) and no MSAL is
// loaded, or the component signs in itself with MSAL (auth_msal.ts, loaded on demand):
// silent SSO first, then a button that opens a popup. Never a redirect: the host page stays.
// Components on one page with the same instance and sign-in settings share one connection.
import {
  createProcedoClient,
  type ProcedoClient,
  type Schemas,
  unwrap,
} from "../lib/api/client.ts";
import type { PopupAuth } from "./popup_auth.ts";

export type TokenProvider = () => Promise<string | null | undefined>;
type ClientConfig = Schemas["ClientConfig"];

export interface ConnectionSettings {
  /** The Procedo instance, e.g. https://procedo.example.com (no trailing slash). */
  apiBase: string;
  /** The host tenant's Entra app registration (else the instance's client config). */
  clientId?: string;
  authority?: string;
  /** Where Microsoft returns the popup to: a page on the host's origin (docs/embedding.md). */
  redirectUri?: string;
  tokenProvider?: TokenProvider;
}

export type { PopupAuth } from "./popup_auth.ts";

export type Readiness =
  | { kind: "ready" }
  | { kind: "sign-in" }
  | { kind: "unavailable"; reason: "dev-mode" };

export class EmbedConnection {
  readonly api: ProcedoClient;
  #auth?: Promise<PopupAuth | null>;
  #token: string | null = null;

  constructor(readonly settings: ConnectionSettings) {
    this.api = createProcedoClient({
      baseUrl: settings.apiBase,
      getToken: () => this.token(),
    });
  }

  /** The token to send now: the host's, or the one MSAL holds (renewed silently). */
  async token(): Promise<string | null> {
    const provider = this.settings.tokenProvider;
    if (provider) return (await provider()) ?? null;
    if (!this.#token) return null;
    // acquireTokenSilent returns the cached token while valid and renews it when not.
    return (await (await this.#auth)?.silent()) ?? null;
  }

  /** Whether calls can be made without asking the person anything. */
  async prepare(): Promise<Readiness> {
    if (this.settings.tokenProvider) return { kind: "ready" };
    const auth = await (this.#auth ??= this.#createAuth());
    if (!auth) return { kind: "unavailable", reason: "dev-mode" };
    this.#token = await auth.silent();
    return this.#token ? { kind: "ready" } : { kind: "sign-in" };
  }

  /** Signs in with a popup (call it from a click, or the browser blocks the popup). */
  async signIn(): Promise<boolean> {
    const auth = await (this.#auth ??= this.#createAuth());
    this.#token = (await auth?.popup()) ?? null;
    return this.#token !== null;
  }

  /** MSAL for this instance's Entra settings; null where it signs in without Entra (dev). */
  async #createAuth(): Promise<PopupAuth | null> {
    const config: ClientConfig = unwrap(
      await createProcedoClient({ baseUrl: this.settings.apiBase }).GET("/api/client-config"),
    );
    if (config.authMode !== "entra" || !config.entra) return null;
    const { createPopupAuth } = await import("./auth_msal.ts");
    return await createPopupAuth({
      clientId: this.settings.clientId || config.entra.clientId,
      authority: this.settings.authority || config.entra.authority,
      scopes: config.entra.scopes,
      redirectUri: this.settings.redirectUri || `${location.origin}${location.pathname}`,
    });
  }
}

const shared = new Map<string, EmbedConnection>();
const byProvider = new WeakMap<TokenProvider, Map<string, EmbedConnection>>();

/** The connection for `settings`, shared with components that have the same ones. */
export function connectionFor(settings: ConnectionSettings): EmbedConnection {
  const key = [settings.apiBase, settings.clientId, settings.authority, settings.redirectUri]
    .join("|");
  const provider = settings.tokenProvider;
  const pool = provider
    ? byProvider.get(provider) ?? byProvider.set(provider, new Map()).get(provider)!
    : shared;
  let connection = pool.get(key);
  if (!connection) pool.set(key, connection = new EmbedConnection(settings));
  return connection;
}

/** `value` without a trailing slash; the page's own origin when empty. */
export function normaliseApiBase(value: string | null | undefined): string {
  const base = (value ?? "").trim().replace(/\/+$/, "");
  return base || location.origin;
}
