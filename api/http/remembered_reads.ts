// Remembered reads, answered before the framework. A GET that the tenant gate would answer
// from memory (api/tenant_gate.ts with tenant_cache/responses.ts) is answered here, from the
// raw request: the same status, body and headers, the same rate counting, metrics and access
// log line, but without Hono's context, router and middleware chain, which cost a remembered
// read more than its own work does.
//
// Only what the gate would answer from memory is answered here; the full path answers
// everything else as always: another method, a request from a site (Origin), a conditional or
// partial request, an API key, a token or identity not remembered, a tenant whose data
// version changed, a path with escapes, no kept answer, or a trace being recorded. A request
// that this path counted and a rate limit refused goes the full path too, which answers the
// refusal without counting it a second time (`refusal`).
import type { Authenticator, RememberedIdentity as Identity } from "../tenancy.ts";
import type { RateCounter } from "../rate_limit.ts";
import type { RequestLine } from "../middleware/access_log.ts";
import { requestIdFrom } from "../middleware/request_id.ts";
import { ProblemError } from "../problem.ts";
import { answerOf, BYPASS, type ResponseCache, responseKey } from "../tenant_cache/responses.ts";
import type { TenantVersions } from "../tenant_cache/version.ts";

export interface RememberedReadsDeps {
  /** The token's remembered identity (tenancy.ts). */
  identify: Authenticator["remembered"];
  versions: TenantVersions;
  responses: ResponseCache;
  /** Counts the request against its credential and tenant (rate_limit.ts). */
  countRate: Pick<RateCounter, "count" | "now">;
  /** The security headers of a JSON answer (middleware/secure_headers.ts). */
  securityHeaders: (
    url: string,
    forwardedProto: string | undefined,
  ) => readonly (readonly [string, string])[];
  /** Counts and logs the answer (middleware/observe.ts). */
  answered: (line: RequestLine) => void;
  /** Whether a trace span is being recorded for the request (then the full path names it). */
  tracing?: () => boolean;
}

/** An answer from memory, one to come (a network cache was asked), or none (undefined). */
export type Remembered = Response | Promise<Response | undefined> | undefined;

export interface RememberedReads {
  /**
   * The answer from memory, or undefined: then the full path answers `request`. Synchronous
   * where the cache is (memory): such a read allocates no promise at all.
   */
  answer(request: Request): Remembered;
  /** The rate limit's refusal of a request this path counted (the full path answers it). */
  refusal(request: Request): ProblemError | undefined;
}

/**
 * Headers that make the gate take the full path: a site's request (cors.ts), an API key
 * (tenancy.ts), a conditional or partial one (responses.ts).
 */
const DECLINE = new Set(["origin", "x-api-key", ...BYPASS]);

/** What a request brings that matters here. */
interface Read {
  request: Request;
  /** Path and query. */
  target: string;
  start: number;
  authorization?: string;
  accept?: string;
  acceptLanguage?: string;
  requestId?: string;
  forwardedProto?: string;
}

type Stored = NonNullable<ReturnType<ResponseCache["entry"]>>;

export function rememberedReads(deps: RememberedReadsDeps): RememberedReads {
  const { identify, versions, responses, countRate, securityHeaders, answered } = deps;
  const refused = new WeakMap<Request, ProblemError>();

  /** After the identity: the tenant's version (from memory, or asked for). */
  function withVersion(read: Read, identity: Identity) {
    const version = versions.peek(identity.principal.tenantId);
    if (version !== undefined) return withEntry(read, identity, version);
    return versions.current(identity.principal.tenantId).then((current) =>
      current === null ? undefined : withEntry(read, identity, current)
    );
  }

  /** After the version: the kept answer, then the count (counted now, or asked for). */
  function withEntry(read: Read, identity: Identity, version: string): Remembered {
    // As the gate: the identity holds only under the version it was settled under.
    if (version !== identity.version) return undefined;
    const { principal } = identity;
    const stored = responses.entry(
      responseKey(principal, version, read.target, read.accept, read.acceptLanguage),
    );
    if (!stored || stored.headers.some(([name]) => name === "content-security-policy")) {
      return undefined;
    }
    const refuse = (e: unknown) => {
      if (!(e instanceof ProblemError)) throw e;
      refused.set(read.request, e);
      return undefined;
    };
    if (countRate.now) {
      let rate: Record<string, string> | undefined;
      try {
        rate = countRate.now(principal);
      } catch (e) {
        return refuse(e);
      }
      return respond(read, principal.tenantId, stored, rate);
    }
    return countRate.count(principal).then(
      (rate) => respond(read, principal.tenantId, stored, rate),
      refuse,
    );
  }

  function respond(
    read: Read,
    tenantId: string,
    stored: Stored,
    rate: Record<string, string> | undefined,
  ): Response {
    responses.stats.hits++;
    responses.stats.early++;
    // In the order the full path sets them: the kept ones, the rate limit's, the security
    // headers, the request id.
    const response = answerOf(stored);
    const headers = response.headers;
    if (rate) { for (const name in rate) headers.set(name, rate[name]); }
    for (const [name, value] of securityHeaders(read.request.url, read.forwardedProto)) {
      headers.set(name, value);
    }
    const requestId = requestIdFrom(read.requestId);
    headers.set("X-Request-Id", requestId);
    const query = read.target.indexOf("?");
    answered({
      method: "GET",
      route: stored.route,
      path: query === -1 ? read.target : read.target.slice(0, query),
      status: stored.status,
      durationMs: performance.now() - read.start,
      requestId,
      tenantId,
    });
    return response;
  }

  return {
    answer(request) {
      if (request.method !== "GET") return undefined;
      const start = performance.now();
      const url = request.url;
      const target = url.slice(url.indexOf("/", 8));
      // Hono decodes escapes in the path it logs; such paths take the full path.
      if (!target.startsWith("/api/v1/") || target.includes("%") || target.includes("#")) {
        return undefined;
      }
      // The headers in one pass: each `Headers.get` scans and lowercases the whole list.
      const read: Read = { request, target, start };
      for (const [name, value] of request.headers) {
        switch (name) {
          case "authorization":
            read.authorization = value;
            break;
          case "accept":
            read.accept = value;
            break;
          case "accept-language":
            read.acceptLanguage = value;
            break;
          case "x-request-id":
            read.requestId = value;
            break;
          case "x-forwarded-proto":
            read.forwardedProto = value;
            break;
          default:
            if (DECLINE.has(name)) return undefined;
        }
      }
      if (read.authorization === undefined || deps.tracing?.()) return undefined;
      const identity = identify(read.authorization);
      return identity && withVersion(read, identity);
    },
    refusal(request) {
      const e = refused.get(request);
      if (e) refused.delete(request);
      return e;
    },
  };
}
