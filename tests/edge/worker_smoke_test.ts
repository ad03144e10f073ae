// The Cloudflare Workers entry (api/worker.ts) run in workerd, offline, by `wrangler dev
// --local` with the repository's wrangler.toml: the real bundle, the real runtime, the
// Node.js compatibility layer. The Worker talks to a fresh migrated test database:
// - through mysql2 over TCP (connect() inside workerd);
// - through @planetscale/database over HTTP, against the PlanetScale API test fixture;
// - with no DATABASE_URL at all (health and docs must still answer);
// - live co-editing: WebSockets handed to the draft's Durable Object (over mysql2).
// Needs Node.js 20+ with npx on PATH: wrangler comes from the npm registry (cached by npx).
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { loadConfig } from "../../api/config.ts";
import { createMemoryCache } from "../../api/cache/memory.ts";
import { DEMO_TENANTS } from "../../api/demo.ts";
import { seedDemoTenants } from "../../api/tenants.ts";
import { defaultPlugins } from "../../plugins/mod.ts";
import { startPlanetScaleServer } from "../fixtures/planetscale_server.ts";
import { test } from "../support/app.ts";
import * as Y from "yjs";
import { Awareness } from "y-protocols/awareness";
import { GraphBinding } from "../../ui/live/graph_binding.ts";
import { LiveProvider } from "../../ui/live/provider.ts";
import { freshDatabase, type TestDatabase } from "../support/db.ts";

/** The last wrangler release that runs on Node.js 20; keep in step with docs/deploy-workers.md. */
const WRANGLER = "wrangler@4.86.0";
const ROOT = new URL("../../", import.meta.url);
const READY_WITHIN_MS = 120_000;
const FETCH_WRANGLER_WITHIN_MS = 300_000;

const demo = DEMO_TENANTS[0];

test("workerd: the Worker serves the API with MariaDB through mysql2 over TCP", async () => {
  const database = await seededDatabase();
  try {
    await withWorker({ DATABASE_URL: database.url, DATABASE_DRIVER: "mysql2" }, async (w) => {
      const live = await w.get("/health/live");
      assert.equal(live.status, 200);
      assert.deepEqual(await live.json(), { status: "pass" });

      const doc = await w.get("/api/openapi.json");
      assert.equal(doc.status, 200);
      const openapi = await doc.json();
      assert.equal(openapi.openapi, "3.1.0");
      assert.ok(openapi.paths["/api/v1/tags/{id}"], "the tags routes are in the document");

      await assertDatabaseWorks(w, database);
      await assertLiveEditingWorks(w, database);
      await assertAnchoring(w, database);

      const missing = await w.get("/api/v1/no-such-route");
      assert.equal(missing.status, 404);
      assert.match(missing.headers.get("content-type") ?? "", /^application\/problem\+json/);
      assert.ok(missing.headers.get("x-request-id"), "404 carries X-Request-Id");
      assert.equal((await missing.json()).status, 404);

      // Outside /api and /health, GETs go to the static assets binding (ASSETS); the app's
      // headers are added to the binding's (immutable) response.
      const page = await w.get("/");
      assert.equal(page.status, 200);
      assert.match(await page.text(), /procedo-smoke-ui/);
      assert.ok(page.headers.get("x-request-id"), "assets pass through the app's middleware");
    });
  } finally {
    await database.drop();
  }
});

test("workerd: the Worker serves the API through PlanetScale's HTTP driver", async () => {
  const database = await seededDatabase();
  const planetscale = await startPlanetScaleServer({
    mysqlUrl: database.url,
    username: "smoke",
    password: "smoke-secret",
  });
  try {
    await withWorker(
      { DATABASE_URL: planetscale.url, DATABASE_DRIVER: "planetscale" },
      async (w) => {
        await assertDatabaseWorks(w, database);
        await assertLiveEditingWorks(w, database);
      },
    );
  } finally {
    await planetscale.close();
    await database.drop();
  }
});

test("workerd: with the database unreachable, API routes answer 503 database-unavailable", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const closed = (listener.addr as Deno.NetAddr).port;
  listener.close();
  await withWorker(
    { DATABASE_URL: `mysql://nobody:pw@127.0.0.1:${closed}/none`, DATABASE_DRIVER: "mysql2" },
    async (w) => {
      const token = await devToken(w);
      for (const [method, body] of [["GET", undefined], ["POST", { name: "Offline" }]] as const) {
        const res = await w.request(method, "/api/v1/tags", token, body);
        assert.equal(res.status, 503, await res.clone().text());
        assert.equal(res.headers.get("retry-after"), "5");
        assert.equal(
          (await res.json()).type,
          "https://procedo.app/problems/database-unavailable",
        );
      }
      const ready = await w.get("/health/ready");
      assert.equal(ready.status, 503);
      assert.equal((await ready.json()).checks.database.status, "fail");
    },
  );
});

test("workerd: without DATABASE_URL the Worker still serves health and docs", async () => {
  // DATABASE_DRIVER stays "planetscale" from wrangler.toml, as on a fresh deploy.
  await withWorker({}, async (w) => {
    const live = await w.get("/health/live");
    assert.equal(live.status, 200);
    assert.deepEqual(await live.json(), { status: "pass" });

    const doc = await w.get("/api/openapi.json");
    assert.equal(doc.status, 200);
    assert.equal((await doc.json()).openapi, "3.1.0");

    const ready = await w.get("/health/ready");
    assert.equal(ready.status, 503);
    const body = await ready.json();
    assert.equal(body.checks.database.status, "fail");
    assert.match(body.checks.database.error, /DATABASE_URL is not set/);
    assert.equal(body.checks.cache.status, "pass");

    // Whatever needs the database answers 503 at once, naming the missing setting.
    const token = await devToken(w);
    const tags = await w.get("/api/v1/tags", token);
    assert.equal(tags.status, 503);
    assert.match(tags.headers.get("content-type") ?? "", /^application\/problem\+json/);
    assert.match((await tags.json()).detail, /DATABASE_URL/);
  });
});

/** Readiness, a write and reads through the Worker, and the row in the database. */
async function assertDatabaseWorks(w: Worker, database: TestDatabase) {
  const ready = await w.get("/health/ready");
  const readiness = await ready.json();
  assert.equal(ready.status, 200, JSON.stringify(readiness));
  assert.equal(readiness.checks.database.status, "pass");

  const token = await devToken(w);
  const created = await w.request("POST", "/api/v1/tags", token, {
    name: "Grüße vom Edge",
    color: "#0F6CBD",
  });
  const tag = await created.json();
  assert.equal(created.status, 201, JSON.stringify(tag));
  assert.equal(tag.name, "Grüße vom Edge");
  const got = await w.get(`/api/v1/tags/${tag.id}`, token);
  assert.equal(got.status, 200);
  assert.deepEqual(await got.json(), tag);

  // Concurrent requests in one isolate: each uses its own connections (workerd refuses
  // I/O on sockets another request opened), and none sees a stale one.
  const pages = await Promise.all(
    Array.from({ length: 6 }, () => w.get("/api/v1/tags?sort=-createdAt", token)),
  );
  for (const page of pages) {
    assert.equal(page.status, 200);
    assert.ok((await page.json()).items.some((t: { id: string }) => t.id === tag.id));
  }
  const again = await w.get("/health/ready");
  assert.equal(again.status, 200, await again.text());

  const [rows] = await database.db.execute(
    sql`select name from tags where id = ${tag.id}`,
  ) as unknown as [Array<{ name: string }>];
  assert.equal(rows[0]?.name, "Grüße vom Edge", "the Worker's write is in the database");
}

/**
 * Live co-editing through the Worker: a ticket, two editors' WebSockets handed to the draft's
 * Durable Object (LIVE_ROOMS), a change from one in the other, and the draft stored by the
 * object through the database.
 */
async function assertLiveEditingWorks(w: Worker, database: TestDatabase) {
  const token = await devToken(w);
  const created = await w.request("POST", "/api/v1/processes", token, {
    title: "Live at the edge",
    category: "core",
  });
  assert.equal(created.status, 201, await created.clone().text());
  const id = (await created.json()).id;
  const editor = () => {
    const doc = new Y.Doc();
    const awareness = new Awareness(doc);
    const binding = new GraphBinding(doc);
    const provider = new LiveProvider({
      doc,
      awareness,
      ticket: async () => {
        const res = await w.request("POST", "/api/v1/live/tickets", token, { processId: id });
        assert.equal(res.status, 200, await res.clone().text());
        // wrangler dev hands the Worker requests for localhost; the socket goes where we are.
        return (await res.json()).url.replace(/^ws:\/\/[^/]+/, w.url.replace(/^http/, "ws"));
      },
    });
    provider.connect();
    return { doc, binding, provider, awareness };
  };
  const a = editor(), b = editor();
  try {
    await untilTrue(
      "both editors have the room's document",
      () => a.provider.synced && b.provider.synced,
      () => `(last close codes ${a.provider.closeCode}, ${b.provider.closeCode})`,
    );
    const before = a.binding.graph;
    const node = before.nodes[0];
    a.binding.write(before, {
      ...before,
      nodes: before.nodes.map((n) => n === node ? { ...n, label: "Edited at the edge" } : n),
    });
    await untilTrue(
      "the other editor sees it",
      () => b.binding.graph.nodes.some((n) => n.label === "Edited at the edge"),
    );
    // Read in the database: without a shared cache (Upstash) the Worker's isolate may answer
    // GET …/draft from its memory for up to 30 s, as it does for any other isolate's write.
    await untilTrue("the object stores the draft", async () => {
      const [rows] = await database.db.execute(
        sql`select graph from process_drafts where process_id = ${id}`,
      ) as unknown as [Array<{ graph: string | { nodes: { label: string }[] } }>];
      const graph = typeof rows[0]?.graph === "string" ? JSON.parse(rows[0].graph) : rows[0]?.graph;
      return graph?.nodes.some((n: { label: string }) => n.label === "Edited at the edge");
    });
  } finally {
    for (const e of [a, b]) {
      e.provider.destroy();
      e.awareness.destroy();
    }
  }
}

async function untilTrue(
  what: string,
  ok: () => boolean | Promise<boolean>,
  why: () => string = () => "",
) {
  const end = Date.now() + 30_000;
  while (Date.now() < end) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting until ${what} ${why()}`);
}

/**
 * The Cron Trigger ticks the scheduler, which signs the audit chain's head (the verification
 * then reports the anchor) and runs the other due tasks, each holding its lease row.
 */
async function assertAnchoring(w: Worker, database: TestDatabase) {
  const executive = await devToken(w, "executive");
  const before = await (await w.get("/api/v1/audit/verify", executive)).json();
  assert.equal(before.ok, true, JSON.stringify(before));
  assert.equal(before.anchoredThrough, 0);
  const cron = await w.get(`/__scheduled?cron=${encodeURIComponent("*/5 * * * *")}`);
  assert.equal(cron.status, 200, await cron.text());
  const after = await (await w.get("/api/v1/audit/verify", executive)).json();
  assert.equal(after.ok, true, JSON.stringify(after));
  assert.equal(after.anchoredThrough, after.count, "the whole chain is anchored");
  assert.ok(after.count >= 1);
  assert.match(after.key.publicKey, /^[A-Za-z0-9_-]{43}$/);
  const [leases] = await database.db.execute(
    sql`select task from scheduler_leases where finished_at is not null order by task`,
  ) as unknown as [Array<{ task: string }>];
  const ran = leases.map((l) => l.task);
  assert.ok(ran.includes("core.audit-anchors") && ran.includes("core.outbox"), ran.join());
  // Backups write files: on Workers the backup plugin schedules nothing.
  assert.ok(!ran.includes("backup.scheduled"), ran.join());
}

async function devToken(w: Worker, role = "modeler"): Promise<string> {
  const user = demo.users.find((u) => u.role === role)!;
  const res = await w.request("POST", "/api/v1/dev/token", undefined, {
    tid: demo.entraTenantId,
    oid: user.oid,
  });
  const body = await res.json();
  assert.equal(res.status, 200, JSON.stringify(body));
  return body.accessToken;
}

async function seededDatabase(): Promise<TestDatabase> {
  const database = await freshDatabase();
  const config = loadConfig({ MODE: "test", LOG_LEVEL: "silent" });
  await seedDemoTenants({
    config,
    db: database.db,
    cache: createMemoryCache(),
    plugins: defaultPlugins,
  });
  return database;
}

// ---------------------------------------------------------------------------------------
// Running wrangler dev

interface Worker {
  url: string;
  get(path: string, token?: string): Promise<Response>;
  request(method: string, path: string, token?: string, body?: unknown): Promise<Response>;
}

/**
 * Starts `wrangler dev --local` with the repository's wrangler.toml plus `vars` (MODE=test and
 * dev sign-in), runs `fn`, and always stops the whole process tree (npx, node, workerd).
 */
async function withWorker(vars: Record<string, string>, fn: (w: Worker) => Promise<void>) {
  await ensureWrangler();
  const tmp = await Deno.makeTempDir({ prefix: "procedo-workerd-" });
  let stop: (() => Promise<void>) | undefined;
  try {
    await Deno.mkdir(`${tmp}/assets`);
    await Deno.writeTextFile(
      `${tmp}/assets/index.html`,
      "<!doctype html><title>Procedo</title><p>procedo-smoke-ui</p>\n",
    );
    await Deno.writeTextFile(`${tmp}/empty.env`, "");
    const port = freePort();
    const all = { MODE: "test", AUTH_MODE: "dev", LOG_LEVEL: "warn", ...vars };
    const args = [
      "-y",
      WRANGLER,
      "dev",
      "--local",
      "--config",
      new URL("wrangler.toml", ROOT).pathname,
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--inspector-port",
      String(freePort()),
      "--assets",
      `${tmp}/assets`,
      "--persist-to",
      `${tmp}/state`,
      // Only this file: a developer's .dev.vars or .env must not leak into the test.
      "--env-file",
      `${tmp}/empty.env`,
      "--show-interactive-dev-session=false",
      // GET /__scheduled runs the Cron Trigger's `scheduled` handler (the scheduler's tick).
      "--test-scheduled",
      "--log-level",
      "log",
      ...Object.entries(all).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
    ];
    const proc = spawnWrangler(args, tmp);
    stop = proc.stop;
    const url = `http://127.0.0.1:${port}`;
    await waitUntilLive(url, proc);
    const request = async (method: string, path: string, token?: string, body?: unknown) => {
      const headers: Record<string, string> = {};
      if (token) headers.authorization = `Bearer ${token}`;
      if (body !== undefined) headers["content-type"] = "application/json";
      return await fetch(url + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    };
    try {
      await fn({ url, request, get: (path, token) => request("GET", path, token) });
    } catch (e) {
      if (e instanceof Error) e.message += `\n--- wrangler output (last lines) ---\n${proc.tail()}`;
      throw e;
    }
  } finally {
    await stop?.();
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
  }
}

interface Spawned {
  status: Promise<Deno.CommandStatus>;
  exited(): boolean;
  tail(): string;
  stop(): Promise<void>;
}

function spawnWrangler(args: string[], tmp: string): Spawned {
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command("npx", {
      args,
      cwd: ROOT,
      env: wranglerEnv(tmp),
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      // Its own session and process group, so the whole tree (npx → node → workerd) can be
      // signalled at once.
      detached: true,
    }).spawn();
  } catch (e) {
    throw noNpx(e);
  }
  const pgid = child.pid;
  const lines: string[] = [];
  const collect = async (stream: ReadableStream<Uint8Array>) => {
    const decoder = new TextDecoder();
    for await (const chunk of stream) {
      lines.push(...decoder.decode(chunk, { stream: true }).split("\n").filter((l) => l.trim()));
      if (lines.length > 400) lines.splice(0, lines.length - 400);
    }
  };
  const drained = Promise.all([collect(child.stdout), collect(child.stderr)]).catch(() => {});
  let done = false;
  const status = child.status.then((s) => {
    done = true;
    return s;
  });
  const kill = (signal: Deno.Signal) => {
    try {
      Deno.kill(-pgid, signal);
    } catch { /* the group is gone */ }
  };
  // Ctrl-C or a kill of the test run must not leave workerd behind.
  const onSignal = () => {
    kill("SIGKILL");
    Deno.exit(130);
  };
  const onUnload = () => kill("SIGKILL");
  Deno.addSignalListener("SIGINT", onSignal);
  Deno.addSignalListener("SIGTERM", onSignal);
  globalThis.addEventListener("unload", onUnload);

  let stopped: Promise<void> | undefined;
  const stop = () =>
    stopped ??= (async () => {
      kill("SIGTERM");
      if (!await settles(status, groupGone(pgid), 10_000)) kill("SIGKILL");
      await settles(status, groupGone(pgid), 10_000);
      await settles(drained, Promise.resolve(), 2_000);
      Deno.removeSignalListener("SIGINT", onSignal);
      Deno.removeSignalListener("SIGTERM", onSignal);
      globalThis.removeEventListener("unload", onUnload);
      const left = groupMembers(pgid);
      assert.deepEqual(left, [], `processes of wrangler's group still running: ${left}`);
    })();
  return { status, exited: () => done, tail: () => lines.slice(-60).join("\n"), stop };
}

async function waitUntilLive(url: string, proc: Spawned) {
  const deadline = Date.now() + READY_WITHIN_MS;
  let last = "no answer yet";
  while (Date.now() < deadline) {
    if (proc.exited()) {
      throw new Error(
        `wrangler dev exited (code ${(await proc.status).code}) before answering\n${proc.tail()}`,
      );
    }
    try {
      const res = await fetch(`${url}/health/live`, { signal: AbortSignal.timeout(5_000) });
      last = `${res.status} ${await res.text()}`;
      if (res.status === 200) return;
    } catch (e) {
      last = e instanceof Error ? e.message : String(e);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(
    `wrangler dev did not answer /health/live within ${
      READY_WITHIN_MS / 1000
    } s (last: ${last})\n${proc.tail()}`,
  );
}

let wranglerChecked: Promise<void> | undefined;

/** Fetches wrangler into npx's cache once (the first time takes a while), with its own deadline. */
function ensureWrangler(): Promise<void> {
  return wranglerChecked ??= (async () => {
    const tmp = await Deno.makeTempDir({ prefix: "procedo-wrangler-" });
    try {
      let out: Deno.CommandOutput;
      try {
        out = await new Deno.Command("npx", {
          args: ["-y", WRANGLER, "--version"],
          cwd: ROOT,
          env: wranglerEnv(tmp),
          stdin: "null",
          signal: AbortSignal.timeout(FETCH_WRANGLER_WITHIN_MS),
        }).output();
      } catch (e) {
        throw noNpx(e);
      }
      const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
      if (!out.success || !text.includes(WRANGLER.split("@")[1])) {
        throw new Error(`\`npx -y ${WRANGLER} --version\` failed (code ${out.code}):\n${text}`);
      }
    } finally {
      await Deno.remove(tmp, { recursive: true }).catch(() => {});
    }
  })();
}

function wranglerEnv(tmp: string): Record<string, string> {
  return {
    ...Deno.env.toObject(),
    CI: "true",
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    WRANGLER_SEND_METRICS: "false",
    CLOUDFLARE_LOAD_DEV_VARS_FROM_DOT_ENV: "false",
    WRANGLER_CI_DISABLE_CONFIG_WATCHING: "true",
    // Wrangler's config, logs and caches go here, not to the user's home.
    XDG_CONFIG_HOME: `${tmp}/xdg`,
    NO_COLOR: "1",
    FORCE_COLOR: "0",
  };
}

function noNpx(e: unknown): Error {
  if (e instanceof Deno.errors.NotFound) {
    return new Error(
      "npx was not found on PATH: this test runs the Worker with wrangler, which needs Node.js 20+ and npm (apt-get install nodejs npm)",
    );
  }
  return e instanceof Error ? e : new Error(String(e));
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** Whether `p` (and the group's end) came within `ms`. */
async function settles(p: Promise<unknown>, also: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((r) => timer = setTimeout(() => r(false), ms));
  try {
    return await Promise.race([Promise.all([p, also]).then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves when no live process is left in the group, or after 10 s (polls /proc; Linux). */
async function groupGone(pgid: number): Promise<void> {
  for (let i = 0; i < 100 && groupMembers(pgid).length; i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Live (not zombie) processes whose process group is `pgid`, as "pid:name". */
function groupMembers(pgid: number): string[] {
  const found: string[] = [];
  let entries: Iterable<Deno.DirEntry>;
  try {
    entries = Deno.readDirSync("/proc");
  } catch {
    return found; // No /proc: nothing to check with.
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry.name)) continue;
    try {
      const stat = Deno.readTextFileSync(`/proc/${entry.name}/stat`);
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const [state, , group] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(group) === pgid && state !== "Z") found.push(`${entry.name}:${name}`);
    } catch { /* exited meanwhile */ }
  }
  return found;
}
