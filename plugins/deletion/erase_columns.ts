// Erasing a person, the columns: every column the plugins mark in `personalData` (and the
// core's users.display_name and users.oid), how a person's own row is anonymised from them,
// and the verification: rows of the tenant whose marked columns still hold the person's
// former names or addresses, counted per column (expected zero).
import { getTableColumns, sql } from "drizzle-orm";
import { getTableConfig, type MySqlColumn, type MySqlTable } from "drizzle-orm/mysql-core";
import type { Db } from "../../api/db/client.ts";
import { escapeLike } from "../../api/db/like.ts";
import { affectedRows } from "../../api/db/tenant_scope.ts";
import { type ProcedoPlugin, tableName } from "../../api/plugin.ts";
import { auditLog } from "../../schema/audit.ts";
import { corePersonalData, users } from "../../schema/core.ts";

/** A table with its columns marked as personal data (SQL names). */
export interface MarkedTable {
  name: string;
  table: MySqlTable;
  columns: string[];
}

/** The core's and every installed plugin's tables with personal-data columns. */
export function markedTables(plugins: readonly ProcedoPlugin[]): MarkedTable[] {
  const out: MarkedTable[] = [{ name: "users", table: users, columns: corePersonalData.users }];
  for (const p of plugins) {
    for (const [name, columns] of Object.entries(p.personalData ?? {})) {
      const table = Object.values(p.tables ?? {}).find((t) => tableName(t) === name);
      if (table && columns.length) out.push({ name, table, columns });
    }
  }
  return out;
}

const isText = (c: MySqlColumn) =>
  /VarChar|Char|Text/i.test(c.columnType) || c.getSQLType().toLowerCase() === "json";

/** Columns whose values identify the person: searched for everywhere after the erasure. */
const IDENTIFYING = /name|mail|phone|^oid$/;

/**
 * The patch that anonymises a person's own row: a marked name column gets `label` (its
 * lower-cased search key too), other marked text columns that must hold a value get a
 * value unique to the person (`erased-<pseudonym>`: an Entra oid that no token carries),
 * every other marked column is emptied (null). Returns the patch by property name and the
 * former identifying values.
 */
export function anonymisedPatch(
  marked: MarkedTable,
  row: Record<string, unknown>,
  label: string,
  pseudonym: string,
): { patch: Record<string, unknown>; former: string[] } {
  const patch: Record<string, unknown> = {};
  const former = new Set<string>();
  for (const [key, c] of Object.entries(getTableColumns(marked.table))) {
    if (!marked.columns.includes(c.name)) continue;
    const value = row[key];
    if (typeof value === "string" && value.trim().length >= 3 && IDENTIFYING.test(c.name)) {
      former.add(value.trim());
    }
    if (!c.notNull) patch[key] = null;
    else if (!isText(c)) continue;
    else if (/name/.test(c.name)) patch[key] = /key/.test(c.name) ? label.toLowerCase() : label;
    else patch[key] = `erased-${pseudonym}`;
  }
  return { patch, former: [...former] };
}

/** Marked columns of free text (not a name, address, key or JSON): where copies are replaced. */
const FREE_TEXT_EXCLUDED = /name|mail|phone|oid|key/;

/**
 * Replaces the former values by `label` wherever they are quoted in the tenant's free text
 * (marked text columns other than names, addresses and keys, e.g. a comment that names the
 * person), bumping a `version` column; never in the users table (a namesake's row). Returns
 * the rows changed per table.
 */
export async function replaceCopies(
  db: Db,
  tenantId: string,
  plugins: readonly ProcedoPlugin[],
  former: string[],
  label: string,
): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  if (!former.length) return out;
  // Longest first, so an address is replaced before a name inside it.
  const values = [...former].sort((a, b) => b.length - a.length);
  for (const m of markedTables(plugins)) {
    if (m.table === users) continue;
    const all = getTableConfig(m.table).columns;
    const columns = all.filter((c) =>
      m.columns.includes(c.name) && /VarChar|Char|Text/i.test(c.columnType) &&
      !FREE_TEXT_EXCLUDED.test(c.name)
    );
    if (!columns.length) continue;
    const replacedOf = (c: MySqlColumn) => {
      let expr = sql`${sql.identifier(c.name)}`;
      for (const v of values) expr = sql`replace(${expr}, ${v}, ${label})`;
      const length = (c as unknown as { length?: number }).length;
      return length ? sql`left(${expr}, ${length})` : expr;
    };
    const sets = columns.map((c) => sql`${sql.identifier(c.name)} = ${replacedOf(c)}`);
    if (all.some((c) => c.name === "version")) sets.push(sql`version = version + 1`);
    const changed = sql.join(
      columns.map((c) => sql`${replacedOf(c)} <> ${sql.identifier(c.name)}`),
      sql` or `,
    );
    const n = affectedRows(
      await db.execute(
        sql`update ${sql.identifier(m.name)} set ${
          sql.join(sets, sql`, `)
        } where tenant_id = ${tenantId} and (${changed})`,
      ),
    );
    if (n) out[m.name] = n;
  }
  return out;
}

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result[0] : (result as { rows: unknown }).rows) as T[];
}

/** Rows of the tenant still holding one of `former` in a marked column, per column. */
export async function remainingValues(
  db: Db,
  tenantId: string,
  plugins: readonly ProcedoPlugin[],
  former: string[],
): Promise<{ table: string; remaining: number }[]> {
  const targets = markedTables(plugins).flatMap((m) => {
    const columns = getTableConfig(m.table).columns;
    return m.columns.map((name) => columns.find((c) => c.name === name)!)
      .filter((c) => c && isText(c)).map((c) => ({ table: m.name, column: c.name }));
  });
  // The audit trail's details are searched too: entries keep ids, never names.
  targets.push({ table: tableName(auditLog), column: "details" });
  const out: { table: string; remaining: number }[] = [];
  for (const { table, column } of targets) {
    let remaining = 0;
    if (former.length) {
      const col = sql.identifier(column);
      const matches = sql.join(
        former.map((v) => sql`${col} like ${`%${escapeLike(v)}%`}`),
        sql` or `,
      );
      const [row] = rowsOf<{ n: number | string }>(
        await db.execute(
          sql`select count(*) as n from ${
            sql.identifier(table)
          } where tenant_id = ${tenantId} and (${matches})`,
        ),
      );
      remaining = Number(row?.n ?? 0);
    }
    out.push({ table: `${table}.${column}`, remaining });
  }
  return out;
}
