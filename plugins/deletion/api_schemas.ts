// Request and response shapes of the deletion routes (a contract: issue #17).
import { z } from "@hono/zod-openapi";
import { pageOf } from "../../api/http/paging.ts";
import { JOB_KINDS, JOB_STATUSES, PURGE_REASONS } from "./schema.ts";

export const OffboardingRequest = z.strictObject({
  confirmName: z.string().max(200, { error: "at most 200 characters" }).openapi({
    description: "The workspace's name, typed exactly as shown, to confirm",
    example: "Contoso Ltd",
  }),
  purge: z.enum(["immediate", "scheduled"]).openapi({
    description: "Purge the data at once, or at purgeAt",
  }),
  purgeAt: z.string().datetime({ offset: true, error: "an ISO 8601 date and time" }).optional()
    .openapi({ description: "When to purge (purge: scheduled): in the future, at most 90 days" }),
}).openapi("OffboardingRequest");

export const JobStarted = z.object({
  id: z.string().uuid(),
  status: z.enum(JOB_STATUSES),
  statusUrl: z.string().openapi({
    description: "The job's status, signed: usable without a session after the workspace is locked",
  }),
}).openapi("DeletionJobStarted");

export const Job = z.object({
  id: z.string().uuid(),
  kind: z.enum(JOB_KINDS),
  status: z.enum(JOB_STATUSES),
  progress: z.number().int().min(0).max(100),
  downloadUrl: z.string().optional().openapi({
    description: "A finished export's archive, signed, valid 24 hours",
  }),
  protocolUrl: z.string().optional().openapi({
    description: "The deletion protocol as JSON, signed, valid 90 days (.pdf for the PDF)",
  }),
  error: z.string().optional(),
}).openapi("DeletionJob");

export const ProtocolSummary = z.object({
  id: z.string().uuid(),
  jobId: z.string().uuid(),
  reason: z.enum(PURGE_REASONS),
  createdAt: z.string().datetime(),
  sha256: z.string().openapi({ description: "SHA-256 of the protocol, also in the audit chain" }),
  jsonUrl: z.string().openapi({ description: "The protocol as JSON, signed, valid 90 days" }),
  pdfUrl: z.string().openapi({ description: "The protocol as PDF, signed, valid 90 days" }),
}).openapi("DeletionProtocolSummary");

export const ProtocolPage = pageOf(ProtocolSummary, "DeletionProtocolPage");

export const JobIdParam = z.object({
  id: z.string().uuid({ error: "must be a job id (UUID)" }),
});
