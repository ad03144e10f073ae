// One list export measured in a process of its own (bench/exports.ts starts it): the app on
// the bench's database, a warm-up export of a small list (so exceljs and the routes are
// loaded), then `runs` downloads of `path` read to the end while the RSS is sampled every
// 10 ms. A process of its own, so the RSS is the export's and not what earlier suites left in
// the bench process. With `live` (and --v8-flags=--expose-gc), one more download collects
// garbage after every megabyte received and records the memory still in use then (V8 heap
// plus buffers outside it): the RSS alone also counts garbage V8 has not collected yet, which
// grows with the work done even when what the export holds does not.
//
//   deno run -A [--v8-flags=--expose-gc] bench/exports_probe.ts <db url> <path> <runs> [live]
//
// Prints one JSON line (ProbeResult).
import process from "node:process";
import { createApp } from "../api/app.ts";
import { createDevIssuer } from "../api/auth/dev_issuer.ts";
import { createMemoryCache } from "../api/cache/memory.ts";
import { loadConfig } from "../api/config.ts";
import { openDatabase } from "../api/db/client.ts";
import { DEMO_TENANTS } from "../api/demo.ts";
import { defaultPlugins } from "../plugins/mod.ts";

export interface ProbeResult {
  ms: number[];
  /** CPU time (user + system) this process spent on each download: what a free core needs. */
  cpuMs: number[];
  /** RSS before the first timed download (app loaded, one small export done). */
  baseMb: number;
  /** Peak RSS during each timed download. */
  peakMb: number[];
  bytes: number;
  /** In use after a collection, every megabyte (live mode only). */
  liveMb: number[];
}

const [url, path, runs = "3", mode] = Deno.args;
const mb = (bytes: number) => bytes / 1024 / 1024;
const gc = (globalThis as { gc?: () => void }).gc;
if (mode === "live" && !gc) throw new Error("live needs --v8-flags=--expose-gc");

const database = openDatabase({ url, driver: "mysql2", poolSize: 5 });
const issuer = await createDevIssuer();
const app = await createApp({
  config: loadConfig({
    LOG_LEVEL: "silent",
    MODE: "test",
    RATE_LIMIT_PER_MINUTE: "1000000",
    RATE_LIMIT_TENANT_PER_MINUTE: "1000000",
  }),
  db: database.db,
  cache: createMemoryCache(),
  plugins: defaultPlugins,
  pingDb: database.ping,
  devIssuer: issuer,
});
const tenant = DEMO_TENANTS[0];
const exec = tenant.users.find((u) => u.role === "executive")!;
const token = await issuer.sign({ tid: tenant.entraTenantId, oid: exec.oid, name: exec.name });

async function download(p: string, onMegabyte?: () => void) {
  const start = performance.now();
  const cpu = process.cpuUsage();
  let peak = Deno.memoryUsage().rss;
  const timer = setInterval(() => peak = Math.max(peak, Deno.memoryUsage().rss), 10);
  let bytes = 0, nextMb = 1;
  try {
    const res = await app.request(p, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`${p}: ${res.status} ${await res.text()}`);
    for await (const chunk of res.body!) {
      bytes += chunk.length;
      if (onMegabyte && mb(bytes) >= nextMb) {
        nextMb++;
        onMegabyte();
      }
    }
  } finally {
    clearInterval(timer);
  }
  const used = process.cpuUsage(cpu);
  return {
    ms: performance.now() - start,
    cpuMs: (used.user + used.system) / 1000,
    peak: Math.max(peak, Deno.memoryUsage().rss),
    bytes,
  };
}

await download(path.replace(/\/lists\/[^/.]+\./, "/lists/positions."));
const result: ProbeResult = {
  ms: [],
  cpuMs: [],
  baseMb: mb(Deno.memoryUsage().rss),
  peakMb: [],
  bytes: 0,
  liveMb: [],
};
for (let i = 0; i < Number(runs); i++) {
  const r = await download(path);
  result.ms.push(r.ms);
  result.cpuMs.push(r.cpuMs);
  result.peakMb.push(mb(r.peak));
  result.bytes = r.bytes;
}
if (mode === "live") {
  await download(path, () => {
    gc!();
    const m = Deno.memoryUsage();
    result.liveMb.push(mb(m.heapUsed + m.external));
  });
}
await database.close();
console.log(JSON.stringify(result));
Deno.exit(0);
