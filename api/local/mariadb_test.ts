// The embedded default: a private server from the binaries on PATH, reused across starts.
import assert from "node:assert/strict";
import { createConnection } from "mysql2/promise";
import { startManagedDatabase } from "./mariadb.ts";
import { test } from "../../tests/support/app.ts";

async function query(url: string, sql: string) {
  const u = new URL(url);
  const conn = await createConnection({
    host: u.hostname,
    port: Number(u.port),
    user: u.username,
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1),
  });
  try {
    const [rows] = await conn.query(sql);
    return rows as Record<string, unknown>[];
  } finally {
    await conn.end();
  }
}

test("starts a private server in its directory, keeps data across restarts", async () => {
  const dir = await Deno.makeTempDir({ prefix: "procedo-managed-" });
  try {
    const first = await startManagedDatabase({ dir, database: "procedo", ephemeral: true });
    assert.equal(first.reused, false);
    const u = new URL(first.url);
    assert.equal(u.hostname, "127.0.0.1");
    assert.notEqual(u.port, "3306", "a free port of its own, not the system server's");
    await query(first.url, "CREATE TABLE kept (v varchar(20)) CHARACTER SET utf8mb4");
    await query(first.url, "INSERT INTO kept VALUES ('Grüße 😀')");
    const [{ datadir }] = await query(first.url, "SELECT @@datadir AS datadir");
    assert.equal(String(datadir).replace(/\/$/, ""), `${await Deno.realPath(dir)}/data`);
    await first.stop();
    await assert.rejects(query(first.url, "SELECT 1"), "the server is stopped");

    const second = await startManagedDatabase({ dir, database: "procedo", ephemeral: true });
    assert.deepEqual(await query(second.url, "SELECT v FROM kept"), [{ v: "Grüße 😀" }]);

    // A second start while the server still runs picks it up instead of starting another.
    const third = await startManagedDatabase({ dir, database: "procedo" });
    assert.equal(third.reused, true);
    assert.equal(third.url, second.url);
    await second.stop();
  } finally {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
});

test("without server binaries it fails with one line naming the fix", async () => {
  const empty = await Deno.makeTempDir();
  const script = `
    import { startManagedDatabase } from "${new URL("./mariadb.ts", import.meta.url).href}";
    try { await startManagedDatabase({ dir: "${empty}/db" }); } catch (e) { console.log(e.message); }
  `;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--no-check", script],
    env: { PATH: "/nonexistent" },
    cwd: new URL("../../", import.meta.url).pathname,
  }).output();
  const text = new TextDecoder().decode(out.stdout).trim();
  await Deno.remove(empty, { recursive: true });
  if (text === "") assert.fail(new TextDecoder().decode(out.stderr));
  assert.equal(
    text,
    "No MariaDB or MySQL server found on PATH (mariadbd or mysqld): install mariadb-server, or set DATABASE_URL",
  );
});
