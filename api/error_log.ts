// What an error log line may hold: where (request id, method, route template) and what kind of
// error (class, driver code, stack frames) — never a message. Messages carry data: a failed
// query's message holds its parameters, a JSON error quotes its input, a driver error quotes
// the value it refused, and any of it can be a request body or personal data.
import type { Context } from "hono";

const MAX_FRAMES = 12;
const MAX_CAUSES = 3;

/** The request an error belongs to, without its path parameters or body. */
export function requestFields(c: Context) {
  const route = c.req.routePath;
  return {
    requestId: c.get("requestId") as string | undefined,
    method: c.req.method,
    route: route && route !== "/*" ? route : undefined,
  };
}

/** The error's class, codes and code locations, for each cause too; no message, no values. */
export function describeError(err: unknown): Record<string, unknown> {
  const chain: Record<string, unknown>[] = [];
  let current: unknown = err;
  for (let i = 0; i < MAX_CAUSES && current !== undefined && current !== null; i++) {
    chain.push(describeOne(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  const [first, ...causes] = chain;
  return { ...first, ...(causes.length ? { causes } : {}) };
}

function describeOne(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { errorClass: typeof err };
  const e = err as Error & { code?: unknown; errno?: unknown; sqlState?: unknown };
  return {
    errorClass: e.constructor?.name && e.constructor.name !== "Error" ? e.constructor.name : e.name,
    code: typeof e.code === "string" || typeof e.code === "number" ? e.code : undefined,
    errno: typeof e.errno === "number" ? e.errno : undefined,
    sqlState: typeof e.sqlState === "string" ? e.sqlState : undefined,
    frames: (e.stack ?? "").split("\n").filter((l) => /^\s+at /.test(l)).slice(0, MAX_FRAMES)
      .map((l) => l.trim()),
  };
}
