// Many rows changed differently, in few statements: an import that updates 20,000 rows sent
// 20,000 UPDATEs one after the other (7 s in a transaction holding its locks). Here each
// batch is one UPDATE whose columns take their new value per row from a CASE on the id:
//
//   update t set title = case id when ? then ? when ? then ? else title end, version = …
//   where tenant_id = ? and id in (?, ?)
//
// Through the tenant scope's update, so the tenant filter is the usual one. Values go through
// their column's driver mapping (dates, booleans) as the builder would send them.
import { getTableColumns, inArray, type SQL, sql } from "drizzle-orm";
import type { MySqlColumn } from "drizzle-orm/mysql-core";
import type { TenantScope, TenantTable } from "../db/tenant_scope.ts";
import { batches } from "./report.ts";

/** Rows per UPDATE statement. */
export const UPDATE_BATCH = 200;

/** One row's changes: its id and the new values by property name (as for TenantScope.update). */
export interface RowUpdate<P> {
  id: string;
  patch: P;
}

/** Applies each row's `patch` (rows named by `id`), UPDATE_BATCH rows per statement. */
export async function updateRows<T extends TenantTable & { id: MySqlColumn }>(
  tx: TenantScope,
  table: T,
  updates: readonly RowUpdate<Partial<T["$inferInsert"]>>[],
  size = UPDATE_BATCH,
): Promise<void> {
  const columns = getTableColumns(table) as Record<string, MySqlColumn>;
  for (const batch of batches([...updates], size)) {
    const set: Record<string, SQL> = {};
    const keys = new Set(batch.flatMap((u) => Object.keys(u.patch)));
    keys.delete("tenantId");
    keys.delete("id");
    for (const key of keys) {
      const column = columns[key];
      if (!column) throw new Error(`${key} is no column of the table`);
      const cases = batch.flatMap((u) => {
        const value = (u.patch as Record<string, unknown>)[key];
        return value === undefined ? [] : [sql` when ${u.id} then ${sql.param(value, column)}`];
      });
      if (cases.length) set[key] = sql`case ${table.id}${sql.join(cases)} else ${column} end`;
    }
    if (!Object.keys(set).length) continue;
    await tx.update(table, set as never, inArray(table.id, batch.map((u) => u.id)));
  }
}
