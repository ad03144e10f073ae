// `deno task test:load`: the full mixed load with faults — 50 tenants × 20 people for 60 s,
// the database killed and Redis stopped on the way — against Procedo in its own process.
// Prints p50/p99 per route and writes them to bench/RESULTS.md; exits 1 on any 5xx (but 503
// with Retry-After), any answer holding another tenant's id, or a lost acknowledged write.
// LOAD_TENANTS, LOAD_USERS and LOAD_SECONDS change the size.
import { machineLine, writeResultsSection } from "../../bench/results_file.ts";
import { type Fault, runLoad } from "./harness.ts";
import { startProcedo } from "./procedo_process.ts";

const tenants = Number(Deno.env.get("LOAD_TENANTS") ?? 50);
const users = Number(Deno.env.get("LOAD_USERS") ?? 20);
const seconds = Number(Deno.env.get("LOAD_SECONDS") ?? 60);
const faults: Fault[] = ["database", "redis"];

const startLoad = Deno.loadavg()[0];
const p = await startProcedo();
let failed = false;
try {
  const r = await runLoad(p, {
    tenants,
    usersPerTenant: users,
    seconds,
    faults,
    progress: (l) => console.log(l),
  });
  const cacheWarned = p.log.some((l) => l.includes("uses its memory meanwhile"));
  console.log(
    `${r.requests} requests; ${r.serverErrors.length} server errors, ${r.leaks.length} leaks, ` +
      `${r.missingWrites.length} of ${r.acknowledgedWrites} acknowledged writes missing`,
  );
  for (const x of r.routes) {
    console.log(`  ${x.route}: n=${x.n} p50 ${x.p50.toFixed(1)} ms p99 ${x.p99.toFixed(1)} ms`);
  }
  for (const e of [...r.serverErrors, ...r.leaks, ...r.missingWrites].slice(0, 20)) {
    console.log(`  ! ${e}`);
  }
  failed = r.serverErrors.length > 0 || r.leaks.length > 0 || r.missingWrites.length > 0 ||
    !cacheWarned || r.faults.some((f) => f.fault === "database" && !(f.recoveredMs! <= 5000));
  await writeResultsSection("load", [
    "## Mixed load with faults (`deno task test:load`)",
    "",
    `Command: \`npx -y deno task test:load\` — ${await machineLine()}; ${tenants} tenants × ${users} ` +
    `people for ${seconds} s against \`api/main.ts\` (embedded MariaDB, Redis cache) on loopback; the ` +
    `database killed (SIGKILL) at 1/4 and Redis stopped at 2/4 of the run; 1-minute load average ` +
    `${startLoad.toFixed(2)} at the start, ${Deno.loadavg()[0].toFixed(2)} at the end.`,
    "",
    `${r.requests} requests: **${r.serverErrors.length}** answers 5xx other than 503 with ` +
    `Retry-After, **${r.leaks.length}** answers holding another tenant's id, ` +
    `**${r.missingWrites.length}** of ${r.acknowledgedWrites} acknowledged writes missing. ` +
    r.faults.map((f) =>
      f.fault === "database"
        ? `Database back after ${f.backAfterMs} ms, first acknowledged write ${f.recoveredMs} ms later (bound 5,000 ms).`
        : `Redis stopped for ${f.backAfterMs} ms${
          cacheWarned ? "; the instance warned and used its memory" : ""
        }.`
    ).join(" "),
    "",
    "| route | n | p50 ms | p99 ms | statuses |",
    "| --- | ---: | ---: | ---: | --- |",
    ...r.routes.map((x) =>
      `| ${x.route} | ${x.n} | ${x.p50.toFixed(1)} | ${x.p99.toFixed(1)} | ${
        Object.entries(x.statuses).map(([s, n]) => `${s}: ${n}`).join(", ")
      } |`
    ),
  ]);
} finally {
  await p.close();
}
Deno.exit(failed ? 1 : 0);
