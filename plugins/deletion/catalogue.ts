// The database's own catalogue: which tables have a tenant_id column, however they came to
// be (declared by a plugin or not), and the batched statements a purge runs on them.
import { sql } from "drizzle-orm";
import { getTableConfig, type MySqlTable } from "drizzle-orm/mysql-core";
import type { Db } from "../../api/db/client.ts";
import { affectedRows } from "../../api/db/tenant_scope.ts";
import { tableName } from "../../api/plugin.ts";

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result[0] : (result as { rows: unknown }).rows) as T[];
}

/** Every base table of the current database that has a tenant_id column, by name. */
export async function tenantIdTables(db: Db): Promise<string[]> {
  const rows = rowsOf<{ name: string }>(
    await db.execute(sql`
      select c.table_name as name
      from information_schema.columns c
      join information_schema.tables t
        on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = database() and c.column_name = 'tenant_id'
        and t.table_type = 'BASE TABLE'
      order by c.table_name`),
  );
  return rows.map((r) => String(r.name));
}

/** The SQL names of the declared tables that have a tenant_id column. */
export function declaredTenantTables(tables: MySqlTable[]): string[] {
  return tables.filter((t) => getTableConfig(t).columns.some((c) => c.name === "tenant_id"))
    .map(tableName);
}

/** Deletes at most `limit` rows of the tenant from `table`; returns how many went. */
export async function deleteBatch(
  db: Db,
  table: string,
  tenantId: string,
  limit: number,
): Promise<number> {
  return affectedRows(
    await db.execute(
      sql`delete from ${sql.identifier(table)} where tenant_id = ${tenantId} limit ${limit}`,
    ),
  );
}

/** How many rows of the tenant `table` holds. */
export async function countRows(db: Db, table: string, tenantId: string): Promise<number> {
  const [row] = rowsOf<{ n: number | string }>(
    await db.execute(
      sql`select count(*) as n from ${sql.identifier(table)} where tenant_id = ${tenantId}`,
    ),
  );
  return Number(row?.n ?? 0);
}
