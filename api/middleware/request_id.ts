import type { Context } from "hono";
import { uuidv7 } from "../db/ids.ts";

const SAFE = /^[A-Za-z0-9._:-]{8,128}$/;

/** The request's id: a caller's X-Request-Id when it is safe to log, else a new one. */
export function requestIdOf(c: Context): string {
  const incoming = c.req.header("x-request-id");
  return incoming && SAFE.test(incoming) ? incoming : uuidv7();
}
