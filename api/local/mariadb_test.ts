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
    const warnings: string[] = [];
    const third = await startManagedDatabase({
      dir,
      database: "procedo",
      warn: (line) => void warnings.push(line),
    });
    assert.equal(third.reused, true);
    assert.equal(third.url, second.url);
    assert.equal(third.pid(), second.pid());
    // Stopped on purpose by its starter: the other watcher lets it go instead of restarting it.
    await second.stop();
    await until(() => warnings.some((w) => w.includes("stopped by another process")));
    assert.equal(third.restarting(), false);
    await assert.rejects(query(second.url, "SELECT 1"), "stays stopped");
  } finally {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
});

test("a server that dies is started again on its port with its data; a stop on purpose is final", async () => {
  const dir = await Deno.makeTempDir({ prefix: "procedo-managed-" });
  const warnings: string[] = [];
  const managed = await startManagedDatabase({
    dir,
    database: "procedo",
    ephemeral: true,
    warn: (line) => void warnings.push(line),
  });
  try {
    await query(managed.url, "CREATE TABLE kept (v varchar(20)) CHARACTER SET utf8mb4");
    await query(managed.url, "INSERT INTO kept VALUES ('vor dem Absturz')");
    const killed = managed.pid()!;
    Deno.kill(killed, "SIGKILL");
    await until(async () =>
      !managed.restarting() && managed.pid() !== killed &&
      await query(managed.url, "SELECT 1").then(() => true, () => false)
    );
    // Same URL (port), same data: a committed row survives the crash of the server.
    assert.deepEqual(await query(managed.url, "SELECT v FROM kept"), [{ v: "vor dem Absturz" }]);
    assert.deepEqual(JSON.parse(await Deno.readTextFile(`${dir}/server.json`)).pid, managed.pid());
    assert.ok(warnings.some((w) => w.includes("exited unexpectedly")), warnings.join("\n"));
    assert.ok(warnings.some((w) => w.includes("is back")), warnings.join("\n"));

    await managed.stop();
    assert.equal(managed.restarting(), false);
    await assert.rejects(query(managed.url, "SELECT 1"), "a stopped server stays stopped");
  } finally {
    await managed.stop();
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

/** Polls `done` until it holds; fails after a minute (the machine may be busy). */
async function until(done: () => boolean | Promise<boolean>) {
  const deadline = Date.now() + 60_000;
  while (!await done()) {
    if (Date.now() > deadline) assert.fail("gave up waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}
