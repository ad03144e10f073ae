// Writing a backup: one consistent snapshot (START TRANSACTION WITH CONSISTENT SNAPSHOT,
// REPEATABLE READ, on one connection) of every table but the key store, each read
// in keyset pages in (tenant, primary key) order. Rows without a tenant go to one plain file
// per table; each tenant's rows go to a file of their own, encrypted with that tenant's data
// key (made on first need, outside the snapshot). The directory is written as
// "<timestamp>.partial" and renamed when its manifest is complete.
import { type SQL, sql } from "drizzle-orm";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Db } from "../../api/db/client.ts";
import { resultRows } from "../../api/db/migrate.ts";
import type { ProcedoPlugin } from "../../api/plugin.ts";
import { backupCatalogue, schemaVersion, type TableInfo } from "./catalogue.ts";
import { RowFileWriter } from "./file_format.ts";
import { BackupKeys } from "./backup_keys.ts";
import type { MasterKey } from "./keys.ts";
import {
  FORMAT,
  FORMAT_VERSION,
  type Manifest,
  type ManifestFile,
  type ManifestTable,
  sealManifest,
} from "./manifest.ts";

const PAGE_ROWS = 1000;

export interface BackupOptions {
  db: Db;
  plugins: readonly ProcedoPlugin[];
  master: MasterKey;
  /** The directory holding backups; the new one is made inside it. */
  dir: string;
  now?: Date;
  /** Called after each table is written (tests use it to write meanwhile). */
  afterTable?: (name: string) => Promise<void>;
}

export interface BackupResult {
  /** The new backup's directory (inside `dir`). */
  path: string;
  name: string;
  manifest: Manifest;
}

/** The directory name of a backup taken at `at`: its UTC time, sortable, no colons. */
export const backupName = (at: Date) => at.toISOString().replaceAll(":", "-");

/** Writes a backup of the whole database into a new directory inside `opts.dir`. */
export async function createBackup(opts: BackupOptions): Promise<BackupResult> {
  const createdAt = opts.now ?? new Date();
  const name = backupName(createdAt);
  const partial = join(opts.dir, `${name}.partial`);
  await mkdir(partial, { recursive: true, mode: 0o700 });
  try {
    return await writeBackup(opts, createdAt, name, partial);
  } catch (e) {
    // Nothing half-written stays behind.
    await rm(partial, { recursive: true, force: true }).catch(() => {});
    throw e;
  }
}

async function writeBackup(
  opts: BackupOptions,
  createdAt: Date,
  name: string,
  partial: string,
): Promise<BackupResult> {
  const keys = new BackupKeys(opts.db, opts.master);
  await keys.prepare();
  const { tables, undeclared } = await backupCatalogue(opts.db, opts.plugins);
  const version = await schemaVersion(opts.db);
  const written = await opts.db.transaction(async (tx) => {
    const out: ManifestTable[] = [];
    for (const table of tables) {
      out.push({
        name: table.name,
        declared: table.declared,
        columns: table.columns,
        primaryKey: table.primaryKey,
        tenantColumn: table.tenantColumn,
        createSql: table.createSql,
        files: await writeTable(tx as unknown as Db, table, partial, keys),
      });
      await opts.afterTable?.(table.name);
    }
    return out;
  }, { isolationLevel: "repeatable read", withConsistentSnapshot: true });
  const manifest: Manifest = {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    createdAt: createdAt.toISOString(),
    schemaVersion: version,
    tables: written,
    undeclared,
    unreadable: [...keys.unkept].sort(),
  };
  await writeFile(join(partial, "manifest.json"), await sealManifest(opts.master, manifest), {
    mode: 0o600,
  });
  const path = join(opts.dir, name);
  await rename(partial, path);
  return { path, name, manifest };
}

/** Writes one table's files; returns what the manifest says of them. */
async function writeTable(
  tx: Db,
  table: TableInfo,
  dir: string,
  keys: BackupKeys,
): Promise<ManifestFile[]> {
  const files: ManifestFile[] = [];
  let current: { writer: RowFileWriter; file: string; tenantId?: string } | undefined;
  const close = async () => {
    if (!current) return;
    files.push({
      file: current.file,
      tenantId: current.tenantId,
      ...await current.writer.finish(),
    });
    current = undefined;
  };
  const tenantAt = table.tenantColumn ? table.columns.indexOf(table.tenantColumn) : -1;
  if (table.tenantColumn) await mkdir(join(dir, table.name), { mode: 0o700 });
  for await (const page of pages(tx, table)) {
    for (const values of page) {
      const raw = tenantAt >= 0 ? values[tenantAt] : null;
      const tenantId = raw === null || raw === undefined ? undefined : String(raw);
      if (!current || current.tenantId !== tenantId) {
        await close();
        const file = tenantId === undefined
          ? `${table.name}.jsonl.gz`
          : `${table.name}/${fileSafe(tenantId)}.jsonl.gz.enc`;
        const sealing = tenantId === undefined
          ? undefined
          : { key: await keys.for(tenantId), label: `${table.name}/${tenantId}` };
        current = { writer: await RowFileWriter.create(join(dir, file), sealing), file, tenantId };
      }
      await current.writer.row(values);
    }
  }
  await close();
  return files;
}

/**
 * The table's rows in pages, ordered by (tenant, primary key): keyset pages where that order
 * is unique and never null, else (a table without primary key or with a nullable tenant
 * column, found only outside the declared schema) pages by offset, which the snapshot keeps
 * consistent.
 */
async function* pages(tx: Db, table: TableInfo): AsyncGenerator<unknown[][]> {
  const tenant = table.tenantColumn ? [table.tenantColumn] : [];
  const keyed = table.primaryKey.length > 0 && !table.tenantNullable;
  const order = keyed
    ? [...tenant, ...table.primaryKey.filter((c) => c !== table.tenantColumn)]
    : [...tenant, ...table.columns.filter((c) => c !== table.tenantColumn)];
  // CONCAT() hands a JSON column over as text, not as the value the driver would parse.
  const selected = table.columns.map((c) =>
    table.jsonColumns.includes(c)
      ? sql`CONCAT(${sql.identifier(c)}) AS ${sql.identifier(c)}`
      : sql.identifier(c)
  );
  const select = sql`SELECT ${sql.join(selected, sql`, `)} FROM ${sql.identifier(table.name)}`;
  const orderBy = sql` ORDER BY ${sql.join(order.map((c) => sql.identifier(c)), sql`, `)}`;
  let after: unknown[] | undefined;
  for (let offset = 0;; offset += PAGE_ROWS) {
    const where = keyed && after ? sql` WHERE ${following(order, after)}` : sql``;
    const limit = keyed ? sql` LIMIT ${PAGE_ROWS}` : sql` LIMIT ${PAGE_ROWS} OFFSET ${offset}`;
    const rows = resultRows<Record<string, unknown>>(
      await tx.execute(sql`${select}${where}${orderBy}${limit}`),
    );
    const page = rows.map((r) => table.columns.map((c) => r[c]));
    if (page.length) yield page;
    if (page.length < PAGE_ROWS) return;
    const last = rows[rows.length - 1];
    after = order.map((c) => last[c]);
  }
}

/** (a, b, c) > (x, y, z), spelled out so that every server uses the primary key's range. */
function following(columns: string[], values: unknown[]): SQL {
  const alternatives = columns.map((column, i) =>
    sql`(${
      sql.join([
        ...columns.slice(0, i).map((c, j) => sql`${sql.identifier(c)} = ${values[j]}`),
        sql`${sql.identifier(column)} > ${values[i]}`,
      ], sql` AND `)
    })`
  );
  return sql`(${sql.join(alternatives, sql` OR `)})`;
}

/** A tenant id as a file name: as it is when it is a plain id, else hex. */
function fileSafe(id: string): string {
  if (/^[A-Za-z0-9_-]{1,64}$/.test(id)) return id;
  return "x" + [...new TextEncoder().encode(id)].map((b) => b.toString(16).padStart(2, "0"))
    .join("");
}
