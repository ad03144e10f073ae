// `deno task bench`: measures what the issues set targets for and writes bench/RESULTS.md.
// Runs against the same private MariaDB the tests use (or TEST_DATABASE_URL).
import { startTestApp } from "../tests/support/app.ts";
import { benchExports, writeExportsResults } from "./exports.ts";
import { benchEmbed } from "./embed.ts";
import { benchHostileInput } from "./hostile_input.ts";
import { benchOrgchart } from "./orgchart.ts";
import { benchBpmn } from "./processes_bpmn.ts";
import { benchDrafts } from "./processes_drafts.ts";
import { benchLayout } from "./processes_layout.ts";
import { benchUiProcessList } from "./ui_process_list.ts";
import { benchUiDiagram } from "./ui_diagram.ts";
import { benchUiEditor } from "./ui_editor.ts";
import { benchLiveSection } from "./live.ts";
import { benchTenantArchive, writeTenantArchiveResults } from "./tenant_archive.ts";
import { type BenchResult, measure } from "./stats.ts";
import { quietMachine } from "./quiet.ts";
import { machineLine, writeResultsSection } from "./results_file.ts";

const startLoad = await quietMachine();

// Rate limits would measure the limiter, not the request path.
const t = await startTestApp({
  env: { RATE_LIMIT_PER_MINUTE: "1000000", RATE_LIMIT_TENANT_PER_MINUTE: "1000000" },
});
const modeler = await t.token("modeler");
const results: BenchResult[] = [];
// Twenty untimed requests first (connections, JIT, caches).
const WARM_UP = { warmUp: 20 };
try {
  results.push(
    await measure("GET /health/live", 2000, async () => {
      const res = await t.call("GET", "/health/live");
      await res.body?.cancel();
    }, WARM_UP),
  );
  results.push(
    await measure("POST /api/v1/tags (auth, tenancy, validation, insert)", 500, async (i) => {
      const res = await t.call("POST", "/api/v1/tags", {
        token: modeler,
        body: { name: `Bench ${i}` },
      });
      if (res.status !== 201 && i >= 0) throw new Error(`create failed: ${res.status}`);
      await res.body?.cancel();
    }, WARM_UP),
  );
  results.push(
    await measure("GET /api/v1/tags?limit=50 over 500 tags", 1000, async () => {
      const res = await t.call("GET", "/api/v1/tags?limit=50", { token: modeler });
      if (res.status !== 200) throw new Error(`list failed: ${res.status}`);
      await res.json();
    }, WARM_UP),
  );
} finally {
  await t.close();
}
// Each suite starts what it needs (the in-process app on the private MariaDB, or nothing).
results.push(...await benchDrafts());
results.push(...await benchLayout());
results.push(...await benchBpmn());
results.push(...await benchOrgchart());
// The exports write a section of their own (their lists run in processes of their own).
const exportsLoad = Deno.loadavg()[0];
await writeExportsResults(await benchExports(), exportsLoad);
// The tenant archive writes a section of its own (peak RSS as the tenant grows).
await writeTenantArchiveResults(await benchTenantArchive());
results.push(...await benchHostileInput());
results.push(...await benchUiProcessList());
results.push(...await benchUiDiagram());
results.push(...await benchUiEditor());

await writeResultsSection("in-process", [
  "## In-process (`deno task bench`)",
  "",
  `Command: \`npx -y deno task bench\` — ${await machineLine()}, ` +
  "private MariaDB started by the test harness, requests in-process through app.request; " +
  `1-minute load average ${startLoad.toFixed(2)} at the start, ${
    Deno.loadavg()[0].toFixed(2)
  } at the end (each UI row notes its own).`,
  "",
  "| measurement | n | p50 ms | p95 ms | max ms | note |",
  "| --- | ---: | ---: | ---: | ---: | --- |",
  ...results.map((r) =>
    `| ${r.name} | ${r.n} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.max.toFixed(2)} | ${
      r.note ?? ""
    } |`
  ),
]);
// Live co-editing has a section of its own (its server runs in a process of its own).
await benchLiveSection();
// Last: it fails the command when the embeddable bundle is over its budget.
await benchEmbed();
console.log("wrote bench/RESULTS.md");
// The private MariaDB child keeps the event loop alive; its `unload` handler stops it.
Deno.exit(0);
