// Benchmarks of the exports plugin (issue 14): the PDF report of a 300-node process (target
// under 500 ms), a handbook of 50 processes (under 5 s), an XLSX list of 20,000 rows (under
// 3 s and 300 MB peak RSS) and a CSV list of 100,000 rows in flat memory (the peak RSS while
// exporting 100,000 rows against 10,000). In-process on the test harness's private MariaDB.
// Standalone: `npx -y deno run -A bench/exports.ts`.
import { uuidv7 } from "../api/db/ids.ts";
import { TenantScope } from "../api/db/tenant_scope.ts";
import { bigGraph, publishedProcess } from "../plugins/exports/test_support.ts";
import { employees } from "../plugins/orgchart/schema.ts";
import { startTestApp } from "../tests/support/app.ts";
import { type BenchResult, loadNote, stats } from "./stats.ts";

const E = "/api/v1/exports";

/** Sends the request and reads the answer to its end while sampling the RSS: ms and peak MB. */
async function download(
  send: () => Promise<Response>,
): Promise<{ ms: number; peakMb: number; bytes: number }> {
  const start = performance.now();
  let peak = Deno.memoryUsage().rss;
  const timer = setInterval(() => peak = Math.max(peak, Deno.memoryUsage().rss), 20);
  let bytes = 0;
  try {
    const res = await send();
    if (res.status !== 200) throw new Error(`${res.status} ${await res.text()}`);
    for await (const chunk of res.body!) bytes += chunk.length;
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, Deno.memoryUsage().rss);
  return { ms: performance.now() - start, peakMb: peak / 1024 / 1024, bytes };
}

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
    const pdfTimes: number[] = [];
    for (let i = -3; i < 15; i++) {
      const r = await download(() => t.call("GET", `${E}/processes/${big}.pdf`, { token: reader }));
      if (i >= 0) pdfTimes.push(r.ms);
    }
    results.push(
      stats("GET exports/processes/{id}.pdf, 300 nodes (target < 500 ms)", pdfTimes, loadNote()),
    );

    for (let i = 0; i < 50; i++) await publishedProcess(t, `Bench handbook ${i}`, bigGraph(15, 3));
    const bookTimes: number[] = [];
    for (let i = -1; i < 3; i++) {
      const r = await download(() => t.call("GET", `${E}/handbook.pdf`, { token: reader }));
      if (i >= 0) bookTimes.push(r.ms);
    }
    results.push(
      stats("GET exports/handbook.pdf, 53 processes (target < 5 s)", bookTimes, loadNote(), 0),
    );

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
    await insert(0, 20_000);
    const xlsx = [];
    for (let i = 0; i < 3; i++) {
      xlsx.push(await download(() => t.call("GET", `${E}/lists/employees.xlsx`, { token: exec })));
    }
    const peak = Math.max(...xlsx.map((x) => x.peakMb));
    results.push(stats(
      "GET exports/lists/employees.xlsx, 20,006 rows (target < 3 s, < 300 MB RSS)",
      xlsx.map((x) => x.ms),
      `peak RSS ${peak.toFixed(0)} MB, ${
        (xlsx[0].bytes / 1024 / 1024).toFixed(1)
      } MB file; ${loadNote()}`,
      0,
    ));

    Deno.env.get("GC") && (globalThis as { gc?: () => void }).gc?.();
    const small = await download(() => t.call("GET", `${E}/lists/employees.csv`, { token: exec }));
    await insert(20_000, 100_000);
    const large = await download(() => t.call("GET", `${E}/lists/employees.csv`, { token: exec }));
    results.push(stats(
      "GET exports/lists/employees.csv, 100,006 rows (flat memory)",
      [large.ms],
      `peak RSS ${large.peakMb.toFixed(0)} MB at 100,006 rows vs ${
        small.peakMb.toFixed(0)
      } MB at 20,006; ${(large.bytes / 1024 / 1024).toFixed(1)} MB; ${loadNote()}`,
      0,
    ));
  } finally {
    await t.close();
  }
  return results;
}

if (import.meta.main) await benchExports();
