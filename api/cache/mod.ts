// Picks the cache adapter from the validated configuration (see api/config.ts).
import type { Config } from "../config.ts";
import { createMemoryCache } from "./memory.ts";
import type { Cache } from "./port.ts";
import { createRedisCache } from "./redis.ts";
import { createUpstashCache } from "./upstash.ts";

export type { Cache, SetOptions } from "./port.ts";
export { createMemoryCache, createRedisCache, createUpstashCache };

export function createCache(config: Config["cache"]): Cache {
  switch (config.kind) {
    case "memory":
      return createMemoryCache();
    case "redis":
      return createRedisCache(config.url);
    case "upstash":
      return createUpstashCache(config.url, config.token);
  }
}
