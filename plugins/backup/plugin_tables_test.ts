// A plugin the backup has never heard of: its table is backed up (as declared, encrypted per
// tenant) and restored, with no change to the backup plugin — the tables come from the
// plugins' `tables` and the database's catalogue.
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { mysqlTable, primaryKey, varchar } from "drizzle-orm/mysql-core";
import { idColumn, tenantIdColumn } from "../../api/db/columns.ts";
import { orderPlugins, type ProcedoPlugin } from "../../api/plugin.ts";
import { test } from "../../tests/support/app.ts";
import { createBackup } from "./backup.ts";
import { restoreTenant } from "./restore.ts";
import { checksums, plugins, seeded } from "./test_support.ts";

const widgets = mysqlTable("widgets", {
  tenantId: tenantIdColumn(),
  id: idColumn("id"),
  label: varchar("label", { length: 100 }).notNull(),
}, (t) => [primaryKey({ columns: [t.tenantId, t.id] })]);
const widgetsPlugin: ProcedoPlugin = { name: "widgets", tables: { widgets } };

test("a new plugin's table is backed up and restored without changes elsewhere", async () => {
  const s = await seeded();
  await s.db.execute(sql`CREATE TABLE widgets (tenant_id varchar(36) NOT NULL,
    id varchar(36) NOT NULL, label varchar(100) NOT NULL, PRIMARY KEY (tenant_id, id))`);
  await s.db.execute(sql`INSERT INTO widgets VALUES (${s.tenantA}, 'w1', 'Gear'),
    (${s.tenantB}, 'w1', 'Sprocket')`);
  const { manifest, path } = await createBackup({
    db: s.db,
    plugins: orderPlugins([...plugins, widgetsPlugin]),
    master: s.master,
    dir: s.dir,
  });
  const table = manifest.tables.find((t) => t.name === "widgets")!;
  assert.equal(table.declared, true);
  assert.deepEqual(manifest.undeclared, []);
  assert.deepEqual(table.files.map((f) => f.tenantId).sort(), [s.tenantA, s.tenantB].sort());
  assert.ok(table.files.every((f) => f.file.endsWith(".jsonl.gz.enc")));

  const before = await checksums(s.db, s.tenantA);
  await s.db.execute(sql`UPDATE widgets SET label = 'changed'`);
  await restoreTenant({ db: s.db, master: s.master, dir: path, tenantId: s.tenantA });
  assert.deepEqual(await checksums(s.db, s.tenantA), before);
  await s.database.drop();
});
