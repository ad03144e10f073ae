// Benchmarks measure this program, not another job on the same cores.

/**
 * Waits (up to BENCH_WAIT_SECONDS, default 300) for the machine to be quiet — the 1-minute load
 * average below BENCH_MAX_LOAD (default: half the cores) — so numbers are not another job's.
 * Returns the load it starts at; a busy start is said in RESULTS.md rather than hidden.
 */
export async function quietMachine(): Promise<number> {
  const max = Number(Deno.env.get("BENCH_MAX_LOAD") ?? navigator.hardwareConcurrency / 2);
  const until = Date.now() + Number(Deno.env.get("BENCH_WAIT_SECONDS") ?? 300) * 1000;
  while (Deno.loadavg()[0] > max && Date.now() < until) {
    console.error(`bench: load average ${Deno.loadavg()[0].toFixed(2)} > ${max}; waiting`);
    await new Promise((ok) => setTimeout(ok, 10_000));
  }
  return Deno.loadavg()[0];
}
