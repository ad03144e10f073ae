// TenantScope.insert builds its INSERTs without drizzle's builder (bulk_insert.ts). These
// tests prove it writes what the builder writes: the same statement and parameters for
// every table, and the same rows read back on both drivers (mysql2 over TCP, the real
// @planetscale/database client over HTTP), with NULLs, defaults, JSON, dates and unicode.
import assert from "node:assert/strict";
import { eq, getTableColumns, getTableName, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/mysql2";
import { type MySqlColumn, MySqlDialect, type MySqlTable } from "drizzle-orm/mysql-core";
import { defaultPlugins } from "../../plugins/mod.ts";
import {
  processDrafts,
  processes,
  processLinks,
  processSteps,
  processVersions,
} from "../../plugins/processes/schema.ts";
import { allTables } from "../../schema/mod.ts";
import { startPlanetScaleServer } from "../../tests/fixtures/planetscale_server.ts";
import { test } from "../../tests/support/app.ts";
import { freshDatabase } from "../../tests/support/db.ts";
import { bulkInsertSql } from "./bulk_insert.ts";
import { type Database, openDatabase } from "./client.ts";
import { uuidv7 } from "./ids.ts";
import { TenantScope, type TenantTable } from "./tenant_scope.ts";

const TEXT = "Grüße – 你好 👋 \"quote\" 'single' back\\slash `tick` ; -- NULL";

/**
 * Rows for any table, one column type at a time: row 0 fills every column, row 1 leaves
 * nullable columns NULL and columns with a default out (so `default` is written), row 2
 * fills every column with other values. Every text starts with the row number, so keys differ.
 */
function rowsFor(table: MySqlTable, tenantId: string): Record<string, unknown>[] {
  return [0, 1, 2].map((i) => {
    const row: Record<string, unknown> = {};
    for (const [key, c] of Object.entries(getTableColumns(table)) as [string, MySqlColumn][]) {
      if (key === "tenantId") {
        row[key] = tenantId;
        continue;
      }
      if (i === 1 && !c.notNull) {
        row[key] = null;
        continue;
      }
      if (i === 1 && c.hasDefault) continue;
      row[key] = valueFor(c, i);
    }
    return row;
  });
}

function valueFor(c: MySqlColumn, i: number): unknown {
  const length = (c as unknown as { length?: number }).length ?? 1000;
  switch (c.columnType) {
    case "MySqlInt":
    case "MySqlBigInt53":
      return 1000 * i + 7;
    case "MySqlBoolean":
      return i !== 0;
    case "MySqlDateTime":
      return new Date(Date.UTC(2024, 1, 29, 23, 59, 58, 123 + i));
    case "MySqlDateString":
      return `2024-02-2${i + 7}`;
    case "MySqlCustomColumn": // JSON
      return { n: i, text: TEXT, list: [1, 2.5, null, true, "ü"], nested: { empty: [] } };
    default: {
      if (c.enumValues?.length) return c.enumValues[i % c.enumValues.length];
      if (c.columnType === "MySqlChar") return String(i).repeat(length);
      return `${i} ${TEXT}`.slice(0, length);
    }
  }
}

test("bulk insert: for every table, the statement and parameters equal drizzle's builder's", () => {
  const builder = drizzle.mock({ mode: "planetscale" });
  const dialect = new MySqlDialect();
  const tables = Object.values(allTables(defaultPlugins));
  assert.ok(tables.length >= 10, "the tables of the core and every plugin");
  for (const table of tables) {
    const rows = rowsFor(table, "t-1");
    const expected = builder.insert(table).values(rows as never).toSQL();
    const fast = bulkInsertSql(table, rows, { tenantId: "t-1" });
    assert.ok(fast, `${getTableName(table)} takes the fast path`);
    const actual = dialect.sqlToQuery(fast);
    assert.equal(actual.sql, expected.sql, getTableName(table));
    assert.deepEqual(actual.params, expected.params, getTableName(table));
  }
});

test("bulk insert: the tenant comes from the scope and only the table's columns are written", () => {
  const dialect = new MySqlDialect();
  const rows = rowsFor(processLinks, "intruder").map((r) => ({ ...r, bogus: "x" }));
  const q = dialect.sqlToQuery(bulkInsertSql(processLinks, rows, { tenantId: "mine" })!);
  assert.doesNotMatch(q.sql, /bogus/);
  assert.ok(!q.params.includes("intruder"), "the tenant id in the values is not written");
  assert.equal(q.params.filter((p) => p === "mine").length, rows.length);
  // Values are parameters, never part of the text.
  assert.doesNotMatch(q.sql, /Grüße|quote/);
  assert.equal(q.sql.split("?").length - 1, q.params.length);
});

const database = await freshDatabase();
const fixture = await startPlanetScaleServer({
  mysqlUrl: database.url,
  username: "procedo-test",
  password: "pscale_pw_local",
});
const ps = openDatabase({ url: fixture.url, driver: "planetscale" });
const drivers: Database[] = [database, ps];

/** The rows of one tenant without the tenant id, in a stable order. */
async function rowsOf(db: Database["db"], table: TenantTable, tenantId: string) {
  const rows = await db.select().from(table as MySqlTable).where(eq(table.tenantId, tenantId));
  return rows.map(({ tenantId: _t, ...rest }) => rest)
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

for (const table of [processSteps, processLinks, processes, processDrafts, processVersions]) {
  test(`bulk insert: ${getTableName(table)} rows read back as the builder's, on both drivers`, async () => {
    for (const { db, driver } of drivers) {
      const viaBuilder = uuidv7();
      const viaScope = uuidv7();
      const rows = rowsFor(table, viaBuilder);
      await db.insert(table).values(rows as never);
      // The values still name the other tenant: the scope's tenant is written.
      await new TenantScope(db, viaScope).insert(table, rows as never);
      const expected = await rowsOf(db, table, viaBuilder);
      const actual = await rowsOf(db, table, viaScope);
      assert.equal(expected.length, 3, driver);
      assert.deepEqual(actual, expected, driver);
      if (table === processes) {
        assert.equal(actual.filter((r) => r.reviewIntervalMonths === 12).length, 1, "default");
      }
    }
  });
}

test("bulk insert: a 1,200-row insert in a transaction, on both drivers", async () => {
  for (const { db, driver } of drivers) {
    const tenant = uuidv7();
    const processId = uuidv7();
    const rows = Array.from({ length: 1200 }, (_, i) => ({
      processId,
      source: "draft" as const,
      nodeId: `node_${i >> 2}`,
      kind: "position" as const,
      targetId: uuidv7(),
      relation: "responsible" as const,
    }));
    await new TenantScope(db, tenant).transaction(
      (tx) => tx.insert(processLinks, rows),
      { isolationLevel: "read committed" },
    );
    const [{ n }] = await db.select({ n: sql<number>`count(*)` }).from(processLinks)
      .where(eq(processLinks.tenantId, tenant));
    assert.equal(Number(n), 1200, driver);
  }
});

test("cleanup: close the fixture and drop the database", async () => {
  await ps.close();
  await fixture.close();
  await database.drop();
});
