// The backup plugin: per-tenant data keys for encrypted backups, crypto-shredding on purge,
// and the scheduled daily backup. `deno task backup` and `deno task restore` (backup_cli.ts,
// restore_cli.ts) write and restore backups; docs/operations.md describes them.
// Loaded by the Workers bundle too: nothing here touches the file system, and the Workers
// bundle never holds the writer. Only on Deno does the plugin schedule backups; the task
// loads the writer when it runs.
import type { GlobalTask, ProcedoPlugin, TaskContext } from "../../api/plugin.ts";
import { destroyDataKey } from "./keys.ts";
import { backupTables } from "./schema.ts";

/** What scheduled.ts offers (typed here, so that not even a type import pulls it in). */
interface ScheduledModule {
  runScheduledBackup(ctx: TaskContext): Promise<unknown>;
}

/** Writes a backup when BACKUP_SCHEDULE is due (checked each minute; see scheduled.ts). */
export const scheduledBackupTask: GlobalTask = {
  name: "backup.scheduled",
  every: 1,
  perTenant: false,
  // A backup may take long: no other instance starts one while this lease holds.
  leaseSeconds: 6 * 3600,
  run: async (ctx) => {
    // Not a literal: bundlers (the Workers build) leave the file-writing modules, and their
    // node:fs imports, out of the bundle. Deno loads it when a backup is first due.
    const writer = new URL("./scheduled.ts", import.meta.url).href;
    const { runScheduledBackup } = await import(writer) as ScheduledModule;
    await runScheduledBackup(ctx);
  },
};

/** Backups need a file system: Deno has one, Cloudflare Workers do not. */
const hasFileSystem = typeof (globalThis as { Deno?: unknown }).Deno === "object";

export const backupPlugin: ProcedoPlugin = {
  name: "backup",
  description: "Encrypted backups per tenant, crypto-shredded when a tenant is purged",
  tables: backupTables,
  // Keys and run records only.
  personalData: { tenant_data_keys: [], backup_runs: [] },
  // A tenant's key never leaves in its exit export: imported into another tenant, it would
  // keep the purged tenant's backups readable.
  notExported: ["tenant_data_keys"],
  // Destroying the tenant's data key makes its rows in every backup unreadable.
  onTenantPurge: async ({ db, tenantId }) => void await destroyDataKey(db, tenantId),
  schedules: hasFileSystem ? [scheduledBackupTask] : [],
};
