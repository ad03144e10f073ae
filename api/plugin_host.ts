// Mounts plugins: each gets a sub-app at /api/v1/<name> that already sits behind auth and
// tenancy, whose routes must name a declared permission in `x-permission`.
import { OpenAPIHono } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { auditWrite } from "./audit/middleware.ts";
import type { TokenVerifier } from "./auth/verify.ts";
import type { AppEnv } from "./env.ts";
import { createLogger } from "./log.ts";
import { type PluginDeps, PluginError, type ProcedoPlugin } from "./plugin.ts";
import { trialGuard } from "./plans.ts";
import { rateLimit } from "./rate_limit.ts";
import { requireRole, tenancy } from "./tenancy.ts";
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
    originGuard?: MiddlewareHandler<AppEnv>;
  },
) {
  const logger = createLogger(deps.config.logLevel);
  const { tenantCache } = core;
  for (const plugin of plugins) {
    if (!plugin.routes) continue;
    const sub = new OpenAPIHono<AppEnv>();
    sub.use("*", tenancy({ db: deps.db, verifier: core.verifier, tenantCache }));
    if (core.originGuard) sub.use("*", core.originGuard);
    sub.use("*", rateLimit(deps));
    sub.use("*", trialGuard());
    // Repeated reads come from memory; every write announces the tenant's new data version.
    sub.use("*", tenantResponses(tenantCache.responses, tenantCache.versions));
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
}
