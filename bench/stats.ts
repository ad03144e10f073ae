// What every bench suite reports: a row of RESULTS.md (p50, p95 and max of a series of times in
// ms, with a note), the machine's load while measuring, and the timing loop of the suites that
// time a call from Deno.

export interface BenchResult {
  name: string;
  n: number;
  p50: number;
  p95: number;
  max: number;
  note?: string;
}

/** The machine's load while measuring (other processes share the cores). */
export const loadNote = () =>
  `load average ${Deno.loadavg()[0].toFixed(1)} on ${navigator.hardwareConcurrency} cores`;

/** The middle value of `xs` (the upper one of an even count). */
export const median = (xs: readonly number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** `times` (ms) as a result row, without printing it. */
export function summarize(name: string, times: readonly number[], note?: string): BenchResult {
  const sorted = [...times].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return { name, n: times.length, p50: q(0.5), p95: q(0.95), max: sorted.at(-1)!, note };
}

/** `times` (ms) as a result row, printed with `digits` decimals (and the note). */
export function stats(name: string, times: readonly number[], note?: string, digits = 1) {
  const r = summarize(name, times, note);
  const ms = (v: number) => v.toFixed(digits);
  console.log(
    `${name}: p50 ${ms(r.p50)} ms, p95 ${ms(r.p95)} ms, max ${ms(r.max)} ms (n=${r.n})${
      note ? ` — ${note}` : ""
    }`,
  );
  return r;
}

/**
 * Times `fn` `n` times after `warmUp` untimed calls (which get -1, -2, … so a call can tell),
 * and prints the row.
 */
export async function measure(
  name: string,
  n: number,
  fn: (i: number) => unknown,
  options: { warmUp?: number; note?: string } = {},
): Promise<BenchResult> {
  for (let i = 0; i < (options.warmUp ?? Math.min(10, n)); i++) await fn(-1 - i);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await fn(i);
    times.push(performance.now() - start);
  }
  return stats(name, times, options.note, 2);
}
