// The whole app for tests, in-process: a fresh database, the demo tenants seeded, dev
// tokens for their users. Requests go through app.request, exactly as over HTTP.
import type { OpenAPIHono } from "@hono/zod-openapi";
import { type AppOptions, createApp } from "../../api/app.ts";
import {
  type AuditSigner,
  createAuditSigner,
  generateAuditSigningKey,
} from "../../api/audit/signing.ts";
import { createDevIssuer, type DevIssuer } from "../../api/auth/dev_issuer.ts";
import { createMemoryCache } from "../../api/cache/memory.ts";
import type { Cache } from "../../api/cache/port.ts";
import { loadConfig } from "../../api/config.ts";
import { DEMO_TENANTS } from "../../api/demo.ts";
import type { AppEnv } from "../../api/env.ts";
import { orderPlugins, type ProcedoPlugin } from "../../api/plugin.ts";
import { seedDemoTenants } from "../../api/tenants.ts";
import { defaultPlugins } from "../../plugins/mod.ts";
import type { Role } from "../../schema/core.ts";
import { freshDatabase, type TestDatabase } from "./db.ts";
import { createTenantVersions } from "../../api/tenant_cache/version.ts";

export interface TestApp {
  app: OpenAPIHono<AppEnv>;
  database: TestDatabase;
  cache: Cache;
  issuer: DevIssuer;
  /** Signs the audit anchors of this app (a key of its own). */
  auditSigner: AuditSigner;
  /** A dev token for the demo user with `role` in demo tenant 0 or 1. */
  token(role: Role, tenant?: 0 | 1): Promise<string>;
  /**
   * Announces a change made around the API (a service called directly, SQL), as a request's
   * write would, so the app's remembered answers for the tenant are not reused.
   */
  changed(tenantId: string): Promise<void>;
  /** Sends a request; `body` objects are sent as JSON. */
  call(method: string, path: string, init?: CallInit): Promise<Response>;
  close(): Promise<void>;
}

export interface CallInit {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export async function startTestApp(opts: {
  plugins?: ProcedoPlugin[];
  env?: Record<string, string>;
  cache?: Cache;
  /** Answers GET requests outside /api (the built UI, for browser tests). */
  fallback?: AppOptions["fallback"];
  /** Receives the app's log lines (else they are silent). */
  logger?: AppOptions["logger"];
  /** A second instance of `instanceOf`: its database and dev issuer, nothing seeded again. */
  instanceOf?: TestApp;
} = {}): Promise<TestApp> {
  const config = loadConfig({ LOG_LEVEL: "silent", MODE: "test", ...opts.env });
  const database = opts.instanceOf?.database ?? await freshDatabase();
  const cache = opts.cache ?? createMemoryCache();
  const plugins = opts.plugins ?? defaultPlugins;
  if (!opts.instanceOf) {
    await seedDemoTenants({ config, db: database.db, cache, plugins: orderPlugins(plugins) });
  }
  const issuer = opts.instanceOf?.issuer ?? await createDevIssuer();
  const auditSigner = opts.instanceOf?.auditSigner ??
    await createAuditSigner(generateAuditSigningKey());
  const app = await createApp({
    config,
    db: database.db,
    cache,
    plugins,
    pingDb: database.ping,
    poolStats: database.poolStats,
    devIssuer: issuer,
    auditSigner,
    fallback: opts.fallback,
    logger: opts.logger,
  });
  const call = (method: string, path: string, init: CallInit = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    let body: BodyInit | undefined;
    if (init.body !== undefined) {
      if (typeof init.body === "string" || init.body instanceof Uint8Array) {
        body = init.body as BodyInit;
      } else {
        body = JSON.stringify(init.body);
        headers["content-type"] ??= "application/json";
      }
    }
    return Promise.resolve(app.request(path, { method, headers, body }));
  };
  return {
    app,
    database,
    cache,
    issuer,
    auditSigner,
    token: (role, tenant = 0) => {
      const t = DEMO_TENANTS[tenant];
      const u = t.users.find((x) => x.role === role)!;
      return issuer.sign({ tid: t.entraTenantId, oid: u.oid, name: u.name });
    },
    call,
    changed: (tenantId) => createTenantVersions(cache).changed(tenantId),
    close: async () => {
      if (!opts.instanceOf) await database.drop();
      if (!opts.cache) await cache.close();
    },
  };
}

/** Deno.test without the resource and op sanitizers (pools and servers outlive a test). */
export function test(name: string, fn: () => Promise<void> | void) {
  Deno.test({ name, sanitizeOps: false, sanitizeResources: false, fn });
}
