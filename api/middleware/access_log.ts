import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env.ts";
import type { Logger } from "../log.ts";

/** One structured line per request: method, route, status, duration, request and tenant id. */
export function accessLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const start = performance.now();
    await next();
    const status = c.res.status;
    logger[status >= 500 ? "error" : "info"]("request", {
      method: c.req.method,
      route: c.req.routePath && c.req.routePath !== "/*" ? c.req.routePath : undefined,
      path: new URL(c.req.url).pathname,
      status,
      durationMs: Math.round((performance.now() - start) * 10) / 10,
      requestId: c.get("requestId"),
      tenantId: c.get("principal")?.tenantId,
    });
  };
}
