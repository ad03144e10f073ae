// Which tables a tenant archive carries and how their rows become JSON lines and back. Every
// table of the core and of the installed plugins that has a tenant_id column is found from
// the tables themselves (schema/mod.ts), so a new plugin's tables travel without changes here.
import { and, asc, eq, getTableColumns, gt, or, type SQL } from "drizzle-orm";
import { getTableConfig, type MySqlColumn, type MySqlTable } from "drizzle-orm/mysql-core";
import { auditAnchors, auditHeads, auditLog } from "../../schema/audit.ts";
import { outbox, schedulerLeases } from "../../schema/background.ts";
import { apiKeys } from "../../schema/api_keys.ts";
import { allTables } from "../../schema/mod.ts";
import type { TenantScope, TenantTable } from "../db/tenant_scope.ts";
import type { ProcedoPlugin } from "../plugin.ts";

/** A tenant table in the archive: its SQL name, columns and primary key (tenant_id left out). */
export interface ArchiveTable {
  name: string;
  table: TenantTable;
  /** [property key, column] in the table's column order. */
  columns: [string, MySqlColumn][];
  /** The primary key after tenant_id: the keyset order of the table's file. */
  key: MySqlColumn[];
  /** False for the instance's own bookkeeping, which a new tenant starts without. */
  restored: boolean;
}

/** The audit trail travels in its own files (audit.jsonl), with its hashes. */
const AUDIT_TABLES: MySqlTable[] = [auditLog, auditHeads, auditAnchors];

/**
 * Exported but not imported: which scheduled runs the tenant had (the new tenant's tasks start
 * afresh), mail still queued for the old tenant (it would be sent twice), and API keys (each
 * key names its tenant, so an imported key could never sign in).
 */
const NOT_RESTORED: MySqlTable[] = [schedulerLeases, outbox, apiKeys];

/**
 * Every tenant table of the core and of `plugins`, by SQL name, audit tables and those a
 * plugin keeps out (`notExported`) left out.
 */
export function archiveTables(plugins: readonly ProcedoPlugin[]): ArchiveTable[] {
  const kept = new Set(plugins.flatMap((p) => p.notExported ?? []));
  return Object.values(allTables([...plugins]))
    .filter((table) => !AUDIT_TABLES.includes(table))
    .filter((table) => !kept.has(getTableConfig(table).name))
    .filter((table) => getTableConfig(table).columns.some((c) => c.name === "tenant_id"))
    .map((table) => describeTable(table))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The audit trail's tables: its entries with their hashes, and the signed anchors. */
export function auditArchiveTables(): { file: string; table: ArchiveTable }[] {
  return [
    { file: "audit.jsonl", table: describeTable(auditLog) },
    { file: "audit-anchors.jsonl", table: describeTable(auditAnchors) },
  ];
}

/** A tenant table's columns and key; throws when it breaks the rules tenant tables follow. */
export function describeTable(table: MySqlTable): ArchiveTable {
  const config = getTableConfig(table);
  const columns = Object.entries(getTableColumns(table)) as [string, MySqlColumn][];
  const tenantColumn = columns.find(([, c]) => c.name === "tenant_id");
  if (tenantColumn?.[0] !== "tenantId") {
    throw new Error(`table ${config.name}: its tenant_id column must be the property tenantId`);
  }
  const pk = config.primaryKeys[0]?.columns ??
    columns.filter(([, c]) => c.primary).map(([, c]) => c);
  if (pk[0]?.name !== "tenant_id") {
    throw new Error(`table ${config.name}: its primary key must start with tenant_id`);
  }
  return {
    name: config.name,
    table: table as TenantTable,
    columns,
    key: pk.slice(1) as MySqlColumn[],
    restored: !NOT_RESTORED.includes(table),
  };
}

/** A table's columns in the archive's form, for rows of tables outside the tenant scope. */
export function columnsOf(table: MySqlTable): Pick<ArchiveTable, "columns"> {
  return { columns: Object.entries(getTableColumns(table)) as [string, MySqlColumn][] };
}

/** The tenant's rows of `t` in primary-key order, a page at a time (keyset, no OFFSET). */
export async function* tablePages(
  scope: TenantScope,
  t: ArchiveTable,
  pageSize = 500,
): AsyncGenerator<Record<string, unknown>[]> {
  if (!t.key.length) {
    const rows = await scope.select(t.table);
    if (rows.length) yield rows;
    return;
  }
  const keyOf = t.key.map((c) => t.columns.find(([, col]) => col === c)![0]);
  let after: unknown[] | undefined;
  while (true) {
    const page = await scope.select(t.table, {
      where: after ? afterKey(t.key, after) : undefined,
      orderBy: t.key.map((c) => asc(c)),
      limit: pageSize,
    }) as Record<string, unknown>[];
    if (page.length) yield page;
    if (page.length < pageSize) return;
    const last = page[page.length - 1];
    after = keyOf.map((k) => last[k]);
  }
}

/** (k1, k2, …) > (v1, v2, …), spelt out so that every server uses the primary key's range. */
function afterKey(key: MySqlColumn[], values: unknown[]): SQL {
  const terms = key.map((column, i) =>
    and(...key.slice(0, i).map((c, j) => eq(c, values[j])), gt(column, values[i]))!
  );
  return or(...terms)!;
}

/** A row as JSON under its SQL column names: dates as ISO strings, binary as base64. */
export function rowToJson(
  t: Pick<ArchiveTable, "columns">,
  row: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, column] of t.columns) out[column.name] = valueToJson(row[key]);
  return out;
}

function valueToJson(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return base64(value);
  if (typeof value === "bigint") return value.toString();
  return value;
}

/** A row read back from JSON, keyed by property, ready for the tenant scope's insert. */
export function rowFromJson(
  t: Pick<ArchiveTable, "columns">,
  json: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, column] of t.columns) {
    if (!(column.name in json)) continue; // a column newer than the archive: its default
    out[key] = valueFromJson(column, json[column.name]);
  }
  return out;
}

function valueFromJson(column: MySqlColumn, value: unknown): unknown {
  if (value === null) return null;
  switch (column.columnType) {
    case "MySqlDateTime":
    case "MySqlTimestamp":
      return new Date(value as string);
    case "MySqlCustomColumn":
      // Bytes are custom columns (drizzle's own binary types read strings).
      return /binary|blob/i.test(column.getSQLType()) ? fromBase64(value as string) : value;
    case "MySqlBigInt64":
      return BigInt(value as string);
    default:
      return value;
  }
}

function base64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
