// Every tenant's data has a version in the cache port: a random value, replaced whenever the
// tenant's data changes. What is remembered per tenant (identities, read responses) is valid
// only under the version it was read under, so one replaced value makes all of it stale at
// once — in every instance when the cache is Redis or Upstash. A random value (not a counter)
// means an evicted or flushed version can never come back and revive old entries.
import type { Cache } from "../cache/port.ts";
import type { Logger } from "../log.ts";

/** Versions that nobody changes expire; a new random one then starts. */
const VERSION_TTL_SECONDS = 7 * 24 * 3600;

export interface TenantVersions {
  /** The tenant's current version; null when the cache cannot answer (then nothing is reused). */
  current(tenantId: string): Promise<string | null>;
  /** Marks the tenant's data changed: everything remembered for it is stale from now on. */
  changed(tenantId: string): Promise<void>;
  /**
   * The current version when the cache tells it synchronously (memory, `Cache.now`);
   * undefined when only `current` can tell (a network cache, no version yet, an outage).
   */
  peek(tenantId: string): string | undefined;
}

/**
 * The cache key of a tenant's version. Kept per tenant, so a read hands the cache the same
 * string each time (its hash is computed once, not per request); bounded like the tenants.
 */
const keys = new Map<string, string>();
const keyOf = (tenantId: string) => {
  let key = keys.get(tenantId);
  if (key === undefined) {
    if (keys.size >= 10_000) keys.clear();
    key = `${tenantId}:version`;
    keys.set(tenantId, key);
  }
  return key;
};
/** A version read waits this long at most; after a failure the cache is left alone a while. */
const TIMEOUT_MS = 250;
const RETRY_AFTER_MS = 5000;
const fresh = () => crypto.randomUUID();

export function createTenantVersions(shared: Cache, logger?: Logger): TenantVersions {
  let warned = false;
  let downUntil = 0;
  const cache = bounded(shared, () => (downUntil = Date.now() + RETRY_AFTER_MS));
  const warn = (what: string, e: unknown) => {
    if (warned) return;
    warned = true;
    logger?.warn(`tenant data versions: ${what}; cached reads are skipped meanwhile`, {
      error: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
    });
  };
  const now = shared.now;
  return {
    peek: (tenantId) => {
      if (!now || Date.now() < downUntil) return undefined;
      try {
        return now.get(keyOf(tenantId)) ?? undefined;
      } catch {
        return undefined;
      }
    },
    async current(tenantId) {
      if (Date.now() < downUntil) return null;
      try {
        const value = await cache.get(keyOf(tenantId));
        if (value) {
          warned = false;
          return value;
        }
        const candidate = fresh();
        if (
          await cache.set(keyOf(tenantId), candidate, {
            ttlSeconds: VERSION_TTL_SECONDS,
            onlyIfAbsent: true,
          })
        ) {
          return candidate;
        }
        return await cache.get(keyOf(tenantId));
      } catch (e) {
        warn("the cache does not answer", e);
        return null;
      }
    },
    async changed(tenantId) {
      try {
        await cache.set(keyOf(tenantId), fresh(), { ttlSeconds: VERSION_TTL_SECONDS });
      } catch (e) {
        // Entries made under the old version live on until they reach their maximum age.
        warn("a change could not be announced", e);
      }
    },
  };
}

/** The cache with each call given up after TIMEOUT_MS; `failed` hears of every failure. */
function bounded(cache: Cache, failed: () => void): Pick<Cache, "get" | "set"> {
  // Memory answers at once and cannot hang: no timer per read for it.
  if (cache.kind === "memory") return cache;
  const within = async <T>(work: Promise<T>): Promise<T> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      return await Promise.race([
        work,
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)),
            TIMEOUT_MS,
          );
        }),
      ]);
    } catch (e) {
      failed();
      throw e;
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    get: (key) => within(cache.get(key)),
    set: (key, value, options) => within(cache.set(key, value, options)),
  };
}
