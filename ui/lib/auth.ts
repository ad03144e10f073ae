// Sign-in. The server says how (GET /api/client-config): in dev mode a demo user is picked
// on the sign-in page and a dev token is kept in sessionStorage (gone with the tab); with
// Entra ID, MSAL signs in by redirect and refreshes tokens silently (auth_msal.ts, loaded
// only then, so the dev build and the shell stay small). `getToken` feeds the API client.
import { createProcedoClient, type Schemas, unwrap } from "./api/client.ts";

export type ClientConfig = Schemas["ClientConfig"];
export type DemoUser = Schemas["DemoUser"];

export interface Auth {
  readonly mode: "dev" | "entra";
  /** Finishes a sign-in in progress and tries silent SSO; true when someone is signed in. */
  restore(): Promise<boolean>;
  /** A valid access token for the API (refreshed silently), or null when signed out. */
  getToken(): Promise<string | null>;
  /** Entra: sends the browser to Microsoft's sign-in page. */
  signIn(): Promise<void>;
  signOut(): Promise<void>;
}

export interface DevAuth extends Auth {
  readonly mode: "dev";
  /** The demo users of both demo tenants. */
  users(): Promise<DemoUser[]>;
  /** Signs in as anyone, demo user or not (a new organisation's user has random ids). */
  signInAs(who: { tid: string; oid: string; name?: string }): Promise<void>;
}

const anonymous = () => createProcedoClient({ baseUrl: "" });

/** How to sign in on this server. */
export async function loadClientConfig(): Promise<ClientConfig> {
  return unwrap(await anonymous().GET("/api/client-config"));
}

/** The sign-in for `config`: dev tokens or MSAL. */
export async function createAuth(config: ClientConfig): Promise<Auth> {
  if (config.authMode === "entra" && config.entra) {
    const { createMsalAuth } = await import("./auth_msal.ts");
    return await createMsalAuth(config.entra);
  }
  return createDevAuth();
}

export function isDevAuth(auth: Auth): auth is DevAuth {
  return auth.mode === "dev";
}

const DEV_TOKEN = "procedo.devToken";
/** Renew a little before the dev issuer's expiry so no request carries a dying token. */
const MARGIN_MS = 60_000;

interface StoredToken {
  accessToken: string;
  expiresAt: number;
}

export function createDevAuth(storage: Storage = sessionStorage): DevAuth {
  const read = (): StoredToken | null => {
    try {
      const stored = JSON.parse(storage.getItem(DEV_TOKEN) ?? "null") as StoredToken | null;
      return stored && stored.expiresAt - MARGIN_MS > Date.now() ? stored : null;
    } catch {
      return null;
    }
  };
  return {
    mode: "dev",
    restore: () => Promise.resolve(read() !== null),
    getToken: () => Promise.resolve(read()?.accessToken ?? null),
    signIn: () => Promise.resolve(),
    signOut: () => {
      storage.removeItem(DEV_TOKEN);
      return Promise.resolve();
    },
    users: async () => unwrap(await anonymous().GET("/api/v1/dev/users")),
    async signInAs(who) {
      const token = unwrap(await anonymous().POST("/api/v1/dev/token", { body: who }));
      const stored: StoredToken = {
        accessToken: token.accessToken,
        expiresAt: Date.now() + token.expiresIn * 1000,
      };
      storage.setItem(DEV_TOKEN, JSON.stringify(stored));
    },
  };
}
