// GET /metrics: the instance's metrics for Prometheus, behind the operator key (a bearer
// token, as for the operator API). Off (404) when no operator key is configured.
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { problemResponses } from "../problem.ts";
import { operatorOnly } from "../operator/routes.ts";
import type { MetricsRegistry } from "./registry.ts";

const route = createRoute({
  method: "get",
  path: "/metrics",
  tags: ["operator"],
  security: [{ operatorKey: [] }],
  operationId: "getMetrics",
  summary: "Metrics of this instance in the Prometheus text format (operators only)",
  description: "Requests by route template and status, latency histograms, database pool " +
    "use and wait, remembered answers, queue depths and rate-limit refusals. Labels never " +
    "hold a tenant id.",
  responses: {
    200: {
      description: "Prometheus text exposition format 0.0.4",
      content: { "text/plain": { schema: z.string() } },
    },
    ...problemResponses(401, 404),
  },
});

export function registerMetricsRoute(
  app: OpenAPIHono<AppEnv>,
  deps: { registry: MetricsRegistry; operatorKey?: string },
) {
  app.use("/metrics", operatorOnly(deps.operatorKey));
  app.openapi(route, async (c) => {
    const text = await deps.registry.render();
    c.header("cache-control", "no-store");
    return c.text(text, 200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" });
  });
}
