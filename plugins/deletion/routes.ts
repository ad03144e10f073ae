// Deletion: HTTP routes for executives. Offboarding locks the workspace at once; the purge
// runs in the scheduler (tasks.ts). Jobs and protocols are also read through signed links
// (signed_routes.ts), since the workspace's own credentials stop working.
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import type { AppEnv } from "../../api/env.ts";
import { json } from "../../api/http/content.ts";
import { PagingQuery } from "../../api/http/paging.ts";
import type { PluginDeps } from "../../api/plugin.ts";
import { type FieldError, ProblemError, problemResponses } from "../../api/problem.ts";
import { createTenantVersions } from "../../api/tenant_cache/version.ts";
import { affectedRows, TenantScope } from "../../api/db/tenant_scope.ts";
import { SYSTEM_TENANT_ID } from "../../schema/background.ts";
import { tenants } from "../../schema/core.ts";
import { Job, JobIdParam, JobStarted, OffboardingRequest, ProtocolPage } from "./api_schemas.ts";
import { jobOf, presentJob, queuePurge, statusLinkExpiry } from "./jobs.ts";
import { addDays, LINK_DAYS, pseudonymOf, signedLink } from "./links.ts";
import { protocolsOf } from "./protocol.ts";

const MAX_PURGE_DAYS = 90;
const NO_STORE = { "Cache-Control": "no-store" };

const offboard = createRoute({
  method: "post",
  path: "/offboarding",
  operationId: "startOffboarding",
  summary: "Offboard this workspace: lock it now, purge its data now or at a date",
  description: "Locks the workspace at once (every later call of its users and keys answers " +
    "403 tenant-locked) and queues the purge of all its data, immediately or at purgeAt (at " +
    "most 90 days ahead). confirmName must be the workspace's exact name. The answer's " +
    "statusUrl is signed and works without a session; the finished job links the deletion " +
    "protocol.",
  "x-permission": "deletion.offboard",
  request: { body: { required: true, content: json(OffboardingRequest) } },
  responses: {
    202: {
      description: "Locked; the purge is queued",
      headers: { Location: { schema: { type: "string" as const }, description: "statusUrl" } },
      content: json(JobStarted),
    },
    ...problemResponses(400, 401, 403, 409, 413, 415, 422),
  },
});

const getJob = createRoute({
  method: "get",
  path: "/jobs/{id}",
  operationId: "getDeletionJob",
  summary: "Get a deletion or export job",
  description: "Status and progress of a job of this workspace, with the protocol's or the " +
    "archive's signed link once it is done.",
  "x-permission": "deletion.read",
  request: { params: JobIdParam },
  responses: {
    200: { description: "The job", content: json(Job) },
    ...problemResponses(401, 403, 404, 422),
  },
});

const listProtocols = createRoute({
  method: "get",
  path: "/protocols",
  operationId: "listDeletionProtocols",
  summary: "List the deletion protocols of this workspace",
  description: "Protocols of final deletions, newest first, each with signed links to its JSON " +
    "and PDF (valid 90 days).",
  "x-permission": "deletion.read",
  request: { query: PagingQuery },
  responses: {
    200: { description: "A page of protocols", content: json(ProtocolPage) },
    ...problemResponses(401, 403, 422),
  },
});

export function registerDeletionRoutes(app: OpenAPIHono<AppEnv>, deps: PluginDeps) {
  app.openapi(offboard, async (c) => {
    const body = c.req.valid("json");
    const tenantId = c.var.tenant!.id;
    const [tenant] = await deps.db.select().from(tenants).where(eq(tenants.id, tenantId)).limit(1);
    const now = new Date();
    const runAfter = purgeTime(body, tenant.name, now);
    const requestedBy = await pseudonymOf(deps, c.var.principal!.userId);
    const job = await deps.db.transaction(async (tx) => {
      const locked = await tx.update(tenants).set({
        status: "offboarding",
        lockedAt: now,
        updatedAt: now,
      }).where(and(eq(tenants.id, tenantId), eq(tenants.status, "active")));
      if (affectedRows(locked) !== 1) {
        throw new ProblemError(409, undefined, "This workspace is already being offboarded.");
      }
      return await queuePurge(new TenantScope(tx as never, SYSTEM_TENANT_ID), {
        subject: tenantId,
        kind: "offboarding",
        reason: "offboarding",
        runAfter,
        requestedBy,
      });
    });
    // Locked from the next request on, in every instance.
    await createTenantVersions(deps.cache).changed(tenantId);
    const statusUrl = await signedLink(deps, "job", job.id, statusLinkExpiry(job));
    return c.json({ id: job.id, status: job.status, statusUrl }, 202, { Location: statusUrl });
  });

  app.openapi(getJob, async (c) => {
    const job = await jobOf(deps, c.var.scope!, c.req.valid("param").id);
    if (!job) throw new ProblemError(404, undefined, "No such job.");
    // Progress changes outside requests: never a remembered answer (api/tenant_cache).
    return c.json(await presentJob(deps, job), 200, NO_STORE);
  });

  app.openapi(listProtocols, async (c) => {
    const { limit, offset } = c.req.valid("query");
    const { rows, total } = await protocolsOf(deps, c.var.tenant!.id, { limit, offset });
    const items = await Promise.all(rows.map(async (p) => {
      const jsonUrl = await signedLink(
        deps,
        "protocol",
        p.id,
        addDays(p.createdAt, LINK_DAYS.protocol),
      );
      return {
        id: p.id,
        jobId: p.jobId,
        reason: p.reason,
        createdAt: p.createdAt.toISOString(),
        sha256: p.sha256,
        jsonUrl,
        pdfUrl: jsonUrl.replace(".json?", ".pdf?"),
      };
    }));
    return c.json({ items, total, limit, offset }, 200, NO_STORE);
  });
}

/** When the purge runs; 422 naming the field when the confirmation or the date is wrong. */
function purgeTime(
  body: { confirmName: string; purge: "immediate" | "scheduled"; purgeAt?: string },
  name: string,
  now: Date,
): Date {
  const errors: FieldError[] = [];
  if (body.confirmName !== name) {
    errors.push({
      field: "body.confirmName",
      message: "must be the workspace's name, exactly as shown",
      code: "confirmation_mismatch",
    });
  }
  let at = now;
  if (body.purge === "scheduled") {
    const purgeAt = body.purgeAt ? new Date(body.purgeAt) : undefined;
    if (!purgeAt) {
      errors.push({ field: "body.purgeAt", message: "required when purge is scheduled" });
    } else if (purgeAt <= now) {
      errors.push({ field: "body.purgeAt", message: "must be in the future" });
    } else if (purgeAt > addDays(now, MAX_PURGE_DAYS)) {
      errors.push({ field: "body.purgeAt", message: `at most ${MAX_PURGE_DAYS} days ahead` });
    } else at = purgeAt;
  } else if (body.purgeAt !== undefined) {
    errors.push({ field: "body.purgeAt", message: "only with purge: scheduled" });
  }
  if (errors.length) {
    throw new ProblemError(422, "validation-failed", "The offboarding was not confirmed.", {
      errors,
    });
  }
  return at;
}
