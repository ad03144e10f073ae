// Upstash Redis over its REST API: works where raw TCP does not (Cloudflare Workers).
// The client batches concurrent commands into one /pipeline request by default.
import { checkTtl, globEscape, INCR_WITH_TTL } from "./_shared.ts";
import { Redis, type SetCommandOptions } from "@upstash/redis";
import type { Cache, SetOptions } from "./port.ts";

const PING_TIMEOUT_MS = 5000;
const SCAN_COUNT = 500;

export function createUpstashCache(url: string, token: string): Cache {
  const redis = new Redis({
    url,
    token,
    // By default values are JSON-parsed, so "123" would come back as a number.
    automaticDeserialization: false,
    enableTelemetry: false,
    // The default (5 retries, exponential) takes several seconds to report an outage.
    retry: { retries: 2, backoff: (n) => 100 * 2 ** n },
  });

  return {
    kind: "upstash",

    get: (key) => redis.get<string>(key),

    async set(key: string, value: string, options: SetOptions = {}) {
      checkTtl(options.ttlSeconds);
      const opts = {
        ...(options.onlyIfAbsent ? { nx: true } : {}),
        ...(options.ttlSeconds !== undefined ? { ex: options.ttlSeconds } : {}),
      } as SetCommandOptions;
      return (await redis.set(key, value, opts)) !== null;
    },

    async incr(key, ttlSeconds) {
      checkTtl(ttlSeconds);
      const args = ttlSeconds === undefined ? [] : [String(ttlSeconds)];
      return Number(await redis.eval(INCR_WITH_TTL, [key], args));
    },

    async expire(key, ttlSeconds) {
      checkTtl(ttlSeconds);
      return (await redis.expire(key, ttlSeconds)) === 1;
    },

    async ttl(key) {
      const seconds = await redis.ttl(key);
      return seconds < 0 ? null : seconds;
    },

    async delete(key) {
      return (await redis.del(key)) > 0;
    },

    async deleteByPrefix(prefix) {
      const match = globEscape(prefix) + "*";
      let cursor = "0";
      let count = 0;
      do {
        const [next, keys] = await redis.scan(cursor, { match, count: SCAN_COUNT });
        cursor = String(next);
        if (keys.length) count += await redis.unlink(...keys);
      } while (cursor !== "0");
      return count;
    },

    async ping() {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(new Error(`cache: upstash did not answer PING within ${PING_TIMEOUT_MS} ms`)),
          PING_TIMEOUT_MS,
        );
      });
      try {
        await Promise.race([redis.ping(), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },

    // Stateless HTTP: nothing to close.
    close: () => Promise.resolve(),
  };
}
