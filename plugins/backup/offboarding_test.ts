// With the deletion plugin's real offboarding: a workspace offboarded with immediate purge
// cannot be read from a backup taken before (its key went with the purge), restore --tenant
// fails cleanly, and a full restore leaves it purged while the other workspaces come back.
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { resultRows } from "../../api/db/migrate.ts";
import { writeTenantArchive } from "../../api/tenant_archive/mod.ts";
import { zipEntries } from "../../api/tenant_archive/zip_reader.ts";
import { startTestApp, test } from "../../tests/support/app.ts";
import { runDueJobs } from "../deletion/tasks.ts";
import { depsOf, newWorkspace } from "../deletion/test_support.ts";
import { createBackup } from "./backup.ts";
import { generateMasterKey, importMasterKey } from "./keys.ts";
import { restoreAll, restoreTenant, ShreddedTenantError } from "./restore.ts";
import { checksums, tempDir } from "./test_support.ts";

const t = await startTestApp();
const dataDir = await tempDir("procedo-backup-offboarding-");
const deps = depsOf(t, undefined, { DATA_DIR: dataDir });
const db = t.database.db;
const master = await importMasterKey(
  Uint8Array.from(atob(generateMasterKey()), (c) => c.charCodeAt(0)),
);

test("a workspace's exit export never carries its backup data key", async () => {
  const w = await newWorkspace(t, deps);
  await createBackup({ db, plugins: deps.plugins, master, dir: dataDir });
  const keys = resultRows(
    await db.execute(sql`SELECT 1 FROM tenant_data_keys WHERE tenant_id = ${w.id}`),
  );
  assert.equal(keys.length, 1, "the workspace has a key");
  const chunks: Uint8Array[] = [];
  await writeTenantArchive(deps, w.id, new WritableStream({ write: (c) => void chunks.push(c) }));
  const zip = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  chunks.reduce((at, c) => (zip.set(c, at), at + c.length), 0);
  const names = [...zipEntries(zip).keys()];
  assert.ok(names.includes("tables/processes.jsonl"), names.join());
  assert.ok(!names.some((n) => n.includes("tenant_data_keys")), names.join());
});

test("an offboarded, purged workspace cannot be read from a backup taken before", async () => {
  const leaving = await newWorkspace(t, deps);
  const staying = await newWorkspace(t, deps);
  const rename = `Leaving process ${crypto.randomUUID()}`;
  await db.execute(sql`UPDATE processes SET title = ${rename} WHERE tenant_id = ${leaving.id}
    ORDER BY id LIMIT 1`);
  const { path, manifest } = await createBackup({
    db,
    plugins: deps.plugins,
    master,
    dir: dataDir,
  });

  const res = await t.call("POST", "/api/v1/deletion/offboarding", {
    token: await leaving.token("executive"),
    body: { confirmName: leaving.name, purge: "immediate" },
  });
  assert.equal(res.status, 202, await res.clone().text());
  await runDueJobs(deps, { batchSize: 500, now: new Date() });
  const keys = resultRows(
    await db.execute(sql`SELECT 1 FROM tenant_data_keys WHERE tenant_id = ${leaving.id}`),
  );
  assert.deepEqual(keys, [], "the purge destroyed the workspace's data key");

  const file = manifest.tables.find((x) => x.name === "processes")!.files
    .find((f) => f.tenantId === leaving.id)!.file;
  const bytes = await readFile(join(path, file));
  assert.ok(!bytes.toString("latin1").includes(rename));
  assert.throws(() => gunzipSync(bytes));

  const before = await checksums(db);
  await assert.rejects(
    restoreTenant({ db, master, dir: path, tenantId: leaving.id }),
    (e) => e instanceof ShreddedTenantError && /tenant data was crypto-shredded/.test(e.message),
  );
  assert.deepEqual(await checksums(db), before, "nothing was restored");

  const purged = await checksums(db, leaving.id);
  await db.execute(sql`UPDATE processes SET title = 'after' WHERE tenant_id = ${staying.id}`);
  const report = await restoreAll({ db, master, dir: path });
  assert.deepEqual(report.shredded, [leaving.id]);
  assert.deepEqual(await checksums(db, leaving.id), purged, "still purged");
  const titles = resultRows<{ title: string }>(
    await db.execute(sql`SELECT title FROM processes WHERE tenant_id = ${staying.id}`),
  );
  assert.ok(titles.length > 0 && titles.every((r) => r.title !== "after"));
  await t.close();
});
