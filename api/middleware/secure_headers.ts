import type { Context } from "hono";
import type { Config } from "../config.ts";

export interface SecureHeaderOptions {
  /**
   * The origins a tenant allows to embed it (docs/embedding.md): added to frame-ancestors of
   * an HTML page whose address names that tenant (`?tenant=<id>`).
   */
  frameOriginsOf?: (tenantId: string) => Promise<string[]>;
}

/** For JSON answers: nothing may load from them and no page may frame them. */
export const DATA_POLICY = "default-src 'none'; frame-ancestors 'none'";

const TENANT_HINT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type SecurityHeaders = ((c: Context) => void | Promise<void>) & {
  /**
   * What the function sets on a JSON answer under /api/ that has no Cache-Control and no
   * Content-Security-Policy of its own, for a request to `url` with that X-Forwarded-Proto
   * header, in the order it sets them (for answers built outside the middleware chain,
   * api/http/remembered_reads.ts).
   */
  jsonApi(
    url: string,
    forwardedProto: string | null | undefined,
  ): readonly (readonly [string, string])[];
};

const NOSNIFF = ["X-Content-Type-Options", "nosniff"] as const;
const HSTS = ["Strict-Transport-Security", "max-age=63072000; includeSubDomains"] as const;
const NO_STORE = ["Cache-Control", "no-store"] as const;
const DATA_CSP = ["Content-Security-Policy", DATA_POLICY] as const;
const JSON_API = [NOSNIFF, NO_STORE, DATA_CSP] as const;
const JSON_API_HTTPS = [NOSNIFF, HSTS, NO_STORE, DATA_CSP] as const;

/**
 * Security headers for every response. Pages, scripts and files get the document policy,
 * whose `frame-ancestors` comes from the configuration so SharePoint and Teams can embed
 * Procedo (X-Frame-Options is left out because it cannot name several origins and CSP
 * supersedes it); JSON answers get the strict data policy (DATA_POLICY) and no document
 * headers.
 *
 * The HTML shell is served before anyone signs in, so the tenant whose allowed origins may
 * frame it is not known from a credential: the page's address names it (`?tenant=<id>`).
 * The hint only ever widens framing to origins that tenant's executives allowed; the app
 * then shows nothing when framed with a hint that is not the signed-in person's workspace
 * (ui/app/app.ts), so another workspace's data never appears on that site.
 */
export function securityHeaders(
  http: Config["http"],
  options: SecureHeaderOptions = {},
): SecurityHeaders {
  const frameAncestors = http.frameAncestors.join(" ") || "'none'";
  const policy = (ancestors: string) =>
    [
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
      `frame-ancestors ${ancestors}`,
    ].join("; ");
  const csp = policy(frameAncestors);
  /** The policy for an HTML page naming a tenant that allows origins; undefined otherwise. */
  const framedPolicy = async (c: Context, h: Headers): Promise<string | undefined> => {
    const hint = c.req.query("tenant");
    if (!hint || !TENANT_HINT.test(hint) || !options.frameOriginsOf) return undefined;
    if (!/^text\/html/.test(h.get("content-type") ?? "")) return undefined;
    const extra = await options.frameOriginsOf(hint.toLowerCase()).catch(() => []);
    if (!extra.length) return undefined;
    const base = http.frameAncestors.filter((a) => a !== "'none'");
    return policy([...new Set([...base, ...extra])].join(" "));
  };
  const https = (url: string, forwardedProto: string | null | undefined) =>
    url.startsWith("https:") || (http.trustProxy && forwardedProto === "https");
  // Synchronous unless a page names a tenant (the common path allocates no promise).
  const apply = (c: Context) => {
    const h = c.res.headers;
    h.set(...NOSNIFF);
    if (https(c.req.url, http.trustProxy ? c.req.header("x-forwarded-proto") : undefined)) {
      h.set(...HSTS);
    }
    if (c.req.path.startsWith("/api/") && !h.has("Cache-Control")) h.set(...NO_STORE);
    if (h.get("content-type")?.includes("json")) {
      // JSON is data, never a document: the strict policy of OWASP's REST cheat sheet. The
      // document headers (referrer, opener, permissions) would only cost every API answer.
      if (!h.has("Content-Security-Policy")) h.set(...DATA_CSP);
      return;
    }
    h.set("Referrer-Policy", "strict-origin-when-cross-origin");
    h.set("Cross-Origin-Opener-Policy", "same-origin-allow-popups");
    h.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (h.has("Content-Security-Policy")) return;
    if (!c.req.url.includes("tenant=")) return void h.set("Content-Security-Policy", csp);
    return framedPolicy(c, h).then((framed) => h.set("Content-Security-Policy", framed ?? csp));
  };
  return Object.assign(apply, {
    jsonApi: (url: string, forwardedProto: string | null | undefined) =>
      https(url, forwardedProto) ? JSON_API_HTTPS : JSON_API,
  });
}
