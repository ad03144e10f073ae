// `deno task backup [--dir <directory>] [--keys-file <file>]`: writes one backup of the whole
// database into a new directory inside <directory> (default BACKUP_DIR, else DATA_DIR/backups)
// and prints its path; then copies the key store to <file> (default BACKUP_KEYS_FILE), if any.
// Old backups are removed by the scheduled backup only, never here.
import { configFromEnv, prepare } from "../../api/bootstrap.ts";
import { orderPlugins } from "../../api/plugin.ts";
import { createBackup } from "./backup.ts";
import { exportKeyStore } from "./key_store_file.ts";
import { loadMasterKey } from "./master_key_file.ts";

const args = [...Deno.args];
let dir: string | undefined;
let keysFile: string | undefined;
while (args.length) {
  const arg = args.shift()!;
  if (arg === "--dir" && args.length) dir = args.shift();
  else if (arg === "--keys-file" && args.length) keysFile = args.shift();
  else {
    console.error("usage: deno task backup [--dir <directory>] [--keys-file <file>]");
    Deno.exit(64);
  }
}

const config = configFromEnv();
const runtime = await prepare(config, { seed: false });
try {
  const master = await loadMasterKey(config);
  const result = await createBackup({
    db: runtime.database.db,
    plugins: orderPlugins(runtime.plugins),
    master,
    dir: dir ?? config.backup.dir ?? `${config.dataDir}/backups`,
  });
  const files = result.manifest.tables.reduce((n, t) => n + t.files.length, 0);
  const rows = result.manifest.tables.reduce(
    (n, t) => n + t.files.reduce((m, f) => m + f.rows, 0),
    0,
  );
  console.log(
    `${result.path}: ${result.manifest.tables.length} tables, ${files} files, ${rows} rows`,
  );
  const keyCopy = keysFile ?? config.backup.keysFile;
  if (keyCopy) {
    console.log(`${keyCopy}: ${await exportKeyStore(runtime.database.db, master, keyCopy)} keys`);
  }
  if (result.manifest.unreadable.length) {
    console.warn(
      `written unreadable (not live, no key: being purged): ${
        result.manifest.unreadable.join(", ")
      }`,
    );
  }
  if (result.manifest.undeclared.length) {
    console.warn(
      `written although no plugin declares them: ${result.manifest.undeclared.join(", ")}`,
    );
  }
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  Deno.exitCode = 1;
} finally {
  await runtime.close();
}
