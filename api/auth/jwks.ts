// Signing keys from a remote JWKS (Entra ID's discovery keys), kept in the cache port so
// every instance and edge isolate shares one copy instead of each fetching its own.
//
// - The key set lives under `jwks:<sha-256 of the URL>` for 24 hours. Each instance also
//   keeps the parsed set in memory and re-reads the cache at most once a minute.
// - A token that names an unknown `kid` first re-reads the cache (another instance may have
//   refreshed it), then may refetch the URL: at most once per 5 minutes per URL across all
//   instances (a SET NX marker in the cache), so garbage kids cannot make us hammer the
//   identity provider.
// - Only public RSA signature keys with a kid are kept. A key's `issuer` (Entra adds it,
//   possibly as the template `…/{tenantid}/v2.0`) is returned with the key so the verifier
//   can bind the key to the tokens of that issuer.
// - When the URL cannot be fetched, the last good copy (at most a day past its confirmation)
//   keeps serving; without any copy, resolve fails with JwksUnavailableError (a 503 upstream,
//   not a 401: the token may be fine). Failures back off for 10 s per instance.
import {
  createLocalJWKSet,
  type FlattenedJWSInput,
  type JSONWebKeySet,
  type JWK,
  type JWSHeaderParameters,
  type LocalJWKSet,
} from "jose";
import type { Cache } from "../cache/port.ts";
import { readBody } from "../http/body.ts";

export const JWKS_TTL_SECONDS = 24 * 60 * 60;
export const JWKS_REFETCH_COOLDOWN_SECONDS = 5 * 60;
const MEMO_MS = 60_000;
const STALE_GRACE_MS = 24 * 60 * 60 * 1000;
const FAILURE_BACKOFF_MS = 10_000;
const FETCH_TIMEOUT_MS = 5_000;
/** Entra's key set is ~20 KB with certificates; ours is smaller (certificates are dropped). */
const MAX_JWKS_BYTES = 512 * 1024;

/** The token cannot be matched to a key (no kid, or a kid the key set does not have). */
export class KeyRefusedError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "KeyRefusedError";
  }
}

/** The key set could not be loaded and no earlier copy is at hand. */
export class JwksUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "JwksUnavailableError";
  }
}

export interface ResolvedKey {
  key: CryptoKey;
  kid: string;
  /** The issuer the key is restricted to (may contain `{tenantid}`), when the JWKS names one. */
  issuer?: string;
}

/** Resolves a token's signing key; pass as `keys` to createVerifier. */
export interface JwksKeySource {
  readonly url: string;
  resolve(header: JWSHeaderParameters, token?: FlattenedJWSInput): Promise<ResolvedKey>;
}

export interface CachedJwksOptions {
  url: string;
  cache: Cache;
  /** For tests; defaults to the global fetch. */
  fetch?: typeof fetch;
}

/** The cache keys for the key set of `url` and its refetch marker. */
export async function jwksCacheKeys(url: string): Promise<{ jwks: string; refetch: string }> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(url));
  const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return { jwks: `jwks:${hex}`, refetch: `jwks-refetch:${hex}` };
}

/** A JWK as Entra publishes it: possibly restricted to one issuer. */
type IssuerJwk = JWK & { issuer?: string };
interface KeySet extends JSONWebKeySet {
  keys: IssuerJwk[];
}

interface Loaded {
  text: string;
  jwks: KeySet;
  local: LocalJWKSet;
  /** When the cache or the URL last confirmed this copy (epoch ms). */
  checkedAt: number;
}

export function createCachedJwks(opts: CachedJwksOptions): JwksKeySource {
  const { url, cache } = opts;
  const doFetch = opts.fetch ?? fetch;
  const keysOf = jwksCacheKeys(url);
  let memo: Loaded | undefined;
  let inflight: Promise<Loaded> | undefined;
  let failedAt = -Infinity;
  let lastRefetchAt = -Infinity;

  function remember(text: string, now: number): Loaded {
    if (memo?.text === text) {
      memo.checkedAt = now;
      return memo;
    }
    const jwks = sanitize(JSON.parse(text));
    return memo = { text, jwks, local: createLocalJWKSet(jwks), checkedAt: now };
  }

  /** The cached copy; "miss" when there is none, "down" when the cache cannot be read. */
  async function readCache(): Promise<Loaded | "miss" | "down"> {
    let text: string | null;
    try {
      text = await cache.get((await keysOf).jwks);
    } catch {
      return "down";
    }
    if (text === null) return "miss";
    try {
      return remember(text, Date.now());
    } catch {
      return "miss"; // A corrupt entry is replaced by the next fetch.
    }
  }

  function fetchAndStore(): Promise<Loaded> {
    inflight ??= (async () => {
      try {
        const jwks = sanitize(await download(doFetch, url));
        const text = JSON.stringify(jwks);
        const keys = await keysOf;
        await cache.set(keys.jwks, text, { ttlSeconds: JWKS_TTL_SECONDS }).catch(() => {});
        return remember(text, Date.now());
      } catch (e) {
        failedAt = Date.now();
        throw e;
      } finally {
        inflight = undefined;
      }
    })();
    return inflight;
  }

  /** The current key set: from memory, else the cache, else the URL. */
  async function current(): Promise<Loaded> {
    const now = Date.now();
    if (memo && now - memo.checkedAt < MEMO_MS) return memo;
    const cached = await readCache();
    if (typeof cached === "object") return cached;
    // With the cache down, a copy we saw within its time to live is still good.
    if (cached === "down" && memo && now - memo.checkedAt < JWKS_TTL_SECONDS * 1000) return memo;
    const stale = memo && now - memo.checkedAt < STALE_GRACE_MS ? memo : undefined;
    if (now - failedAt < FAILURE_BACKOFF_MS) {
      if (stale) return stale;
      throw new JwksUnavailableError(`the signing keys at ${url} could not be loaded recently`);
    }
    try {
      return await fetchAndStore();
    } catch (e) {
      if (stale) return stale;
      throw new JwksUnavailableError(`the signing keys at ${url} could not be loaded`, {
        cause: e,
      });
    }
  }

  /** Claims the one refetch allowed per cooldown, across instances when the cache is up. */
  async function mayRefetch(): Promise<boolean> {
    const now = Date.now();
    if (now - lastRefetchAt < JWKS_REFETCH_COOLDOWN_SECONDS * 1000) return false;
    if (now - failedAt < FAILURE_BACKOFF_MS) return false;
    lastRefetchAt = now;
    try {
      return await cache.set((await keysOf).refetch, new Date(now).toISOString(), {
        ttlSeconds: JWKS_REFETCH_COOLDOWN_SECONDS,
        onlyIfAbsent: true,
      });
    } catch {
      return true; // The cache is down; the in-memory cooldown above still limits us.
    }
  }

  return {
    url,
    async resolve(header, token) {
      const kid = header.kid;
      if (typeof kid !== "string" || !kid) {
        throw new KeyRefusedError("the token names no signing key (kid)");
      }
      let loaded = await current();
      if (!hasKid(loaded, kid)) {
        // Another instance may have refreshed the shared copy already.
        const cached = await readCache();
        if (typeof cached === "object") loaded = cached;
      }
      if (!hasKid(loaded, kid) && await mayRefetch()) {
        loaded = await fetchAndStore().catch(() => loaded);
      }
      if (!hasKid(loaded, kid)) throw new KeyRefusedError("the token was signed by an unknown key");
      const key = await loaded.local(header, token);
      const issuer = loaded.jwks.keys.find((k) => k.kid === kid)?.issuer;
      return { key, kid, issuer };
    },
  };
}

const hasKid = (loaded: Loaded, kid: string) => loaded.jwks.keys.some((k) => k.kid === kid);

async function download(doFetch: typeof fetch, url: string): Promise<unknown> {
  const res = await doFetch(url, {
    headers: { accept: "application/json" },
    redirect: "error",
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
  });
  if (!res.ok) {
    await res.body?.cancel();
    throw new Error(`GET ${url} answered ${res.status}`);
  }
  if (Number(res.headers.get("content-length") ?? 0) > MAX_JWKS_BYTES) {
    await res.body?.cancel();
    throw new Error(`GET ${url}: the key set is larger than ${MAX_JWKS_BYTES} bytes`);
  }
  const bytes = await readBody(
    res.body,
    MAX_JWKS_BYTES,
    () => new Error(`GET ${url}: the key set is larger than ${MAX_JWKS_BYTES} bytes`),
  );
  if (!bytes.length) throw new Error(`GET ${url}: empty answer`);
  return JSON.parse(new TextDecoder().decode(bytes));
}

/**
 * Keeps the public RSA signature keys that can verify RS256 and have a kid, with only the
 * members verification needs. Keys whose kid appears twice are dropped: a kid must name one
 * key. Throws when nothing usable remains.
 */
export function sanitize(value: unknown): KeySet {
  const keys = (value as { keys?: unknown })?.keys;
  if (!Array.isArray(keys)) throw new Error("not a JSON Web Key Set (no keys array)");
  const usable: IssuerJwk[] = [];
  for (const k of keys as Record<string, unknown>[]) {
    if (!k || typeof k !== "object") continue;
    if (k.kty !== "RSA" || typeof k.n !== "string" || typeof k.e !== "string") continue;
    if (typeof k.kid !== "string" || !k.kid) continue;
    if ("d" in k || "p" in k || "q" in k) continue; // Never keep private material.
    if (k.use !== undefined && k.use !== "sig") continue;
    if (k.alg !== undefined && k.alg !== "RS256") continue;
    if (
      k.key_ops !== undefined && !(Array.isArray(k.key_ops) && k.key_ops.includes("verify"))
    ) continue;
    const jwk: IssuerJwk = { kty: "RSA", kid: k.kid, n: k.n, e: k.e };
    if (k.use !== undefined) jwk.use = "sig";
    if (k.alg !== undefined) jwk.alg = "RS256";
    if (typeof k.issuer === "string") jwk.issuer = k.issuer;
    usable.push(jwk);
  }
  const counts = new Map<string, number>();
  for (const k of usable) counts.set(k.kid!, (counts.get(k.kid!) ?? 0) + 1);
  const unique = usable.filter((k) => counts.get(k.kid!) === 1);
  if (!unique.length) throw new Error("the key set has no usable RS256 signing key");
  return { keys: unique };
}
