// The exit export's routes: POST /tenant-export queues a job (kind "export"), the runner
// (export_runner.ts) writes the archive, and the signed link of the finished job (24 hours)
// downloads it without a session.
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Hono } from "hono";
import type { AppEnv } from "../../api/env.ts";
import { json } from "../../api/http/content.ts";
import { uuidv7 } from "../../api/db/ids.ts";
import type { PluginDeps } from "../../api/plugin.ts";
import { ProblemError, problemResponses } from "../../api/problem.ts";
import { JobStarted } from "./api_schemas.ts";
import { archivePath } from "./export_runner.ts";
import { jobById } from "./jobs.ts";
import { addDays, checkLink, LINK_DAYS, signedLink } from "./links.ts";
import { deletionJobs } from "./schema.ts";

const startExport = createRoute({
  method: "post",
  path: "/tenant-export",
  operationId: "startTenantExport",
  summary: "Export all data of this workspace",
  description: "Queues the exit export: a ZIP of every table of every plugin, the published " +
    "processes as BPMN and the audit trail. GET /api/v1/deletion/jobs/{id} shows its progress " +
    "and, when done, a signed download link valid 24 hours.",
  "x-permission": "deletion.export",
  responses: {
    202: { description: "Queued", content: json(JobStarted) },
    ...problemResponses(401, 403),
  },
});

export function registerExportRoutes(app: OpenAPIHono<AppEnv>, deps: PluginDeps) {
  app.openapi(startExport, async (c) => {
    const scope = c.var.scope!;
    const now = new Date();
    const job = {
      id: uuidv7(),
      subjectTenantId: scope.tenantId,
      kind: "export" as const,
      status: "queued" as const,
      progress: 0,
      reason: null,
      runAfter: now,
      state: {},
      requestedBy: c.var.principal!.userId,
      createdAt: now,
      updatedAt: now,
    };
    await scope.insert(deletionJobs, job);
    const statusUrl = await signedLink(deps, "job", job.id, addDays(now, LINK_DAYS.export + 1));
    return c.json({ id: job.id, status: job.status, statusUrl }, 202);
  });
}

/** The signed download of a finished export's archive. */
export function registerExportDownload(app: Hono<AppEnv>, deps: PluginDeps) {
  app.get("/signed/exports/:file", async (c) => {
    const id = c.req.param("file").replace(/\.zip$/, "");
    await checkLink(deps, "export", id, c.req.query());
    const job = await jobById(deps, id);
    if (!job || job.kind !== "export" || job.status !== "done") {
      throw new ProblemError(404, undefined, "No such export.");
    }
    const { createReadStream } = await import("node:fs");
    const { stat } = await import("node:fs/promises");
    const { Readable } = await import("node:stream");
    const path = archivePath(deps, id);
    await stat(path).catch(() => {
      throw new ProblemError(404, undefined, "The archive is gone.");
    });
    // Streamed, and the file closes when the stream ends.
    const body = Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
    return new Response(body, {
      headers: {
        "content-type": "application/zip",
        "content-disposition": `attachment; filename="procedo-export-${id}.zip"`,
        "cache-control": "no-store",
      },
    });
  });
}
