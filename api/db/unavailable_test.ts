// A database that cannot be reached is an outage, not a bug: real driver errors of both
// drivers are told apart from refused statements, a full pool fails a request after a
// bounded wait, and the API (on Deno and through the Workers entry) answers 503
// problem+json `database-unavailable` with Retry-After while readiness names the database.
import assert from "node:assert/strict";
import { createConnection } from "mysql2/promise";
import { sql } from "drizzle-orm";
import { createApp } from "../app.ts";
import { createDevIssuer } from "../auth/dev_issuer.ts";
import { createMemoryCache } from "../cache/memory.ts";
import { loadConfig } from "../config.ts";
import { DEMO_TENANTS } from "../demo.ts";
import { createLogger } from "../log.ts";
import { defaultPlugins } from "../../plugins/mod.ts";
import { test } from "../../tests/support/app.ts";
import { freshDatabase } from "../../tests/support/db.ts";
import { openDatabase } from "./client.ts";
import { DatabaseUnavailableError, isDatabaseUnavailable } from "./errors.ts";

const database = await freshDatabase({ migrate: false });
await database.db.execute(sql`create table probe (id int primary key)`);
await database.db.execute(sql`insert into probe values (1)`);

/** A URL where nothing listens: the port is taken and closed again. */
function closedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

async function errorOf(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  assert.fail("expected the promise to reject");
}

/** A local HTTP server standing in for PlanetScale's API with a fixed answer. */
function fakePlanetScale(answer: () => Response) {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, answer);
  return {
    url: `http://user:pw@127.0.0.1:${server.addr.port}`,
    close: () => server.shutdown(),
  };
}

test("mysql2: a refused connection and a killed connection are outages; refused SQL is not", async () => {
  const down = openDatabase({ url: `mysql://x@127.0.0.1:${closedPort()}/none`, driver: "mysql2" });
  try {
    assert.ok(isDatabaseUnavailable(await errorOf(down.db.execute(sql`select 1`))));
    // A transaction asks the pool for a connection itself, outside drizzle's query wrapper.
    assert.ok(isDatabaseUnavailable(await errorOf(down.db.transaction(async () => {}))));
  } finally {
    await down.close();
  }

  // A connection killed in the middle of a query (as when the server goes down).
  const pool = openDatabase({ url: database.url, driver: "mysql2", poolSize: 1 });
  try {
    const [[{ id }]] = await pool.db.execute(sql`select connection_id() as id`) as unknown as [
      { id: number }[],
    ];
    const sleeping = errorOf(pool.db.execute(sql`select sleep(10)`));
    const admin = await adminConnection();
    await waitForQuery(admin, Number(id));
    await admin.query(`KILL CONNECTION ${Number(id)}`);
    await admin.end();
    assert.ok(isDatabaseUnavailable(await sleeping), "a killed connection is an outage");
    // The pool replaces the dead connection (a query sent before the socket's end was
    // noticed fails like the killed one).
    assert.deepEqual(await eventually(() => pool.db.execute(sql`select id from probe`)), [{
      id: 1,
    }]);

    for (
      const refused of [
        pool.db.execute(sql`insert into probe values (1)`), // duplicate key
        pool.db.execute(sql`selec 1`), // syntax
        pool.db.execute(sql`select * from no_such_table`),
      ]
    ) {
      const e = await errorOf(refused);
      assert.equal(isDatabaseUnavailable(e), false, String((e as Error).cause ?? e));
    }
  } finally {
    await pool.close();
  }

  // Not from the database at all: a provider's network failure is not a database outage.
  const network = await errorOf(fetch(`http://127.0.0.1:${closedPort()}/`));
  assert.ok(network instanceof TypeError);
  assert.equal(isDatabaseUnavailable(network), false);
  assert.equal(isDatabaseUnavailable(new Error("connect ECONNREFUSED")), false);
});

test("planetscale: an API that cannot be reached or answers 5xx or UNAVAILABLE is an outage", async () => {
  const unreachable = openDatabase({
    url: `http://user:pw@127.0.0.1:${closedPort()}`,
    driver: "planetscale",
  });
  const e = await errorOf(unreachable.db.execute(sql`select 1`));
  assert.ok(isDatabaseUnavailable(e));
  // BEGIN goes through the client's transaction, outside drizzle's query wrapper.
  assert.ok(isDatabaseUnavailable(await errorOf(unreachable.db.transaction(async () => {}))));

  const answers: [string, () => Response, boolean][] = [
    ["a 503 without JSON", () => new Response("upstream unavailable", { status: 503 }), true],
    ["a Cloudflare 522", () => new Response("<html>", { status: 522 }), true],
    ["a tablet not serving", () =>
      Response.json({
        error: {
          code: "UNAVAILABLE",
          message: "target: procedo.-.primary: no healthy tablet available",
        },
      }), true],
    ["a syntax error", () =>
      Response.json({
        error: { code: "INVALID_ARGUMENT", message: "syntax error at position 6 (errno 1064)" },
      }), false],
    ["a lock wait timeout", () =>
      Response.json({
        error: {
          code: "DEADLINE_EXCEEDED",
          message: "Lock wait timeout exceeded (errno 1205) (sqlstate HY000)",
        },
      }), false],
  ];
  for (const [what, answer, outage] of answers) {
    const fake = fakePlanetScale(answer);
    try {
      const db = openDatabase({ url: fake.url, driver: "planetscale" }).db;
      assert.equal(isDatabaseUnavailable(await errorOf(db.execute(sql`select 1`))), outage, what);
    } finally {
      await fake.close();
    }
  }
});

test("a full pool fails a request after the acquisition timeout instead of queueing it forever", async () => {
  const pool = openDatabase({
    url: database.url,
    driver: "mysql2",
    poolSize: 1,
    acquireTimeoutMs: 300,
  });
  try {
    // Connected first, so the sleep takes the one free connection at once.
    await pool.db.execute(sql`select 1`);
    const busy = pool.db.execute(sql`select sleep(3)`);
    const waiting = await errorOf(pool.db.execute(sql`select id from probe`));
    assert.ok(waiting instanceof Error);
    assert.ok(isDatabaseUnavailable(waiting), String(waiting));
    const tx = await errorOf(pool.db.transaction(async (t) => void await t.execute(sql`select 1`)));
    assert.ok(tx instanceof DatabaseUnavailableError, String(tx));
    await busy;
    // The connection that came too late for the waiting requests went back to the pool.
    assert.deepEqual(await pool.db.execute(sql`select id from probe`).then(rowsOf), [{ id: 1 }]);
  } finally {
    await pool.close();
  }
});

test("API routes answer 503 database-unavailable with Retry-After; ready names the database", async () => {
  const lines: string[] = [];
  const logger = createLogger("warn", (line) => void lines.push(line));
  const issuer = await createDevIssuer();
  const demo = DEMO_TENANTS[0];
  const user = demo.users.find((u) => u.role === "modeler")!;
  const token = await issuer.sign({ tid: demo.entraTenantId, oid: user.oid, name: user.name });
  for (const driver of ["mysql2", "planetscale"] as const) {
    const port = closedPort();
    const down = openDatabase({
      url: driver === "mysql2"
        ? `mysql://x@127.0.0.1:${port}/none`
        : `http://u:p@127.0.0.1:${port}`,
      driver,
    });
    const app = await createApp({
      config: loadConfig({ LOG_LEVEL: "warn", MODE: "test" }),
      db: down.db,
      cache: createMemoryCache(),
      plugins: defaultPlugins,
      pingDb: down.ping,
      devIssuer: issuer,
      logger,
    });
    try {
      const secret = "Geheimprojekt Zugspitze";
      for (
        const [method, path, body] of [
          ["GET", "/api/v1/tags", undefined],
          ["POST", "/api/v1/tags", { name: secret }],
        ] as const
      ) {
        const res = await app.request(path, {
          method,
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: body && JSON.stringify(body),
        });
        assert.equal(res.status, 503, `${driver} ${method} ${path}`);
        assert.equal(res.headers.get("content-type"), "application/problem+json");
        assert.equal(res.headers.get("retry-after"), "5");
        const problem = await res.json();
        assert.equal(problem.type, "https://procedo.app/problems/database-unavailable");
        assert.equal(problem.status, 503);
        assert.equal(problem.requestId, res.headers.get("x-request-id"));
      }
      const ready = await app.request("/health/ready");
      assert.equal(ready.status, 503);
      const health = await ready.json();
      assert.equal(health.checks.database.status, "fail");
      assert.equal(health.checks.cache.status, "pass");
    } finally {
      await down.close();
    }
  }
  const outages = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === "database unavailable");
  assert.ok(outages.length >= 4, lines.join("\n"));
  assert.ok(lines.every((l) => !l.includes("unhandled error")), "an outage is not a bug");
  // The log names the driver's error, never the statement or what the user sent.
  assert.ok(lines.every((l) => !/select|insert|Geheimprojekt/i.test(l)), lines.join("\n"));
});

test("the Workers entry answers 503 database-unavailable when PlanetScale cannot be reached", async () => {
  // Each import of a distinct URL is a fresh module: the Worker keeps its app per isolate.
  const worker = (await import(`../worker.ts?unreachable-planetscale`)).default as {
    fetch(req: Request, env: Record<string, unknown>, ctx: unknown): Promise<Response>;
  };
  const env = {
    DATABASE_URL: `http://u:p@127.0.0.1:${closedPort()}`,
    DATABASE_DRIVER: "planetscale",
    LOG_LEVEL: "silent",
  };
  const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} };
  const call = (path: string, init: RequestInit = {}) =>
    worker.fetch(new Request(`http://worker.test${path}`, init), env, ctx);
  const demo = DEMO_TENANTS[0];
  const user = demo.users.find((u) => u.role === "reader")!;
  const issued = await call("/api/v1/dev/token", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ tid: demo.entraTenantId, oid: user.oid }),
  });
  assert.equal(issued.status, 200);
  const { accessToken } = await issued.json();
  const res = await call("/api/v1/tags", { headers: { authorization: `Bearer ${accessToken}` } });
  assert.equal(res.status, 503);
  assert.equal(res.headers.get("retry-after"), "5");
  assert.equal((await res.json()).type, "https://procedo.app/problems/database-unavailable");
});

test("close", async () => {
  await database.drop();
});

/** The rows of the first of up to 5 attempts that does not fail as an outage. */
async function eventually(query: () => Promise<unknown>): Promise<unknown[]> {
  for (let attempt = 1;; attempt++) {
    try {
      return rowsOf(await query());
    } catch (e) {
      if (attempt >= 5 || !isDatabaseUnavailable(e)) throw e;
    }
  }
}

function rowsOf(result: unknown) {
  return (Array.isArray(result) ? result[0] : (result as { rows: unknown }).rows) as unknown[];
}

async function adminConnection() {
  const u = new URL(database.url);
  return await createConnection({
    host: u.hostname,
    port: Number(u.port),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
  });
}

/** Waits until connection `id` runs its query (so KILL hits a query, not an idle socket). */
async function waitForQuery(admin: Awaited<ReturnType<typeof adminConnection>>, id: number) {
  for (let i = 0; i < 100; i++) {
    const [rows] = await admin.query(
      "SELECT COMMAND AS c FROM information_schema.PROCESSLIST WHERE ID = ?",
      [id],
    );
    if ((rows as { c: string }[])[0]?.c === "Query") return;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.fail(`connection ${id} never ran its query`);
}
