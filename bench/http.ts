// `deno task bench:http`: the request path over real HTTP on loopback. One run starts a raw
// `Deno.serve` endpoint, a raw Hono route and Procedo (`api/main.ts` on its embedded MariaDB,
// demo tenants seeded), each in its own process, drives each with the same load generator
// (wrk where installed, else autocannon from npm) at 64 connections, and writes req/s, p50 and
// p99 to bench/RESULTS.md. Target (#13): authenticated tenant-scoped reads ≥ 25 % of raw
// Hono's req/s with p99 ≤ 20 ms and no non-2xx answers.
import { quietMachine } from "./quiet.ts";
import { chainGraph } from "../plugins/processes/draft_fixtures.ts";
import { machineLine, writeResultsSection } from "./results_file.ts";

const CONNECTIONS = Number(Deno.env.get("BENCH_HTTP_CONNECTIONS") ?? 64);
const SECONDS = Number(Deno.env.get("BENCH_HTTP_SECONDS") ?? 10);
const WARM_SECONDS = 3;
const ROOT = new URL("../", import.meta.url).pathname;

interface LoadResult {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  requests: number;
  /** CPU time of the server's main thread per request, in microseconds (Linux only). */
  cpuUs?: number;
  note?: string;
}

const freePort = () => {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
};

async function waitFor(url: string, seconds: number) {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    try {
      const res = await fetch(url);
      await res.body?.cancel();
      if (res.ok) return;
    } catch { /* not up yet */ }
    if (Date.now() > until) throw new Error(`${url} did not come up in ${seconds} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function spawn(args: string[], env: Record<string, string> = {}) {
  return new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT,
    env,
    stdout: "null",
    stderr: "inherit",
  }).spawn();
}

const hasWrk = await new Deno.Command("sh", { args: ["-c", "command -v wrk"] }).output()
  .then((o) => o.success, () => false);

/** Parses wrk's `--latency` report. */
function parseWrk(text: string): Omit<LoadResult, "name"> {
  const ms = (v: string, unit: string) =>
    Number(v) * ({ us: 0.001, ms: 1, s: 1000, m: 60_000 }[unit] ?? 1);
  const pct = (p: string) => {
    const m = text.match(new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, "m"));
    return m ? ms(m[1], m[2]) : NaN;
  };
  return {
    rps: Number(text.match(/Requests\/sec:\s+([\d.]+)/)?.[1] ?? NaN),
    p50: pct("50"),
    p99: pct("99"),
    non2xx: Number(text.match(/Non-2xx or 3xx responses:\s+(\d+)/)?.[1] ?? 0) +
      Number(text.match(/Socket errors:.*?timeout (\d+)/)?.[1] ?? 0),
    requests: Number(text.match(/(\d+) requests in/)?.[1] ?? 0),
  };
}

async function load(
  url: string,
  headers: Record<string, string>,
  seconds: number,
  method = "GET",
  bodyFile?: string,
  connections = CONNECTIONS,
): Promise<Omit<LoadResult, "name">> {
  if (hasWrk) {
    const args = ["-t2", `-c${connections}`, `-d${seconds}s`, "--latency", "--timeout", "10s"];
    for (const [k, v] of Object.entries(headers)) args.push("-H", `${k}: ${v}`);
    if (method !== "GET" || bodyFile) {
      args.push("-s", new URL("./http_wrk_body.lua", import.meta.url).pathname);
    }
    const out = await new Deno.Command("wrk", {
      args: [...args, url],
      env: { BENCH_METHOD: method, BENCH_BODY_FILE: bodyFile ?? "" },
    }).output();
    return parseWrk(new TextDecoder().decode(out.stdout));
  }
  const args = ["-y", "autocannon@8", "-j", "-c", String(connections), "-d", String(seconds)];
  for (const [k, v] of Object.entries(headers)) args.push("-H", `${k}=${v}`);
  if (method !== "GET") args.push("-m", method);
  if (bodyFile) args.push("-i", bodyFile);
  const out = await new Deno.Command("npx", { args: [...args, url] }).output();
  const r = JSON.parse(new TextDecoder().decode(out.stdout));
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx + r.errors + r.timeouts,
    requests: r.requests.total,
  };
}

/** CPU seconds (user + system) the process's main thread has used; undefined off Linux. */
async function mainThreadCpu(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  try {
    const stat = await Deno.readTextFile(`/proc/${pid}/task/${pid}/stat`);
    // Fields after the command name (which may hold spaces): utime is the 14th, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

async function measure(
  name: string,
  url: string,
  headers: Record<string, string> = {},
  opts: {
    method?: string;
    bodyFile?: string;
    note?: string;
    connections?: number;
    /** The server's process, for its CPU time per request. */
    pid?: number;
  } = {},
): Promise<LoadResult> {
  await load(url, headers, WARM_SECONDS, opts.method, opts.bodyFile, opts.connections);
  const cpuBefore = await mainThreadCpu(opts.pid);
  const r: LoadResult = {
    name,
    ...await load(url, headers, SECONDS, opts.method, opts.bodyFile, opts.connections),
  };
  const cpuAfter = await mainThreadCpu(opts.pid);
  if (cpuBefore !== undefined && cpuAfter !== undefined && r.requests) {
    r.cpuUs = (cpuAfter - cpuBefore) * 1e6 / r.requests;
  }
  if (opts.note) r.note = opts.note;
  console.log(
    `${name}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(2)} ms, p99 ${
      r.p99.toFixed(2)
    } ms, non-2xx ${r.non2xx} (${r.requests} requests)${
      r.cpuUs ? `, ${r.cpuUs.toFixed(1)} µs CPU/request` : ""
    }`,
  );
  return r;
}

const startLoad = await quietMachine();
const results: LoadResult[] = [];
const children: Deno.ChildProcess[] = [];
const dataDir = await Deno.makeTempDir({ prefix: "procedo-bench-http-" });
try {
  const rawPort = freePort();
  children.push(spawn(["run", "-A", "bench/http_raw.ts", "deno", String(rawPort)]));
  const honoPort = freePort();
  children.push(spawn(["run", "-A", "bench/http_raw.ts", "hono", String(honoPort)]));
  await waitFor(`http://127.0.0.1:${rawPort}/`, 30);
  await waitFor(`http://127.0.0.1:${honoPort}/raw`, 30);
  const rawDeno = children[0].pid, rawHono = children[1].pid;
  results.push(
    await measure("raw Deno.serve, fixed bytes", `http://127.0.0.1:${rawPort}/`, {}, {
      pid: rawDeno,
    }),
  );
  const hono = await measure("raw Hono route, JSON", `http://127.0.0.1:${honoPort}/raw`, {}, {
    pid: rawHono,
  });
  results.push(hono);

  const port = freePort();
  const procedo = spawn(["run", "-A", "api/main.ts"], {
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    SKIP_UI_BUILD: "1",
    // Rate limits would measure the limiter, not the request path.
    RATE_LIMIT_PER_MINUTE: "1000000",
    RATE_LIMIT_TENANT_PER_MINUTE: "10000000",
    PATH: `${Deno.env.get("PATH")}:/usr/sbin:/usr/local/sbin`,
  });
  children.push(procedo);
  const pid = procedo.pid;
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/health/ready`, 120);
  const users: { tid: string; oid: string; role: string }[] =
    await (await fetch(`${base}/api/v1/dev/users`)).json();
  // One person per measured route: each has the per-credential budget to itself.
  const bearer = async (role: string) => {
    const user = users.find((u) => u.role === role)!;
    const token = (await (await fetch(`${base}/api/v1/dev/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ tid: user.tid, oid: user.oid }),
    })).json()).accessToken;
    return { authorization: `Bearer ${token}` };
  };
  const auth = await bearer("modeler");
  const readerAuth = await bearer("reader");
  const executiveAuth = await bearer("executive");
  const processes = await (await fetch(`${base}/api/v1/processes?limit=1`, { headers: auth }))
    .json();
  const processId = processes.items[0].id;

  // What Deno and Hono alone give for the same request and answer: the tags list's bytes with
  // Procedo's response headers, and the same bearer token sent (no middleware, no checks).
  const tagsFile = await Deno.makeTempFile({ suffix: ".json" });
  await Deno.writeFile(
    tagsFile,
    new Uint8Array(await (await fetch(`${base}/api/v1/tags`, { headers: auth })).arrayBuffer()),
  );
  const floorPort = freePort();
  const floor = spawn(["run", "-A", "bench/http_raw.ts", "floor", String(floorPort), tagsFile]);
  children.push(floor);
  await waitFor(`http://127.0.0.1:${floorPort}/raw`, 30);
  results.push(
    await measure(
      "Hono alone: the tags list's bytes with Procedo's 8 response headers, same token sent",
      `http://127.0.0.1:${floorPort}/raw`,
      auth,
      {
        pid: floor.pid,
        note: "what the runtime and the framework cost before any of Procedo's work",
      },
    ),
  );

  results.push(
    await measure("Procedo GET /health/live (no auth)", `${base}/health/live`, {}, { pid }),
  );
  // Each tenant read is compared with raw Hono measured right before it: on a shared 2-core
  // machine the baseline drifts by half within minutes (wrk competes for the same cores), so a
  // baseline from the start of the run would compare different moments.
  const tenantReads: { read: LoadResult; baseline: LoadResult }[] = [];
  for (
    const [name, url, headers] of [
      ["Procedo GET /api/v1/tags (token, tenant, list)", `${base}/api/v1/tags`, auth],
      [
        "Procedo GET /api/v1/processes/{id} (token, tenant, one process)",
        `${base}/api/v1/processes/${processId}`,
        readerAuth,
      ],
    ] as const
  ) {
    const baseline = await measure(
      `raw Hono route, JSON (right before the next row)`,
      `http://127.0.0.1:${honoPort}/raw`,
      {},
      {
        pid: rawHono,
      },
    );
    tenantReads.push({ baseline, read: await measure(name, url, headers, { pid }) });
  }
  // A 300-node draft (#20): Procedo against raw Deno serving the same bytes from memory.
  const created = await (await fetch(`${base}/api/v1/processes`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify({ title: "Bench 300 nodes", category: "core" }),
  })).json();
  const draftUrl = `${base}/api/v1/processes/${created.id}/draft`;
  const graphFile = await Deno.makeTempFile({ suffix: ".json" });
  await Deno.writeTextFile(graphFile, JSON.stringify(chainGraph(298)));
  const saved = await fetch(draftUrl, {
    method: "PUT",
    headers: { ...auth, "content-type": "application/json", "if-match": "*" },
    body: await Deno.readFile(graphFile),
  });
  if (saved.status !== 200) throw new Error(`draft save: ${saved.status} ${await saved.text()}`);
  await saved.body?.cancel();
  const draftFile = await Deno.makeTempFile({ suffix: ".json" });
  await Deno.writeFile(
    draftFile,
    new Uint8Array(await (await fetch(draftUrl, { headers: auth })).arrayBuffer()),
  );
  const rawDraftPort = freePort();
  children.push(spawn(["run", "-A", "bench/http_raw.ts", "deno", String(rawDraftPort), draftFile]));
  await waitFor(`http://127.0.0.1:${rawDraftPort}/`, 30);
  const draftKb = (await Deno.stat(draftFile)).size / 1024;
  const rawDraft = await measure(
    `raw Deno.serve, the same ${draftKb.toFixed(0)} KB draft from memory`,
    `http://127.0.0.1:${rawDraftPort}/`,
    {},
    { pid: children.at(-1)!.pid },
  );
  results.push(rawDraft);
  const draftGet = await measure("Procedo GET a 300-node draft", draftUrl, executiveAuth, {
    pid,
  });
  const draftShare = draftGet.rps / rawDraft.rps;
  draftGet.note = `${
    (draftShare * 100).toFixed(0)
  } % of raw Deno with the same bytes; target ≥ 50 %: ${
    draftShare >= 0.5 && draftGet.non2xx === 0 ? "met" : "NOT met"
  }`;
  const draftPut = await measure("Procedo PUT a 300-node draft (If-Match: *)", draftUrl, {
    ...auth,
    "if-match": "*",
  }, {
    method: "PUT",
    bodyFile: graphFile,
    // Saves of one draft queue on its row lock: 64 writers of one draft wait past the database
    // timeout (503) on 2 cores; a draft has a handful of writers at most (live mode: one saver).
    connections: 4,
    pid,
    note: "4 connections; validation, projections, audit; one tenant, one draft",
  });

  for (const { read: r, baseline } of tenantReads) {
    const share = r.rps / baseline.rps;
    r.note =
      `${(share * 100).toFixed(0)} % of raw Hono measured right before (${
        baseline.rps.toFixed(0)
      } req/s, ${baseline.cpuUs?.toFixed(1) ?? "?"} µs CPU/request); target ≥ 25 % and p99 ≤ ` +
      `20 ms, no non-2xx: ${share >= 0.25 && r.p99 <= 20 && r.non2xx === 0 ? "met" : "NOT met"}`;
    results.push(r);
  }
  results.push(draftGet, draftPut);
} finally {
  for (const c of children) {
    try {
      c.kill("SIGTERM");
    } catch { /* gone */ }
    await c.status;
  }
  await Deno.remove(dataDir, { recursive: true }).catch(() => {});
}

const tool = hasWrk ? "wrk 4 (2 threads)" : "autocannon 8";
await writeResultsSection("http", [
  "## Over HTTP (`deno task bench:http`)",
  "",
  `Command: \`npx -y deno task bench:http\` — ${await machineLine()}; ${tool} at ${CONNECTIONS} (unless said) ` +
  `connections for ${SECONDS} s after a ${WARM_SECONDS} s warm-up, on loopback; each server in ` +
  "its own process (Procedo is `api/main.ts` on its embedded MariaDB with the memory cache and " +
  `info logging); 1-minute load average ${startLoad.toFixed(2)} at the start, ${
    Deno.loadavg()[0].toFixed(2)
  } at the end.`,
  "",
  "CPU µs/request: the server's main thread (user + system, from /proc) over the measured run, " +
  "divided by the requests answered — it does not depend on how much CPU the load generator " +
  "leaves the server on a 2-core machine.",
  "",
  "| endpoint | req/s | p50 ms | p99 ms | non-2xx | requests | CPU µs/request | note |",
  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
  ...results.map((r) =>
    `| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(2)} | ${
      r.p99.toFixed(2)
    } | ${r.non2xx} | ${r.requests} | ${r.cpuUs?.toFixed(1) ?? ""} | ${r.note ?? ""} |`
  ),
]);
console.log("wrote bench/RESULTS.md (section http)");
Deno.exit(0);
