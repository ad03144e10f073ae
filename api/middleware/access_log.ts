import type { Context } from "hono";
import type { AppEnv } from "../env.ts";
import type { Logger } from "../log.ts";

/** One structured line per request: method, route, status, duration, request and tenant id. */
export function logRequest(
  logger: Logger,
  c: Context<AppEnv>,
  route: string | undefined,
  status: number,
  durationMs: number,
) {
  logger[status >= 500 ? "error" : "info"]("request", {
    method: c.req.method,
    route,
    path: c.req.path,
    status,
    durationMs: Math.round(durationMs * 10) / 10,
    requestId: c.get("requestId"),
    tenantId: c.get("principal")?.tenantId,
  });
}
