// The exit export's job (kind "export"): writes the workspace's archive to
// <DATA_DIR>/exports/<job id>.zip, downloadable through a signed link for 24 hours.
//
// NOT WIRED YET: the archive library (api/tenant_archive/, writeTenantArchive) is written by
// another change. Until it lands, POST /api/v1/deletion/tenant-export is not registered, so
// no export job can exist; `writeArchive` below is the one place to connect it.
import { eq } from "drizzle-orm";
import type { PluginDeps, TenantHookContext } from "../../api/plugin.ts";
import { saveJob } from "./jobs.ts";
import { deletionJobs, type JobRow } from "./schema.ts";

/** Writes the archive of `tenantId` to `out`: replace with api/tenant_archive's writeTenantArchive. */
export function writeArchive(
  _deps: PluginDeps,
  _tenantId: string,
  _out: WritableStream<Uint8Array>,
): Promise<{ tables: number }> {
  return Promise.reject(new Error("the tenant archive library is not wired yet"));
}

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
    await writeArchive(deps, job.subjectTenantId, out);
  } finally {
    await file.close();
  }
  await saveJob(deps, job, opts.holder, { status: "done", progress: 100 }, opts.now);
  return "done";
}
