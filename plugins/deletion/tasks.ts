// The plugin's scheduled work: the job runner (due purges and exports, each claimed through a
// lease and resumed from its cursor) and the contract end (lock dates, trials that ended, and
// the purge PURGE_AFTER_LOCK_DAYS after a lock).
import { and, eq, inArray, isNotNull, isNull, lte, or } from "drizzle-orm";
import { appendAudit } from "../../api/audit/chain.ts";
import { affectedRows } from "../../api/db/tenant_scope.ts";
import type { PluginDeps, TaskContext } from "../../api/plugin.ts";
import { createTenantVersions } from "../../api/tenant_cache/version.ts";
import { tenants } from "../../schema/core.ts";
import { runExportJob } from "./export_runner.ts";
import {
  claimJob,
  dueJobs,
  jobById,
  openPurgeOf,
  queuePurge,
  saveJob,
  systemScope,
} from "./jobs.ts";
import { addDays } from "./links.ts";
import { LeaseLost, runPurge } from "./purge.ts";
import type { JobRow } from "./schema.ts";

export interface RunnerOptions {
  batchSize: number;
}

/** Runs every due job to its end (or until another runner takes it over). */
export async function runDueJobs(
  deps: PluginDeps,
  opts: RunnerOptions & { now: Date; holder?: string; maxSteps?: number },
): Promise<string[]> {
  const holder = opts.holder ?? `runner-${crypto.randomUUID()}`;
  const finished: string[] = [];
  for (const job of await dueJobs(deps, opts.now)) {
    if (!await claimJob(deps, job, holder, opts.now)) continue;
    const claimed = { ...job, holder };
    try {
      const outcome = job.kind === "export"
        ? await runExportJob(deps, claimed, { holder, now: opts.now })
        : await runPurge(deps, claimed, { ...opts, holder });
      if (outcome !== "paused") finished.push(job.id);
    } catch (e) {
      if (e instanceof LeaseLost) continue;
      await failed(deps, claimed, holder, e, opts.now);
    }
  }
  return finished;
}

/** Three failures in a row end a job as failed; before that the next tick tries again. */
async function failed(deps: PluginDeps, job: JobRow, holder: string, e: unknown, now: Date) {
  // The cursor as last saved (the run got further than the claimed row shows).
  const state = (await jobById(deps, job.id))?.state ?? job.state;
  const attempts = Number((state as { attempts?: number }).attempts ?? 0) + 1;
  const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  await saveJob(deps, job, holder, {
    state: { ...state, attempts },
    error: message.slice(0, 500),
    ...(attempts >= 3 ? { status: "failed" as const } : {}),
  }, now);
}

/** Locks workspaces whose contract (or trial) ended and queues purges that are due. */
export async function contractEnd(
  ctx: TaskContext,
): Promise<{ locked: string[]; purges: string[] }> {
  const { db, now } = ctx;
  const ended = or(
    and(isNotNull(tenants.lockAt), lte(tenants.lockAt, now)),
    and(isNull(tenants.lockAt), eq(tenants.plan, "trial"), lte(tenants.trialEndsAt, now)),
  );
  const locked: string[] = [];
  const versions = createTenantVersions(ctx.cache);
  for (const t of await db.select().from(tenants).where(and(eq(tenants.status, "active"), ended))) {
    const result = await db.update(tenants).set({
      status: "suspended",
      lockedAt: now,
      updatedAt: now,
    })
      .where(and(eq(tenants.id, t.id), eq(tenants.status, "active")));
    if (affectedRows(result) !== 1) continue;
    await versions.changed(t.id);
    await appendAudit(db, {
      tenantId: t.id,
      actorType: "system",
      action: "deletion.locked",
      targetType: "tenant",
      targetId: t.id,
      details: { reason: "contract end", purgeAfterDays: ctx.config.purgeAfterLockDays },
    });
    locked.push(t.id);
  }
  // Only workspaces locked by a contract end (locked_at set, status suspended): an operator's
  // suspension sets no locked_at, and reactivating clears it.
  const due = await db.select().from(tenants).where(and(
    inArray(tenants.status, ["suspended"]),
    isNotNull(tenants.lockedAt),
    lte(tenants.lockedAt, addDays(now, -ctx.config.purgeAfterLockDays)),
    ended,
  ));
  const purges: string[] = [];
  for (const t of due) {
    if (await openPurgeOf(ctx, t.id)) continue;
    const job = await queuePurge(systemScope(ctx), {
      subject: t.id,
      kind: "purge",
      reason: "contract end",
      runAfter: now,
      requestedBy: "system",
    });
    purges.push(job.id);
  }
  return { locked, purges };
}
