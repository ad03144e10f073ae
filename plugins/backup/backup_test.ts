// Backups against a real MariaDB: backup → wipe → restore, per-tenant restore, crypto-shredding
// by the purge hook, and refusal of a changed backup.
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import type { TenantHookContext } from "../../api/plugin.ts";
import { resultRows } from "../../api/db/migrate.ts";
import { createAuditSigner, generateAuditSigningKey } from "../../api/audit/signing.ts";
import { verifyChain } from "../../api/audit/verify.ts";
import { test } from "../../tests/support/app.ts";
import { freshDatabase } from "../../tests/support/db.ts";
import { createBackup } from "./backup.ts";
import { exportKeyStore, importKeyStore } from "./key_store_file.ts";
import { BackupRefusedError, type Manifest } from "./manifest.ts";
import { backupPlugin } from "./mod.ts";
import { restoreAll, restoreTenant, ShreddedTenantError } from "./restore.ts";
import { checksums, plugins, seeded, tableNames, wipe } from "./test_support.ts";

const s = await seeded();
const { db, master } = s;

// A table nobody declared, with a tenant column: backed up (encrypted) and reported.
await db.execute(sql`CREATE TABLE legacy_notes (
  tenant_id varchar(36) NOT NULL, id int NOT NULL, note text NOT NULL, blob_data blob,
  PRIMARY KEY (tenant_id, id))`);
await db.execute(sql`INSERT INTO legacy_notes VALUES
  (${s.tenantA}, 1, 'Alpha legacy note', x'00ff10'), (${s.tenantB}, 1, 'Beta legacy note', NULL)`);

const backup = async () => await createBackup({ db, plugins, master, dir: s.dir });
const one = <T>(rows: unknown) => resultRows<T>(rows)[0];
const rowsOf = (m: Manifest, table: string) =>
  m.tables.find((t) => t.name === table)!.files.reduce((n, f) => n + f.rows, 0);

test("a backup holds every table but the key store, each tenant's rows in files of its own", async () => {
  const { manifest, path } = await backup();
  const names = await tableNames(db);
  assert.deepEqual(manifest.tables.map((t) => t.name), names);
  assert.ok(!names.includes("tenant_data_keys"));
  assert.deepEqual(manifest.undeclared, ["legacy_notes"]);
  for (const name of names) {
    const { n } = one<{ n: number }>(
      await db.execute(sql`SELECT COUNT(*) AS n FROM ${sql.identifier(name)}`),
    );
    assert.equal(rowsOf(manifest, name), Number(n), `rows of ${name}`);
  }
  const processes = manifest.tables.find((t) => t.name === "processes")!;
  assert.deepEqual(processes.files.map((f) => f.tenantId).sort(), [s.tenantA, s.tenantB].sort());
  const tenants = manifest.tables.find((t) => t.name === "tenants")!;
  assert.deepEqual(tenants.files.map((f) => [f.file, f.tenantId]), [[
    "tenants.jsonl.gz",
    undefined,
  ]]);
  const { newest } = one<{ newest: string }>(
    await db.execute(sql`SELECT MAX(name) AS newest FROM _migrations`),
  );
  assert.equal(manifest.schemaVersion, newest);
  // Both tenants got a data key, wrapped: 40 bytes of AES-KW output.
  const keys = resultRows<{ tenant_id: string; wrapped_key: string }>(
    await db.execute(sql`SELECT tenant_id, wrapped_key FROM tenant_data_keys`),
  );
  for (const t of [s.tenantA, s.tenantB]) {
    const k = keys.find((r) => r.tenant_id === t);
    assert.ok(k, `tenant ${t} has a data key`);
    assert.equal(atob(k.wrapped_key).length, 40);
  }
  const listing = JSON.parse(await readFile(join(path, "manifest.json"), "utf8"));
  assert.ok(listing.seal, "the manifest is sealed");
});

test("the backup is one snapshot: writes made while it runs are not in it", async () => {
  const before = await checksums(db);
  let wrote = false;
  const { path } = await createBackup({
    db,
    plugins,
    master,
    dir: s.dir,
    // After the first table, other connections change tables the backup has not read yet.
    afterTable: async () => {
      if (wrote) return;
      wrote = true;
      await db.execute(sql`UPDATE tenants SET name = 'renamed meanwhile' WHERE id = ${s.tenantA}`);
      await db.execute(sql`UPDATE processes SET title = 'changed meanwhile'`);
      await db.execute(sql`INSERT INTO legacy_notes VALUES (${s.tenantA}, 99, 'meanwhile', NULL)`);
    },
  });
  assert.ok(wrote);
  assert.notDeepEqual(await checksums(db), before);
  await restoreAll({ db, master, dir: path });
  assert.deepEqual(await checksums(db), before, "the backup holds the moment it started");
});

test("a backup that fails leaves no directory behind", async () => {
  const dir = join(s.dir, "failing");
  await assert.rejects(
    createBackup({
      db,
      plugins,
      master,
      dir,
      afterTable: () => Promise.reject(new Error("disk full")),
    }),
    /disk full/,
  );
  assert.deepEqual(await readdir(dir), []);
});

test("backup → wipe → restore gives every table its checksum back, a dropped table included", async () => {
  const before = await checksums(db);
  const { path } = await backup();
  await db.execute(sql`DROP TABLE legacy_notes`);
  await wipe(db);
  assert.notDeepEqual(await checksums(db), before);
  const report = await restoreAll({ db, master, dir: path });
  assert.deepEqual(report.created, ["legacy_notes"]);
  assert.deepEqual(report.shredded, []);
  assert.deepEqual(await checksums(db), before);
  const { fk } = one<{ fk: number }>(await db.execute(sql`SELECT @@foreign_key_checks AS fk`));
  assert.equal(Number(fk), 1, "foreign key checks are back on for pooled connections");
});

test("restoring tenant A brings A back to the backup and keeps B's later changes", async () => {
  const { path } = await backup();
  const aAtBackup = await checksums(db, s.tenantA);
  await db.execute(sql`UPDATE processes SET title = 'Changed in A' WHERE tenant_id = ${s.tenantA}`);
  await db.execute(sql`DELETE FROM tags WHERE tenant_id = ${s.tenantA}`);
  await db.execute(sql`UPDATE tenants SET name = 'Renamed A' WHERE id = ${s.tenantA}`);
  await db.execute(sql`UPDATE processes SET title = 'Changed in B' WHERE tenant_id = ${s.tenantB}`);
  await db.execute(sql`INSERT INTO legacy_notes VALUES (${s.tenantB}, 2, 'new in B', NULL)`);
  const bChanged = await checksums(db, s.tenantB);
  assert.notDeepEqual(await checksums(db, s.tenantA), aAtBackup);

  const report = await restoreTenant({ db, master, dir: path, tenantId: s.tenantA });
  assert.ok(report.rows.processes > 0);
  assert.equal(report.rows.tenants, 1);
  // A's trail is the backup's, plus one entry saying it was restored; the chain verifies.
  assert.deepEqual(await checksums(db, s.tenantA), aAtBackup);
  const last = one<{ action: string; details: unknown }>(
    await db.execute(sql`SELECT action, details FROM audit_log WHERE tenant_id = ${s.tenantA}
      ORDER BY seq DESC LIMIT 1`),
  );
  assert.equal(last.action, "backup.restored");
  const verified = await verifyChain(
    db,
    s.tenantA,
    await createAuditSigner(generateAuditSigningKey()),
  );
  assert.equal(verified.ok, true, JSON.stringify(verified));
  assert.deepEqual(await checksums(db, s.tenantB), bChanged);
});

test("a lost database is rebuilt from a backup and the copy of the key store", async () => {
  const before = await checksums(db);
  const { path } = await backup();
  const keysFile = join(s.dir, "keys.json");
  // A's, B's and the system tenant's (the scheduler's rows).
  assert.equal(await exportKeyStore(db, master, keysFile), 3);
  const rebuilt = await freshDatabase();
  try {
    await assert.rejects(restoreAll({ db: rebuilt.db, master, dir: path }), /key store/);
    const text = await readFile(keysFile, "utf8");
    await writeFile(keysFile, text.replace(s.tenantA, s.tenantB));
    await assert.rejects(importKeyStore(rebuilt.db, master, keysFile), /was changed/);
    await writeFile(keysFile, text);
    assert.equal(await importKeyStore(rebuilt.db, master, keysFile), 3);
    const report = await restoreAll({ db: rebuilt.db, master, dir: path });
    assert.deepEqual(report.created, ["legacy_notes"]);
    assert.deepEqual(await checksums(rebuilt.db), before);
    // Keys go only into an empty key store: a purged tenant's key cannot be brought back.
    await assert.rejects(importKeyStore(rebuilt.db, master, keysFile), /is not empty/);
  } finally {
    await rebuilt.drop();
  }
});

test("a changed file or manifest is refused before anything is restored", async () => {
  const { path, manifest } = await backup();
  const now = await checksums(db);
  const file = manifest.tables.find((t) => t.name === "processes")!.files
    .find((f) => f.tenantId === s.tenantA)!.file;
  const bytes = await readFile(join(path, file));
  const changed = new Uint8Array(bytes);
  changed[changed.length - 20] ^= 1;
  await writeFile(join(path, file), changed);
  await assert.rejects(
    restoreAll({ db, master, dir: path }),
    (e) => e instanceof BackupRefusedError && /processes\/.*was changed/.test(e.message),
  );
  await assert.rejects(
    restoreTenant({ db, master, dir: path, tenantId: s.tenantA }),
    BackupRefusedError,
  );
  assert.deepEqual(await checksums(db), now, "nothing was restored");

  // Mending the checksum in the manifest does not help: the manifest is sealed.
  await writeFile(join(path, file), bytes);
  const text = await readFile(join(path, "manifest.json"), "utf8");
  const edited = JSON.parse(text) as Manifest;
  edited.tables.find((t) => t.name === "tags")!.files[0].rows += 1;
  await writeFile(join(path, "manifest.json"), JSON.stringify(edited));
  await assert.rejects(
    restoreAll({ db, master, dir: path }),
    (e) => e instanceof BackupRefusedError && /manifest\.json was changed/.test(e.message),
  );
  assert.deepEqual(await checksums(db), now);
});

test("after the purge hook, the tenant's data in an older backup cannot be read", async () => {
  const { path, manifest } = await backup();
  const { title } = one<{ title: string }>(
    await db.execute(sql`SELECT title FROM processes WHERE tenant_id = ${s.tenantA}
      ORDER BY CHAR_LENGTH(title) DESC LIMIT 1`),
  );
  const processFile = join(
    path,
    manifest.tables.find((t) => t.name === "processes")!.files
      .find((f) => f.tenantId === s.tenantA)!.file,
  );
  // Control: the plain file decompresses to text that names tenant A; the search would see it.
  const tenantsText = gunzipSync(await readFile(join(path, "tenants.jsonl.gz"))).toString();
  assert.match(tenantsText, new RegExp(s.tenantA));
  const bytes = await readFile(processFile);
  assert.ok(!bytes.toString("latin1").includes(title), "no plaintext title in the file");
  assert.throws(() => gunzipSync(bytes), "the file is not merely compressed");

  const ctx = { db, tenantId: s.tenantA } as unknown as TenantHookContext;
  await backupPlugin.onTenantPurge!(ctx);
  const before = await checksums(db);
  await assert.rejects(
    restoreTenant({ db, master, dir: path, tenantId: s.tenantA }),
    (e) => e instanceof ShreddedTenantError && /tenant data was crypto-shredded/.test(e.message),
  );
  assert.deepEqual(await checksums(db), before, "nothing was restored");

  // A full restore leaves the purged tenant as the database has it and says so; B comes back.
  // Here the purge left a tombstone in tenants and nothing in processes.
  await db.execute(sql`DELETE FROM processes WHERE tenant_id = ${s.tenantA}`);
  await db.execute(sql`UPDATE tenants SET status = 'deleted', name = '-' WHERE id = ${s.tenantA}`);
  const aPurged = await checksums(db, s.tenantA);
  const bBefore = await checksums(db, s.tenantB);
  const report = await restoreAll({ db, master, dir: path });
  assert.deepEqual(report.shredded, [s.tenantA]);
  assert.deepEqual(await checksums(db, s.tenantA), aPurged, "the purged tenant stays purged");
  const { status } = one<{ status: string }>(
    await db.execute(sql`SELECT status FROM tenants WHERE id = ${s.tenantA}`),
  );
  assert.equal(status, "deleted");
  assert.deepEqual(await checksums(db, s.tenantB), bBefore);
});

test("a full restore into a database without any data key is refused, not taken as all purged", async () => {
  const { path } = await backup();
  const keys = resultRows<Record<string, unknown>>(
    await db.execute(sql`SELECT tenant_id, wrapped_key, created_at FROM tenant_data_keys`),
  );
  await db.execute(sql`DELETE FROM tenant_data_keys`);
  const now = await checksums(db);
  try {
    await assert.rejects(
      restoreAll({ db, master, dir: path }),
      (e) =>
        e instanceof BackupRefusedError &&
        /key store \(tenant_data_keys\) is empty/.test(e.message),
    );
    assert.deepEqual(await checksums(db), now);
  } finally {
    for (const k of keys) {
      await db.execute(
        sql`INSERT INTO tenant_data_keys VALUES (${k.tenant_id}, ${k.wrapped_key}, ${k.created_at})`,
      );
    }
  }
});

test("a backup never makes a new key for a tenant whose key a purge destroyed", async () => {
  // B's key is destroyed while the backup runs: the snapshot still holds B's rows, encrypted
  // with the key read before, which no longer exists.
  const during = await createBackup({
    db,
    plugins,
    master,
    dir: s.dir,
    afterTable: async (name) => {
      if (name === "_migrations") {
        await backupPlugin.onTenantPurge!({ db, tenantId: s.tenantB } as TenantHookContext);
      }
    },
  });
  const keyOf = async (id: string) =>
    resultRows(await db.execute(sql`SELECT 1 FROM tenant_data_keys WHERE tenant_id = ${id}`));
  assert.deepEqual(await keyOf(s.tenantB), [], "no key was made again");
  // (A was purged by an earlier test: its leftover rows are unreadable; B's were read in time.)
  assert.ok(!during.manifest.unreadable.includes(s.tenantB));
  await assert.rejects(
    restoreTenant({ db, master, dir: during.path, tenantId: s.tenantB }),
    ShreddedTenantError,
  );

  // A is being offboarded (its key already gone, some rows left): the next backup writes its
  // rows under a key nobody keeps, and says so.
  await db.execute(sql`UPDATE tenants SET status = 'offboarding' WHERE id = ${s.tenantA}`);
  await db.execute(sql`INSERT INTO legacy_notes VALUES (${s.tenantA}, 7, 'left over', NULL)`);
  const after = await backup();
  assert.deepEqual(await keyOf(s.tenantA), []);
  assert.ok(
    after.manifest.unreadable.includes(s.tenantA),
    JSON.stringify(after.manifest.unreadable),
  );
  await assert.rejects(
    restoreTenant({ db, master, dir: after.path, tenantId: s.tenantA }),
    ShreddedTenantError,
  );
});
