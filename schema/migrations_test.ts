// The committed migrations match the tables the code declares, and every tenant-owned
// table starts its primary key with tenant_id (the shard key).
import assert from "node:assert/strict";
import { getTableConfig } from "drizzle-orm/mysql-core";
import { defaultPlugins } from "../plugins/mod.ts";
import { pendingStatements } from "./generate.ts";
import { allTables } from "./mod.ts";

Deno.test("the migrations are up to date with the schema", async () => {
  const { statements } = await pendingStatements();
  assert.deepEqual(
    statements,
    [],
    "the schema changed without a migration: run `deno task migrations:generate <name>`",
  );
});

Deno.test("tenant-owned tables have (tenant_id, …) primary keys and utf8-safe ids", () => {
  for (const [key, table] of Object.entries(allTables(defaultPlugins))) {
    const cfg = getTableConfig(table);
    const tenantColumn = cfg.columns.find((c) => c.name === "tenant_id");
    if (!tenantColumn) {
      assert.equal(key, "tenants", `${cfg.name} has no tenant_id: only the tenants table may`);
      continue;
    }
    const pk = cfg.primaryKeys[0]?.columns.map((c) => c.name);
    assert.ok(pk, `${cfg.name} needs a composite primary key`);
    assert.equal(pk[0], "tenant_id", `${cfg.name}'s primary key must start with tenant_id`);
    for (const idx of cfg.indexes) {
      const cols = idx.config.columns.map((c) => (c as { name: string }).name);
      if (idx.config.unique) {
        assert.equal(
          cols[0],
          "tenant_id",
          `${cfg.name}.${idx.config.name} must be unique per tenant`,
        );
      }
    }
  }
});

Deno.test("vschema.json shards every table by its tenant", async () => {
  const vschema = JSON.parse(await Deno.readTextFile(new URL("./vschema.json", import.meta.url)));
  for (const table of Object.values(allTables(defaultPlugins))) {
    const cfg = getTableConfig(table);
    const entry = vschema.tables[cfg.name];
    assert.ok(entry, `schema/vschema.json lacks the table ${cfg.name}`);
    const column = cfg.name === "tenants" ? "id" : "tenant_id";
    assert.deepEqual(entry.column_vindexes, [{ column, name: "tenant_hash" }], cfg.name);
  }
});

Deno.test("every table, index and constraint name fits MySQL's 64 characters", async () => {
  const dir = new URL("./migrations/", import.meta.url);
  for (const entry of Deno.readDirSync(dir)) {
    if (!entry.name.endsWith(".sql")) continue;
    const sql = await Deno.readTextFile(new URL(entry.name, dir));
    for (const [, name] of sql.matchAll(/`([^`]+)`/g)) {
      assert.ok(name.length <= 64, `${entry.name}: ${name} is ${name.length} characters`);
    }
  }
});
