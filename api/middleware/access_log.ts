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
  const level = status >= 500 ? "error" : "info";
  const duration = Math.round(durationMs * 10) / 10;
  const tenantId = c.get("principal")?.tenantId;
  if (logger.members) {
    // The same line as below, written without building and serializing an object.
    logger.members(
      level,
      "request",
      `"method":${JSON.stringify(c.req.method)}${
        route === undefined ? "" : `,"route":${JSON.stringify(route)}`
      },"path":${JSON.stringify(c.req.path)},"status":${status},"durationMs":${duration}` +
        `,"requestId":${JSON.stringify(c.get("requestId"))}${
          tenantId === undefined ? "" : `,"tenantId":${JSON.stringify(tenantId)}`
        }`,
    );
    return;
  }
  logger[level]("request", {
    method: c.req.method,
    route,
    path: c.req.path,
    status,
    durationMs: duration,
    requestId: c.get("requestId"),
    tenantId,
  });
}
