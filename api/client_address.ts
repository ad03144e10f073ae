// The address a request came from, for limits on routes that have no tenant yet (trial
// sign-up, the operator API). Behind a reverse proxy the socket's peer is the proxy, so the
// first X-Forwarded-For entry counts only with TRUST_PROXY; on Cloudflare Workers the
// platform sets CF-Connecting-IP itself and a client cannot forge it.
import type { Context } from "hono";

interface ServeInfo {
  remoteAddr?: { hostname?: string };
}

/** The client's address, or "unknown" when the runtime does not say (in-process tests). */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  if (globalThis.navigator?.userAgent === "Cloudflare-Workers") {
    const cf = c.req.header("cf-connecting-ip");
    if (cf) return cf;
  }
  // Deno.serve hands its ServeHandlerInfo to app.fetch as the second argument (c.env).
  const info = c.env as ServeInfo | undefined;
  return info?.remoteAddr?.hostname ?? "unknown";
}
