// The database pool on /metrics: connections in use, idle and waited for, and the time spent
// waiting for one (a pool that is too small shows here before it shows as 503s).
import { Gauge, type MetricsRegistry } from "../metrics/registry.ts";
import type { PoolStats } from "./client.ts";

export function addPoolMetrics(registry: MetricsRegistry, stats: () => PoolStats) {
  registry.add(
    new Gauge("procedo_db_pool_connections", "Pooled database connections by state", () => {
      const s = stats();
      return [
        { labels: { state: "in_use" }, value: s.inUse },
        { labels: { state: "idle" }, value: s.idle },
        { labels: { state: "waiting" }, value: s.waiting },
      ];
    }),
  );
  registry.add(
    new Gauge(
      "procedo_db_pool_acquisitions_total",
      "Connections handed out, and requests that gave up waiting (503)",
      () => {
        const s = stats();
        return [
          { labels: { result: "acquired" }, value: s.acquired },
          { labels: { result: "timed_out" }, value: s.timedOut },
        ];
      },
      "counter",
    ),
  );
  registry.add(
    new Gauge(
      "procedo_db_pool_wait_seconds_total",
      "Time spent waiting for a pooled connection",
      () => [{ value: stats().waitSeconds }],
      "counter",
    ),
  );
}
