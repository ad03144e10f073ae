import type { MiddlewareHandler } from "hono";
import type { Config } from "../config.ts";
import type { AppEnv } from "../env.ts";

/**
 * Security headers for every response. `frame-ancestors` comes from the configuration so
 * SharePoint and Teams can embed Procedo; X-Frame-Options is left out because it cannot
 * name several origins and CSP supersedes it.
 */
export function secureHeaders(http: Config["http"]): MiddlewareHandler<AppEnv> {
  const frameAncestors = http.frameAncestors.join(" ") || "'none'";
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self' https://login.microsoftonline.com",
    "frame-src 'self' https://login.microsoftonline.com",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join("; ");
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "strict-origin-when-cross-origin");
    h.set("Cross-Origin-Opener-Policy", "same-origin-allow-popups");
    h.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (!h.has("Content-Security-Policy")) h.set("Content-Security-Policy", csp);
    const https = new URL(c.req.url).protocol === "https:" ||
      (http.trustProxy && c.req.header("x-forwarded-proto") === "https");
    if (https) h.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
    if (new URL(c.req.url).pathname.startsWith("/api/") && !h.has("Cache-Control")) {
      h.set("Cache-Control", "no-store");
    }
  };
}
