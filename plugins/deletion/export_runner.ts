// The exit export's job (kind "export"): writes the workspace's archive to
// <DATA_DIR>/exports/<job id>.zip, downloadable through a signed link for 24 hours.
// The archive itself is the core's tenant archive (api/tenant_archive): every table of every
// plugin as JSONL, published versions as BPMN, the audit trail, a manifest with checksums.
import { eq } from "drizzle-orm";
import type { PluginDeps, TenantHookContext } from "../../api/plugin.ts";
import { writeTenantArchive } from "../../api/tenant_archive/mod.ts";
import { publishEvent } from "../../api/events.ts";
import { TenantScope } from "../../api/db/tenant_scope.ts";
import { saveJob } from "./jobs.ts";
import { addDays, LINK_DAYS } from "./links.ts";
import { deletionJobs, type JobRow } from "./schema.ts";

/** Where an export's archive is kept. */
export const archivePath = (deps: PluginDeps, jobId: string) =>
  `${deps.config.dataDir.replace(/\/$/, "")}/exports/${jobId}.zip`;

/** Removes the archives of the tenant's exports (the purge's hook: files are beyond tables). */
export async function removeArchives(ctx: TenantHookContext): Promise<void> {
  const jobs = await ctx.scope.select(deletionJobs, { where: eq(deletionJobs.kind, "export") });
  if (!jobs.length) return;
  const { rm } = await import("node:fs/promises");
  for (const job of jobs) await rm(archivePath(ctx, job.id), { force: true });
}

/** Runs an export job to its end (one step: the archive streams to its file). */
export async function runExportJob(
  deps: PluginDeps,
  job: JobRow,
  opts: { holder: string; now: Date },
): Promise<"done"> {
  const { mkdir, open } = await import("node:fs/promises");
  const path = archivePath(deps, job.id);
  await mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
  const file = await open(path, "w");
  try {
    const out = new WritableStream<Uint8Array>({
      write: async (chunk) => void await file.write(chunk),
    });
    await writeTenantArchive(deps, job.subjectTenantId, out);
  } finally {
    await file.close();
  }
  // Done and the event (webhooks: tenant.export.ready) commit together.
  await new TenantScope(deps.db, job.tenantId).transaction(async (tx) => {
    const saved = await saveJob(
      { ...deps, db: tx.db },
      job,
      opts.holder,
      { status: "done", progress: 100 },
      opts.now,
    );
    if (!saved) return;
    await publishEvent(tx, deps, {
      type: "tenant.export.ready",
      data: {
        exportId: job.id,
        expiresAt: addDays(new Date(), LINK_DAYS.export).toISOString(),
        actorId: job.requestedBy,
      },
    });
  });
  return "done";
}
