// The purge of a workspace, in resumable steps: every plugin's onTenantPurge hook, then every
// table with a tenant_id column in batches (the declared tables of the core and the plugins
// first, then those only the database's catalogue knows), then the cache keys and the tenant
// row (anonymised, status "deleted"), a last sweep for rows written meanwhile, and the
// protocol. The cursor is saved after each step, so a runner killed halfway is followed by
// one that resumes where it stopped.
import { eq } from "drizzle-orm";
import { TenantScope } from "../../api/db/tenant_scope.ts";
import type { PluginDeps } from "../../api/plugin.ts";
import { createTenantVersions } from "../../api/tenant_cache/version.ts";
import { SYSTEM_TENANT_ID } from "../../schema/background.ts";
import { tenants } from "../../schema/core.ts";
import { allTables } from "../../schema/mod.ts";
import { countRows, declaredTenantTables, deleteBatch, tenantIdTables } from "./catalogue.ts";
import { saveJob } from "./jobs.ts";
import { protocolOfJob, PURGE_METHOD, recordProtocol } from "./protocol.ts";
import type { JobRow } from "./schema.ts";

export interface PurgeState {
  phase: "hooks" | "tables" | "tenant" | "sweep" | "protocol";
  startedAt: string;
  hooksDone: string[];
  /** The tables of the current phase and how far it got. */
  tables: string[];
  index: number;
  declared: string[];
  deleted: Record<string, number>;
  cacheKeys: number;
}

export interface RunOptions {
  /** This runner, as written into the job's lease. */
  holder: string;
  now: Date;
  /** Rows per DELETE … LIMIT. */
  batchSize: number;
  /** Stop after this many steps (tests: a runner "killed" halfway). */
  maxSteps?: number;
}

/** Thrown when another runner has taken the job over: this one stops at once. */
export class LeaseLost extends Error {}

/** Runs the purge `job` on from its saved cursor; "paused" when maxSteps ran out first. */
export async function runPurge(
  deps: PluginDeps,
  job: JobRow,
  opts: RunOptions,
): Promise<"done" | "paused" | "cancelled"> {
  const subject = job.subjectTenantId;
  if (subject === SYSTEM_TENANT_ID) throw new Error("the system tenant is never purged");
  const [tenant] = await deps.db.select().from(tenants).where(eq(tenants.id, subject)).limit(1);
  const fresh = !job.state || !("phase" in job.state);
  // An operator who set the workspace active again before the purge began cancelled it.
  if (fresh && (!tenant || tenant.status === "active")) {
    await save(deps, job, opts, {
      status: "failed",
      error: tenant ? "cancelled: the workspace is active again" : "no such workspace",
    });
    return "cancelled";
  }
  const state: PurgeState = fresh
    ? {
      phase: "hooks",
      startedAt: opts.now.toISOString(),
      hooksDone: [],
      tables: [],
      index: 0,
      declared: [],
      deleted: {},
      cacheKeys: 0,
    }
    : structuredClone(job.state) as unknown as PurgeState;
  let steps = 0;
  const step = async (progress: number) => {
    await save(deps, job, opts, { state: state as never, progress: Math.floor(progress) });
    steps++;
    return opts.maxSteps !== undefined && steps >= opts.maxSteps;
  };
  const scope = new TenantScope(deps.db, subject);

  if (state.phase === "hooks") {
    for (const p of [...deps.plugins].reverse()) {
      if (!p.onTenantPurge || state.hooksDone.includes(p.name)) continue;
      await p.onTenantPurge({ ...deps, tenantId: subject, scope });
      state.hooksDone.push(p.name);
      if (await step(2)) return "paused";
    }
    const declared = declaredTenantTables(Object.values(allTables([...deps.plugins])));
    const present = await tenantIdTables(deps.db);
    const ordered = [
      ...declared.filter((t) => present.includes(t)),
      ...present.filter((t) => !declared.includes(t)),
    ];
    Object.assign(state, { phase: "tables", tables: ordered, index: 0, declared });
    if (await step(5)) return "paused";
  }

  /** Deletes the current phase's tables batch by batch; true when paused. */
  const walk = async (from: number, span: number) => {
    while (state.index < state.tables.length) {
      const table = state.tables[state.index];
      const n = await deleteBatch(deps.db, table, subject, opts.batchSize);
      state.deleted[table] = (state.deleted[table] ?? 0) + n;
      if (n < opts.batchSize) state.index++;
      if (await step(from + span * state.index / state.tables.length)) return true;
    }
    return false;
  };

  if (state.phase === "tables") {
    if (await walk(5, 85)) return "paused";
    state.phase = "tenant";
    if (await step(90)) return "paused";
  }

  if (state.phase === "tenant") {
    state.cacheKeys += await deps.cache.deleteByPrefix(`${subject}:`);
    // The Entra tenant may sign up again: its id no longer names this row.
    await deps.db.update(tenants).set({
      status: "deleted",
      name: "Deleted workspace",
      entraTenantId: crypto.randomUUID(),
      settings: {},
      updatedAt: new Date(),
    }).where(eq(tenants.id, subject));
    await createTenantVersions(deps.cache).changed(subject);
    // Rows written while the purge ran (refused sign-ins are audited until the row said
    // "deleted") go in a last sweep over the whole catalogue.
    Object.assign(state, { phase: "sweep", tables: await tenantIdTables(deps.db), index: 0 });
    if (await step(92)) return "paused";
  }

  if (state.phase === "sweep") {
    if (await walk(92, 6)) return "paused";
    state.phase = "protocol";
    if (await step(98)) return "paused";
  }

  // The protocol, once: a runner resumed after writing it only finishes the job.
  const protocol = await protocolOfJob(deps, job.id) ?? await recordProtocol(deps, {
    jobId: job.id,
    tenantId: subject,
    reason: job.reason ?? "offboarding",
    requestedBy: job.requestedBy,
    requestedAt: job.createdAt.toISOString(),
    startedAt: state.startedAt,
    finishedAt: new Date().toISOString(),
    method: PURGE_METHOD,
    batchSize: opts.batchSize,
    deleted: Object.entries(state.deleted).map(([table, rows]) => ({
      table,
      rows,
      declared: state.declared.includes(table),
    })),
    hooks: state.hooksDone,
    cacheKeys: state.cacheKeys,
    ...await verify(deps, subject),
  });
  const doc = JSON.parse(protocol.document) as { verified: boolean; verification: Remaining[] };
  const left = doc.verification.filter((v) => v.remaining > 0).map((v) => v.table);
  await save(deps, job, opts, {
    status: doc.verified ? "done" : "failed",
    progress: 100,
    protocolId: protocol.id,
    error: doc.verified ? null : `rows remain in ${left.join(", ")}`.slice(0, 500),
  });
  return "done";
}

type Remaining = { table: string; remaining: number };

/** One count per table with a tenant_id column, from the catalogue. */
export async function verify(deps: PluginDeps, tenantId: string) {
  const verification: Remaining[] = [];
  for (const table of await tenantIdTables(deps.db)) {
    verification.push({ table, remaining: await countRows(deps.db, table, tenantId) });
  }
  return { verification, verified: verification.every((v) => v.remaining === 0) };
}

async function save(
  deps: PluginDeps,
  job: JobRow,
  opts: RunOptions,
  patch: Parameters<typeof saveJob>[3],
) {
  if (!await saveJob(deps, job, opts.holder, patch, opts.now)) throw new LeaseLost();
}
