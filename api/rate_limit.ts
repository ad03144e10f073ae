// Rate limits: fixed one-minute windows counted in the cache, per credential (a user or an
// API key) and per tenant (all its credentials together). Runs right after tenancy, so the
// counters belong to the verified credential and its tenant, and every key starts with the
// tenant id like all cache keys.
//
// The credential is counted first and the tenant only for requests the credential limit let
// through: a runaway client that is already being refused does not use up its tenant's
// budget and lock out everyone else in the workspace.
import type { Context, MiddlewareHandler } from "hono";
import type { Cache } from "./cache/port.ts";
import { clientAddress } from "./client_address.ts";
import type { Config } from "./config.ts";
import type { AppEnv, Principal } from "./env.ts";
import { createLogger, type Logger } from "./log.ts";
import { ProblemError } from "./problem.ts";
import { setResponseHeaders } from "./http/response_headers.ts";

export const WINDOW_SECONDS = 60;
/** "0" … "60": the RateLimit-Reset values, made once. */
const SECONDS_TEXT = Array.from({ length: WINDOW_SECONDS + 1 }, (_, i) => String(i));
/** The fixed window `now` (epoch ms) falls in, and the whole seconds until it ends (≥ 1). */
function windowAt(now: number): { window: number; reset: number } {
  const window = Math.floor(now / (WINDOW_SECONDS * 1000));
  const reset = Math.max(1, Math.ceil(((window + 1) * WINDOW_SECONDS * 1000 - now) / 1000));
  return { window, reset };
}
/** A counter that takes longer than this counts as a cache outage (fail open, below). */
const CACHE_TIMEOUT_MS = 1000;

export interface RateLimitDeps {
  cache: Cache;
  config: Pick<Config, "logLevel"> & {
    rateLimit: Pick<Config["rateLimit"], "perCredential" | "perTenant">;
  };
  logger?: Logger;
}

/**
 * Counts the request against its credential and tenant (api/tenant_gate.ts calls it): the
 * RateLimit-* headers for the answer, nothing when there is no credential or the cache does
 * not answer; throws the 429 problem over either limit.
 */
export type RateCounter = ((c: Context<AppEnv>) => Promise<Record<string, string> | undefined>) & {
  /** The same count for a principal known without a context (api/http/remembered_reads.ts). */
  count(principal: Principal | undefined): Promise<Record<string, string> | undefined>;
  /** The same count made synchronously, where the cache counts without I/O (`Cache.now`). */
  now?: (principal: Principal) => Record<string, string> | undefined;
};

export function rateCounter(deps: RateLimitDeps): RateCounter {
  const logger = deps.logger ?? createLogger(deps.config.logLevel);
  const { perCredential, perTenant } = deps.config.rateLimit;
  const perCredentialText = String(perCredential);
  const perTenantText = String(perTenant);
  let cacheDown = false;
  // The counter keys of a principal in the current window. Principals are shared by a token's
  // requests (tenancy.ts), so a request hands the cache the strings of the one before (their
  // hashes computed once, no new strings per request).
  const keysOf = new WeakMap<Principal, { window: number; credential: string; tenant: string }>();
  const keysFor = (principal: Principal, window: number) => {
    let keys = keysOf.get(principal);
    if (keys?.window !== window) {
      const t = principal.tenantId;
      keys = {
        window,
        credential: `${t}:rl:cred:${principal.userId}:${window}`,
        tenant: `${t}:rl:tenant:${window}`,
      };
      keysOf.set(principal, keys);
    }
    return keys;
  };
  const counted = () => {
    if (cacheDown) logger.info("rate limits are counted again: the cache answers");
    cacheDown = false;
  };
  const failed = (e: unknown) => {
    // Fail open: rate limits protect capacity, not data. Refusing every request because
    // the counter store is unreachable (or hangs) would turn a cache outage into an API
    // outage, while a while without limits is the smaller harm. Logged once per outage,
    // not per request.
    if (!cacheDown) {
      logger.warn("rate limits are not enforced: the cache does not answer", {
        error: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
      });
    }
    cacheDown = true;
    return undefined;
  };
  /** The RateLimit-* headers for the counts, or the 429 problem over either limit. */
  const verdict = (reset: number, credentialCount: number, tenantCount?: number) => {
    const credentialLeft = perCredential - credentialCount;
    const tenantLeft = tenantCount === undefined ? -1 : perTenant - tenantCount;
    // Report the policy closest to running out (the one that refused, on a 429).
    const byCredential = tenantCount === undefined || credentialLeft <= tenantLeft;
    const limit = byCredential ? perCredential : perTenant;
    const left = byCredential ? credentialLeft : tenantLeft;
    const scope = byCredential ? "credential" : "tenant";
    const headers = {
      "RateLimit-Limit": byCredential ? perCredentialText : perTenantText,
      "RateLimit-Remaining": String(Math.max(0, left)),
      "RateLimit-Reset": SECONDS_TEXT[reset] ?? String(reset),
    };
    if (left < 0) {
      throw new ProblemError(
        429,
        undefined,
        scope === "credential"
          ? `This credential may send ${limit} requests a minute; try again in ${reset} s.`
          : `This workspace may send ${limit} requests a minute; try again in ${reset} s.`,
        { limit, scope },
        { "Retry-After": String(reset), ...headers },
      );
    }
    return headers;
  };

  const countFor = async (principal: Principal | undefined) => {
    if (!principal) return undefined; // Nothing to count without a verified credential.
    const { window, reset } = windowAt(Date.now());
    const keys = keysFor(principal, window);
    let credentialCount: number;
    let tenantCount: number | undefined;
    try {
      credentialCount = await count(deps.cache, keys.credential);
      if (credentialCount <= perCredential) {
        tenantCount = await count(deps.cache, keys.tenant);
      }
      counted();
    } catch (e) {
      return failed(e);
    }
    return verdict(reset, credentialCount, tenantCount);
  };
  const sync = deps.cache.now;
  const countNow = sync &&
    ((principal: Principal) => {
      const { window, reset } = windowAt(Date.now());
      const keys = keysFor(principal, window);
      let credentialCount: number;
      let tenantCount: number | undefined;
      try {
        credentialCount = sync.incr(keys.credential, WINDOW_SECONDS);
        if (credentialCount <= perCredential) {
          tenantCount = sync.incr(keys.tenant, WINDOW_SECONDS);
        }
        counted();
      } catch (e) {
        return failed(e);
      }
      return verdict(reset, credentialCount, tenantCount);
    });
  return Object.assign((c: Context<AppEnv>) => countFor(c.get("principal")), {
    count: countFor,
    now: countNow,
  });
}

/**
 * Counts requests per client address for routes without a tenant yet (trial sign-up, the
 * operator API): creating workspaces or guessing the operator key is not free. Keys start
 * with "_addr:", outside every tenant's key space. Fails open like the limiter above.
 */
export function addressRateLimit(deps: {
  cache: Cache;
  /** Requests per minute and address. */
  limit: number;
  trustProxy: boolean;
  bucket: string;
}): MiddlewareHandler<AppEnv> {
  const { limit, bucket } = deps;
  return async (c, next) => {
    const { window, reset } = windowAt(Date.now());
    const address = clientAddress(c, deps.trustProxy);
    let used: number;
    try {
      used = await count(deps.cache, `_addr:${bucket}:${address}:${window}`);
    } catch {
      return await next();
    }
    const headers = {
      "RateLimit-Limit": String(limit),
      "RateLimit-Remaining": String(Math.max(0, limit - used)),
      "RateLimit-Reset": String(reset),
    };
    if (used > limit) {
      throw new ProblemError(
        429,
        undefined,
        `This address may send ${limit} such requests a minute; try again in ${reset} s.`,
        { limit, scope: "address" },
        { "Retry-After": String(reset), ...headers },
      );
    }
    await next();
    setResponseHeaders(c, headers);
  };
}

/** Increments a window counter, giving up after CACHE_TIMEOUT_MS. */
async function count(cache: Cache, key: string): Promise<number> {
  // Memory answers at once and cannot hang: no timer for it (one per request adds up).
  if (cache.kind === "memory") return await cache.incr(key, WINDOW_SECONDS);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${CACHE_TIMEOUT_MS} ms`)),
      CACHE_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([cache.incr(key, WINDOW_SECONDS), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
