// The shared cache (Redis, Upstash) with memory behind it: while the shared one does not
// answer, every operation is served by this instance's memory — rate limits count per
// instance, JWKS and idempotency keys live locally — instead of failing or hanging. One
// warning per outage; the shared cache is tried again every few seconds and used again as
// soon as it answers. Memory is not a shared truth: what needs one (the tenant data versions,
// see api/tenant_cache/version.ts) asks the shared cache directly and reuses nothing while it
// is down.
import type { Logger } from "../log.ts";
import { createMemoryCache } from "./memory.ts";
import type { Cache } from "./port.ts";

export interface FallbackOptions {
  logger?: Logger;
  /** How long one operation waits for the shared cache. */
  timeoutMs?: number;
  /** How long the shared cache is left alone after it failed. */
  retryAfterMs?: number;
}

export function withMemoryFallback(shared: Cache, opts: FallbackOptions = {}): Cache {
  if (shared.kind === "memory") return shared;
  const memory = createMemoryCache();
  const timeoutMs = opts.timeoutMs ?? 250;
  const retryAfterMs = opts.retryAfterMs ?? 5000;
  let downUntil = 0;
  let down = false;

  async function run<T>(op: (c: Cache) => Promise<T>): Promise<T> {
    if (Date.now() < downUntil) return await op(memory);
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const result = await Promise.race([
        op(shared),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer within ${timeoutMs} ms`)),
            timeoutMs,
          );
        }),
      ]);
      if (down) {
        down = false;
        opts.logger?.info("cache: the shared cache answers again; memory is no longer used");
      }
      return result;
    } catch (e) {
      downUntil = Date.now() + retryAfterMs;
      if (!down) {
        down = true;
        opts.logger?.warn(
          "cache: the shared cache does not answer; this instance uses its memory meanwhile",
          { errorClass: e instanceof Error ? e.name : typeof e },
        );
      }
      return await op(memory);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    kind: shared.kind,
    get: (key) => run((c) => c.get(key)),
    set: (key, value, options) => run((c) => c.set(key, value, options)),
    incr: (key, ttl) => run((c) => c.incr(key, ttl)),
    expire: (key, ttl) => run((c) => c.expire(key, ttl)),
    ttl: (key) => run((c) => c.ttl(key)),
    delete: (key) => run((c) => c.delete(key)),
    // A purge must reach the shared cache; memory is cleared too.
    deleteByPrefix: async (prefix) => {
      const local = await memory.deleteByPrefix(prefix);
      return local + await shared.deleteByPrefix(prefix);
    },
    ping: () => shared.ping(),
    close: async () => {
      await memory.close();
      await shared.close();
    },
  };
}
