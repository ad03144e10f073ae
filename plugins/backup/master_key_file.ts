// Where the master key comes from: BACKUP_MASTER_KEY when set (always in production); outside
// production a key generated on first need and kept in DATA_DIR/backup-master.key (like the
// audit key, api/audit/key_file.ts), so dev backups restore after a restart. That file sits
// beside the data, not beside the backups; production refuses to use one.
import { open, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Config } from "../../api/config.ts";
import { decodeKey } from "../../api/audit/signing.ts";
import { generateMasterKey, importMasterKey, type MasterKey } from "./keys.ts";

export const MASTER_KEY_FILE = "backup-master.key";

export class MissingMasterKeyError extends Error {
  constructor() {
    super(
      "BACKUP_MASTER_KEY is required in production (openssl rand -base64 32): it wraps the tenants' backup keys; keep it in a secret store, never beside the backups",
    );
    this.name = "MissingMasterKeyError";
  }
}

/** The configured master key, or the one kept in DATA_DIR (made on first use). */
export async function loadMasterKey(config: Config): Promise<MasterKey> {
  if (config.backup.masterKey) return await importMasterKey(decodeKey(config.backup.masterKey)!);
  if (config.mode === "production") throw new MissingMasterKeyError();
  const file = join(config.dataDir, MASTER_KEY_FILE);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    if ((e as { code?: string }).code !== "ENOENT") throw e;
    text = generateMasterKey();
    try {
      const handle = await open(file, "wx", 0o600);
      await handle.writeFile(text + "\n");
      await handle.close();
    } catch (e) {
      // Made by another process at the same moment: use that one.
      if ((e as { code?: string }).code !== "EEXIST") throw e;
      text = await readFile(file, "utf8");
    }
  }
  const raw = decodeKey(text.trim());
  if (!raw) throw new Error(`${file} does not hold a 32-byte key in base64`);
  return await importMasterKey(raw);
}
