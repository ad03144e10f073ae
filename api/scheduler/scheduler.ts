// The scheduler: the platform calls tick() once a minute (Deno.cron on Deno, a Cron Trigger
// on Workers); each tick runs the tasks that are due. Every run is claimed through a lease
// row first (schema/background.ts), so when several instances tick at once each due time of
// a task runs once per tenant, and a run whose instance died is taken over when its lease
// runs out. Tasks should still be idempotent: a run cut off half-way runs again.
import { and, eq, isNotNull, isNull, lt, or } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { isDuplicateKey } from "../db/errors.ts";
import { affectedRows, TenantScope } from "../db/tenant_scope.ts";
import type { Logger } from "../log.ts";
import type { PluginDeps } from "../plugin.ts";
import type { TenantVersions } from "../tenant_cache/version.ts";
import { schedulerLeases, SYSTEM_TENANT_ID } from "../../schema/background.ts";
import { tenants } from "../../schema/core.ts";
import { type Schedule, scheduleOf } from "./every.ts";
import type { ScheduledTask } from "./task.ts";

export interface Scheduler {
  readonly tasks: readonly ScheduledTask[];
  /** Runs every task due at `now` that no instance has run for that due time yet. */
  tick(now?: Date): Promise<TickReport>;
}

export interface TickReport {
  /** "task" or "task@tenant" for each run this instance did. */
  ran: string[];
  failed: string[];
}

export interface SchedulerOptions {
  deps: PluginDeps;
  tasks: readonly ScheduledTask[];
  /** To announce tenant data changes made by tasks (TenantTaskContext.changed). */
  versions: TenantVersions;
  logger: Logger;
  /** This instance in lease rows (default: random). */
  holder?: string;
}

/** A failed run is tried again after this long (within the same due time). */
const RETRY_FAILED_MS = 5 * 60_000;

export function createScheduler(opts: SchedulerOptions): Scheduler {
  const { deps, logger } = opts;
  const holder = opts.holder ?? `instance-${crypto.randomUUID()}`;
  const planned: { task: ScheduledTask; schedule: Schedule }[] = opts.tasks.map((task) => ({
    task,
    schedule: scheduleOf(task.every),
  }));

  const runOne = async (
    task: ScheduledTask,
    tenantId: string,
    slot: number,
    now: Date,
    report: TickReport,
  ) => {
    const leaseMs = (task.leaseSeconds ?? 300) * 1000;
    if (!await claimLease(deps.db, { tenantId, task: task.name, slot, holder, now, leaseMs })) {
      return;
    }
    const label = task.perTenant ? `${task.name}@${tenantId}` : task.name;
    const base = { ...deps, now, due: new Date(slot * 60_000), logger };
    try {
      if (task.perTenant) {
        await task.run({
          ...base,
          tenantId,
          scope: new TenantScope(deps.db, tenantId),
          changed: () => opts.versions.changed(tenantId),
        });
      } else {
        await task.run(base);
      }
      await release(deps.db, { tenantId, task: task.name, holder }, {
        finishedAt: new Date(),
        lastError: null,
      });
      report.ran.push(label);
    } catch (e) {
      const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      // The class only in the log (messages may quote data); the row keeps a cut message.
      logger.error("scheduled task failed", {
        task: task.name,
        tenantId: task.perTenant ? tenantId : undefined,
        error: e instanceof Error ? e.name : typeof e,
      });
      await release(deps.db, { tenantId, task: task.name, holder }, {
        leaseUntil: new Date(now.getTime() + RETRY_FAILED_MS),
        lastError: error.slice(0, 500),
      }).catch(() => {});
      report.failed.push(label);
    }
  };

  return {
    tasks: opts.tasks,
    async tick(now = new Date()) {
      const report: TickReport = { ran: [], failed: [] };
      let tenantIds: string[] | undefined;
      for (const { task, schedule } of planned) {
        const slot = schedule.slotAt(now);
        if (slot === null) continue;
        if (!task.perTenant) {
          await runOne(task, SYSTEM_TENANT_ID, slot, now, report);
          continue;
        }
        tenantIds ??= (await deps.db.select({ id: tenants.id }).from(tenants)
          .where(eq(tenants.status, "active"))).map((t) => t.id);
        for (const tenantId of tenantIds) await runOne(task, tenantId, slot, now, report);
      }
      return report;
    },
  };
}

/**
 * Takes the lease of (tenant, task) for `slot`: when no row exists yet, or the row's last
 * slot is older and finished (or its holder's lease ran out), or this slot's run failed or
 * was abandoned and its lease ran out. One statement each, so one instance wins.
 */
async function claimLease(
  db: Db,
  l: { tenantId: string; task: string; slot: number; holder: string; now: Date; leaseMs: number },
): Promise<boolean> {
  const leaseUntil = new Date(l.now.getTime() + l.leaseMs);
  try {
    await db.insert(schedulerLeases).values({
      tenantId: l.tenantId,
      task: l.task,
      slot: l.slot,
      holder: l.holder,
      leaseUntil,
      finishedAt: null,
      lastError: null,
    });
    return true;
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
  }
  const c = schedulerLeases;
  const result = await db.update(c).set({
    slot: l.slot,
    holder: l.holder,
    leaseUntil,
    finishedAt: null,
  }).where(and(
    eq(c.tenantId, l.tenantId),
    eq(c.task, l.task),
    or(
      and(lt(c.slot, l.slot), or(isNotNull(c.finishedAt), lt(c.leaseUntil, l.now))),
      and(eq(c.slot, l.slot), isNull(c.finishedAt), lt(c.leaseUntil, l.now)),
    ),
  ));
  return affectedRows(result) === 1;
}

/** Ends this instance's run: finished, or failed and to be retried later. */
async function release(
  db: Db,
  l: { tenantId: string; task: string; holder: string },
  patch: { finishedAt?: Date; leaseUntil?: Date; lastError: string | null },
) {
  const c = schedulerLeases;
  await db.update(c).set(patch).where(and(
    eq(c.tenantId, l.tenantId),
    eq(c.task, l.task),
    eq(c.holder, l.holder),
  ));
}
