// A backup's manifest.json: what it holds and the SHA-256 of every file, sealed with an HMAC
// under the master key, so a changed file or a changed manifest is refused before anything
// is restored.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { hashFile } from "./file_format.ts";
import { type MasterKey, seal, sealed } from "./keys.ts";

export const FORMAT = "procedo-backup";
export const FORMAT_VERSION = 1;

export interface ManifestFile {
  /** Relative to the backup's directory. */
  file: string;
  /** Set for a tenant's (encrypted) file. */
  tenantId?: string;
  rows: number;
  bytes: number;
  sha256: string;
}

export interface ManifestTable {
  name: string;
  declared: boolean;
  columns: string[];
  primaryKey: string[];
  tenantColumn?: string;
  createSql: string;
  files: ManifestFile[];
}

export interface Manifest {
  format: typeof FORMAT;
  formatVersion: number;
  createdAt: string;
  /** The newest migration applied when the backup was taken. */
  schemaVersion: string | null;
  tables: ManifestTable[];
  /** Tables found in the database that neither the core nor a plugin declares. */
  undeclared: string[];
  /**
   * Tenants met without a key that were not live (offboarding, deleted, or no tenant): their
   * rows are written under a key nobody keeps, so they are unreadable (see backup_keys.ts).
   */
  unreadable: string[];
  /** HMAC-SHA256 of the manifest without this field (see canonical()). */
  seal?: string;
}

/** Thrown when a backup is not one, was changed, or does not fit this system. */
export class BackupRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupRefusedError";
  }
}

const canonical = (m: Manifest) => JSON.stringify({ ...m, seal: undefined });

/** The manifest's text with its seal. */
export async function sealManifest(master: MasterKey, manifest: Manifest): Promise<string> {
  return JSON.stringify({ ...manifest, seal: await seal(master, canonical(manifest)) }, null, 2);
}

/**
 * Reads the manifest of the backup in `dir` and checks its seal, then the SHA-256 of the
 * files `which` selects (all by default); throws BackupRefusedError naming what differs.
 */
export async function verifiedManifest(
  dir: string,
  master: MasterKey,
  which: (f: ManifestFile, t: ManifestTable) => boolean = () => true,
): Promise<Manifest> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(join(dir, "manifest.json"), "utf8"));
  } catch (e) {
    throw new BackupRefusedError(
      `${dir} holds no readable manifest.json (${e instanceof Error ? e.message : e})`,
    );
  }
  if (manifest?.format !== FORMAT || manifest.formatVersion !== FORMAT_VERSION) {
    throw new BackupRefusedError(`${dir} is not a Procedo backup of format ${FORMAT_VERSION}`);
  }
  if (!manifest.seal || !await sealed(master, canonical(manifest), manifest.seal)) {
    throw new BackupRefusedError(
      "manifest.json was changed, or the backup was made with another master key",
    );
  }
  for (const table of manifest.tables) {
    for (const f of table.files) {
      if (!which(f, table)) continue;
      if (f.file.includes("..") || f.file.startsWith("/")) {
        throw new BackupRefusedError(`manifest.json names a file outside the backup: ${f.file}`);
      }
      let actual: string;
      try {
        actual = await hashFile(join(dir, f.file));
      } catch {
        throw new BackupRefusedError(`${f.file} is missing`);
      }
      if (actual !== f.sha256) {
        throw new BackupRefusedError(
          `${f.file} was changed: its SHA-256 differs from the manifest`,
        );
      }
    }
  }
  return manifest;
}
