// Liveness and readiness. Readiness checks every dependency and names the failing one.
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "./env.ts";
import { withTimeout } from "./timeout.ts";

const Check = z.object({
  status: z.enum(["pass", "warn", "fail"]).openapi({
    description: "warn: down, but the instance serves without it (the cache falls back to memory)",
  }),
  durationMs: z.number(),
  error: z.string().optional(),
});
const Health = z.object({
  status: z.enum(["pass", "fail"]),
  checks: z.record(z.string(), Check).optional(),
}).openapi("Health");

const live = createRoute({
  method: "get",
  path: "/health/live",
  tags: ["health"],
  security: [],
  operationId: "getLiveness",
  summary: "The process is up",
  description:
    "Answers 200 while the process runs; checks nothing else. For container liveness probes; no " +
    "authentication.",
  responses: { 200: { description: "Alive", content: { "application/json": { schema: Health } } } },
});

const ready = createRoute({
  method: "get",
  path: "/health/ready",
  tags: ["health"],
  security: [],
  operationId: "getReadiness",
  summary: "The database answers (the cache is reported; without it the instance uses memory)",
  description:
    "Pings the database and the cache within 3 s each. 503 when the database is down; a cache " +
    "outage is reported as `warn` and the instance stays ready. No authentication.",
  responses: {
    200: { description: "Ready", content: { "application/json": { schema: Health } } },
    503: {
      description: "A dependency is down",
      content: { "application/json": { schema: Health } },
    },
  },
});

const TIMEOUT_MS = 3000;

export function registerHealth(
  app: OpenAPIHono<AppEnv>,
  opts: {
    checks: Record<string, () => Promise<void>>;
    /** Checks whose failure leaves the instance ready (reported as warn). */
    degradable?: string[];
  },
) {
  app.openapi(live, (c) => c.json({ status: "pass" as const }, 200));
  app.openapi(ready, async (c) => {
    const entries = await Promise.all(
      Object.entries(opts.checks).map(async ([name, check]) => {
        const start = performance.now();
        try {
          await withTimeout(check(), TIMEOUT_MS, `no answer within ${TIMEOUT_MS} ms`);
          return [name, { status: "pass" as const, durationMs: elapsed(start) }] as const;
        } catch (e) {
          return [name, {
            status: opts.degradable?.includes(name) ? "warn" as const : "fail" as const,
            durationMs: elapsed(start),
            error: e instanceof Error ? e.message.split("\n")[0].slice(0, 200) : "failed",
          }] as const;
        }
      }),
    );
    const checks = Object.fromEntries(entries);
    const ok = entries.every(([, r]) => r.status !== "fail");
    return ok
      ? c.json({ status: "pass" as const, checks }, 200)
      : c.json({ status: "fail" as const, checks }, 503);
  });
}

const elapsed = (start: number) => Math.round((performance.now() - start) * 10) / 10;
