// The embedded database dies under traffic (SIGKILL, as the OOM killer would do it) while
// Procedo serves real HTTP: every answer is 2xx or 503 (with Retry-After, never 500), the
// supervisor brings the server back on its port and data, Procedo recovers without a
// restart of its own, and no write acknowledged with 2xx is missing afterwards.
import assert from "node:assert/strict";
import { createConnection } from "mysql2/promise";
import { createApp } from "../api/app.ts";
import { createDevIssuer } from "../api/auth/dev_issuer.ts";
import { createMemoryCache } from "../api/cache/memory.ts";
import { loadConfig } from "../api/config.ts";
import { openDatabase } from "../api/db/client.ts";
import { migrate, readMigrations } from "../api/db/migrate.ts";
import { DEMO_TENANTS } from "../api/demo.ts";
import { startManagedDatabase } from "../api/local/mariadb.ts";
import { createLogger } from "../api/log.ts";
import { orderPlugins } from "../api/plugin.ts";
import { seedDemoTenants } from "../api/tenants.ts";
import { defaultPlugins } from "../plugins/mod.ts";
import { MIGRATIONS_DIR } from "../schema/migrations_dir.ts";
import { test } from "./support/app.ts";
import { claimDir, sweepStaleServers } from "./support/stale_servers.ts";

/** The bound: after the database is back, requests succeed within 5 s. */
const RECOVERY_BOUND_MS = 5000;
/** Generous deadlines for what is not under test (a loaded machine is slow). */
const DEADLINE_MS = 60_000;
const WORKERS = 4;

interface Answer {
  method: string;
  status: number;
  retryAfter: string | null;
  type?: string;
  tagId?: string;
}

test("the embedded database killed under traffic: 2xx or 503 only, recovery, no lost write", async () => {
  await sweepStaleServers("procedo-db-", ["mysqld.pid"]);
  const dir = await Deno.makeTempDir({ prefix: "procedo-db-" });
  claimDir(dir);
  const warnings: string[] = [];
  const managed = await startManagedDatabase({
    dir,
    ephemeral: true,
    warn: (line) => void warnings.push(line),
  });
  const database = openDatabase({ url: managed.url, driver: "mysql2", poolSize: 5 });
  const appLog: Record<string, unknown>[] = [];
  const config = loadConfig({
    LOG_LEVEL: "warn",
    MODE: "test",
    RATE_LIMIT_PER_MINUTE: "1000000",
    RATE_LIMIT_TENANT_PER_MINUTE: "10000000",
  });
  let server: Deno.HttpServer<Deno.NetAddr> | undefined;
  let running = true;
  let traffic: Promise<void>[] = [];
  try {
    await migrate(database.db, await readMigrations(MIGRATIONS_DIR));
    const cache = createMemoryCache();
    await seedDemoTenants({
      config,
      db: database.db,
      cache,
      plugins: orderPlugins(defaultPlugins),
    });
    const issuer = await createDevIssuer();
    const app = await createApp({
      config,
      db: database.db,
      cache,
      plugins: defaultPlugins,
      pingDb: database.ping,
      devIssuer: issuer,
      logger: createLogger("warn", (line) => void appLog.push(JSON.parse(line))),
    });
    server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, app.fetch);
    const base = `http://127.0.0.1:${server.addr.port}`;
    const demo = DEMO_TENANTS[0];
    const modeler = demo.users.find((u) => u.role === "modeler")!;
    const token = await issuer.sign({ tid: demo.entraTenantId, oid: modeler.oid });
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };

    const answers: Answer[] = [];
    const send = async (method: "GET" | "POST", name?: string): Promise<Answer> => {
      const res = await fetch(`${base}/api/v1/tags${method === "GET" ? "?limit=5" : ""}`, {
        method,
        headers,
        body: name ? JSON.stringify({ name }) : undefined,
      });
      const body = await res.json().catch(() => undefined);
      const answer: Answer = {
        method,
        status: res.status,
        retryAfter: res.headers.get("retry-after"),
        type: body?.type,
        tagId: method === "POST" && res.status === 201 ? body.id : undefined,
      };
      answers.push(answer);
      return answer;
    };

    let sent = 0;
    traffic = Array.from({ length: WORKERS }, async (_, w) => {
      for (let i = 0; running; i++) {
        await send(i % 2 ? "GET" : "POST", i % 2 ? undefined : `Outage ${w}-${i} ${sent++}`);
      }
    });
    const until = async (what: string, done: () => boolean | Promise<boolean>) => {
      const deadline = Date.now() + DEADLINE_MS;
      while (!await done()) {
        if (Date.now() > deadline) assert.fail(`gave up waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const ok = (a: Answer) => a.status >= 200 && a.status < 300;

    await until("traffic to succeed", () => answers.filter(ok).length >= 20);
    const killed = managed.pid()!;
    Deno.kill(killed, "SIGKILL");
    await until("an answer other than 2xx while the database is down", () => !answers.every(ok));
    // The database is back when a fresh connection of its own gets an answer.
    await until("the supervisor to restart the database", () => answersQuery(managed.url));
    const backAt = Date.now();

    // Requests sent after that succeed within the bound, reads and writes alike.
    const recovered = { GET: false, POST: false };
    for (let i = 0; !(recovered.GET && recovered.POST); i++) {
      assert.ok(
        Date.now() - backAt <= RECOVERY_BOUND_MS,
        `no success within ${RECOVERY_BOUND_MS} ms of the database being back: ${
          JSON.stringify(answers.slice(-5))
        }`,
      );
      const method = i % 2 ? "GET" : "POST";
      if (ok(await send(method, method === "POST" ? `Recovered ${i}` : undefined))) {
        recovered[method] = true;
      }
    }
    running = false;
    await Promise.all(traffic);
    await until("the supervisor to see the server up", () => !managed.restarting());
    assert.notEqual(managed.pid(), killed, "a new server process on the same port and data");

    const statuses = new Set(answers.map((a) => a.status));
    assert.deepEqual(
      [...statuses].filter((s) => !(s >= 200 && s < 300) && s !== 503),
      [],
      [
        "only 2xx and 503",
        ...appLog.filter((l) => l.level === "error").map((l) => JSON.stringify(l)),
      ].join("\n"),
    );
    assert.ok(statuses.has(503), "the outage was seen");
    for (const a of answers.filter((a) => a.status === 503)) {
      assert.equal(a.retryAfter, "5");
      assert.equal(a.type, "https://procedo.app/problems/database-unavailable");
    }
    assert.ok(warnings.some((w) => w.includes("exited unexpectedly")), warnings.join("\n"));

    // Every write acknowledged with 201 is there, read through the API.
    const acknowledged = answers.flatMap((a) => a.tagId ? [a.tagId] : []);
    assert.ok(acknowledged.length >= 10);
    const missing: string[] = [];
    for (const id of acknowledged) {
      const res = await fetch(`${base}/api/v1/tags/${id}`, { headers });
      await res.body?.cancel();
      if (res.status !== 200) missing.push(`${id}: ${res.status}`);
    }
    assert.deepEqual(missing, [], "acknowledged writes that are gone");
  } finally {
    running = false;
    await Promise.allSettled(traffic);
    await server?.shutdown();
    await database.close().catch(() => {});
    await managed.stop();
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
});

/** Whether the server at `url` answers a query on a connection of its own. */
async function answersQuery(url: string): Promise<boolean> {
  const u = new URL(url);
  try {
    const conn = await createConnection({
      host: u.hostname,
      port: Number(u.port),
      user: decodeURIComponent(u.username),
      password: decodeURIComponent(u.password),
      database: u.pathname.slice(1),
      connectTimeout: 1000,
    });
    try {
      await conn.query("SELECT 1 FROM tags LIMIT 1");
      return true;
    } finally {
      await conn.end();
    }
  } catch {
    return false;
  }
}
