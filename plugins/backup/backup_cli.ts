// `deno task backup [--dir <directory>]`: writes one backup of the whole database into a new
// directory inside <directory> (default BACKUP_DIR, else DATA_DIR/backups) and prints its path.
// Old backups are removed by the scheduled backup only, never here.
import { configFromEnv, prepare } from "../../api/bootstrap.ts";
import { orderPlugins } from "../../api/plugin.ts";
import { createBackup } from "./backup.ts";
import { loadMasterKey } from "./master_key_file.ts";

const args = [...Deno.args];
let dir: string | undefined;
while (args.length) {
  const arg = args.shift()!;
  if (arg === "--dir" && args.length) dir = args.shift();
  else {
    console.error("usage: deno task backup [--dir <directory>]");
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
