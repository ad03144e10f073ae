// The instance's metrics: requests by route template and status, their latency, rate-limit
// refusals, remembered answers, and gauges that subsystems add (database pool, queues).
import { Counter, Gauge, Histogram, MetricsRegistry } from "./registry.ts";

export { Counter, Gauge, Histogram, MetricsRegistry } from "./registry.ts";

export interface CoreMetrics {
  registry: MetricsRegistry;
  requests: Counter;
  duration: Histogram;
  rateLimited: Counter;
}

export function createCoreMetrics(): CoreMetrics {
  const registry = new MetricsRegistry();
  return {
    registry,
    requests: registry.add(
      new Counter("procedo_http_requests_total", "HTTP requests by route template and status", [
        "method",
        "route",
        "status",
      ]),
    ),
    duration: registry.add(
      new Histogram("procedo_http_request_duration_seconds", "Time to answer, by route template", [
        "method",
        "route",
      ]),
    ),
    rateLimited: registry.add(
      new Counter("procedo_rate_limit_rejections_total", "Requests refused with 429, by policy", [
        "scope",
      ]),
    ),
  };
}

/** The route template a request matched: never its path, which holds ids. */
export function routeLabel(routePath: string | undefined, path: string): string {
  // A pattern ending in * is a middleware's: no route matched.
  if (routePath && !routePath.endsWith("*")) return routePath;
  if (path.startsWith("/api/") || path.startsWith("/health/")) return "(unmatched)";
  return "(static)";
}

/** The methods counted by name; any other (a client may send any token) counts as OTHER. */
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

type Series = { count: { value: number }; time: { observe(value: number): void } };
/** Per instance: method → route label → status → its series (labels are a bounded set). */
const seriesOf = new WeakMap<CoreMetrics, Map<string, Map<string, Map<number, Series>>>>();

/** Counts and times one answered request. */
export function countRequest(
  metrics: CoreMetrics,
  method: string,
  route: string,
  status: number,
  seconds: number,
) {
  const m = METHODS.has(method) ? method : "OTHER";
  let byMethod = seriesOf.get(metrics);
  if (!byMethod) seriesOf.set(metrics, byMethod = new Map());
  let byRoute = byMethod.get(m);
  if (!byRoute) byMethod.set(m, byRoute = new Map());
  let byStatus = byRoute.get(route);
  if (!byStatus) byRoute.set(route, byStatus = new Map());
  let series = byStatus.get(status);
  if (!series) {
    series = {
      count: metrics.requests.child({ method: m, route, status: String(status) }),
      time: metrics.duration.child({ method: m, route }),
    };
    byStatus.set(status, series);
  }
  series.count.value++;
  series.time.observe(seconds);
}

/** A gauge from a function of no arguments that returns a number. */
export const gaugeOf = (name: string, help: string, read: () => number | Promise<number>) =>
  new Gauge(name, help, async () => [{ value: await read() }]);
