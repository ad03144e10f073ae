// `deno task restore <backup directory> [--tenant <tenant id>] [--keys-file <file>]`: checks
// the backup's seal and checksums, then restores all of it, or only that tenant into the
// running system (other tenants untouched). --keys-file first loads a copy of the key store
// into an empty one (a rebuilt database). Exits 1 with the reason when the backup is refused
// or the tenant's data was crypto-shredded; nothing is restored then.
import { sql } from "drizzle-orm";
import { configFromEnv, prepare } from "../../api/bootstrap.ts";
import { resultRows } from "../../api/db/migrate.ts";
import { createTenantVersions } from "../../api/tenant_cache/version.ts";
import { importKeyStore } from "./key_store_file.ts";
import { loadMasterKey } from "./master_key_file.ts";
import { BackupRefusedError } from "./manifest.ts";
import { restoreAll, type RestoreReport, restoreTenant, ShreddedTenantError } from "./restore.ts";

const usage =
  "usage: deno task restore <backup directory> [--tenant <tenant id>] [--keys-file <file>]";
const args = [...Deno.args];
let dir: string | undefined;
let tenantId: string | undefined;
let keysFile: string | undefined;
while (args.length) {
  const arg = args.shift()!;
  if (arg === "--tenant" && args.length) tenantId = args.shift();
  else if (arg === "--keys-file" && args.length) keysFile = args.shift();
  else if (!arg.startsWith("--") && !dir) dir = arg;
  else {
    console.error(usage);
    Deno.exit(64);
  }
}
if (!dir) {
  console.error(usage);
  Deno.exit(64);
}

const config = configFromEnv();
const runtime = await prepare(config, { seed: false });
try {
  const db = runtime.database.db;
  const master = await loadMasterKey(config);
  if (keysFile) {
    console.log(`${await importKeyStore(db, master, keysFile)} keys loaded from ${keysFile}`);
  }
  const report: RestoreReport = tenantId
    ? await restoreTenant({ db, master, dir, tenantId })
    : await restoreAll({ db, master, dir });
  // Answers the running servers remember for these tenants are stale now.
  const versions = createTenantVersions(runtime.cache, runtime.logger);
  const tenants = tenantId ? [tenantId] : resultRows<{ id: string }>(
    await db.execute(sql`SELECT id FROM tenants`),
  ).map((r) => r.id);
  for (const id of tenants) await versions.changed(id);
  const rows = Object.values(report.rows).reduce((a, b) => a + b, 0);
  console.log(
    `restored ${rows} rows in ${Object.keys(report.rows).length} tables from ${dir}` +
      (tenantId ? ` for tenant ${tenantId}` : ""),
  );
  if (report.created.length) console.log(`tables created: ${report.created.join(", ")}`);
  if (report.shredded.length) {
    console.warn(
      `left out, tenant data was crypto-shredded (purged): ${report.shredded.join(", ")}`,
    );
  }
} catch (e) {
  if (!(e instanceof ShreddedTenantError || e instanceof BackupRefusedError)) throw e;
  console.error(e.message);
  Deno.exitCode = 1;
} finally {
  await runtime.close();
}
