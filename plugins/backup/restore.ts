// Restoring a backup. Everything is checked first: the manifest's seal, every file's SHA-256
// and the schema version (the database must be migrated to the backup's version). Then:
// - restoreAll: every table of the backup is replaced, one transaction per table, foreign
//   key checks off while loading; a table missing from the database is created first from
//   its CREATE statement. Tenants whose data key is gone (purged) are reported and left as
//   the database has them (their rows, and their row of `tenants`, are neither deleted nor
//   loaded): a restore never brings a purged tenant back. The key store is never touched.
// - restoreTenant: that tenant's rows in every table (and its row of `tenants`) are deleted
//   and loaded from the backup in one transaction; other tenants are untouched. A tenant
//   whose key is gone fails with ShreddedTenantError before anything is written.
// Each restored tenant's audit trail (restored too) then records `backup.restored`.
import { sql } from "drizzle-orm";
import { join } from "node:path";
import type { Db } from "../../api/db/client.ts";
import { appendAudit } from "../../api/audit/chain.ts";
import { resultRows } from "../../api/db/migrate.ts";
import { schemaVersion } from "./catalogue.ts";
import { readRows, type Sealing } from "./file_format.ts";
import { DataKeys, type MasterKey } from "./keys.ts";
import { KEY_STORE_TABLE } from "./schema.ts";
import {
  BackupRefusedError,
  type Manifest,
  type ManifestFile,
  type ManifestTable,
  verifiedManifest,
} from "./manifest.ts";

/** Rows per INSERT statement (and never more than this many values). */
const BATCH_ROWS = 500;
const BATCH_VALUES = 20_000;

/** The table whose rows are tenants: restored per tenant by this column. */
const TENANTS_TABLE = { name: "tenants", column: "id" };

export class ShreddedTenantError extends Error {
  constructor(readonly tenantId: string) {
    super(
      `tenant data was crypto-shredded: the data key of tenant ${tenantId} was destroyed (the tenant was purged), so its rows in this backup cannot be read; nothing was restored`,
    );
    this.name = "ShreddedTenantError";
  }
}

export interface RestoreOptions {
  db: Db;
  master: MasterKey;
  /** The backup's own directory (the one holding manifest.json). */
  dir: string;
}

export interface RestoreReport {
  manifest: Manifest;
  /** Rows loaded per table. */
  rows: Record<string, number>;
  /** Tables created because the database lacked them. */
  created: string[];
  /** Tenants whose rows were left out because their key is gone (full restore). */
  shredded: string[];
}

/** Replaces every table of the backup with its content (see the file comment). */
export async function restoreAll(opts: RestoreOptions): Promise<RestoreReport> {
  const manifest = await verifiedManifest(opts.dir, opts.master);
  await checkSchema(opts.db, manifest);
  await checkKeyStore(opts.db, manifest);
  const keys = new DataKeys(opts.db, opts.master);
  // Keys first: a tenant without one was purged. Its rows stay as the database has them
  // (nothing, or what the purge kept, such as its tombstone in `tenants`).
  const shredded = new Set<string>();
  for (const table of manifest.tables) {
    for (const f of table.files) {
      if (f.tenantId !== undefined && !await keys.find(f.tenantId)) shredded.add(f.tenantId);
    }
  }
  const existing = new Set(
    resultRows<{ name: string }>(
      await opts.db.execute(sql`SELECT TABLE_NAME AS name FROM information_schema.TABLES
        WHERE TABLE_SCHEMA = DATABASE()`),
    ).map((r) => r.name),
  );
  const report: RestoreReport = {
    manifest,
    rows: {},
    created: [],
    shredded: [...shredded].sort(),
  };
  for (const table of manifest.tables) {
    if (!existing.has(table.name)) {
      await opts.db.execute(sql.raw(table.createSql));
      report.created.push(table.name);
    }
    const tenantColumn = table.tenantColumn ??
      (table.name === TENANTS_TABLE.name ? TENANTS_TABLE.column : undefined);
    const kept = tenantColumn && shredded.size
      ? sql` WHERE ${sql.identifier(tenantColumn)} IS NULL OR ${
        sql.identifier(tenantColumn)
      } NOT IN (${sql.join([...shredded].map((id) => sql`${id}`), sql`, `)})`
      : sql``;
    const skip = tenantColumn ? table.columns.indexOf(tenantColumn) : -1;
    report.rows[table.name] = await withoutForeignKeys(opts.db, async (tx) => {
      await tx.execute(sql`DELETE FROM ${sql.identifier(table.name)}${kept}`);
      let n = 0;
      for (const file of table.files) {
        if (file.tenantId !== undefined && shredded.has(file.tenantId)) continue;
        const key = file.tenantId === undefined ? null : await keys.find(file.tenantId);
        const sealing = key ? { key, label: `${table.name}/${file.tenantId}` } : undefined;
        const keep = skip >= 0 && shredded.size
          ? (row: unknown[]) => !shredded.has(String(row[skip]))
          : undefined;
        n += await load(tx, table, join(opts.dir, file.file), sealing, file.rows, keep);
      }
      return n;
    });
  }
  const restored = resultRows<{ id: string }>(
    await opts.db.execute(sql`SELECT id FROM ${sql.identifier(TENANTS_TABLE.name)}`),
  ).map((r) => r.id).filter((id) => !shredded.has(id));
  for (const id of restored) await recordRestore(opts.db, id, manifest, "all");
  return report;
}

/** Replaces one tenant's rows with those of the backup (see the file comment). */
export async function restoreTenant(
  opts: RestoreOptions & { tenantId: string },
): Promise<RestoreReport> {
  const { tenantId } = opts;
  const mine = (f: ManifestFile, t: ManifestTable) =>
    f.tenantId === tenantId || (t.name === TENANTS_TABLE.name && !f.tenantId);
  const manifest = await verifiedManifest(opts.dir, opts.master, mine);
  await checkSchema(opts.db, manifest);
  await checkKeyStore(opts.db, manifest);
  const keys = new DataKeys(opts.db, opts.master);
  const files = manifest.tables.flatMap((t) => t.files.filter((f) => f.tenantId === tenantId));
  const tenantsTable = manifest.tables.find((t) => t.name === TENANTS_TABLE.name);
  const key = files.length ? await keys.find(tenantId) : null;
  if (files.length && !key) throw new ShreddedTenantError(tenantId);
  const tenantRow = tenantsTable ? await tenantRowOf(opts.dir, tenantsTable, tenantId) : undefined;
  if (!files.length && !tenantRow) {
    throw new BackupRefusedError(`tenant ${tenantId} has no data in this backup`);
  }
  const report: RestoreReport = { manifest, rows: {}, created: [], shredded: [] };
  await withoutForeignKeys(opts.db, async (tx) => {
    if (tenantsTable) {
      await tx.execute(
        sql`DELETE FROM ${sql.identifier(TENANTS_TABLE.name)} WHERE ${
          sql.identifier(TENANTS_TABLE.column)
        } = ${tenantId}`,
      );
      if (tenantRow) await insertRows(tx, tenantsTable, [tenantRow]);
      report.rows[TENANTS_TABLE.name] = tenantRow ? 1 : 0;
    }
    for (const table of manifest.tables) {
      if (!table.tenantColumn) continue;
      await tx.execute(
        sql`DELETE FROM ${sql.identifier(table.name)} WHERE ${
          sql.identifier(table.tenantColumn)
        } = ${tenantId}`,
      );
      const file = table.files.find((f) => f.tenantId === tenantId);
      report.rows[table.name] = file
        ? await load(tx, table, join(opts.dir, file.file), {
          key: key!,
          label: `${table.name}/${tenantId}`,
        }, file.rows)
        : 0;
    }
  });
  await recordRestore(opts.db, tenantId, manifest, "tenant");
  return report;
}

/**
 * The tenant's trail, restored to the backup's moment, then says so: its next entry names the
 * backup and who restored it (an operator, from a shell).
 */
async function recordRestore(db: Db, tenantId: string, manifest: Manifest, scope: string) {
  await appendAudit(db, {
    tenantId,
    actorType: "system",
    action: "backup.restored",
    targetType: "tenant",
    targetId: tenantId,
    details: { backupCreatedAt: manifest.createdAt, scope },
  });
}

/**
 * A backup with tenants' files needs the key store: when it holds no key at all (a database
 * rebuilt from nothing, see docs/operations.md), nothing would decrypt, and a restore would
 * look like every tenant was purged.
 */
async function checkKeyStore(db: Db, manifest: Manifest) {
  if (!manifest.tables.some((t) => t.files.some((f) => f.tenantId !== undefined))) return;
  const rows = await db.execute(sql`SELECT COUNT(*) AS n FROM ${sql.identifier(KEY_STORE_TABLE)}`)
    .catch(() => undefined);
  const n = rows ? Number(resultRows<{ n: number }>(rows)[0]?.n ?? 0) : 0;
  if (n === 0) {
    throw new BackupRefusedError(
      `the key store (${KEY_STORE_TABLE}) is empty, so no tenant's rows could be read: restore the key store first (docs/operations.md, Backups)`,
    );
  }
}

/** The backup and the database must be at the same migration (an empty database is too). */
async function checkSchema(db: Db, manifest: Manifest) {
  const current = await schemaVersion(db);
  if (current !== null && current !== manifest.schemaVersion) {
    throw new BackupRefusedError(
      `the backup was taken at schema version ${manifest.schemaVersion}, the database is at ${current}: restore into a database migrated to the backup's version`,
    );
  }
}

/** Runs `fn` in one transaction with foreign key checks off, on one connection. */
async function withoutForeignKeys<R>(db: Db, fn: (tx: Db) => Promise<R>): Promise<R> {
  return await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    await t.execute(sql`SET foreign_key_checks = 0`);
    try {
      return await fn(t);
    } finally {
      // The connection goes back to the pool: it must not keep the checks off.
      await t.execute(sql`SET foreign_key_checks = 1`);
    }
  });
}

/** Inserts the rows of one file; checks their number against the manifest. */
async function load(
  tx: Db,
  table: ManifestTable,
  path: string,
  sealing: Sealing | undefined,
  expected: number,
  keep?: (row: unknown[]) => boolean,
): Promise<number> {
  let batch: unknown[][] = [];
  let n = 0;
  let read = 0;
  const rowsPerBatch = Math.max(
    1,
    Math.min(BATCH_ROWS, Math.floor(BATCH_VALUES / table.columns.length)),
  );
  for await (const row of readRows(path, sealing)) {
    if (row.length !== table.columns.length) {
      throw new BackupRefusedError(
        `${path}: a row has ${row.length} values, not ${table.columns.length}`,
      );
    }
    read++;
    if (keep && !keep(row)) continue;
    batch.push(row);
    n++;
    if (batch.length >= rowsPerBatch) {
      await insertRows(tx, table, batch);
      batch = [];
    }
  }
  if (batch.length) await insertRows(tx, table, batch);
  if (read !== expected) {
    throw new BackupRefusedError(`${path}: ${read} rows read, the manifest says ${expected}`);
  }
  return n;
}

async function insertRows(tx: Db, table: ManifestTable, rows: unknown[][]) {
  const columns = sql.join(table.columns.map((c) => sql.identifier(c)), sql`, `);
  const values = sql.join(
    rows.map((r) => sql`(${sql.join(r.map((v) => sql`${v}`), sql`, `)})`),
    sql`, `,
  );
  await tx.execute(sql`INSERT INTO ${sql.identifier(table.name)} (${columns}) VALUES ${values}`);
}

/** The tenant's row of the plain `tenants` file, if the backup has it. */
async function tenantRowOf(
  dir: string,
  table: ManifestTable,
  tenantId: string,
): Promise<unknown[] | undefined> {
  const at = table.columns.indexOf(TENANTS_TABLE.column);
  for (const file of table.files) {
    for await (const row of readRows(join(dir, file.file))) if (row[at] === tenantId) return row;
  }
  return undefined;
}
