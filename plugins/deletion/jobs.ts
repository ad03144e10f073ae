// Jobs of the plugin: created by a route or the contract-end task, claimed by one runner at
// a time through a lease, their cursor saved after every batch.
import { and, eq, inArray, isNull, lt, lte, or } from "drizzle-orm";
import { uuidv7 } from "../../api/db/ids.ts";
import { TenantScope } from "../../api/db/tenant_scope.ts";
import type { PluginDeps } from "../../api/plugin.ts";
import { SYSTEM_TENANT_ID } from "../../schema/background.ts";
import { addDays, LINK_DAYS, signedLink } from "./links.ts";
import {
  deletionJobs,
  deletionProtocols,
  type JobKind,
  type JobRow,
  type PurgeReason,
} from "./schema.ts";

/** How long a runner holds a job between two saves before another may take it over. */
export const LEASE_MS = 2 * 60_000;

/** The scope purges and protocols are kept in: the system tenant's. */
export const systemScope = (deps: PluginDeps) => new TenantScope(deps.db, SYSTEM_TENANT_ID);

/** Queues a purge of `subject` (kept under the system tenant), due at `runAfter`. */
export async function queuePurge(
  scope: TenantScope,
  p: { subject: string; kind: JobKind; reason: PurgeReason; runAfter: Date; requestedBy: string },
): Promise<JobRow> {
  const now = new Date();
  const row = {
    tenantId: scope.tenantId,
    id: uuidv7(),
    subjectTenantId: p.subject,
    kind: p.kind,
    status: "queued" as const,
    progress: 0,
    reason: p.reason,
    runAfter: p.runAfter,
    state: {},
    requestedBy: p.requestedBy,
    holder: null,
    leaseUntil: null,
    protocolId: null,
    error: null,
    createdAt: now,
    updatedAt: now,
  };
  await scope.insert(deletionJobs, row);
  return row;
}

/** The purge of `subject` already queued or running, if any. */
export async function openPurgeOf(deps: PluginDeps, subject: string) {
  return await systemScope(deps).first(
    deletionJobs,
    and(
      eq(deletionJobs.subjectTenantId, subject),
      inArray(deletionJobs.kind, ["offboarding", "purge"]),
      inArray(deletionJobs.status, ["queued", "running", "done"]),
    ),
  );
}

/**
 * The job `id` of the caller's tenant: its own (exports) or a purge of it kept under the
 * system tenant. Undefined when neither (another tenant's job looks missing).
 */
export async function jobOf(deps: PluginDeps, scope: TenantScope, id: string) {
  return await scope.first(deletionJobs, eq(deletionJobs.id, id)) ??
    await systemScope(deps).first(
      deletionJobs,
      and(eq(deletionJobs.id, id), eq(deletionJobs.subjectTenantId, scope.tenantId)),
    );
}

/** A job by id alone (signed links, which name the job they open). */
export async function jobById(deps: PluginDeps, id: string) {
  const [row] = await deps.db.select().from(deletionJobs).where(eq(deletionJobs.id, id)).limit(1);
  return row as JobRow | undefined;
}

/** Jobs due at `now` that no live runner holds, oldest first. */
export async function dueJobs(deps: PluginDeps, now: Date, limit = 10): Promise<JobRow[]> {
  return await deps.db.select().from(deletionJobs).where(and(
    inArray(deletionJobs.status, ["queued", "running"]),
    lte(deletionJobs.runAfter, now),
    or(isNull(deletionJobs.leaseUntil), lt(deletionJobs.leaseUntil, now)),
  )).orderBy(deletionJobs.runAfter).limit(limit);
}

/** Takes `job` for `holder` until now + LEASE_MS; false when another runner was quicker. */
export async function claimJob(deps: PluginDeps, job: JobRow, holder: string, now: Date) {
  const scope = new TenantScope(deps.db, job.tenantId);
  const changed = await scope.update(
    deletionJobs,
    {
      holder,
      leaseUntil: new Date(now.getTime() + LEASE_MS),
      status: "running",
      updatedAt: new Date(),
    },
    and(
      eq(deletionJobs.id, job.id),
      inArray(deletionJobs.status, ["queued", "running"]),
      or(isNull(deletionJobs.leaseUntil), lt(deletionJobs.leaseUntil, now)),
    )!,
  );
  return changed === 1;
}

/**
 * Saves the job's progress while `holder` still holds it, renewing the lease; false when
 * the lease was lost (the runner then stops: another one has taken over).
 */
export async function saveJob(
  deps: PluginDeps,
  job: JobRow,
  holder: string,
  patch: Partial<Pick<JobRow, "state" | "progress" | "status" | "protocolId" | "error">>,
  now = new Date(),
): Promise<boolean> {
  const finished = patch.status === "done" || patch.status === "failed";
  // A runner given a later `now` (a test) still holds the job for LEASE_MS of real time.
  const from = Math.max(now.getTime(), Date.now());
  const result = await new TenantScope(deps.db, job.tenantId).update(deletionJobs, {
    ...patch,
    leaseUntil: finished ? null : new Date(from + LEASE_MS),
    holder: finished ? null : holder,
    updatedAt: new Date(),
  }, and(eq(deletionJobs.id, job.id), eq(deletionJobs.holder, holder))!);
  return result === 1;
}

/** The job as the API shows it, with signed links where they apply. */
export async function presentJob(deps: PluginDeps, job: JobRow) {
  const out: {
    id: string;
    kind: JobKind;
    status: JobRow["status"];
    progress: number;
    downloadUrl?: string;
    protocolUrl?: string;
    error?: string;
  } = { id: job.id, kind: job.kind, status: job.status, progress: job.progress };
  if (job.protocolId) {
    const [protocol] = await systemScope(deps).select(deletionProtocols, {
      where: eq(deletionProtocols.id, job.protocolId),
      limit: 1,
    });
    if (protocol) {
      out.protocolUrl = await signedLink(
        deps,
        "protocol",
        protocol.id,
        addDays(protocol.createdAt, LINK_DAYS.protocol),
      );
    }
  }
  if (job.kind === "export" && job.status === "done") {
    out.downloadUrl = await signedLink(
      deps,
      "export",
      job.id,
      addDays(job.updatedAt, LINK_DAYS.export),
    );
  }
  if (job.status === "failed" && job.error) out.error = job.error;
  return out;
}

/** How long the status link of a purge stays valid: its protocol's lifetime after it runs. */
export const statusLinkExpiry = (job: JobRow) =>
  addDays(job.runAfter > job.createdAt ? job.runAfter : job.createdAt, LINK_DAYS.protocol + 1);
