// What every orgchart service does with its table, from one factory: a page of a list (with
// its total), one object by id (404 otherwise, exactly as for another tenant's), one row
// locked for a change. Rows become API objects in batches (`present`), so a page reads what
// its objects relate to (holders, positions held) in one query, not one per row.
import { eq, type SQL } from "drizzle-orm";
import type { MySqlColumn } from "drizzle-orm/mysql-core";
import { isDuplicateKey } from "../../api/db/errors.ts";
import type { TenantScope, TenantTable } from "../../api/db/tenant_scope.ts";
import { ProblemError } from "../../api/problem.ts";
import { notFound, type Thing } from "./common.ts";

/** A page of a list, as every list route answers. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface ObjectTable<T extends TenantTable, O> {
  table: T;
  /** The table's id column. */
  id: MySqlColumn;
  thing: Thing;
  /** The order of lists (ending in the id, so pages are stable). */
  orderBy: SQL[];
  /** Rows → API objects, in the same order. */
  present(scope: TenantScope, rows: T["$inferSelect"][]): Promise<O[]> | O[];
}

/** The reads of `spec`'s table. */
export function objectRows<T extends TenantTable, O>(spec: ObjectTable<T, O>) {
  type Row = T["$inferSelect"];
  const { table, thing } = spec;

  /** The row of `id`, or 404; `forUpdate` locks it for the rest of the transaction. */
  async function row(scope: TenantScope, id: string, forUpdate = false): Promise<Row> {
    const found = await scope.first(table, eq(spec.id, id), { forUpdate });
    if (!found) throw notFound(thing, id);
    return found;
  }

  /** One object from its row. */
  const one = async (scope: TenantScope, r: Row): Promise<O> => (await spec.present(scope, [r]))[0];

  return {
    row,
    one,

    /** The page of rows `where` selects, in list order. */
    async page(
      scope: TenantScope,
      where: SQL | undefined,
      q: { limit: number; offset: number },
    ): Promise<Page<O>> {
      const [rows, total] = await Promise.all([
        scope.select(table, { where, orderBy: spec.orderBy, limit: q.limit, offset: q.offset }),
        scope.count(table, where),
      ]);
      return { items: await spec.present(scope, rows), total, limit: q.limit, offset: q.offset };
    },

    /** The object `id`, or 404. */
    async get(scope: TenantScope, id: string): Promise<O> {
      return await one(scope, await row(scope, id));
    },

    /**
     * The row of `id` locked in transaction `tx`, after `check` (If-Match) has seen it as
     * the API shows it.
     */
    async locked(tx: TenantScope, id: string, check: (current: O) => void): Promise<Row> {
      const r = await row(tx, id, true);
      check(await one(tx, r));
      return r;
    },
  };
}

/**
 * Runs a write that may hit a unique external key; a duplicate becomes `taken` (409).
 */
export async function keyedWrite<R>(write: () => Promise<R>, taken: () => ProblemError) {
  try {
    return await write();
  } catch (e) {
    throw isDuplicateKey(e) ? taken() : e;
  }
}

/** 409 for an external key another object has (`where`: "in this org chart" or so). */
export const keyTaken = (message: string, fieldMessage: string) =>
  new ProblemError(409, "external-key-taken", message, {
    errors: [{ field: "body.externalKey", message: fieldMessage }],
  });
