// Tables larger than one page (1,000 rows): keyset pages over a composite primary key, and
// offset pages for a table without primary key and with a nullable tenant column; every row
// comes back exactly once.
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { test } from "../../tests/support/app.ts";
import { createBackup } from "./backup.ts";
import { restoreAll } from "./restore.ts";
import { checksums, plugins, seeded } from "./test_support.ts";

test("tables of several pages back up and restore every row once", async () => {
  const s = await seeded();
  await s.db.execute(sql`CREATE TABLE bulk_rows (tenant_id varchar(36) NOT NULL, a int NOT NULL,
    b varchar(10) NOT NULL, payload text, PRIMARY KEY (tenant_id, a, b))`);
  await s.db.execute(sql`CREATE TABLE loose_rows (tenant_id varchar(36), n int, note text)`);
  const bulk: ReturnType<typeof sql>[] = [];
  // Few distinct values of `a`, so page boundaries fall inside runs of equal `a`.
  for (const [tenant, count] of [[s.tenantA, 2600], [s.tenantB, 1100]] as const) {
    for (let i = 0; i < count; i++) {
      bulk.push(sql`(${tenant}, ${i % 7}, ${String(i).padStart(6, "0")}, ${`row ${i}`})`);
    }
  }
  for (let i = 0; i < bulk.length; i += 500) {
    await s.db.execute(
      sql`INSERT INTO bulk_rows VALUES ${sql.join(bulk.slice(i, i + 500), sql`, `)}`,
    );
  }
  const loose: ReturnType<typeof sql>[] = [];
  for (let i = 0; i < 1500; i++) {
    const tenant = i % 3 === 0 ? null : i % 3 === 1 ? s.tenantA : s.tenantB;
    loose.push(sql`(${tenant}, ${i % 10}, ${i % 2 ? "same" : `note ${i}`})`);
  }
  await s.db.execute(sql`INSERT INTO loose_rows VALUES ${sql.join(loose, sql`, `)}`);

  const before = await checksums(s.db);
  const { manifest, path } = await createBackup({
    db: s.db,
    plugins,
    master: s.master,
    dir: s.dir,
  });
  const rows = (name: string) =>
    manifest.tables.find((t) => t.name === name)!.files.map((f) => [f.tenantId ?? null, f.rows]);
  assert.deepEqual(
    rows("bulk_rows"),
    [[s.tenantA, 2600], [s.tenantB, 1100]].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
  );
  assert.deepEqual(
    rows("loose_rows").sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    [[null, 500], [s.tenantA, 500], [s.tenantB, 500]].sort((x, y) =>
      String(x[0]).localeCompare(String(y[0]))
    ),
  );
  await s.db.execute(sql`DELETE FROM bulk_rows`);
  await s.db.execute(sql`DROP TABLE loose_rows`);
  await restoreAll({ db: s.db, master: s.master, dir: path });
  assert.deepEqual(await checksums(s.db), before);
  await s.database.drop();
});
