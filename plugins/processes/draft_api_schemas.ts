// Request and response schemas shared by the draft, approval and query routes.
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../api/env.ts";
import { ProblemError } from "../../api/problem.ts";
import { roleAllows } from "../../api/tenancy.ts";
import type { Actor } from "./approval_service.ts";
import { GraphSchema } from "./graph_schema.ts";
import { APPROVAL_STATES } from "./schema.ts";

export { json } from "../../api/http/content.ts";

export const ETagHeader = {
  ETag: { schema: { type: "string" as const }, description: "The draft's version" },
};

export const IfMatchHeaders = z.object({
  "if-match": z.string().optional().openapi({
    description: "The draft's ETag as last read (required; * skips the check)",
  }),
});

export const IdParam = z.object({ id: z.string().uuid({ error: "must be a process id (UUID)" }) });

export const DraftSchema = z.object({
  processId: z.string().uuid(),
  graph: GraphSchema,
  version: z.number().int(),
  state: z.enum(["editing", "in_review"]),
  baseVersion: z.number().int().openapi({
    description: "The published version the draft started from (0: none)",
  }),
  updatedBy: z.string(),
  updatedByName: z.string().nullable(),
  updatedAt: z.string().datetime(),
}).openapi("ProcessDraft");

export const ApprovalSchema = z.object({
  id: z.string().uuid(),
  processId: z.string().uuid(),
  processTitle: z.string(),
  draftVersion: z.number().int(),
  changeNote: z.string(),
  state: z.enum(APPROVAL_STATES),
  requestedBy: z.string(),
  requestedAt: z.string().datetime(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().datetime().nullable(),
  reason: z.string().nullable().openapi({
    description: "Why it was rejected, or withdrawn by a system change",
  }),
  comment: z.string().nullable().openapi({
    description: "What the approver wrote when approving (null: nothing)",
  }),
  publishedVersion: z.number().int().nullable(),
}).openapi("ProcessApproval");

export const note = (what: string) =>
  z.string().trim().min(1, { error: `${what} must not be empty` }).max(2000, {
    error: "at most 2000 characters",
  });

/** The caller as the services see it. */
export function actorOf(c: Context<AppEnv>): Actor {
  const p = c.var.principal!;
  return { userId: p.userId, role: p.role };
}

/** Drafts are modelers' work: readers see published content only. */
export function canReadDrafts(c: Context<AppEnv>): boolean {
  return roleAllows(c.var.principal!.role, "modeler");
}

/** Refuses a reader asking for draft content, as the core refuses a role (403 role-required). */
export function requireDraftAccess(c: Context<AppEnv>): void {
  if (canReadDrafts(c)) return;
  throw new ProblemError(
    403,
    "role-required",
    `Draft content needs the role modeler; you are ${c.var.principal!.role}.`,
    { action: "processes.write", requiredRole: "modeler" },
  );
}
