// The guard in front of every tenant's routes, in one middleware layer: the credential and the
// tenant (tenancy.ts), the site it comes from (middleware/cors.ts), the rate limits
// (rate_limit.ts), an expired trial (plans.ts), and the tenant's remembered answers
// (tenant_cache/responses.ts). It was five layers; each layer costs every request a closure,
// promises and router entries, and a remembered answer now leaves after one.
//
// The order and the answers are those of the five: refusals of the credential and the site
// carry no RateLimit-* headers (nothing was counted), everything after the counting does.
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "./env.ts";
import { setResponseHeaders } from "./http/response_headers.ts";
import { ProblemError } from "./problem.ts";

export interface TenantGateParts {
  /** Establishes tenant and principal, or throws (tenancy.ts `authenticator`). */
  authenticate: (c: Context<AppEnv>) => Promise<void>;
  /** Refuses foreign sites the tenant does not allow (cors.ts `originCheck`). */
  checkOrigin?: (c: Context<AppEnv>) => Promise<void> | undefined;
  /** Counts the request; its RateLimit-* headers, or throws 429 (rate_limit.ts `rateCounter`). */
  countRate: (c: Context<AppEnv>) => Promise<Record<string, string> | undefined>;
  /** Refuses writes of an expired trial (plans.ts `checkTrial`). */
  checkTrial?: (c: Context<AppEnv>) => void;
  /** Answers repeated reads from memory and announces writes (tenant_cache `tenantResponses`). */
  responses?: MiddlewareHandler<AppEnv>;
}

export function tenantGate(parts: TenantGateParts): MiddlewareHandler<AppEnv> {
  const { authenticate, checkOrigin, countRate, checkTrial, responses } = parts;
  return async (c, next) => {
    await authenticate(c);
    const origin = checkOrigin?.(c);
    if (origin) await origin;
    const rate = await countRate(c);
    try {
      checkTrial?.(c);
      if (responses) {
        const answer = await responses(c, next);
        // A remembered answer (next() resolves to the context, not an answer).
        if (answer instanceof Response) c.res = answer;
      } else {
        await next();
      }
    } catch (e) {
      if (rate && e instanceof ProblemError) {
        for (const name in rate) if (!(name in e.headers)) e.headers[name] = rate[name];
      }
      throw e;
    }
    if (rate) setResponseHeaders(c, rate);
  };
}
