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
}

const keyOf = (tenantId: string) => `${tenantId}:version`;
const fresh = () => crypto.randomUUID();

export function createTenantVersions(cache: Cache, logger?: Logger): TenantVersions {
  let warned = false;
  const warn = (what: string, e: unknown) => {
    if (warned) return;
    warned = true;
    logger?.warn(`tenant data versions: ${what}; cached reads are skipped meanwhile`, {
      error: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
    });
  };
  return {
    async current(tenantId) {
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
