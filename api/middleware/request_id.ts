import type { MiddlewareHandler } from "hono";
import { uuidv7 } from "../db/ids.ts";
import type { AppEnv } from "../env.ts";

const SAFE = /^[A-Za-z0-9._:-]{8,128}$/;

/** Gives every request an id (a caller's X-Request-Id is kept when it is safe to log). */
export function requestId(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header("x-request-id");
    const id = incoming && SAFE.test(incoming) ? incoming : uuidv7();
    c.set("requestId", id);
    await next();
    c.res.headers.set("X-Request-Id", id);
  };
}
