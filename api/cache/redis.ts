// Redis over TCP (ioredis). For long-running servers; Workers use the Upstash adapter.
import { checkTtl, globEscape, INCR_WITH_TTL } from "./_shared.ts";
import { Redis } from "ioredis";
import type { Cache, SetOptions } from "./port.ts";

const PING_TIMEOUT_MS = 2000;
const SCAN_COUNT = 500;

export function createRedisCache(url: string): Cache {
  const redis = new Redis(url, {
    // Connect on first use, so creating a cache never fails and never logs by itself.
    lazyConnect: true,
    connectTimeout: PING_TIMEOUT_MS,
    // Keep the offline queue so commands issued while connecting wait, but give up after one
    // reconnect attempt: a request should fail fast when Redis is down, not hang.
    maxRetriesPerRequest: 1,
  });
  let reported = false;
  // Without a listener ioredis reports every failed reconnect; log once per outage instead.
  redis.on("error", (err: Error) => {
    if (reported) return;
    reported = true;
    console.warn(`cache: redis connection error: ${err.message}`);
  });
  redis.on("ready", () => {
    reported = false;
  });

  return {
    kind: "redis",

    get: (key) => redis.get(key),

    async set(key: string, value: string, options: SetOptions = {}) {
      checkTtl(options.ttlSeconds);
      const args: (string | number)[] = [key, value];
      if (options.onlyIfAbsent) args.push("NX");
      if (options.ttlSeconds !== undefined) args.push("EX", options.ttlSeconds);
      return (await redis.call("SET", ...args)) !== null;
    },

    async incr(key, ttlSeconds) {
      checkTtl(ttlSeconds);
      const args = ttlSeconds === undefined ? [] : [ttlSeconds];
      return Number(await redis.eval(INCR_WITH_TTL, 1, key, ...args));
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
        const [next, keys] = await redis.scan(cursor, "MATCH", match, "COUNT", SCAN_COUNT);
        cursor = next;
        // UNLINK frees memory in the background, and counts only keys that still existed.
        if (keys.length) count += await redis.unlink(...keys);
      } while (cursor !== "0");
      return count;
    },

    async ping() {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`cache: redis did not answer PING within ${PING_TIMEOUT_MS} ms`)),
          PING_TIMEOUT_MS,
        );
      });
      try {
        await Promise.race([redis.ping(), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },

    async close() {
      // quit() would first try to connect (lazyConnect) or wait on a dead server.
      if (redis.status === "ready") await redis.quit().catch(() => redis.disconnect());
      else redis.disconnect();
    },
  };
}
