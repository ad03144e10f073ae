// The outermost middleware of every request, in one layer instead of six (each layer costs
// a closure, a promise and a router entry on every request): the request id, the security
// headers, the embeddable scripts' CORS, the metrics, the access log line and the name of
// the request's trace span. The route template is worked out once for all of them.
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../env.ts";
import type { Logger } from "../log.ts";
import { type CoreMetrics, countRequest, routeLabel } from "../metrics/mod.ts";
import { nameRequestSpan, requestSpan } from "../tracing.ts";
import { logRequest } from "./access_log.ts";
import { applyScriptCors } from "./cors.ts";
import { requestIdOf } from "./request_id.ts";

export interface ObserveDeps {
  logger: Logger;
  metrics: CoreMetrics;
  /** Sets the security headers (api/middleware/secure_headers.ts). */
  securityHeaders: (c: Context) => void | Promise<void>;
}

export function observe(deps: ObserveDeps): MiddlewareHandler<AppEnv> {
  const { logger, metrics, securityHeaders } = deps;
  return async (c, next) => {
    const start = performance.now();
    const id = requestIdOf(c);
    c.set("requestId", id);
    const span = requestSpan();
    try {
      await next();
    } finally {
      const pending = securityHeaders(c);
      if (pending) await pending;
      applyScriptCors(c);
      c.res.headers.set("X-Request-Id", id);
      const ms = performance.now() - start;
      const routePath = routeOf(c);
      const route = routeLabel(routePath, c.req.path);
      const status = c.res.status;
      countRequest(metrics, c.req.method, route, status, ms / 1000);
      logRequest(logger, c, routePath && routePath !== "/*" ? routePath : undefined, status, ms);
      if (span) await nameRequestSpan(span, c, route);
    }
  };
}

/**
 * The route template that matched: the handler's, also when a middleware answered before it
 * (a remembered answer, a refusal), whose own pattern ends in "*".
 */
function routeOf(c: Context<AppEnv>): string {
  const path = c.req.routePath;
  if (!path.endsWith("*")) return path;
  const routes = c.req.matchedRoutes;
  for (let i = routes.length - 1; i >= 0; i--) {
    if (routes[i].method !== "ALL") return routes[i].path;
  }
  return path;
}
