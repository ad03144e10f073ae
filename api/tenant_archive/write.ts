// Writing a tenant's archive (the exit export): every tenant table of the core and the
// plugins as JSON lines, the audit trail with its hashes, every plugin's FileExporter, the
// files plugins contribute through "archive.files", and manifest.json last, holding a row
// count and a SHA-256 per file. Tables are read in keyset pages and each page is deflated
// and handed to the stream before the next is read: memory stays flat as the tenant grows.
import { eq } from "drizzle-orm";
import { tenants } from "../../schema/core.ts";
import { TenantScope } from "../db/tenant_scope.ts";
import { contributionsTo, isListExporter, type PluginDeps } from "../plugin.ts";
import { ProblemError } from "../problem.ts";
import { ARCHIVE_FILES_POINT, type ArchiveFiles, checkContributedPath } from "./contributions.ts";
import {
  ARCHIVE_FORMAT,
  ARCHIVE_FORMAT_VERSION,
  type Manifest,
  schemaVersion,
} from "./manifest.ts";
import {
  type ArchiveTable,
  archiveTables,
  auditArchiveTables,
  columnsOf,
  rowToJson,
  tablePages,
} from "./tables.ts";
import { ZipWriter } from "./zip_writer.ts";

/**
 * Streams the tenant's archive as a ZIP into `out`, closing it when complete (aborting it on
 * failure, so a reader never takes a short archive for a whole one). Returns how many tables
 * it holds.
 */
export async function writeTenantArchive(
  deps: PluginDeps,
  tenantId: string,
  out: WritableStream<Uint8Array>,
): Promise<{ tables: number }> {
  const [tenant] = await deps.db.select().from(tenants).where(eq(tenants.id, tenantId)).limit(1);
  if (!tenant) throw new ProblemError(404, undefined, `No tenant ${tenantId}.`);
  const createdAt = new Date();
  const scope = new TenantScope(deps.db, tenantId);
  const ctx = { ...deps, tenantId, scope };
  const zip = new ZipWriter(out, createdAt);
  const manifest: Manifest = {
    format: ARCHIVE_FORMAT,
    formatVersion: ARCHIVE_FORMAT_VERSION,
    createdAt: createdAt.toISOString(),
    tenant: { id: tenant.id, name: tenant.name },
    schemaVersion: await schemaVersion(deps.db),
    tables: [],
    files: [],
  };
  try {
    const tenantJson = JSON.stringify(rowToJson(columnsOf(tenants), tenant), null, 2);
    manifest.files.push(await zip.add("tenant.json", tenantJson));
    for (const t of archiveTables(deps.plugins)) {
      const counter = { rows: 0 };
      const entry = await zip.add(`tables/${t.name}.jsonl`, jsonLines(scope, t, counter));
      manifest.tables.push({
        table: t.name,
        file: entry.path,
        rows: counter.rows,
        sha256: entry.sha256,
        restored: t.restored,
      });
    }
    for (const { file, table } of auditArchiveTables()) {
      manifest.files.push(await zip.add(file, jsonLines(scope, table, { rows: 0 })));
    }
    for (const plugin of deps.plugins) {
      for (const exporter of plugin.exporters ?? []) {
        if (isListExporter(exporter)) continue;
        const path = `files/${plugin.name}/${exporter.name}`;
        manifest.files.push(await zip.add(path, await exporter.run(ctx)));
      }
    }
    for (const contribution of contributionsTo<ArchiveFiles>(deps.plugins, ARCHIVE_FILES_POINT)) {
      for await (const file of contribution.files(ctx)) {
        checkContributedPath(file.path);
        manifest.files.push(await zip.add(file.path, file.content));
      }
    }
    await zip.add("manifest.json", JSON.stringify(manifest, null, 2));
    await zip.close();
  } catch (e) {
    await zip.abort(e);
    throw e;
  }
  return { tables: manifest.tables.length };
}

/** The tenant's rows of `t` as JSON lines, a page per chunk, counted into `counter`. */
async function* jsonLines(
  scope: TenantScope,
  t: ArchiveTable,
  counter: { rows: number },
): AsyncGenerator<string> {
  for await (const page of tablePages(scope, t)) {
    counter.rows += page.length;
    let text = "";
    for (const row of page) text += JSON.stringify(rowToJson(t, row)) + "\n";
    yield text;
  }
}
