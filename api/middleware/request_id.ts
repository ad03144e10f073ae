import type { Context } from "hono";
import { uuidv7 } from "../db/ids.ts";

const SAFE = /^[A-Za-z0-9._:-]{8,128}$/;

/** The request's id: a caller's X-Request-Id when it is safe to log, else a new one. */
export function requestIdOf(c: Context): string {
  return requestIdFrom(c.req.header("x-request-id"));
}

/** The same from the X-Request-Id header's value (null or undefined when absent). */
export function requestIdFrom(incoming: string | null | undefined): string {
  return incoming && SAFE.test(incoming) ? incoming : uuidv7();
}
