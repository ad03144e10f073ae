// The key store outside the database, for rebuilding a lost database: BACKUP_KEYS_FILE (or
// --keys-file) receives the current wrapped data keys after every backup, replacing the file
// before (write, then rename), and sealed like a manifest. It is one file, never a series: a
// purged tenant's key leaves it with the next backup, so older backups stay shredded. Import
// only fills an empty key store, so it cannot bring back a key that a purge destroyed.
import { sql } from "drizzle-orm";
import { readFile, rename, writeFile } from "node:fs/promises";
import type { Db } from "../../api/db/client.ts";
import { resultRows } from "../../api/db/migrate.ts";
import { type MasterKey, seal, sealed } from "./keys.ts";
import { BackupRefusedError } from "./manifest.ts";
import { KEY_STORE_TABLE } from "./schema.ts";

const FORMAT = "procedo-backup-keys";

interface KeyStoreFile {
  format: typeof FORMAT;
  formatVersion: 1;
  createdAt: string;
  keys: { tenantId: string; wrappedKey: string; createdAt: string }[];
  seal?: string;
}

const canonical = (f: KeyStoreFile) => JSON.stringify({ ...f, seal: undefined });

/** Writes every wrapped data key to `path`, replacing it; returns how many. */
export async function exportKeyStore(db: Db, master: MasterKey, path: string): Promise<number> {
  const keys = resultRows<{ tenantId: string; wrappedKey: string; createdAt: string }>(
    await db.execute(sql`SELECT tenant_id AS tenantId, wrapped_key AS wrappedKey,
      created_at AS createdAt FROM ${sql.identifier(KEY_STORE_TABLE)} ORDER BY tenant_id`),
  ).map((k) => ({ ...k, createdAt: String(k.createdAt) }));
  const file: KeyStoreFile = {
    format: FORMAT,
    formatVersion: 1,
    createdAt: new Date().toISOString(),
    keys,
  };
  const text = JSON.stringify({ ...file, seal: await seal(master, canonical(file)) }, null, 2);
  const partial = `${path}.partial`;
  await writeFile(partial, text, { mode: 0o600 });
  await rename(partial, path);
  return keys.length;
}

/** Loads the keys of `path` into the key store, which must be empty; returns how many. */
export async function importKeyStore(db: Db, master: MasterKey, path: string): Promise<number> {
  let file: KeyStoreFile;
  try {
    file = JSON.parse(await readFile(path, "utf8"));
  } catch (e) {
    throw new BackupRefusedError(`${path} is not readable (${e instanceof Error ? e.message : e})`);
  }
  if (file?.format !== FORMAT || !file.seal || !await sealed(master, canonical(file), file.seal)) {
    throw new BackupRefusedError(
      `${path} is not a key store file sealed with this master key, or it was changed`,
    );
  }
  const present = resultRows<{ n: number }>(
    await db.execute(sql`SELECT COUNT(*) AS n FROM ${sql.identifier(KEY_STORE_TABLE)}`),
  )[0];
  if (Number(present?.n ?? 0) > 0) {
    throw new BackupRefusedError(
      `the key store (${KEY_STORE_TABLE}) is not empty: keys are imported only into a rebuilt database, so a purged tenant's key never comes back`,
    );
  }
  await db.transaction(async (tx) => {
    for (const k of file.keys) {
      await tx.execute(sql`INSERT INTO ${sql.identifier(KEY_STORE_TABLE)}
        (tenant_id, wrapped_key, created_at) VALUES (${k.tenantId}, ${k.wrappedKey}, ${k.createdAt})`);
    }
  });
  return file.keys.length;
}
