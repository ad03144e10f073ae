// How well the remembered answers serve, for /metrics.
import { Gauge, type MetricsRegistry } from "../metrics/registry.ts";
import type { TenantCache } from "./mod.ts";

export function addTenantCacheMetrics(registry: MetricsRegistry, cache: TenantCache) {
  const { stats } = cache.responses;
  registry.add(
    new Gauge(
      "procedo_response_cache_total",
      "Remembered read answers: hits, misses and answers stored",
      () => [
        { labels: { result: "hit" }, value: stats.hits },
        { labels: { result: "miss" }, value: stats.misses },
        { labels: { result: "stored" }, value: stats.stored },
      ],
      "counter",
    ),
  );
  registry.add(
    new Gauge(
      "procedo_response_cache_early_total",
      "Of the hits, answers given before the framework's routing and middleware",
      () => [{ value: stats.early }],
      "counter",
    ),
  );
  registry.add(
    new Gauge("procedo_response_cache_bytes", "Memory held by remembered read answers", () => [
      { value: cache.responses.bytes },
    ]),
  );
}
