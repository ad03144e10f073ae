// The scheduled backup (Deno only: it writes files). Ticks every minute like any task, but
// writes a backup only when BACKUP_SCHEDULE has a due time no backup was made for yet; the
// due time is claimed in `backup_runs` first, so of several instances one writes it. After
// a backup, the key store is copied to BACKUP_KEYS_FILE (when set) and backups older than
// BACKUP_RETENTION_DAYS are removed.
import { eq, gte, lt } from "drizzle-orm";
import { isDuplicateKey } from "../../api/db/errors.ts";
import { TenantScope } from "../../api/db/tenant_scope.ts";
import { describeError } from "../../api/error_log.ts";
import type { TaskContext } from "../../api/plugin.ts";
import { scheduleOf } from "../../api/scheduler/every.ts";
import { SYSTEM_TENANT_ID } from "../../schema/background.ts";
import { createBackup } from "./backup.ts";
import { exportKeyStore } from "./key_store_file.ts";
import { loadMasterKey } from "./master_key_file.ts";
import { removeOldBackups } from "./retention.ts";
import { backupRuns } from "./schema.ts";

export interface ScheduledOutcome {
  /** The backup written, if this run wrote one. */
  written?: string;
  removed: string[];
}

/** Writes the backup due at `ctx.now` unless one was written for that due time. */
export async function runScheduledBackup(ctx: TaskContext): Promise<ScheduledOutcome> {
  const { config, db, now, logger } = ctx;
  const { dir, schedule, retentionDays } = config.backup;
  if (!dir || !schedule) return { removed: [] };
  const slot = scheduleOf(schedule).slotAt(now);
  if (slot === null) return { removed: [] };
  const scope = new TenantScope(db, SYSTEM_TENANT_ID);
  if (await scope.first(backupRuns, gte(backupRuns.slot, slot))) return { removed: [] };
  try {
    await scope.insert(backupRuns, { slot, startedAt: now, finishedAt: null, directory: null });
  } catch (e) {
    if (isDuplicateKey(e)) return { removed: [] };
    throw e;
  }
  let written: string;
  try {
    const master = await loadMasterKey(config);
    const result = await createBackup({ db, plugins: ctx.plugins, master, dir, now });
    written = result.name;
    await scope.update(
      backupRuns,
      { finishedAt: new Date(), directory: written },
      eq(backupRuns.slot, slot),
    );
    if (config.backup.keysFile) {
      await exportKeyStore(db, master, config.backup.keysFile);
    }
    logger.info("backup written", {
      directory: result.path,
      tables: result.manifest.tables.length,
    });
    if (result.manifest.undeclared.length) {
      logger.warn("the backup holds tables that no plugin declares", {
        tables: result.manifest.undeclared.join(", "),
      });
    }
  } catch (e) {
    // Free the due time, so the next tick tries again.
    await scope.delete(backupRuns, eq(backupRuns.slot, slot)).catch(() => {});
    logger.error("backup failed", { ...describeError(e) });
    throw e;
  }
  const removed = await removeOldBackups(dir, retentionDays, now);
  if (removed.length) logger.info("old backups removed", { removed: removed.join(", ") });
  const cutoff = Math.floor((now.getTime() - retentionDays * 86_400_000) / 60_000);
  await scope.delete(backupRuns, lt(backupRuns.slot, cutoff));
  return { written, removed };
}
