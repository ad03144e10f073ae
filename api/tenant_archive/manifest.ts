// manifest.json of a tenant archive: what it holds, with a row count and a SHA-256 per
// file, and the schema it was written from. Import reads it first and trusts nothing else
// before every checksum matched.
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client.ts";
import { resultRows } from "../db/migrate.ts";

export const ARCHIVE_FORMAT = "procedo-tenant-archive";
export const ARCHIVE_FORMAT_VERSION = 1;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

const manifestSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  formatVersion: z.number().int(),
  createdAt: z.string(),
  tenant: z.object({ id: z.string(), name: z.string() }),
  /** The newest migration of the database the archive was written from. */
  schemaVersion: z.string().nullable(),
  tables: z.array(z.object({
    table: z.string(),
    file: z.string(),
    rows: z.number().int().nonnegative(),
    sha256,
    /** False for tables exported for the record but not read back by an import. */
    restored: z.boolean(),
  })),
  /** Every other file (tenant.json, the audit trail, plugin files, BPMN), with its checksum. */
  files: z.array(z.object({
    path: z.string(),
    bytes: z.number().int().nonnegative(),
    sha256,
  })),
});

export type Manifest = z.infer<typeof manifestSchema>;

/** The manifest in `text`, or an error saying what is wrong with it. */
export function parseManifest(text: string): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ArchiveError("manifest.json is not JSON");
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ArchiveError(
      `manifest.json is not a Procedo tenant archive manifest (${
        issue.path.join(".") || "root"
      }: ${issue.message})`,
    );
  }
  if (parsed.data.formatVersion > ARCHIVE_FORMAT_VERSION) {
    throw new ArchiveError(
      `the archive has format version ${parsed.data.formatVersion}; this Procedo reads up to ${ARCHIVE_FORMAT_VERSION}`,
    );
  }
  return parsed.data;
}

/** The newest migration applied to `db` (its file name without .sql), null on an empty one. */
export async function schemaVersion(db: Db): Promise<string | null> {
  const rows = resultRows<{ name: string }>(
    await db.execute(sql`SELECT name FROM _migrations ORDER BY name DESC LIMIT 1`),
  );
  return rows[0]?.name.replace(/\.sql$/, "") ?? null;
}

/** The number a migration's name starts with ("0012_live_documents" → 12). */
export function migrationNumber(version: string | null): number {
  return version ? Number.parseInt(version, 10) || 0 : 0;
}

/** An archive that cannot be imported: the message says why, naming the file. */
export class ArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ArchiveError";
  }
}
