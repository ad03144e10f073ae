// The recycle bin: a plugin's DELETE hands everything it removes to moveToBin inside its own
// transaction; restore puts the rows back through the installed tables (found by SQL name),
// final deletion drops the entry and writes a deletion record (audit entry + contributions of
// the extension point `core.deletionRecords`). Rows travel in the tenant archive's JSON form,
// so dates, JSON and binary columns round-trip.
import { and, desc, eq, getTableColumns, lte, or, type SQL } from "drizzle-orm";
import type { MySqlColumn, MySqlTable } from "drizzle-orm/mysql-core";
import type { ActorType } from "../../schema/audit.ts";
import {
  type BinRows,
  recycleBin,
  type RecycleBinRow,
  type WhereUsedItem,
} from "../../schema/recycle_bin.ts";
import { appendAudit } from "../audit/chain.ts";
import { isDuplicateKey } from "../db/errors.ts";
import { uuidv7 } from "../db/ids.ts";
import type { TenantScope } from "../db/tenant_scope.ts";
import { contributionsTo, type PluginDeps, type ProcedoPlugin, tableName } from "../plugin.ts";
import { ProblemError } from "../problem.ts";
import {
  type ArchiveTable,
  archiveTables,
  columnsOf,
  rowFromJson,
  rowToJson,
} from "../tenant_archive/tables.ts";

export type { WhereUsedItem } from "../../schema/recycle_bin.ts";

/** How long deleted content stays restorable. */
export const RETENTION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Rows of one table that a delete removes, as drizzle read them (keyed by property). */
export interface BinPart {
  table: MySqlTable;
  rows: Record<string, unknown>[];
}

export interface MoveToBin {
  /** What is deleted, e.g. "process" or "orgchart.unit". */
  type: string;
  objectId: string;
  title: string;
  /** Parents first: restore inserts in this order. */
  parts: BinPart[];
  /** The user or API key id that deletes. */
  deletedBy: string;
  whereUsed?: WhereUsedItem[];
  now?: Date;
}

/**
 * Keeps what a delete removes in the bin; call it inside the delete's transaction, with the
 * rows read before deleting them. Returns the entry's id (for the Procedo-Recycle-Bin-Id header).
 */
export async function moveToBin(scope: TenantScope, m: MoveToBin): Promise<string> {
  const rows: BinRows = {};
  for (const part of m.parts) {
    if (!part.rows.length) continue;
    const name = tableName(part.table);
    const codec = columnsOf(part.table);
    (rows[name] ??= []).push(...part.rows.map((r) => rowToJson(codec, r)));
  }
  const now = m.now ?? new Date();
  const id = uuidv7();
  await scope.insert(recycleBin, {
    id,
    type: m.type,
    objectId: m.objectId,
    title: m.title.slice(0, 500),
    rows,
    counts: countsOf(rows),
    whereUsed: m.whereUsed ?? [],
    deletedBy: m.deletedBy.slice(0, 40),
    deletedAt: now,
    purgeAfter: new Date(now.getTime() + RETENTION_DAYS * DAY_MS),
  });
  return id;
}

/** A bin entry as the API shows it: rows counted per table, not the rows themselves. */
export interface BinEntry {
  id: string;
  type: string;
  objectId: string;
  title: string;
  whereUsed: WhereUsedItem[];
  counts: Record<string, number>;
  deletedBy: string;
  deletedAt: string;
  purgeAfter: string;
}

export function toEntry(row: Omit<RecycleBinRow, "rows">): BinEntry {
  return {
    id: row.id,
    type: row.type,
    objectId: row.objectId,
    title: row.title,
    whereUsed: row.whereUsed,
    counts: row.counts ?? {},
    deletedBy: row.deletedBy,
    deletedAt: row.deletedAt.toISOString(),
    purgeAfter: row.purgeAfter.toISOString(),
  };
}

const countsOf = (rows: BinRows) =>
  Object.fromEntries(Object.entries(rows).map(([t, r]) => [t, r.length]));

/**
 * The columns of a bin entry but its rows (lists need only the counts). TenantScope selects
 * whole rows, so the list query names the tenant itself.
 */
const { rows: _rows, ...listed } = getTableColumns(recycleBin);

/** The tenant's bin, newest first, optionally of one type. */
export async function listEntries(
  scope: TenantScope,
  q: { type?: string; limit: number; offset: number },
) {
  const where = and(
    eq(recycleBin.tenantId, scope.tenantId),
    q.type ? eq(recycleBin.type, q.type) : undefined,
  );
  const [rows, total] = await Promise.all([
    scope.db.select(listed).from(recycleBin).where(where)
      .orderBy(desc(recycleBin.deletedAt), desc(recycleBin.id)).limit(q.limit).offset(q.offset),
    scope.count(recycleBin, q.type ? eq(recycleBin.type, q.type) : undefined),
  ]);
  return { items: rows.map(toEntry), total, limit: q.limit, offset: q.offset };
}

async function entryOf(scope: TenantScope, id: string): Promise<RecycleBinRow> {
  const row = await scope.first(recycleBin, eq(recycleBin.id, id), { forUpdate: true });
  if (!row) throw new ProblemError(404, "not-found", "No such entry in the recycle bin.");
  return row;
}

/**
 * A contribution to the extension point `core.restoreChecks`: before an entry of `type` is
 * restored, `check` throws (a 409 from missingReference) when something the rows refer to is
 * gone meanwhile (a parent process, the unit of a position), so nothing dangling comes back.
 */
export interface RestoreCheck {
  type: string;
  check(scope: TenantScope, rows: BinRows, title: string): Promise<void>;
}

/** The 409 of a restore whose rows refer to `what` (table.column = id), which is gone. */
export function missingReference(
  title: string,
  what: string,
  table: string,
  column: string,
  id: string,
) {
  return new ProblemError(
    409,
    "restore-conflict",
    `"${title}" cannot be restored: its ${what} ${id} no longer exists; restore that first.`,
    { table, key: column, value: id },
  );
}

/** The installed tenant tables by SQL name (core and plugins). */
function tablesByName(plugins: readonly ProcedoPlugin[]): Map<string, ArchiveTable> {
  return new Map(archiveTables(plugins).map((t) => [t.name, t]));
}

/**
 * Puts an entry's rows back in one transaction and removes the entry; 409 naming the table
 * and value when an id or a unique name was taken meanwhile.
 */
export async function restoreEntry(
  scope: TenantScope,
  plugins: readonly ProcedoPlugin[],
  id: string,
): Promise<BinEntry> {
  const tables = tablesByName(plugins);
  return await scope.transaction(async (tx) => {
    const row = await entryOf(tx, id);
    for (const c of contributionsTo<RestoreCheck>(plugins, "core.restoreChecks")) {
      if (c.type === row.type) await c.check(tx, row.rows, row.title);
    }
    for (const [name, rows] of Object.entries(row.rows)) {
      const t = tables.get(name);
      if (!t) {
        throw new ProblemError(
          409,
          "restore-conflict",
          `"${row.title}" cannot be restored: table ${name} is not installed.`,
          { table: name },
        );
      }
      await insertRows(tx, t, rows, row.title);
    }
    await tx.delete(recycleBin, eq(recycleBin.id, id));
    return toEntry(row);
  });
}

/**
 * Inserts a table's rows, a few hundred per statement; on a duplicate key, row by row to name
 * the row that collides (the caller's transaction then rolls everything back).
 */
async function insertRows(
  tx: TenantScope,
  t: ArchiveTable,
  rows: Record<string, unknown>[],
  title: string,
) {
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200);
    try {
      await tx.insert(t.table, chunk.map((json) => rowFromJson(t, json)) as never);
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      for (const json of chunk) {
        try {
          await tx.insert(t.table, rowFromJson(t, json) as never);
        } catch (e) {
          if (!isDuplicateKey(e)) throw e;
          throw restoreConflict(t, json, title, duplicateOf(e));
        }
      }
      throw restoreConflict(t, chunk[0], title, duplicateOf(e));
    }
  }
}

function restoreConflict(
  t: ArchiveTable,
  json: Record<string, unknown>,
  title: string,
  taken: { value?: string; key?: string },
): ProblemError {
  // The server cuts long values; for the primary key, name the row's own key.
  if (taken.key === "PRIMARY") taken.value = t.key.map((c) => String(json[c.name])).join(" / ");
  return new ProblemError(
    409,
    "restore-conflict",
    `"${title}" cannot be restored: ${t.name} already holds ${
      taken.value ? `'${taken.value}'` : "one of its rows"
    }${taken.key ? ` (${taken.key})` : ""}.`,
    { table: t.name, ...taken },
  );
}

/** The value and key a duplicate-key error names ("Duplicate entry 'x' for key 'k'"). */
function duplicateOf(e: unknown): { value?: string; key?: string } {
  for (let x = e as { message?: unknown; cause?: unknown } | undefined; x; x = x.cause as never) {
    const m = /Duplicate entry '(.*)' for key '([^']*)'/.exec(String(x.message ?? ""));
    if (m) return { value: m[1], key: m[2].replace(/^.*\./, "") };
  }
  return {};
}

/** What a final deletion hands to `core.deletionRecords` (free of personal data). */
export interface DeletionRecord {
  tenantId: string;
  entryId: string;
  type: string;
  objectId: string;
  /** Rows finally deleted, per table. */
  counts: Record<string, number>;
  /** Who deleted it into the bin (user or API key id). */
  requestedBy: string;
  /** The executive who deleted it for good, or "scheduler". */
  confirmedBy: string;
  requestedAt: string;
  deletedAt: string;
  method: string;
  /** Per table, how many of the deleted rows exist after the deletion (expected 0). */
  verification: { table: string; remaining: number }[];
}

/** A contribution to the extension point `core.deletionRecords`. */
export interface DeletionRecordSink {
  record(scope: TenantScope, deps: PluginDeps, record: DeletionRecord): Promise<void>;
}

/** A contribution to the extension point `core.whereUsed`: who refers to an object. */
export interface WhereUsedProvider {
  /** The bin type it answers for, e.g. "process". */
  type: string;
  /** The referrers, or undefined when the object does not exist. */
  whereUsed(scope: TenantScope, objectId: string): Promise<WhereUsedItem[] | undefined>;
}

export const BIN_METHOD = "recycle bin: entry removed";

/**
 * Deletes an entry for good: removes it, verifies none of its rows are in their tables, and
 * writes the deletion record (audit entry, then every `core.deletionRecords` contribution).
 */
export async function purgeEntry(
  scope: TenantScope,
  deps: PluginDeps,
  id: string,
  confirmedBy: { actorType: ActorType; actorId: string | null; label: string },
  now = new Date(),
): Promise<DeletionRecord> {
  const row = await scope.transaction(async (tx) => {
    const row = await entryOf(tx, id);
    await tx.delete(recycleBin, eq(recycleBin.id, id));
    return row;
  });
  const tables = tablesByName(deps.plugins);
  const verification = [{
    table: "recycle_bin",
    remaining: await scope.count(recycleBin, eq(recycleBin.id, id)),
  }];
  for (const [name, rows] of Object.entries(row.rows)) {
    const t = tables.get(name);
    verification.push({ table: name, remaining: t ? await remainingRows(scope, t, rows) : 0 });
  }
  const record: DeletionRecord = {
    tenantId: scope.tenantId,
    entryId: row.id,
    type: row.type,
    objectId: row.objectId,
    counts: countsOf(row.rows),
    requestedBy: row.deletedBy,
    confirmedBy: confirmedBy.label,
    requestedAt: row.deletedAt.toISOString(),
    deletedAt: now.toISOString(),
    method: BIN_METHOD,
    verification,
  };
  await appendAudit(scope.db, {
    tenantId: scope.tenantId,
    actorType: confirmedBy.actorType,
    actorId: confirmedBy.actorId,
    action: "recycle-bin.final-deletion",
    targetType: row.type,
    targetId: row.objectId,
    details: {
      entryId: row.id,
      counts: record.counts,
      requestedBy: record.requestedBy,
      confirmedBy: record.confirmedBy,
      verification: record.verification,
    },
  });
  for (const sink of contributionsTo<DeletionRecordSink>(deps.plugins, "core.deletionRecords")) {
    await sink.record(scope, deps, record);
  }
  return record;
}

/** How many of `rows` (by primary key) are in their table. */
async function remainingRows(
  scope: TenantScope,
  t: ArchiveTable,
  rows: Record<string, unknown>[],
): Promise<number> {
  if (!t.key.length) return 0;
  const keyOf = t.key.map((c) => t.columns.find(([, col]) => col === c)!);
  let n = 0;
  for (let i = 0; i < rows.length; i += 100) {
    const terms = rows.slice(i, i + 100).map((json) => {
      const r = rowFromJson(t, json);
      return and(...keyOf.map(([k, c]) => eq(c as MySqlColumn, r[k])))!;
    });
    n += await scope.count(t.table, or(...terms) as SQL);
  }
  return n;
}

/** Deletes for good every entry whose 30 days are over; returns how many. */
export async function purgeExpired(
  scope: TenantScope,
  deps: PluginDeps,
  now: Date,
): Promise<number> {
  let n = 0;
  while (true) {
    const due = await scope.select(recycleBin, {
      where: lte(recycleBin.purgeAfter, now),
      orderBy: [recycleBin.purgeAfter],
      limit: 50,
    });
    for (const row of due) {
      try {
        await purgeEntry(scope, deps, row.id, {
          actorType: "system",
          actorId: null,
          label: "scheduler",
        }, now);
        n++;
      } catch (e) {
        // Restored or purged by someone else between the select and the delete.
        if (!(e instanceof ProblemError && e.status === 404)) throw e;
      }
    }
    if (due.length < 50) return n;
  }
}

/** The where-used preview of `objectId` from the provider of `type`. */
export async function whereUsed(
  scope: TenantScope,
  plugins: readonly ProcedoPlugin[],
  type: string,
  objectId: string,
): Promise<WhereUsedItem[]> {
  const providers = contributionsTo<WhereUsedProvider>(plugins, "core.whereUsed");
  const provider = providers.find((p) => p.type === type);
  if (!provider) {
    throw new ProblemError(422, "validation-failed", `No where-used preview for type "${type}".`, {
      errors: [{
        field: "query.type",
        message: `one of ${providers.map((p) => p.type).join(", ")}`,
      }],
    });
  }
  const items = await provider.whereUsed(scope, objectId);
  if (!items) throw new ProblemError(404, "not-found", `No ${type} ${objectId}.`);
  return items;
}
