// The OpenAPI document built offline: the app is assembled with a memory cache and a
// database that is never connected to, and the document is asked for like any client would.
// `deno task openapi` writes it (and the TypeScript client types) from here.
import { createApp } from "./app.ts";
import { createMemoryCache } from "./cache/memory.ts";
import { loadConfig } from "./config.ts";
import { openDatabase } from "./db/client.ts";
import { OPENAPI_PATH } from "./openapi.ts";
import type { ProcedoPlugin } from "./plugin.ts";
import { defaultPlugins } from "../plugins/mod.ts";

/** A URL nothing listens on: the pool is lazy and no route is called, so it is never dialled. */
const UNUSED_DATABASE_URL = "mysql://openapi@127.0.0.1:1/none";

export interface BuildOptions {
  /** Where the (never used) database would be; tests point it at a listener to prove that. */
  databaseUrl?: string;
}

/**
 * The OpenAPI 3.1 document of the app with `plugins`, exactly as GET /api/openapi.json
 * serves it in dev mode (dev sign-in routes included). Same plugins, same bytes: the
 * configuration is fixed here and does not read the environment.
 */
export async function buildOpenApiDocument(
  plugins: ProcedoPlugin[] = defaultPlugins,
  options: BuildOptions = {},
): Promise<object> {
  const config = loadConfig({ MODE: "development", AUTH_MODE: "dev", LOG_LEVEL: "silent" });
  const database = openDatabase({
    url: options.databaseUrl ?? UNUSED_DATABASE_URL,
    driver: "mysql2",
    poolSize: 1,
  });
  const cache = createMemoryCache();
  try {
    const app = await createApp({
      config,
      db: database.db,
      cache,
      plugins,
      pingDb: () => Promise.reject(new Error("no database while building the document")),
    });
    const res = await app.request(OPENAPI_PATH);
    if (res.status !== 200) {
      throw new Error(`GET ${OPENAPI_PATH} answered ${res.status}: ${await res.text()}`);
    }
    return await res.json();
  } finally {
    await cache.close();
    await database.close();
  }
}
