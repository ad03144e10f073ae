// Benchmarks of the exports plugin (issue 14): the PDF report of a 300-node process (target
// under 500 ms), a handbook of 50 processes (under 5 s), an XLSX list of 20,000 rows (under
// 3 s and 300 MB peak RSS) and a CSV list of 100,000 rows in flat memory.
//
// The PDFs are timed in-process on the test harness's private MariaDB, from sending the
// request to the last byte, with the CPU time the request took: the machine is shared, so the
// wall time includes waiting for a core, while the CPU time is close to what a free core needs
// (the database's own work runs in another process and is not counted). The lists run in a
// fresh process each (exports_probe.ts) on the same database, so the RSS measured is the
// export's own and not what the suites before it left behind: its RSS before the export and
// its peak during it. Flat memory is shown by what the export still holds after a garbage
// collection, every megabyte of the file: the most at 100,000 rows against the most at
// 20,000. Writes its own section of bench/RESULTS.md.
// Standalone: `npx -y deno run -A bench/exports.ts`.
import process from "node:process";
import { uuidv7 } from "../api/db/ids.ts";
import { TenantScope } from "../api/db/tenant_scope.ts";
import { bigGraph, publishedProcess } from "../plugins/exports/test_support.ts";
import { employees } from "../plugins/orgchart/schema.ts";
import { startTestApp } from "../tests/support/app.ts";
import type { ProbeResult } from "./exports_probe.ts";
import { machineLine, writeResultsSection } from "./results_file.ts";
import { type BenchResult, loadNote, stats } from "./stats.ts";

const E = "/api/v1/exports";
const PROBE = new URL("./exports_probe.ts", import.meta.url).pathname;

/**
 * Sends the request and reads the answer to its end: ms from sending to the last byte, and
 * the CPU time this process spent meanwhile (what the request costs on a free core; the wall
 * time on a shared machine also holds the time spent waiting for one).
 */
async function timed(send: () => Promise<Response>): Promise<{ ms: number; cpuMs: number }> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const res = await send();
  if (res.status !== 200) throw new Error(`${res.status} ${await res.text()}`);
  for await (const _ of res.body!) { /* read to the end */ }
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

const cpuNote = (cpuMs: number[]) =>
  `CPU time p50 ${Math.round([...cpuMs].sort((a, b) => a - b)[cpuMs.length >> 1])} ms`;

/** `runs` downloads of `path` in a fresh process on the database at `url`, then one `live`. */
async function probe(url: string, path: string, runs: number): Promise<ProbeResult> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--v8-flags=--expose-gc", PROBE, url, path, String(runs), "live"],
    stdout: "piped",
    stderr: "inherit",
  }).output();
  if (!out.success) throw new Error(`exports_probe.ts ${path} failed (${out.code})`);
  return JSON.parse(new TextDecoder().decode(out.stdout).trim().split("\n").at(-1)!);
}

const mb = (x: number) => `${x.toFixed(0)} MB`;
const live = (r: ProbeResult) => mb(Math.max(...r.liveMb));

export async function benchExports(): Promise<BenchResult[]> {
  const t = await startTestApp({
    env: { RATE_LIMIT_PER_MINUTE: "1000000", RATE_LIMIT_TENANT_PER_MINUTE: "1000000" },
  });
  const results: BenchResult[] = [];
  try {
    const reader = await t.token("reader"), exec = await t.token("executive");
    const me = await (await t.call("GET", "/api/v1/users/me", { token: exec })).json();
    const scope = new TenantScope(t.database.db, me.tenant.id);

    const big = await publishedProcess(t, "Bench 300 nodes", bigGraph(300, 6));
    const pdf: { ms: number; cpuMs: number }[] = [];
    for (let i = -3; i < 15; i++) {
      const r = await timed(() => t.call("GET", `${E}/processes/${big}.pdf`, { token: reader }));
      if (i >= 0) pdf.push(r);
    }
    results.push(stats(
      "GET exports/processes/{id}.pdf, 300 nodes (target < 500 ms)",
      pdf.map((r) => r.ms),
      `${cpuNote(pdf.map((r) => r.cpuMs))}; ${loadNote()}`,
    ));

    for (let i = 0; i < 50; i++) await publishedProcess(t, `Bench handbook ${i}`, bigGraph(15, 3));
    const book: { ms: number; cpuMs: number }[] = [];
    for (let i = -1; i < 3; i++) {
      const r = await timed(() => t.call("GET", `${E}/handbook.pdf`, { token: reader }));
      if (i >= 0) book.push(r);
    }
    results.push(stats(
      "GET exports/handbook.pdf, 53 processes (target < 5 s)",
      book.map((r) => r.ms),
      `${cpuNote(book.map((r) => r.cpuMs))}; ${loadNote()}`,
      0,
    ));

    const insert = async (from: number, to: number) => {
      for (let i = from; i < to; i += 2000) {
        const now = new Date();
        await scope.insert(
          employees,
          Array.from({ length: Math.min(2000, to - i) }, (_, k) => ({
            id: uuidv7(),
            name: `Bench Person ${i + k}`,
            nameKey: `bench person ${String(i + k).padStart(6, "0")}`,
            email: `bench.${i + k}@example.com`,
            phone: "+1 555 0100",
            location: "Bench office",
            externalKey: `BENCH-${i + k}`,
            createdAt: now,
            updatedAt: now,
          })),
        );
      }
    };
    const url = t.database.url;
    await insert(0, 20_000);
    const xlsx = await probe(url, `${E}/lists/employees.xlsx`, 3);
    results.push(stats(
      "GET exports/lists/employees.xlsx, 20,006 rows (target < 3 s, < 300 MB peak RSS)",
      xlsx.ms,
      `${cpuNote(xlsx.cpuMs)}; fresh process: peak RSS ${mb(Math.max(...xlsx.peakMb))} (${
        mb(xlsx.baseMb)
      } before the first export), at most ${live(xlsx)} in use after a collection; ${
        (xlsx.bytes / 1024 / 1024).toFixed(1)
      } MB file; ${loadNote()}`,
      0,
    ));

    const small = await probe(url, `${E}/lists/employees.csv`, 1);
    await insert(20_000, 100_000);
    const large = await probe(url, `${E}/lists/employees.csv`, 1);
    results.push(stats(
      "GET exports/lists/employees.csv, 100,006 rows (flat memory)",
      large.ms,
      `${cpuNote(large.cpuMs)}; fresh process: at most ${
        live(large)
      } in use after a collection (each MB of ${(large.bytes / 1024 / 1024).toFixed(1)} MB) vs ${
        live(small)
      } at 20,006 rows (${small.ms[0].toFixed(0)} ms); peak RSS ${mb(large.peakMb[0])} vs ${
        mb(small.peakMb[0])
      } (${mb(large.baseMb)} before; uncollected garbage); ${loadNote()}`,
      0,
    ));
  } finally {
    await t.close();
  }
  return results;
}

/** The exports' own section of bench/RESULTS.md. */
export async function writeExportsResults(results: BenchResult[], startLoad: number) {
  await writeResultsSection("exports", [
    "## Exports (`deno task bench`, or `deno run -A bench/exports.ts` alone)",
    "",
    `${await machineLine()}; private MariaDB started by the test harness; 1-minute load average ${
      startLoad.toFixed(2)
    } at the start, ${Deno.loadavg()[0].toFixed(2)} at the end.`,
    "",
    "| measurement | n | p50 ms | p95 ms | max ms | note |",
    "| --- | ---: | ---: | ---: | ---: | --- |",
    ...results.map((r) =>
      `| ${r.name} | ${r.n} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.max.toFixed(1)} | ${
        r.note ?? ""
      } |`
    ),
  ]);
}

if (import.meta.main) {
  const startLoad = Deno.loadavg()[0];
  await writeExportsResults(await benchExports(), startLoad);
  Deno.exit(0);
}
