// Reading a tenant archive into a NEW tenant (`deno task tenant import`). Nothing is written
// before every file matched its checksum in manifest.json, the archive's schema is not
// newer than this database's and every table it holds is installed here. Then each table is
// inserted in a transaction of its own under a new tenant id (ids stay: they are scoped by
// tenant_id, and every unique index starts with it); a failure removes the new tenant again.
import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { getTableConfig } from "drizzle-orm/mysql-core";
import { tenants } from "../../schema/core.ts";
import { allTables } from "../../schema/mod.ts";
import { appendAudit } from "../audit/chain.ts";
import { uuidv7 } from "../db/ids.ts";
import { TenantScope, type TenantTable } from "../db/tenant_scope.ts";
import type { PluginDeps } from "../plugin.ts";
import {
  ArchiveError,
  type Manifest,
  migrationNumber,
  parseManifest,
  schemaVersion,
} from "./manifest.ts";
import { type ArchiveTable, archiveTables, columnsOf, rowFromJson } from "./tables.ts";
import { entryChunks, entryLines, entryText, zipEntries, type ZipEntry } from "./zip_reader.ts";

export interface ImportOptions {
  /** The new tenant's name (default: the archived tenant's). */
  name?: string;
  /** Its Entra tenant id (default: the archived one, when no tenant here has it). */
  entraTenantId?: string;
}

const BATCH_ROWS = 500;
const BATCH_CHARS = 1_000_000;

/** Imports the archive into a new tenant and returns its id; all or nothing. */
export async function importTenantArchive(
  deps: PluginDeps,
  archive: Uint8Array | ReadableStream<Uint8Array>,
  options: ImportOptions = {},
): Promise<{ tenantId: string }> {
  const zip = archive instanceof Uint8Array ? archive : await readAll(archive);
  const entries = zipEntries(zip);
  const manifest = parseManifest(entryText(zip, need(entries, "manifest.json")));
  verifyChecksums(zip, entries, manifest);
  const tables = await checkCompatible(deps, manifest);
  const archived = rowFromJson(
    columnsOf(tenants),
    JSON.parse(entryText(zip, need(entries, "tenant.json"))),
  ) as typeof tenants.$inferSelect;
  const entraTenantId = options.entraTenantId ?? archived.entraTenantId;
  const [taken] = await deps.db.select({ id: tenants.id }).from(tenants)
    .where(eq(tenants.entraTenantId, entraTenantId)).limit(1);
  if (taken) {
    throw new ArchiveError(
      `Entra tenant ${entraTenantId} already belongs to tenant ${taken.id} here: name another Entra tenant id`,
    );
  }

  const tenantId = uuidv7();
  const now = new Date();
  // Locked (suspended) until every table is in, so nobody signs in to half a tenant.
  // What the tenant chose stays; its state of life (status, locks, dates) starts anew.
  await deps.db.insert(tenants).values({
    plan: archived.plan,
    trialEndsAt: archived.trialEndsAt ?? null,
    region: archived.region,
    settings: archived.settings ?? {},
    settingsVersion: archived.settingsVersion,
    id: tenantId,
    entraTenantId,
    name: options.name ?? archived.name,
    status: "suspended",
    createdAt: now,
    updatedAt: now,
  });
  try {
    const scope = new TenantScope(deps.db, tenantId);
    for (const listed of manifest.tables) {
      const t = tables.get(listed.table)!;
      if (!listed.restored || !t.restored) continue;
      const rows = await importTable(scope, t, entryLines(zip, need(entries, listed.file)));
      if (rows !== listed.rows) {
        throw new ArchiveError(
          `${listed.file} holds ${rows} rows, manifest.json says ${listed.rows}`,
        );
      }
    }
    await appendAudit(deps.db, {
      tenantId,
      actorType: "system",
      action: "tenant.imported",
      targetType: "tenant",
      targetId: tenantId,
      details: {
        sourceTenantId: manifest.tenant.id,
        archiveCreatedAt: manifest.createdAt,
        // The old chain stays verifiable in the archive; this links the new one to its end.
        sourceAuditHead: lastAuditEntry(zip, entries),
      },
    });
    await deps.db.update(tenants).set({ status: "active", updatedAt: new Date() })
      .where(eq(tenants.id, tenantId));
  } catch (e) {
    await removeTenant(deps, tenantId);
    throw e;
  }
  return { tenantId };
}

function need(entries: Map<string, ZipEntry>, path: string): ZipEntry {
  const entry = entries.get(path);
  if (!entry) throw new ArchiveError(`the archive has no ${path}`);
  return entry;
}

/** Every file the manifest lists is there with its SHA-256, and nothing else is. */
function verifyChecksums(zip: Uint8Array, entries: Map<string, ZipEntry>, manifest: Manifest) {
  const listed = new Map<string, string>([
    ...manifest.tables.map((t) => [t.file, t.sha256] as const),
    ...manifest.files.map((f) => [f.path, f.sha256] as const),
  ]);
  for (const [path, expected] of listed) {
    const entry = entries.get(path);
    if (!entry) throw new ArchiveError(`${path} is listed in manifest.json but missing`);
    const hash = createHash("sha256");
    for (const chunk of entryChunks(zip, entry)) hash.update(chunk);
    if (hash.digest("hex") !== expected) {
      throw new ArchiveError(
        `${path} does not match its SHA-256 in manifest.json: the archive was changed after it was written`,
      );
    }
  }
  for (const path of entries.keys()) {
    if (path !== "manifest.json" && !listed.has(path)) {
      throw new ArchiveError(`${path} is not listed in manifest.json`);
    }
  }
}

/** Refuses an archive of a newer schema or with a table this installation lacks. */
async function checkCompatible(
  deps: PluginDeps,
  manifest: Manifest,
): Promise<Map<string, ArchiveTable>> {
  const local = await schemaVersion(deps.db);
  if (migrationNumber(manifest.schemaVersion) > migrationNumber(local)) {
    throw new ArchiveError(
      `the archive was written with a newer schema (${manifest.schemaVersion}) than this database's (${local}): update Procedo first`,
    );
  }
  const tables = new Map(archiveTables(deps.plugins).map((t) => [t.name, t]));
  for (const t of manifest.tables) {
    if (!tables.has(t.table)) {
      throw new ArchiveError(
        `${t.file} holds table ${t.table}, which neither the core nor an installed plugin declares`,
      );
    }
    if (t.file !== `tables/${t.table}.jsonl`) {
      throw new ArchiveError(`manifest.json names ${t.file} for table ${t.table}`);
    }
  }
  return tables;
}

/** Inserts the lines of one table file in one transaction; returns how many rows. */
function importTable(scope: TenantScope, t: ArchiveTable, lines: Iterable<string>) {
  return scope.transaction(async (tx) => {
    let batch: Record<string, unknown>[] = [];
    let chars = 0;
    let rows = 0;
    for (const line of lines) {
      if (!line) continue;
      let json: Record<string, unknown>;
      try {
        json = JSON.parse(line);
      } catch {
        throw new ArchiveError(`tables/${t.name}.jsonl: line ${rows + 1} is not JSON`);
      }
      batch.push(rowFromJson(t, json));
      rows++;
      chars += line.length;
      if (batch.length >= BATCH_ROWS || chars >= BATCH_CHARS) {
        await tx.insert(t.table, batch as never);
        batch = [];
        chars = 0;
      }
    }
    if (batch.length) await tx.insert(t.table, batch as never);
    return rows;
  });
}

/** The sequence and hash of the archived chain's last entry (null: no entries). */
function lastAuditEntry(zip: Uint8Array, entries: Map<string, ZipEntry>) {
  let last: string | undefined;
  for (const line of entryLines(zip, need(entries, "audit.jsonl"))) if (line) last = line;
  if (!last) return null;
  const { seq, hash } = JSON.parse(last) as { seq: number; hash: string };
  return { seq, hash };
}

/** Deletes every row of the tenant in every table with a tenant_id column, then the tenant. */
async function removeTenant(deps: PluginDeps, tenantId: string) {
  const scope = new TenantScope(deps.db, tenantId);
  for (const table of Object.values(allTables([...deps.plugins]))) {
    if (!getTableConfig(table).columns.some((c) => c.name === "tenant_id")) continue;
    await scope.delete(table as TenantTable, sql`1 = 1`);
  }
  await deps.db.delete(tenants).where(eq(tenants.id, tenantId));
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of stream) {
    chunks.push(chunk);
    length += chunk.length;
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
