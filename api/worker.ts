// draft
import { createApp } from "./app.ts";
import { createMemoryCache } from "./cache/memory.ts";
import { createUpstashCache } from "./cache/upstash.ts";
import { loadConfig } from "./config.ts";
import { openDatabase } from "./db/client.ts";
import { defaultPlugins } from "../plugins/mod.ts";

interface Fetcher {
  fetch(request: Request): Promise<Response>;
}
type Env = Record<string, unknown> & { ASSETS?: Fetcher };

// deno-lint-ignore no-explicit-any
let app: Promise<any> | undefined;

async function build(env: Env) {
  const vars = Object.fromEntries(
    Object.entries(env).filter(([, v]) => typeof v === "string"),
  ) as Record<string, string>;
  const config = loadConfig(vars);
  const database = openDatabase({
    url: config.database.url!,
    driver: config.database.driver,
    disableEval: true,
  });
  const cache = config.cache.kind === "upstash"
    ? createUpstashCache(config.cache.url, config.cache.token)
    : createMemoryCache();
  return await createApp({
    config,
    db: database.db,
    cache,
    plugins: defaultPlugins,
    pingDb: database.ping,
    fallback: env.ASSETS ? (c) => env.ASSETS!.fetch(c.req.raw) : undefined,
  });
}

export default {
  async fetch(request: Request, env: Env, ctx: unknown) {
    app ??= build(env);
    return (await app).fetch(request, env, ctx);
  },
};
