// The route template a request matched, for metrics, logs and trace spans.
import type { Context } from "hono";

/**
 * The route template that matched: the handler's, also when a middleware answered before it
 * (a remembered answer, a refusal), whose own pattern ends in "*".
 */
export function routeOf(c: Context): string {
  const path = c.req.routePath;
  if (!path.endsWith("*")) return path;
  const routes = c.req.matchedRoutes;
  for (let i = routes.length - 1; i >= 0; i--) {
    if (routes[i].method !== "ALL") return routes[i].path;
  }
  return path;
}
