// Which tables a backup holds: every base table of the database (information_schema), so a
// table nobody declared is backed up too, compared with what the core and the plugins
// declare (schema/mod.ts allTables), so such tables are reported. Per table: its columns,
// primary key, tenant column and CREATE statement.
import { sql } from "drizzle-orm";
import { getTableConfig } from "drizzle-orm/mysql-core";
import type { Db } from "../../api/db/client.ts";
import { resultRows } from "../../api/db/migrate.ts";
import type { ProcedoPlugin } from "../../api/plugin.ts";
import { allTables } from "../../schema/mod.ts";
import { KEY_STORE_TABLE } from "./schema.ts";

/** Tables the core keeps outside drizzle (api/db/migrate.ts). */
const CORE_BOOKKEEPING = ["_migrations"];

export interface TableInfo {
  name: string;
  columns: string[];
  primaryKey: string[];
  /** "tenant_id" when the table has one: its rows are encrypted per tenant. */
  tenantColumn?: string;
  /** Whether the tenant column may hold NULL (only in tables nobody declared). */
  tenantNullable: boolean;
  /** JSON columns: read as their text, so a backup keeps them byte for byte. */
  jsonColumns: string[];
  /** Declared by the core or a plugin (false: found only in the database). */
  declared: boolean;
  createSql: string;
}

/** The tables a backup writes, in name order, and those nobody declared. */
export async function backupCatalogue(
  db: Db,
  plugins: readonly ProcedoPlugin[],
): Promise<{ tables: TableInfo[]; undeclared: string[] }> {
  const declared = new Set([
    ...CORE_BOOKKEEPING,
    ...Object.values(allTables([...plugins])).map((t) => getTableConfig(t).name),
  ]);
  const names = resultRows<{ name: string }>(
    await db.execute(sql`SELECT TABLE_NAME AS name FROM information_schema.TABLES
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME`),
  ).map((r) => r.name).filter((n) => n !== KEY_STORE_TABLE);
  // MariaDB's JSON is LONGTEXT with a json_valid() check; MySQL's is its own type.
  const checks = resultRows<{ t: string; clause: string }>(
    await db.execute(sql`SELECT TABLE_NAME AS t, CHECK_CLAUSE AS clause
      FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()`)
      .catch(() => [[]]),
  );
  const columns = resultRows<{ t: string; c: string; n: string; type: string }>(
    await db.execute(sql`SELECT TABLE_NAME AS t, COLUMN_NAME AS c, IS_NULLABLE AS n,
      DATA_TYPE AS type FROM information_schema.COLUMNS
      WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION`),
  );
  const keys = resultRows<{ t: string; c: string }>(
    await db.execute(sql`SELECT TABLE_NAME AS t, COLUMN_NAME AS c FROM information_schema.STATISTICS
      WHERE TABLE_SCHEMA = DATABASE() AND INDEX_NAME = 'PRIMARY'
      ORDER BY TABLE_NAME, SEQ_IN_INDEX`),
  );
  const tables: TableInfo[] = [];
  for (const name of names) {
    const own = columns.filter((r) => r.t === name);
    const cols = own.map((r) => r.c);
    const created = resultRows<Record<string, string>>(
      await db.execute(sql`SHOW CREATE TABLE ${sql.identifier(name)}`),
    )[0];
    tables.push({
      name,
      columns: cols,
      primaryKey: keys.filter((r) => r.t === name).map((r) => r.c),
      tenantColumn: cols.includes("tenant_id") ? "tenant_id" : undefined,
      tenantNullable: own.some((r) => r.c === "tenant_id" && r.n === "YES"),
      jsonColumns: own.filter((r) =>
        r.type.toLowerCase() === "json" ||
        checks.some((k) => k.t === name && k.clause.includes(`json_valid(\`${r.c}\`)`))
      ).map((r) => r.c),
      declared: declared.has(name),
      createSql: created["Create Table"],
    });
  }
  return { tables, undeclared: tables.filter((t) => !t.declared).map((t) => t.name) };
}

/** The newest applied migration: the schema version a backup was taken at. */
export async function schemaVersion(db: Db): Promise<string | null> {
  try {
    const rows = resultRows<{ name: string }>(
      await db.execute(sql`SELECT name FROM _migrations ORDER BY name DESC LIMIT 1`),
    );
    return rows[0]?.name ?? null;
  } catch {
    return null;
  }
}
