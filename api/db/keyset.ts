// Reading a tenant's rows page by page in a stable order without OFFSET: each page starts
// after the last row of the one before (keyset pagination on an ordering column and the id),
// so walking 100,000 rows costs the same per page at the end as at the start and holds one
// page in memory. Exports stream their lists through this.
import { and, asc, eq, gt, or, type SQL } from "drizzle-orm";
import type { MySqlColumn } from "drizzle-orm/mysql-core";
import type { TenantScope, TenantTable } from "./tenant_scope.ts";

export interface KeysetOptions {
  /** The ordering column (not null); ties are broken by `id`. */
  key: MySqlColumn;
  id: MySqlColumn;
  where?: SQL;
  pageSize?: number;
}

/** The tenant's rows matching `where`, ordered by (key, id), one page at a time. */
export async function* keysetPages<T extends TenantTable>(
  scope: TenantScope,
  table: T,
  options: KeysetOptions,
): AsyncGenerator<T["$inferSelect"][]> {
  const { key, id, where, pageSize = 1000 } = options;
  let after: { key: unknown; id: unknown } | undefined;
  while (true) {
    const from = after && or(gt(key, after.key), and(eq(key, after.key), gt(id, after.id)));
    const page = await scope.select(table, {
      where: and(where, from),
      orderBy: [asc(key), asc(id)],
      limit: pageSize,
    });
    if (page.length) yield page;
    if (page.length < pageSize) return;
    const last = page[page.length - 1] as Record<string, unknown>;
    after = { key: last[columnKey(table, key)], id: last[columnKey(table, id)] };
  }
}

/** The property name drizzle uses for a column of `table` in selected rows. */
function columnKey(table: TenantTable, column: MySqlColumn): string {
  for (const [name, c] of Object.entries(table)) if (c === column) return name;
  throw new Error(`column ${column.name} is not a column of the table`);
}
