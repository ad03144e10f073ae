// CORS for embedding: browsers on other origins (an intranet page with ui/embed.ts, a
// SharePoint web part) may call the API when the tenant allowed that origin
// (/api/v1/embedding/settings) or the operator did (CORS_ORIGINS, for every tenant).
//
// The tenant is known only after the credential is verified, and a preflight carries no
// credential. So, in three steps:
// 1. A preflight is answered for origins on the operator's list or on any tenant's list (the
//    origin index). That tells whoever asks that some workspace allows this origin, nothing
//    more; an origin on no list gets 403 and the browser sends nothing.
// 2. The request itself, once its tenant is known (originGuard, right after tenancy in every
//    tenant sub-app, before the response cache), is refused with 403 origin-not-allowed
//    unless the origin is on the operator's list or on that tenant's list: a page allowed by
//    one workspace gets nothing of another workspace, even with that workspace's token.
// 3. On the way out, Access-Control-Allow-Origin names the origin only when it passed: for
//    a tenant's request its list, for public answers and refusals (no data) any list.
//
// The headers are added here, at the top level and after the tenant sub-app answered, so
// the per-tenant response cache (which lives inside the sub-app) never stores them; and
// `Vary: Origin` tells HTTP caches that the answer depends on it.
import type { Context, MiddlewareHandler } from "hono";
import type { OriginIndex } from "../embedding/origin_index.ts";
import { requestOrigin } from "../embedding/origins.ts";
import type { AppEnv } from "../env.ts";
import { problem, ProblemError } from "../problem.ts";

export interface CorsOptions {
  /** CORS_ORIGINS: allowed for every tenant. */
  staticOrigins: readonly string[];
  origins: OriginIndex;
  /** PUBLIC_URL: the app's own origin when a proxy stands in front. */
  publicUrl?: string;
}

const ALLOW_HEADERS = "Authorization, Content-Type, If-Match, X-API-Key, X-Request-Id";
const ALLOW_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE";
const EXPOSE_HEADERS = [
  "ETag",
  "X-Request-Id",
  "Retry-After",
  "Location",
  "Content-Disposition",
  "Procedo-Recycle-Bin-Id",
  "RateLimit-Limit",
  "RateLimit-Remaining",
  "RateLimit-Reset",
].join(", ");

/**
 * The request's Origin when it comes from another site; null for none, "null" and the app's
 * own origin (browsers send Origin on same-origin writes too).
 */
export function foreignOrigin(c: Context, publicUrl?: string): string | null {
  const origin = requestOrigin(c.req.header("origin"));
  if (!origin) return null;
  // Set by the browser and unforgeable by page scripts: the page is our own.
  if (c.req.header("sec-fetch-site") === "same-origin") return null;
  const url = new URL(c.req.url);
  if (origin === url.origin) return null;
  if (publicUrl && origin === new URL(publicUrl).origin) return null;
  // Behind a proxy the request URL may say http://internal while the browser said https.
  if (new URL(origin).host === c.req.header("host")) return null;
  return origin;
}

/** CORS for /api/*: preflights, and the response headers of the request itself. */
export function cors(options: CorsOptions): MiddlewareHandler<AppEnv> {
  const fixed = new Set(options.staticOrigins);
  return async (c, next) => {
    const origin = foreignOrigin(c, options.publicUrl);
    if (!origin) return await next();
    const preflight = c.req.method === "OPTIONS" &&
      c.req.header("access-control-request-method") !== undefined;
    if (preflight) {
      if (!fixed.has(origin) && !(await options.origins.anyAllows(origin))) {
        const res = problem(c, 403, {
          slug: "origin-not-allowed",
          detail: `No workspace allows ${origin}; an executive adds it in the embedding ` +
            "settings (PUT /api/v1/embedding/settings).",
        });
        res.headers.append("Vary", "Origin");
        return res;
      }
      return c.body(null, 204, {
        "Access-Control-Allow-Origin": origin,
        "Access-Control-Allow-Methods": ALLOW_METHODS,
        "Access-Control-Allow-Headers": ALLOW_HEADERS,
        "Access-Control-Max-Age": "600",
        Vary: "Origin",
      });
    }
    await next();
    const tenant = c.get("tenant");
    const refused = c.res.status >= 400;
    const allowed = fixed.has(origin) ||
      (tenant && !refused
        ? await options.origins.tenantAllows(tenant.id, origin)
        : await options.origins.anyAllows(origin));
    const h = c.res.headers;
    h.append("Vary", "Origin");
    if (allowed) {
      h.set("Access-Control-Allow-Origin", origin);
      h.set("Access-Control-Expose-Headers", EXPOSE_HEADERS);
    }
  };
}

/**
 * After tenancy: refuses a request from another site unless the operator or this tenant
 * allows that site; no promise for requests without an Origin. Before the response cache, so
 * a refused origin is never served from it.
 */
export function originCheck(
  options: CorsOptions,
): (c: Context<AppEnv>) => Promise<void> | undefined {
  const fixed = new Set(options.staticOrigins);
  const refuse = async (tenantId: string, origin: string) => {
    if (!(await options.origins.tenantAllows(tenantId, origin))) {
      throw new ProblemError(
        403,
        "origin-not-allowed",
        `This workspace does not allow ${origin} to show its content; an executive adds ` +
          "it in the embedding settings.",
      );
    }
  };
  return (c) => {
    if (c.req.header("origin") === undefined) return undefined;
    const origin = foreignOrigin(c, options.publicUrl);
    const tenant = c.get("tenant");
    if (origin && tenant && !fixed.has(origin)) return refuse(tenant.id, origin);
    return undefined;
  };
}

/**
 * The embeddable scripts (ui/dist/*.js) load as module scripts on other sites, which the
 * browser fetches in CORS mode: they are public and carry no credentials, so any origin.
 */
export function applyScriptCors(c: Context) {
  const path = c.req.path;
  if (!path.endsWith(".js") || path.startsWith("/api/")) return;
  if (!/javascript/.test(c.res.headers.get("content-type") ?? "")) return;
  c.res.headers.set("Access-Control-Allow-Origin", "*");
  c.res.headers.set("Cross-Origin-Resource-Policy", "cross-origin");
}
