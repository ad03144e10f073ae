import type { Logger } from "../log.ts";

/** What the access log says of one answered request. */
export interface RequestLine {
  method: string;
  /** The route template, when a route matched. */
  route: string | undefined;
  path: string;
  status: number;
  durationMs: number;
  /** Safe characters only (middleware/request_id.ts): written as it is. */
  requestId: string;
  /** A UUID: written as it is. */
  tenantId: string | undefined;
}

/** Route templates and methods as JSON strings, made once each (a bounded set). */
const quoted = new Map<string, string>();
const quote = (text: string) => {
  let json = quoted.get(text);
  if (json === undefined) {
    json = JSON.stringify(text);
    if (quoted.size < 1000) quoted.set(text, json);
  }
  return json;
};

/** One structured line per request: method, route, status, duration, request and tenant id. */
export function logRequest(logger: Logger, line: RequestLine) {
  const { method, route, path, status, requestId, tenantId } = line;
  const level = status >= 500 ? "error" : "info";
  const duration = Math.round(line.durationMs * 10) / 10;
  if (logger.members) {
    // The same line as below, written without building and serializing an object.
    logger.members(
      level,
      "request",
      `"method":${quote(method)}${route === undefined ? "" : `,"route":${quote(route)}`},"path":${
        JSON.stringify(path)
      },"status":${status},"durationMs":${duration},"requestId":"${requestId}"${
        tenantId === undefined ? "" : `,"tenantId":"${tenantId}"`
      }`,
    );
    return;
  }
  logger[level]("request", {
    method,
    route,
    path,
    status,
    durationMs: duration,
    requestId,
    tenantId,
  });
}
