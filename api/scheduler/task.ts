// What a scheduled task is, as plugins declare it (ProcedoPlugin.schedules).
import type { Logger } from "../log.ts";
import type { PluginDeps, TenantHookContext } from "../plugin.ts";
import type { Every } from "./every.ts";

/** What every run of a task receives. */
export interface TaskContext extends PluginDeps {
  /** The time of the tick that started the run. */
  now: Date;
  /** The due time this run stands for (≤ now; earlier when a tick was made up). */
  due: Date;
  logger: Logger;
}

/** A run for one tenant: its scope, and how to announce that its data changed. */
export interface TenantTaskContext extends TaskContext, TenantHookContext {
  /**
   * Marks the tenant's data changed, so answers remembered for it (api/tenant_cache/) are
   * not served again. Call it after a write outside a request; requests do it themselves.
   */
  changed(): Promise<void>;
}

interface TaskBase {
  /** "<plugin>.<task>", unique: the lease row's key. */
  name: string;
  /** Minutes (1–1440) or a cron expression in UTC: "0 7 * * *" is every day at 07:00. */
  every: Every;
  /**
   * How long one run may take before another instance may start it again (seconds,
   * default 300): the lease. A run that outlives it may overlap with a new one.
   */
  leaseSeconds?: number;
}

/** Runs once per due time for every active tenant (each tenant claimed on its own). */
export interface TenantTask extends TaskBase {
  perTenant: true;
  run(ctx: TenantTaskContext): Promise<void>;
}

/** Runs once per due time for the whole installation. */
export interface GlobalTask extends TaskBase {
  perTenant: false;
  run(ctx: TaskContext): Promise<void>;
}

export type ScheduledTask = TenantTask | GlobalTask;
