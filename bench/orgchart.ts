// Benchmarks of the orgchart plugin (issue 5): a 5,000-position chart read as a tree (target
// under 100 ms) and a 10,000-employee XLSX import (target under 10 s, memory bounded: the peak
// RSS during the import is reported). Runs the app in-process on the test harness's private
// MariaDB, like bench/main.ts. Standalone: `npx -y deno run -A bench/orgchart.ts`.
import ExcelJS from "exceljs";
import { XLSX_MEDIA_TYPE } from "../api/tabular/mod.ts";
import { startTestApp } from "../tests/support/app.ts";
import { type BenchResult, loadNote, stats } from "./stats.ts";

const BASE = "/api/v1/orgchart";
const POSITIONS = 5_000;
const EMPLOYEES = 10_000;

/** 5,000 positions in 5 divisions × 10 departments × 5 teams (250 units), reports-to lines. */
function positionsCsv(): string {
  const lines = ["externalKey,title,unit,reportsTo"];
  let n = 0;
  const add = (key: string, title: string, unit: string, reportsTo: string) => {
    lines.push(`${key},${title},${unit},${reportsTo}`);
    n++;
  };
  add("P0", "Chief Executive", "Group", "");
  for (let d = 0; d < 5; d++) {
    const division = `Group > Division ${d}`;
    add(`D${d}`, `Head of Division ${d}`, division, "P0");
    for (let e = 0; e < 10; e++) {
      const department = `${division} > Department ${d}.${e}`;
      add(`D${d}.${e}`, `Head of Department ${d}.${e}`, department, `D${d}`);
      for (let f = 0; f < 5; f++) {
        const team = `${department} > Team ${d}.${e}.${f}`;
        add(`T${d}.${e}.${f}`, `Team Lead ${d}.${e}.${f}`, team, `D${d}.${e}`);
        for (let g = 0; n < POSITIONS && g < 18; g++) {
          add(`M${d}.${e}.${f}.${g}`, `Specialist ${g + 1}`, team, `T${d}.${e}.${f}`);
        }
      }
    }
  }
  while (n < POSITIONS) add(`X${n}`, `Assistant ${n}`, "Group", "P0");
  return lines.join("\n") + "\n";
}

/** `count` employees, each holding one of the chart's positions (by external key). */
async function employeesXlsx(prefix: string, count: number, positionKeys: string[]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Employees");
  ws.addRow(["externalKey", "name", "email", "phone", "location", "positions"]);
  for (let i = 0; i < count; i++) {
    ws.addRow([
      `${prefix}-${i}`,
      `Person ${prefix} ${i}`,
      `person.${prefix.toLowerCase()}.${i}@example.com`,
      `+1 555 ${String(i % 10_000).padStart(4, "0")}`,
      `Site ${i % 20}`,
      positionKeys[i % positionKeys.length],
    ]);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export async function benchOrgchart(): Promise<BenchResult[]> {
  const t = await startTestApp({
    env: { RATE_LIMIT_PER_MINUTE: "1000000", RATE_LIMIT_TENANT_PER_MINUTE: "1000000" },
  });
  const token = await t.token("modeler");
  const results: BenchResult[] = [];
  try {
    const chart = await (await t.call("POST", `${BASE}/charts`, {
      token,
      body: { name: "Bench chart" },
    })).json();
    const importTo = async (kind: string, body: Uint8Array, type: string) => {
      const res = await t.call("POST", `${BASE}/charts/${chart.id}/import/${kind}`, {
        token,
        body,
        headers: { "content-type": type },
      });
      const report = await res.json();
      if (res.status !== 200) {
        throw new Error(`${kind} import: ${res.status} ${JSON.stringify(report)}`);
      }
      return report;
    };

    const csv = positionsCsv();
    const positionsReport = await importTo("positions", new TextEncoder().encode(csv), "text/csv");
    if (positionsReport.created !== POSITIONS) throw new Error("positions not all created");
    const keys = csv.trim().split("\n").slice(1).map((l) => l.split(",")[0]);
    // Half the positions get one holder each, so the tree carries names too.
    await importTo(
      "employees",
      await employeesXlsx("H", POSITIONS / 2, keys),
      XLSX_MEDIA_TYPE,
    );

    const tree = async () => {
      const res = await t.call("GET", `${BASE}/charts/${chart.id}/tree`, { token });
      if (res.status !== 200) throw new Error(`tree: ${res.status}`);
      return await res.json();
    };
    const first = await tree();
    if (first.counts.positions !== POSITIONS) throw new Error("tree incomplete");
    for (let i = 0; i < 5; i++) await tree(); // warm-up
    const times: number[] = [];
    for (let i = 0; i < 50; i++) {
      const start = performance.now();
      await tree();
      times.push(performance.now() - start);
    }
    results.push(stats(
      `GET /orgchart/charts/{id}/tree, ${POSITIONS} positions in ${first.counts.units} units`,
      times,
      `${first.counts.holders} holders; response parsed by the client included; ${loadNote()}`,
    ));

    // 10,000 new employees per run (new keys each time), then a re-import of the last file.
    const importTimes: number[] = [];
    let peak = 0;
    let baseline = 0;
    let lastFile: Uint8Array | undefined;
    let fileBytes = 0;
    for (let run = 0; run < 3; run++) {
      lastFile = await employeesXlsx(`R${run}`, EMPLOYEES, keys);
      fileBytes = lastFile.length;
      baseline = Math.max(baseline, Deno.memoryUsage().rss);
      const sampler = setInterval(() => peak = Math.max(peak, Deno.memoryUsage().rss), 5);
      const start = performance.now();
      const report = await importTo("employees", lastFile, XLSX_MEDIA_TYPE);
      importTimes.push(performance.now() - start);
      clearInterval(sampler);
      peak = Math.max(peak, Deno.memoryUsage().rss);
      if (report.created !== EMPLOYEES) throw new Error(`run ${run}: ${report.created} created`);
    }
    const mib = (b: number) => `${Math.round(b / 2 ** 20)} MiB`;
    results.push(stats(
      `POST /orgchart/charts/{id}/import/employees, ${EMPLOYEES} rows XLSX (creating)`,
      importTimes,
      `file ${Math.round(fileBytes / 1024)} KiB; peak RSS ${mib(peak)} (before: ${
        mib(baseline)
      }; whole process incl. the app); ${loadNote()}`,
    ));
    const reimport: number[] = [];
    for (let i = 0; i < 2; i++) {
      const start = performance.now();
      const report = await importTo("employees", lastFile!, XLSX_MEDIA_TYPE);
      reimport.push(performance.now() - start);
      if (report.unchanged !== EMPLOYEES) throw new Error("re-import changed rows");
    }
    results.push(stats(
      `POST /orgchart/charts/{id}/import/employees, same ${EMPLOYEES} rows again (unchanged)`,
      reimport,
    ));
  } finally {
    await t.close();
  }
  return results;
}

if (import.meta.main) {
  await benchOrgchart();
  Deno.exit(0);
}
