// Procedo on Cloudflare Workers: `npx wrangler deploy` (see docs/deploy-workers.md).
//
// The app is built on the first request and kept for the life of the isolate. What differs
// from api/main.ts (Deno):
// - configuration comes from the Worker's string bindings ([vars] and secrets);
// - no migrations and no demo seed here: run `deno task migrate` against the database;
// - the cache is Upstash (REST) when configured, else in-memory per isolate. This file
//   imports the adapters directly, never cache/mod.ts, which pulls in ioredis (TCP);
// - mysql2 sockets belong to the request that opened them (workerd refuses I/O on behalf
//   of another request), so with DATABASE_DRIVER=mysql2 every request gets its own pool,
//   opened on its first query and closed after the response. PlanetScale over HTTP is
//   stateless and shared by the whole isolate;
// - without DATABASE_URL the app still starts: health, docs and the UI answer, readiness
//   reports the database failing, and whatever needs the database answers 503 at once;
// - the UI comes from the static assets binding (ASSETS, see wrangler.toml).
// Nothing here may touch `Deno`: it runs in workerd with the nodejs_compat flag.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Context, ExecutionContext } from "hono";
import { defaultPlugins } from "../plugins/mod.ts";
import { createApp } from "./app.ts";
import { anchorDueChains } from "./audit/anchors.ts";
import { createAuditSigner, generateAuditSigningKey } from "./audit/signing.ts";
import { createMemoryCache } from "./cache/memory.ts";
import type { Cache } from "./cache/port.ts";
import { createUpstashCache } from "./cache/upstash.ts";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import { type Database, type Db, openDatabase } from "./db/client.ts";
import { describeError } from "./error_log.ts";
import { createLogger, type Logger } from "./log.ts";
import { problemBody, ProblemError } from "./problem.ts";

/** The static assets binding (a Fetcher); only `fetch` is used. */
export interface AssetsBinding {
  fetch(request: Request): Promise<Response>;
}

/** The Worker's bindings: strings from [vars] and secrets, ASSETS, and whatever else is bound. */
export interface WorkerEnv {
  ASSETS?: AssetsBinding;
  [name: string]: unknown;
}

type App = Awaited<ReturnType<typeof createApp>>;

interface Runtime {
  app: App;
  /** Anchors the audit chains with new entries (the Cron Trigger's job). */
  anchor(): Promise<void>;
  /** The database of the current request (`perRequest`) or of the whole isolate. */
  connect(): Database;
  perRequest: boolean;
}

/** What one request opened, so it can be closed after the response. */
interface RequestScope {
  database?: Database;
}

const MISSING_DATABASE_URL =
  "DATABASE_URL is not set, so this Worker has no database: set it with `wrangler secret put DATABASE_URL` (and DATABASE_DRIVER=planetscale for PlanetScale over HTTP)";

const NO_DATABASE_DETAIL = "This server has no database yet (DATABASE_URL is not set).";

const requests = new AsyncLocalStorage<RequestScope>();
let runtime: Promise<Runtime> | undefined;

export default {
  /** The Cron Trigger of wrangler.toml: signs the audit chains' heads (api/audit/anchors.ts). */
  async scheduled(_controller: unknown, env: WorkerEnv, ctx: ExecutionContext): Promise<void> {
    let rt: Runtime;
    try {
      rt = await (runtime ??= buildRuntime(env));
    } catch (e) {
      runtime = undefined;
      startupFailure(new Request("https://procedo.invalid/scheduled"), e);
      return;
    }
    const scope: RequestScope = {};
    try {
      await requests.run(scope, () => rt.anchor());
    } finally {
      const database = scope.database;
      if (database) ctx.waitUntil(database.close().catch(() => {}));
    }
  },

  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    let rt: Runtime;
    try {
      rt = await (runtime ??= buildRuntime(env));
    } catch (e) {
      runtime = undefined; // Try again on the next request (and log again).
      return startupFailure(request, e);
    }
    if (!rt.perRequest) return await rt.app.fetch(request, env, ctx);
    const scope: RequestScope = {};
    try {
      return await requests.run(scope, () => rt.app.fetch(request, env, ctx));
    } finally {
      const database = scope.database;
      if (database) ctx.waitUntil(database.close().catch(() => {}));
    }
  },
};

async function buildRuntime(env: WorkerEnv): Promise<Runtime> {
  const vars = stringBindings(env);
  // Without a URL the driver is moot (wrangler.toml names planetscale, which config.ts would
  // refuse without a URL): the Worker then runs without a database, see databaseFor.
  if (!vars.DATABASE_URL?.trim()) delete vars.DATABASE_DRIVER;
  const config = loadConfigRedacted(vars);
  const logger = createLogger(config.logLevel);
  const { connect, perRequest } = databaseFor(config, logger);
  const db = perRequest ? requestScopedDb(() => connect().db) : connect().db;
  const cache: Cache = config.cache.kind === "upstash"
    ? createUpstashCache(config.cache.url, config.cache.token)
    : createMemoryCache();
  if (config.cache.kind === "redis") {
    logger.warn("CACHE=redis needs TCP to Redis, which Workers lack; using the in-memory cache", {
      hint: "set UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN",
    });
  }
  const assets = env.ASSETS;
  if (!config.audit.signingKey) {
    logger.warn(
      "AUDIT_SIGNING_KEY is not set: audit anchors are signed with a key of this isolate",
      {
        hint: "wrangler secret put AUDIT_SIGNING_KEY (required in production)",
      },
    );
  }
  const auditSigner = await createAuditSigner(
    config.audit.signingKey ?? generateAuditSigningKey(),
    config.audit.previousPublicKeys,
  );
  const app = await createApp({
    config,
    db,
    cache,
    plugins: defaultPlugins,
    pingDb: () => connect().ping(),
    logger,
    auditSigner,
    fallback: assets ? (c) => serveAsset(assets, c) : undefined,
  });
  const anchor = async () => {
    const counts = await anchorDueChains(db, auditSigner, { logger }).catch((e) => {
      logger.warn("audit anchoring did not run", {
        ...describeError(e),
      });
      return undefined;
    });
    if (counts && (counts.anchored || counts.refused || counts.failed)) {
      logger.info("audit chains anchored", counts);
    }
  };
  return { app, anchor, connect, perRequest };
}

/** The Worker's string bindings as an environment record (ASSETS and other objects left out). */
function stringBindings(env: WorkerEnv): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (typeof value === "string") vars[name] = value;
  }
  return vars;
}

/** loadConfig, with the values of secret-looking bindings blanked in its messages (they are logged). */
function loadConfigRedacted(vars: Record<string, string>): Config {
  try {
    return loadConfig(vars);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    const secrets = Object.entries(vars)
      .filter(([name, value]) => /URL|TOKEN|KEY|SECRET|PASSWORD/i.test(name) && value.length >= 6)
      .map(([, value]) => value.trim());
    throw new ConfigError(
      e.problems.map((p) => secrets.reduce((text, v) => text.replaceAll(v, "[redacted]"), p)),
    );
  }
}

function databaseFor(
  config: Config,
  logger: Logger,
): { connect: () => Database; perRequest: boolean } {
  const url = config.database.url;
  if (!url) {
    logger.warn("no database configured", { error: MISSING_DATABASE_URL });
    const database = unconfiguredDatabase(config.database.driver);
    return { connect: () => database, perRequest: false };
  }
  if (config.database.driver === "planetscale") {
    const database = openDatabase({ url, driver: "planetscale" });
    return { connect: () => database, perRequest: false };
  }
  return {
    perRequest: true,
    connect() {
      const scope = requests.getStore();
      if (!scope) throw new Error("the database was used outside of a request");
      return scope.database ??= openDatabase({
        url,
        driver: "mysql2",
        poolSize: config.database.poolSize,
        disableEval: true,
      });
    },
  };
}

/**
 * A drizzle database that forwards every use to the current request's database, so the app
 * (built once) never holds a socket of an earlier request.
 */
function requestScopedDb(current: () => Db): Db {
  return new Proxy({} as Db, {
    get(_target, prop) {
      const db = current();
      const value = Reflect.get(db, prop, db);
      return typeof value === "function" && prop !== "constructor" ? value.bind(db) : value;
    },
    has: (_target, prop) => Reflect.has(current(), prop),
  });
}

/**
 * The database while DATABASE_URL is unset: any use (db.select, db.insert, db.transaction…)
 * throws at once, before any SQL is built or sent, so the request is answered 503 with a
 * problem document. No connection is attempted, so nothing can hang.
 */
function unconfiguredDatabase(driver: Database["driver"]): Database {
  const db = new Proxy({} as Db, {
    get(_target, prop) {
      // Not a use: awaiting or inspecting the object.
      if (typeof prop === "symbol" || prop === "then") return undefined;
      throw new ProblemError(503, undefined, NO_DATABASE_DETAIL);
    },
  });
  return {
    db,
    driver,
    ping: () => Promise.reject(new Error(MISSING_DATABASE_URL)),
    close: () => Promise.resolve(),
  };
}

/** The UI from the assets binding; a miss returns undefined so the API answers its own 404. */
async function serveAsset(assets: AssetsBinding, c: Context): Promise<Response | undefined> {
  const res = await assets.fetch(c.req.raw);
  if (res.status === 404) return undefined;
  // The binding's headers are immutable; the app's middleware adds its own after this.
  return new Response(res.body, res);
}

/** The answer to every request while the app cannot be built (bad configuration). */
function startupFailure(request: Request, error: unknown): Response {
  // The details (variable names, non-secret values given) go to the log, never to the caller.
  console.error(JSON.stringify({
    time: new Date().toISOString(),
    level: "error",
    msg: "Procedo could not start",
    error: error instanceof ConfigError
      ? error.message
      : error instanceof Error
      ? `${error.name}: ${error.message}`
      : String(error),
  }));
  const body = problemBody(503, {
    detail: error instanceof ConfigError
      ? "The server is misconfigured; its log names the settings to fix."
      : "The server could not start; see its log.",
  });
  return Response.json({ ...body, instance: new URL(request.url).pathname }, {
    status: 503,
    headers: { "content-type": "application/problem+json", "cache-control": "no-store" },
  });
}
