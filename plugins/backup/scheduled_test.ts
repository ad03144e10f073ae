// The scheduled backup through the real scheduler (createBackground), retention, and where
// the master key comes from.
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createBackground } from "../../api/background.ts";
import { createMemoryCache } from "../../api/cache/memory.ts";
import { loadConfig } from "../../api/config.ts";
import { resultRows } from "../../api/db/migrate.ts";
import { createLogger } from "../../api/log.ts";
import { SYSTEM_TENANT_ID } from "../../schema/background.ts";
import { test } from "../../tests/support/app.ts";
import { backupName } from "./backup.ts";
import { restoreTenant } from "./restore.ts";
import { loadMasterKey, MASTER_KEY_FILE, MissingMasterKeyError } from "./master_key_file.ts";
import { backupPlugin, scheduledBackupTask } from "./mod.ts";
import { removeOldBackups } from "./retention.ts";
import { checksums, plugins, seeded, tempDir } from "./test_support.ts";
import { moduleGraph } from "../../tests/support/module_graph.ts";

const s = await seeded();
const DAY = 86_400_000;

const backgroundWith = (env: Record<string, string>) => {
  const config = loadConfig({ MODE: "test", LOG_LEVEL: "silent", ...env });
  return createBackground({
    config,
    db: s.db,
    cache: createMemoryCache(),
    plugins,
    logger: createLogger("silent"),
  });
};
const backupsIn = async (dir: string) =>
  (await readdir(dir).catch(() => [] as string[])).filter((n) => /^\d{4}-/.test(n)).sort();

test("on Deno the plugin schedules its backup task", () => {
  assert.deepEqual(backupPlugin.schedules, [scheduledBackupTask]);
});

test("the Workers entry never loads the modules that write backups", async () => {
  const modules = (await moduleGraph("api/worker.ts")).map((m) => m.specifier)
    .filter((m) => m.includes("/plugins/backup/"));
  assert.ok(modules.some((m) => m.endsWith("/plugins/backup/mod.ts")), "the graph is read");
  const writers = ["backup", "scheduled", "file_format", "master_key_file", "retention"];
  assert.deepEqual(modules.filter((m) => writers.some((w) => m.endsWith(`/${w}.ts`))), []);
});

test("the scheduler writes a backup once per due time and removes those past retention", async () => {
  const dir = join(s.dir, "scheduled");
  await mkdir(dir);
  const old = backupName(new Date(Date.UTC(2026, 9, 1, 2, 30)));
  const recent = backupName(new Date(Date.UTC(2026, 10, 20, 2, 30)));
  await mkdir(join(dir, old));
  await mkdir(join(dir, recent));
  const background = backgroundWith({
    BACKUP_DIR: dir,
    BACKUP_SCHEDULE: "30 2 * * *",
    BACKUP_MASTER_KEY: s.masterText,
    BACKUP_KEYS_FILE: join(s.dir, "keys.json"),
  });
  const due = new Date(Date.UTC(2026, 11, 6, 2, 30, 10));
  const report = await background.scheduler.tick(due);
  assert.ok(report.ran.includes("backup.scheduled"), JSON.stringify(report));
  const written = backupName(due);
  assert.deepEqual(await backupsIn(dir), [recent, written], "the 66-day-old backup is gone");
  const runs = resultRows<{ directory: string; finished_at: string | null }>(
    await s.db.execute(sql`SELECT directory, finished_at FROM backup_runs`),
  );
  assert.equal(runs.length, 1);
  assert.equal(runs[0].directory, written);
  assert.ok(runs[0].finished_at);
  const keys = JSON.parse(await readFile(join(s.dir, "keys.json"), "utf8"));
  assert.deepEqual(
    keys.keys.map((k: { tenantId: string }) => k.tenantId).sort(),
    // The scheduler's own rows belong to the system tenant: encrypted like any tenant's.
    [SYSTEM_TENANT_ID, s.tenantA, s.tenantB].sort(),
    "the key store's copy is written after the backup",
  );

  // Later ticks of the same day write nothing more; the next day's due time writes again.
  await background.scheduler.tick(new Date(due.getTime() + 60_000));
  await background.scheduler.tick(new Date(due.getTime() + 3 * 3600_000));
  assert.equal((await backupsIn(dir)).length, 2);
  await background.scheduler.tick(new Date(due.getTime() + DAY));
  assert.equal((await backupsIn(dir)).length, 3);

  // What the scheduler wrote restores.
  const before = await checksums(s.db, s.tenantA);
  await s.db.execute(sql`DELETE FROM processes WHERE tenant_id = ${s.tenantA}`);
  await restoreTenant({ db: s.db, master: s.master, dir: join(dir, written), tenantId: s.tenantA });
  const after = await checksums(s.db, s.tenantA);
  assert.equal(after.processes, before.processes);
});

test("without BACKUP_DIR or BACKUP_SCHEDULE the task writes nothing", async () => {
  const background = backgroundWith({});
  const dir = join(s.dir, "unconfigured");
  const report = await background.scheduler.tick(new Date(Date.UTC(2026, 11, 10, 2, 30)));
  assert.ok(report.ran.includes("backup.scheduled"));
  assert.deepEqual(await backupsIn(dir), []);
  const { n } = resultRows<{ n: number }>(
    await s.db.execute(
      sql`SELECT COUNT(*) AS n FROM backup_runs WHERE slot >= ${
        Math.floor(Date.UTC(2026, 11, 10) / 60_000)
      }`,
    ),
  )[0];
  assert.equal(Number(n), 0);
});

test("retention removes only backup directories older than the limit", async () => {
  const dir = join(s.dir, "retention");
  await mkdir(dir);
  const now = new Date(Date.UTC(2026, 11, 6, 12));
  const at = (days: number) => backupName(new Date(now.getTime() - days * DAY));
  const names = [at(45), at(31), `${at(40)}.partial`, at(29), at(0), "notes"];
  for (const n of names) await mkdir(join(dir, n));
  await writeFile(join(dir, at(50)), "a file named like a backup");
  const removed = await removeOldBackups(dir, 30, now);
  assert.deepEqual(removed, [at(45), at(31), `${at(40)}.partial`].sort());
  assert.deepEqual((await readdir(dir)).sort(), [at(29), at(0), "notes", at(50)].sort());
  assert.deepEqual(await removeOldBackups(join(dir, "missing"), 30, now), []);
});

test("the master key: BACKUP_MASTER_KEY, else a key file in DATA_DIR, never made in production", async () => {
  const dataDir = await tempDir("procedo-backup-key-");
  const dev = loadConfig({ MODE: "development", LOG_LEVEL: "silent", DATA_DIR: dataDir });
  const first = await loadMasterKey(dev);
  const file = join(dataDir, MASTER_KEY_FILE);
  assert.equal((await stat(file)).mode! & 0o777, 0o600);
  const text = (await readFile(file, "utf8")).trim();
  assert.equal(atob(text).length, 32);
  // The same file gives the same key: a manifest sealed with one verifies with the other.
  const second = await loadMasterKey(dev);
  const mac = await crypto.subtle.sign("HMAC", first.sealing, new Uint8Array([1]));
  assert.ok(await crypto.subtle.verify("HMAC", second.sealing, mac, new Uint8Array([1])));

  const prod = { ...dev, mode: "production" as const };
  await assert.rejects(loadMasterKey(prod), MissingMasterKeyError);
  const configured = await loadMasterKey({
    ...prod,
    backup: { ...prod.backup, masterKey: s.masterText },
  });
  const sealed = await crypto.subtle.sign("HMAC", s.master.sealing, new Uint8Array([2]));
  assert.ok(await crypto.subtle.verify("HMAC", configured.sealing, sealed, new Uint8Array([2])));
});
