// The app factory: the slim core every feature plugs into. It knows no plugin by name.
import { OpenAPIHono } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import type { Context, ErrorHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import type { Cache } from "./cache/port.ts";
import { withMemoryFallback } from "./cache/fallback.ts";
import type { Config } from "./config.ts";
import { createDevIssuer, type DevIssuer } from "./auth/dev_issuer.ts";
import { createEntraVerifier } from "./auth/verify.ts";
import type { Db, PoolStats } from "./db/client.ts";
import { addPoolMetrics } from "./db/pool_metrics.ts";
import { databaseUnavailableProblem, logDatabaseOutage } from "./db/errors.ts";
import type { AppEnv } from "./env.ts";
import { registerHealth } from "./health.ts";
import { createLogger, type Logger } from "./log.ts";
import { cors, originCheck } from "./middleware/cors.ts";
import { observe } from "./middleware/observe.ts";
import { requestSpan } from "./tracing.ts";
import { sequence } from "./http/sequence.ts";
import { RememberingRouter } from "./http/router.ts";
import { securityHeaders } from "./middleware/secure_headers.ts";
import { wellFormedJson } from "./middleware/well_formed_json.ts";
import { registerDocs } from "./openapi.ts";
import { registerAuditRoutes } from "./audit/routes.ts";
import type { AuditSigner } from "./audit/signing.ts";
import { mountPlugins } from "./plugin_host.ts";
import { orderPlugins, type ProcedoPlugin } from "./plugin.ts";
import { fieldErrors, problem, ProblemError } from "./problem.ts";
import { describeError, requestFields } from "./error_log.ts";
import { createErrorReporter, type ErrorReporter } from "./error_report.ts";
import { registerDevRoutes } from "./dev_routes.ts";
import { registerClientConfig } from "./client_config.ts";
import { registerOperatorRoutes } from "./operator/routes.ts";
import { addressRateLimit } from "./rate_limit.ts";
import { registerTrialRoutes } from "./trial_routes.ts";
import { usersCorePlugin } from "./users/routes.ts";
import { apiKeysCorePlugin } from "./api_keys/routes.ts";
import { recycleBinCorePlugin } from "./recycle_bin/routes.ts";
import { settingsCorePlugin } from "./settings/routes.ts";
import { createTenantCache } from "./tenant_cache/mod.ts";
import { OriginIndex } from "./embedding/origin_index.ts";
import { embeddingCorePlugin } from "./embedding/routes.ts";
import type { MailCatcher } from "./mail/catcher.ts";
import { registerDevMailPage } from "./mail/dev_page.ts";
import { addTenantCacheMetrics } from "./tenant_cache/metrics.ts";
import { type CoreMetrics, createCoreMetrics } from "./metrics/mod.ts";
import { registerMetricsRoute } from "./metrics/route.ts";

export interface AppOptions {
  config: Config;
  db: Db;
  cache: Cache;
  plugins: ProcedoPlugin[];
  /** Checks the database for readiness; defaults to a trivial query through drizzle. */
  pingDb?: () => Promise<void>;
  /** Signs and checks audit anchors; from AUDIT_SIGNING_KEY when missing. */
  auditSigner?: AuditSigner;
  /** The dev issuer (dev mode); a new in-memory one is made when missing. */
  devIssuer?: DevIssuer;
  logger?: Logger;
  /** The dev catcher (MAIL_TRANSPORT=catcher): its mails are shown at /dev/mail in dev mode. */
  mailCatcher?: MailCatcher;
  /** Where unexpected errors go; by default the sink of the configuration, if any. */
  reportError?: ErrorReporter;
  /** The database pool's use, for /metrics. */
  poolStats?: () => PoolStats;
  /** The instance's metrics, when the caller adds gauges of its own. */
  metrics?: CoreMetrics;
  /** Answers GET requests outside /api and /health (the built UI, or a landing page). */
  fallback?: (c: Context) => Response | Promise<Response | undefined> | undefined;
}

const TARGETS: Record<string, string> = { json: "body", form: "body", param: "path" };

/** Builds the Procedo app: core middleware, health, docs, auth and every plugin's routes. */
export async function createApp(options: AppOptions): Promise<OpenAPIHono<AppEnv>> {
  const { config, db } = options;
  const plugins = orderPlugins(options.plugins);
  const logger = options.logger ?? createLogger(config.logLevel);
  const cache = withMemoryFallback(options.cache, { logger });
  // The tenant data versions need the shared truth; everything else may fall back to memory.
  const tenantCache = createTenantCache(options.cache, {
    responseBytes: config.responseCacheBytes,
    logger,
  });

  const app = new OpenAPIHono<AppEnv>({
    router: new RememberingRouter(),
    defaultHook: (result, c) => {
      if (result.success) return;
      return problem(c, 422, {
        detail: "Some fields are not valid; see errors.",
        extra: {
          errors: fieldErrors(TARGETS[result.target] ?? result.target, result.error.issues),
        },
      });
    },
  });

  const metrics = options.metrics ?? createCoreMetrics();
  const reportError = options.reportError ?? createErrorReporter(config.errorReport);
  addTenantCacheMetrics(metrics.registry, tenantCache);
  if (options.poolStats) addPoolMetrics(metrics.registry, options.poolStats);
  const origins = new OriginIndex(db, cache);
  const corsOptions = {
    staticOrigins: config.http.corsOrigins,
    origins,
    publicUrl: config.publicUrl,
  };
  const secure = securityHeaders(config.http, {
    frameOriginsOf: (tenantId) => origins.originsOf(tenantId),
  });
  const observer = observe({ logger, metrics, securityHeaders: secure });
  app.use("*", observer);
  // CORS, the body limit and well-formed JSON, in one layer that a read without an Origin
  // (nothing for any of them to do) passes at once.
  const apiGuards = sequence([
    cors(corsOptions),
    bodyLimit({
      maxSize: config.http.bodyLimitBytes,
      onError: (c) =>
        problem(c, 413, { detail: `The body exceeds ${config.http.bodyLimitBytes} bytes.` }),
    }),
    wellFormedJson(),
  ], (err, c) => handleError(err, c));
  app.use("/api/*", (c, next) => {
    const read = c.req.method === "GET" || c.req.method === "HEAD";
    return read && c.req.header("origin") === undefined ? next() : apiGuards(c, next);
  });

  const handleError: ErrorHandler<AppEnv> = (thrown, c) => {
    const outage = databaseUnavailableProblem(thrown);
    if (outage) logDatabaseOutage(logger, thrown, requestFields(c));
    const err = outage ?? thrown;
    if (err instanceof ProblemError) {
      if (err.status === 429) {
        metrics.rateLimited.inc({ scope: String(err.extra.scope ?? "other") });
      }
      return problem(
        c,
        err.status,
        { slug: err.slug, detail: err.message, extra: err.extra },
        err.headers,
      );
    }
    if (err instanceof HTTPException) {
      const status = err.status;
      const detail = status === 400 && /json/i.test(err.message)
        ? "The body is not valid JSON."
        : err.message || undefined;
      return problem(c, status, {
        slug: status === 400 && detail?.includes("JSON") ? "malformed-json" : undefined,
        detail,
      });
    }
    const where = requestFields(c);
    logger.error("unhandled error", { ...describeError(err), ...where });
    if (reportError) {
      const sent = reportError({ ...where, error: err }).catch((e) =>
        logger.warn("error report not delivered", describeError(e))
      );
      waitUntil(c, sent);
    }
    return problem(c, 500, { detail: "Something went wrong on our side; quote the request id." });
  };
  app.onError(handleError);

  registerHealth(app, {
    checks: {
      database: options.pingDb ?? (async () => void await db.execute(sql`select 1`)),
      cache: () => cache.ping(),
    },
    // Requests are served from memory while the shared cache is down: the instance stays ready.
    degradable: ["cache"],
  });

  const verifier = config.auth.mode === "dev"
    ? (options.devIssuer ??= await createDevIssuer()).verifier
    : createEntraVerifier(config.auth.entra, cache);
  if (config.auth.mode === "dev") {
    registerDevRoutes(app, { db, issuer: options.devIssuer! });
    if (options.mailCatcher) registerDevMailPage(app, options.mailCatcher);
  }
  registerClientConfig(app, config);

  const perAddress = {
    cache,
    limit: config.rateLimit.perAddress,
    trustProxy: config.http.trustProxy,
  };
  app.use("/api/v1/tenants/trial", addressRateLimit({ ...perAddress, bucket: "trial" }));
  app.use("/api/operator/*", addressRateLimit({ ...perAddress, bucket: "operator" }));
  app.use("/metrics", addressRateLimit({ ...perAddress, bucket: "operator" }));
  registerTrialRoutes(app, { config, db, cache, verifier, plugins });
  registerOperatorRoutes(app, {
    db,
    operatorKey: config.operatorKey,
    tenantChanged: (id) => tenantCache.versions.changed(id),
  });
  registerMetricsRoute(app, { registry: metrics.registry, operatorKey: config.operatorKey });
  // Core features mounted like plugins, so they get the same guards (names are reserved).
  const core = [
    usersCorePlugin,
    apiKeysCorePlugin,
    settingsCorePlugin,
    recycleBinCorePlugin,
    embeddingCorePlugin(origins),
  ];
  const mounted = [...core, ...plugins];
  const checkOrigin = originCheck(corsOptions);
  const remembered = mountPlugins(app, mounted, { config, db, cache, plugins: mounted }, {
    verifier,
    tenantCache,
    checkOrigin,
    rememberedReads: {
      securityHeaders: secure.jsonApi,
      answered: observer.answered,
      tracing: () => requestSpan() !== undefined,
    },
  });
  registerAuditRoutes(app, {
    config,
    db,
    cache,
    verifier,
    tenantCache,
    checkOrigin,
    plugins: mounted,
    signer: options.auditSigner,
  });
  registerDocs(app, mounted);

  app.notFound(async (c) => {
    const path = new URL(c.req.url).pathname;
    const allowed = allowedMethods(app, path);
    if (allowed.length) {
      return problem(c, 405, { detail: `${c.req.method} is not allowed here.` }, {
        Allow: allowed.join(", "),
      });
    }
    if (
      options.fallback && (c.req.method === "GET" || c.req.method === "HEAD") &&
      !path.startsWith("/api/") && !path.startsWith("/health/")
    ) {
      const res = await options.fallback(c);
      if (res) return res;
    }
    return problem(c, 404, { detail: `Nothing at ${path}.` });
  });

  if (remembered) {
    // Remembered reads are answered before Hono (api/http/remembered_reads.ts); `app.request`
    // goes through `fetch` too, so tests see what a server sees.
    const full = app.fetch;
    app.fetch = (request, env, executionCtx) => {
      const answer = remembered.answer(request);
      if (answer === undefined) return full(request, env, executionCtx);
      if (answer instanceof Response) return answer;
      return answer.then((res) => res ?? full(request, env, executionCtx));
    };
  }
  return app;
}

/** The methods registered for `path`, to tell 405 from 404. */
function allowedMethods(app: OpenAPIHono<AppEnv>, path: string): string[] {
  const methods = new Set<string>();
  for (const r of app.routes) {
    if (r.method === "ALL") continue;
    const pattern = "^" + r.path.replace(/[.+?^${}()|[\]\\]/g, "\\$&")
      .replace(/\/:[^/]+/g, "/[^/]+").replace(/\*/g, ".*") +
      "/?$";
    if (new RegExp(pattern).test(path)) methods.add(r.method);
  }
  if (methods.has("GET")) methods.add("HEAD");
  return [...methods].sort();
}

/** Keeps a Worker alive for `work` after the answer; on Deno the promise simply runs on. */
function waitUntil(c: Context, work: Promise<unknown>) {
  try {
    c.executionCtx.waitUntil(work);
  } catch {
    // No execution context outside Workers.
  }
}
