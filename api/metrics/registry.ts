// Metrics in the Prometheus text exposition format (version 0.0.4): counters and histograms
// kept in memory per instance, and gauges read when scraped. Labels are route templates,
// methods and statuses — never a tenant id, a user id or anything a tenant wrote.

type Labels = Record<string, string>;

const escapeLabel = (v: string) =>
  v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
const labelText = (labels: Labels) => {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
  return parts.length ? `{${parts.join(",")}}` : "";
};
const keyOf = (names: readonly string[], labels: Labels) => {
  let key = "";
  for (let i = 0; i < names.length; i++) key += (i ? "\u0000" : "") + (labels[names[i]] ?? "");
  return key;
};
const num = (v: number) => Number.isFinite(v) ? String(v) : v > 0 ? "+Inf" : v < 0 ? "-Inf" : "NaN";

interface Metric {
  render(): string | Promise<string>;
}

export class Counter implements Metric {
  #values = new Map<string, { labels: Labels; value: number }>();
  constructor(readonly name: string, readonly help: string, readonly labelNames: string[] = []) {}

  inc(labels: Labels = {}, by = 1) {
    this.child(labels).value += by;
  }

  /** The series of `labels`, to count on without finding it each time. */
  child(labels: Labels): { value: number } {
    const key = keyOf(this.labelNames, labels);
    let entry = this.#values.get(key);
    if (!entry) {
      entry = { labels: pick(this.labelNames, labels), value: 0 };
      this.#values.set(key, entry);
    }
    return entry;
  }

  render() {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const { labels, value } of this.#values.values()) {
      lines.push(`${this.name}${labelText(labels)} ${num(value)}`);
    }
    return lines.join("\n");
  }
}

/** Default buckets for request and query times, in seconds. */
export const TIME_BUCKETS = [
  0.001,
  0.0025,
  0.005,
  0.01,
  0.025,
  0.05,
  0.1,
  0.25,
  0.5,
  1,
  2.5,
  5,
  10,
];

export class Histogram implements Metric {
  #series = new Map<
    string,
    { labels: Labels; counts: number[]; sum: number; count: number; observe(v: number): void }
  >();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: string[] = [],
    readonly buckets: number[] = TIME_BUCKETS,
  ) {}

  observe(labels: Labels, value: number) {
    this.child(labels).observe(value);
  }

  /** The series of `labels`, to observe on without finding it each time. */
  child(labels: Labels): { observe(value: number): void } {
    const key = keyOf(this.labelNames, labels);
    let s = this.#series.get(key);
    if (!s) {
      const buckets = this.buckets;
      const series = {
        labels: pick(this.labelNames, labels),
        counts: buckets.map(() => 0),
        sum: 0,
        count: 0,
        observe(value: number) {
          for (let i = 0; i < buckets.length; i++) if (value <= buckets[i]) series.counts[i]++;
          series.sum += value;
          series.count++;
        },
      };
      s = series;
      this.#series.set(key, s);
    }
    return s;
  }

  render() {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const s of this.#series.values()) {
      this.buckets.forEach((le, i) => {
        lines.push(`${this.name}_bucket${labelText({ ...s.labels, le: num(le) })} ${s.counts[i]}`);
      });
      lines.push(`${this.name}_bucket${labelText({ ...s.labels, le: "+Inf" })} ${s.count}`);
      lines.push(`${this.name}_sum${labelText(s.labels)} ${num(s.sum)}`);
      lines.push(`${this.name}_count${labelText(s.labels)} ${s.count}`);
    }
    return lines.join("\n");
  }
}

/**
 * Values read when scraped (pool use, queue depths; or a counter kept elsewhere, with `type`
 * "counter"); a failing read is left out of that scrape.
 */
export class Gauge implements Metric {
  constructor(
    readonly name: string,
    readonly help: string,
    readonly read: () =>
      | { labels?: Labels; value: number }[]
      | Promise<{ labels?: Labels; value: number }[]>,
    readonly type: "gauge" | "counter" = "gauge",
  ) {}

  async render() {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} ${this.type}`];
    try {
      for (const { labels, value } of await this.read()) {
        lines.push(`${this.name}${labelText(labels ?? {})} ${num(value)}`);
      }
    } catch {
      // What cannot be read now (the database is down) is simply absent from this scrape.
    }
    return lines.join("\n");
  }
}

/** The metrics of one app instance. */
export class MetricsRegistry {
  #metrics = new Map<string, Metric>();

  add<M extends Metric & { name: string }>(metric: M): M {
    if (this.#metrics.has(metric.name)) throw new Error(`metric ${metric.name} exists twice`);
    this.#metrics.set(metric.name, metric);
    return metric;
  }

  async render(): Promise<string> {
    const parts = await Promise.all([...this.#metrics.values()].map((m) => m.render()));
    return parts.join("\n") + "\n";
  }
}

function pick(names: readonly string[], labels: Labels): Labels {
  return Object.fromEntries(names.map((n) => [n, labels[n] ?? ""]));
}
