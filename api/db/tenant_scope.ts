// The tenant-scoped accessor: the only way plugins read and write their tables. The
// tenant filter and the tenant value on insert come from the verified credential (the
// scope is created by the tenancy middleware), never from input.
import { and, asc, count, desc, eq, isNotNull, type SQL } from "drizzle-orm";
import type { MySqlColumn, MySqlTable, MySqlTransactionConfig } from "drizzle-orm/mysql-core";
import { bulkInsertSql } from "./bulk_insert.ts";
import type { Db } from "./client.ts";

/** A table whose rows belong to one tenant: it has a `tenantId` column. */
export type TenantTable = MySqlTable & { tenantId: MySqlColumn };

type Row<T extends MySqlTable> = T["$inferSelect"];
type NewRow<T extends MySqlTable> = Omit<T["$inferInsert"], "tenantId">;
type Patch<T extends MySqlTable> = Partial<Omit<T["$inferInsert"], "tenantId">>;

export interface SelectOptions {
  where?: SQL;
  orderBy?: (SQL | MySqlColumn)[];
  limit?: number;
  offset?: number;
  /** Lock the rows for the rest of the transaction (SELECT … FOR UPDATE). */
  forUpdate?: boolean;
}

export interface TransactionOptions {
  /**
   * "read committed" takes no gap locks on deletes and inserts, so transactions writing
   * neighbouring index ranges (saves of different processes) do not deadlock each other.
   */
  isolationLevel?: MySqlTransactionConfig["isolationLevel"];
}

export class TenantScope {
  constructor(readonly db: Db, readonly tenantId: string) {}

  /** Rows of this tenant matching `where`. */
  select<T extends TenantTable>(table: T, options: SelectOptions = {}): Promise<Row<T>[]> {
    let q = this.db.select().from(table as MySqlTable).where(this.#filter(table, options.where))
      .$dynamic();
    if (options.orderBy?.length) q = q.orderBy(...options.orderBy);
    if (options.limit !== undefined) q = q.limit(options.limit);
    if (options.offset) q = q.offset(options.offset);
    if (options.forUpdate) q = q.for("update");
    return q as unknown as Promise<Row<T>[]>;
  }

  /** The first row of this tenant matching `where`, or undefined. */
  async first<T extends TenantTable>(
    table: T,
    where?: SQL,
    options: Omit<SelectOptions, "where" | "limit"> = {},
  ): Promise<Row<T> | undefined> {
    const rows = await this.select(table, { ...options, where, limit: 1 });
    return rows[0];
  }

  /** How many rows of this tenant match `where`. */
  async count<T extends TenantTable>(table: T, where?: SQL): Promise<number> {
    const rows = await this.db.select({ n: count() }).from(table as MySqlTable).where(
      this.#filter(table, where),
    );
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * This tenant's rows matching `where` counted by the values of `column` (nulls left out),
   * the most frequent first, at most `limit` values: the facets a list can be filtered by.
   */
  async countBy<T extends TenantTable>(
    table: T,
    column: MySqlColumn,
    where?: SQL,
    limit = 100,
  ): Promise<{ value: string; count: number }[]> {
    const n = count();
    const rows = await this.db.select({ value: column, n }).from(table as MySqlTable)
      .where(and(this.#filter(table, where), isNotNull(column)))
      .groupBy(column).orderBy(desc(n), asc(column)).limit(limit);
    return rows.map((r) => ({ value: String(r.value), count: Number(r.n) }));
  }

  /**
   * Inserts rows with this tenant's id, whatever the values say, in one statement. Only
   * the table's columns are written, and the statement is the one drizzle's builder makes,
   * built without it (bulk_insert.ts: several times faster for long lists).
   */
  async insert<T extends TenantTable>(table: T, values: NewRow<T> | NewRow<T>[]): Promise<void> {
    const list = (Array.isArray(values) ? values : [values]) as Record<string, unknown>[];
    if (!list.length) return;
    const tenant = { tenantId: this.tenantId };
    const fast = bulkInsertSql(table, list, tenant);
    if (fast) {
      await this.db.execute(fast);
      return;
    }
    await this.db.insert(table as MySqlTable).values(
      list.map((v) => ({ ...v, ...tenant })) as never,
    );
  }

  /** Updates this tenant's rows matching `where`; returns the rows changed (0 when values were equal). */
  async update<T extends TenantTable>(table: T, patch: Patch<T>, where: SQL): Promise<number> {
    const { tenantId: _ignored, ...set } = patch as Record<string, unknown>;
    const result = await this.db.update(table as MySqlTable).set(set as never).where(
      this.#filter(table, where),
    );
    return affectedRows(result);
  }

  /** Deletes this tenant's rows matching `where`; returns the number of rows removed. */
  async delete<T extends TenantTable>(table: T, where: SQL): Promise<number> {
    const result = await this.db.delete(table as MySqlTable).where(this.#filter(table, where));
    return affectedRows(result);
  }

  /**
   * Runs `fn` in one database transaction with a scope bound to it. `isolationLevel` applies
   * to this transaction only (mysql2 sends SET TRANSACTION before BEGIN); the PlanetScale
   * driver and a transaction nested in another (a savepoint) ignore it.
   */
  transaction<R>(
    fn: (scope: TenantScope) => Promise<R>,
    options: TransactionOptions = {},
  ): Promise<R> {
    const config: MySqlTransactionConfig | undefined = options.isolationLevel
      ? { isolationLevel: options.isolationLevel }
      : undefined;
    return this.db.transaction(
      (tx) => fn(new TenantScope(tx as unknown as Db, this.tenantId)),
      config,
    );
  }

  #filter(table: TenantTable, where?: SQL): SQL {
    const own = eq(table.tenantId, this.tenantId);
    return where ? and(own, where)! : own;
  }
}

/** Rows changed by an UPDATE or DELETE, for mysql2 and PlanetScale results alike. */
export function affectedRows(result: unknown): number {
  const r = (Array.isArray(result) ? result[0] : result) as {
    affectedRows?: number;
    rowsAffected?: number;
  };
  return Number(r?.affectedRows ?? r?.rowsAffected ?? 0);
}
