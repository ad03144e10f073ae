// Mounts plugins: each gets a sub-app at /api/v1/<name> that already sits behind auth and
// tenancy, whose routes must name a declared permission in `x-permission`; routes that
// authenticate themselves (rawRoutes) are mounted ahead of it on a plain Hono app.
import { OpenAPIHono } from "@hono/zod-openapi";
import { type Context, Hono } from "hono";
import { auditWrite } from "./audit/middleware.ts";
import type { TokenVerifier } from "./auth/verify.ts";
import type { AppEnv } from "./env.ts";
import { createLogger } from "./log.ts";
import { type PluginDeps, PluginError, type ProcedoPlugin } from "./plugin.ts";
import { checkTrial } from "./plans.ts";
import { rateCounter } from "./rate_limit.ts";
import { authenticator, requireRole } from "./tenancy.ts";
import { tenantGate } from "./tenant_gate.ts";
import {
  type RememberedReads,
  rememberedReads,
  type RememberedReadsDeps,
} from "./http/remembered_reads.ts";
import { type TenantCache, tenantResponses } from "./tenant_cache/mod.ts";

type RouteArg = Parameters<OpenAPIHono<AppEnv>["openapi"]>[0] & {
  "x-permission"?: string;
};

/** Registers every plugin's routes under /api/v1/<name>, in dependency order. */
export function mountPlugins(
  app: OpenAPIHono<AppEnv>,
  plugins: ProcedoPlugin[],
  deps: PluginDeps,
  core: {
    verifier: TokenVerifier;
    tenantCache: TenantCache;
    /** Refuses requests from sites the tenant does not allow (api/middleware/cors.ts). */
    checkOrigin?: (c: Context<AppEnv>) => Promise<void> | undefined;
    /** What remembered reads need besides the gate's parts (api/http/remembered_reads.ts). */
    rememberedReads?: Pick<RememberedReadsDeps, "securityHeaders" | "answered" | "tracing">;
  },
): RememberedReads | undefined {
  const logger = createLogger(deps.config.logLevel);
  const { tenantCache } = core;
  const authenticate = authenticator({ db: deps.db, verifier: core.verifier, tenantCache });
  const counter = rateCounter(deps);
  // Remembered reads answer before the framework with the gate's own identity memory, rate
  // counter and kept answers; a request they counted is not counted again here.
  const lane = core.rememberedReads && tenantCache.responses.enabled
    ? rememberedReads({
      ...core.rememberedReads,
      identify: authenticate.remembered,
      versions: tenantCache.versions,
      responses: tenantCache.responses,
      countRate: counter,
    })
    : undefined;
  // One gate (and one identity memory) for all plugins.
  const gate = tenantGate({
    authenticate,
    checkOrigin: core.checkOrigin,
    countRate: lane
      ? (c) => {
        const refused = lane.refusal(c.req.raw);
        return refused ? Promise.reject(refused) : counter(c);
      }
      : counter,
    checkTrial,
    responses: tenantResponses(tenantCache.responses, tenantCache.versions),
  });
  for (const plugin of plugins) {
    if (plugin.rawRoutes) {
      // Mounted first: their paths answer before the authenticated sub-app's middleware runs.
      const raw = new Hono<AppEnv>();
      plugin.rawRoutes(raw, deps);
      app.route(`/api/v1/${plugin.name}`, raw);
    }
    if (!plugin.routes) continue;
    const sub = new OpenAPIHono<AppEnv>();
    // Repeated reads come from memory; every write announces the tenant's new data version.
    sub.use("*", gate);
    const register = sub.openapi.bind(sub);
    // Routes pass through here so that none can skip its permission check.
    sub.openapi = ((route: RouteArg, handler: unknown, hook?: unknown) => {
      const action = route["x-permission"];
      const lowest = action ? plugin.permissions?.[action] : undefined;
      if (!action || !lowest) {
        throw new PluginError(
          `Plugin "${plugin.name}": route ${route.method.toUpperCase()} ${route.path} must name one of its declared permissions in x-permission (got ${
            JSON.stringify(action)
          })`,
        );
      }
      const own = route.middleware ? [route.middleware].flat() : [];
      const personOnly = plugin.personOnly?.includes(action) ?? false;
      return register(
        {
          ...route,
          tags: route.tags ?? [plugin.name],
          // The lowest role allowed, for readers of the document and the role matrix test.
          "x-role": lowest,
          // Refused to API keys and applications whatever their role (see ProcedoPlugin).
          ...(personOnly ? { "x-person-only": true } : {}),
          middleware: [
            auditWrite(deps.db, { action, targetType: plugin.name, logger }),
            requireRole(lowest, action, { personOnly }),
            ...own,
          ] as never,
        },
        handler as never,
        hook as never,
      );
    }) as typeof sub.openapi;
    plugin.routes(sub, deps);
    app.route(`/api/v1/${plugin.name}`, sub);
  }
  return lane;
}
