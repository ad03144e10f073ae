// The tenant archive (exit export) as the tenant grows: the demo tenant is exported with
// `steps` sizes of extra employees (keyset pages of 500 rows, deflated and handed on one
// page at a time), into a stream that only counts bytes, while the RSS is sampled every
// 10 ms. Memory is flat when the peak RSS over the baseline stays about the same from the
// smallest size to the largest. Writes the "tenant-archive" section of bench/RESULTS.md.
//
//   deno task bench:archive [largest rows, default 100000]   (also part of `deno task bench`)
import { TenantScope } from "../api/db/tenant_scope.ts";
import { uuidv7 } from "../api/db/ids.ts";
import { writeTenantArchive } from "../api/tenant_archive/mod.ts";
import { archiveDeps, tenantIds } from "../api/tenant_archive/test_support.ts";
import { employees } from "../plugins/orgchart/schema.ts";
import { machineLine, writeResultsSection } from "./results_file.ts";

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

interface ArchiveRun {
  rows: number;
  ms: number;
  bytes: number;
  baseRss: number;
  peakRss: number;
}

/** Exports the demo tenant at growing sizes and records time, size and peak RSS. */
export async function benchTenantArchive(largest = 100_000): Promise<ArchiveRun[]> {
  const deps = await archiveDeps([]);
  const { a } = await tenantIds(deps);
  const scope = new TenantScope(deps.db, a);
  const runs: ArchiveRun[] = [];
  let rows = 0;
  try {
    for (const size of [largest / 10, largest / 2, largest]) {
      rows = await addEmployees(scope, rows, size);
      runs.push(await measureExport(deps, a, rows));
    }
  } finally {
    await deps.close();
  }
  return runs;
}

async function addEmployees(scope: TenantScope, from: number, to: number): Promise<number> {
  const now = new Date();
  for (let i = from; i < to; i += 1000) {
    const batch = [];
    for (let j = i; j < Math.min(to, i + 1000); j++) {
      const name = `Bench Employee ${j} Müller`;
      batch.push({
        id: uuidv7(),
        name,
        nameKey: name.toLowerCase(),
        email: `employee${j}@contoso.example`,
        phone: `+49 30 ${100000 + j}`,
        location: "Berlin",
        externalKey: `B${j}`,
        createdAt: now,
        updatedAt: now,
      });
    }
    await scope.insert(employees, batch);
  }
  return to;
}

async function measureExport(
  deps: Parameters<typeof writeTenantArchive>[0],
  tenantId: string,
  rows: number,
): Promise<ArchiveRun> {
  (globalThis as { gc?: () => void }).gc?.();
  const baseRss = Deno.memoryUsage().rss;
  let peakRss = baseRss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, Deno.memoryUsage().rss);
  }, 10);
  let bytes = 0;
  const start = performance.now();
  try {
    await writeTenantArchive(
      deps,
      tenantId,
      new WritableStream({ write: (chunk) => void (bytes += chunk.length) }),
    );
  } finally {
    clearInterval(sampler);
  }
  const ms = performance.now() - start;
  peakRss = Math.max(peakRss, Deno.memoryUsage().rss);
  return { rows, ms, bytes, baseRss, peakRss };
}

/** The section of RESULTS.md for `runs`. */
export async function writeTenantArchiveResults(runs: ArchiveRun[]) {
  await writeResultsSection("tenant-archive", [
    "## Tenant archive (`deno task bench:archive`)",
    "",
    `${await machineLine()}; the demo tenant plus N employees, exported into a stream that ` +
    "counts bytes; RSS sampled every 10 ms. Flat memory: the peak over the baseline stays " +
    "about the same as the tenant grows.",
    "",
    "| extra employees | ms | archive MB | RSS before MB | peak RSS MB | peak − before MB |",
    "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ...runs.map((r) =>
      `| ${r.rows} | ${r.ms.toFixed(0)} | ${(r.bytes / 1024 / 1024).toFixed(1)} | ${
        mb(r.baseRss)
      } | ${mb(r.peakRss)} | ${mb(r.peakRss - r.baseRss)} |`
    ),
  ]);
}

if (import.meta.main) {
  const runs = await benchTenantArchive(Number(Deno.args[0] ?? 100_000));
  for (const r of runs) console.log(JSON.stringify(r));
  await writeTenantArchiveResults(runs);
  // The private MariaDB child keeps the event loop alive; its `unload` handler stops it.
  Deno.exit(0);
}
