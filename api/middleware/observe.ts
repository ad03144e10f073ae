// The outermost middleware of every request, in one layer instead of six (each layer costs
// a closure, a promise and a router entry on every request): the request id, the security
// headers, the embeddable scripts' CORS, the metrics, the access log line and the name of
// the request's trace span. The route template is worked out once for all of them.
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../env.ts";
import type { Logger } from "../log.ts";
import { type CoreMetrics, countRequest, routeLabel } from "../metrics/mod.ts";
import { routeOf } from "../http/route_of.ts";
import { nameRequestSpan, requestSpan } from "../tracing.ts";
import { logRequest, type RequestLine } from "./access_log.ts";
import { applyScriptCors } from "./cors.ts";
import { requestIdOf } from "./request_id.ts";

export interface ObserveDeps {
  logger: Logger;
  metrics: CoreMetrics;
  /** Sets the security headers (api/middleware/secure_headers.ts). */
  securityHeaders: (c: Context) => void | Promise<void>;
}

export type Observer = MiddlewareHandler<AppEnv> & {
  /**
   * Counts and logs a request answered outside the middleware chain (a remembered read,
   * api/http/remembered_reads.ts) exactly as the middleware does.
   */
  answered(line: RequestLine): void;
};

export function observe(deps: ObserveDeps): Observer {
  const { logger, metrics, securityHeaders } = deps;
  const answered = (line: RequestLine) => {
    countRequest(
      metrics,
      line.method,
      routeLabel(line.route, line.path),
      line.status,
      line.durationMs / 1000,
    );
    logRequest(logger, line);
  };
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
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
      const routePath = routeOf(c);
      answered({
        method: c.req.method,
        route: routePath && routePath !== "/*" ? routePath : undefined,
        path: c.req.path,
        status: c.res.status,
        durationMs: performance.now() - start,
        requestId: id,
        tenantId: c.get("principal")?.tenantId,
      });
      if (span) await nameRequestSpan(span, c, routeLabel(routePath, c.req.path));
    }
  };
  return Object.assign(middleware, { answered });
}
