// Sign-in. The server says how (GET /api/client-config): in dev mode a demo user is picked
// on the sign-in page and a dev token is kept in sessionStorage (gone with the tab); with
// Entra ID, MSAL signs in by redirect and refreshes tokens silently (auth_msal.ts, loaded
// only then, so the dev build and the shell stay small). `getToken` feeds the API client.
// When the API refuses a token (expired, revoked), `renew` gets a fresh one without any
// interaction and `signInAgain` signs the same person in again without leaving the page, so
// a page holding unsaved work (the process editor) keeps it.
import { createProcedoClient, type ProcedoClient, unwrap } from "./api/client.ts";
import type { Auth, ClientConfig, DevAuth } from "./auth_types.ts";

export type { Auth, ClientConfig, DemoUser, DevAuth } from "./auth_types.ts";

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

type Who = Parameters<DevAuth["signInAs"]>[0];

/**
 * Dev sign-in. Renewing asks the dev issuer again for whoever the last token named (its
 * `tid`, `oid` and `name` claims), as MSAL renews with its refresh token; `client` is the
 * unauthenticated API client (tests pass one bound to the in-process app).
 */
export function createDevAuth(
  storage: Storage = sessionStorage,
  client: ProcedoClient = anonymous(),
): DevAuth {
  const stored = (): StoredToken | null => {
    try {
      return JSON.parse(storage.getItem(DEV_TOKEN) ?? "null") as StoredToken | null;
    } catch {
      return null;
    }
  };
  const read = (): StoredToken | null => {
    const s = stored();
    return s && s.expiresAt - MARGIN_MS > Date.now() ? s : null;
  };
  const issue = async (who: Who) => {
    const token = unwrap(await client.POST("/api/v1/dev/token", { body: who }));
    const next: StoredToken = {
      accessToken: token.accessToken,
      expiresAt: Date.now() + token.expiresIn * 1000,
    };
    storage.setItem(DEV_TOKEN, JSON.stringify(next));
  };
  // One renewal at a time: a burst of refused requests shares it.
  let renewing: Promise<boolean> | null = null;
  const renew = () =>
    renewing ??= (async () => {
      const who = tokenSubject(stored()?.accessToken);
      if (!who) return false;
      try {
        await issue(who);
        return true;
      } catch {
        return false;
      } finally {
        renewing = null;
      }
    })();
  return {
    mode: "dev",
    restore: async () => read() !== null || (stored() !== null && await renew()),
    async getToken() {
      const fresh = read();
      if (fresh) return fresh.accessToken;
      return stored() && await renew() ? read()?.accessToken ?? null : null;
    },
    renew,
    // Nothing to ask in dev mode: "signing in again" is asking the issuer for the same person.
    signInAgain: renew,
    signIn: () => Promise.resolve(),
    signOut: () => {
      storage.removeItem(DEV_TOKEN);
      return Promise.resolve();
    },
    users: async () => unwrap(await client.GET("/api/v1/dev/users")),
    signInAs: issue,
  };
}

/** Who a (possibly expired) dev token names; null when it is not one. */
function tokenSubject(token: string | undefined): Who | null {
  try {
    const part = token!.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const bytes = Uint8Array.from(atob(part), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes));
    if (typeof claims.tid !== "string" || typeof claims.oid !== "string") return null;
    return {
      tid: claims.tid,
      oid: claims.oid,
      ...(typeof claims.name === "string" ? { name: claims.name } : {}),
    };
  } catch {
    return null;
  }
}
