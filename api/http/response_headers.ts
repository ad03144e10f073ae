// Headers added by middleware after the handler answered. Hono's `c.header()` on a finished
// response builds a new Response around the old one's body — which turns a body of bytes into
// a stream (Deno then serves it on its slow path) and copies every header — once per call.
// Setting the headers in place keeps the bytes; a response whose headers are immutable (one
// from `fetch`, `Response.redirect`) is copied once, by Hono, for all of them.
import type { Context } from "hono";

/** Sets `headers` on the response `c` holds (in place where the response allows it). */
export function setResponseHeaders(c: Context, headers: Record<string, string>) {
  try {
    const h = c.res.headers;
    for (const name in headers) h.set(name, headers[name]);
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    for (const name in headers) c.header(name, headers[name]);
  }
}
