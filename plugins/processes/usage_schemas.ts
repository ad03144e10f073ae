// Response schemas of "where used" and "delete and unlink", shared with the plugins that own
// the objects processes refer to (through service.ts), so every where-used route answers the
// same ProcessUsagePage.
import { z } from "@hono/zod-openapi";
import { LINK_RELATIONS, SOURCES } from "./schema.ts";

const Usage = z.object({
  source: z.enum(SOURCES),
  nodeId: z.string().openapi({ description: 'The step; "" for the process itself (owner)' }),
  stepLabel: z.string().nullable(),
  stepType: z.string().nullable(),
  laneName: z.string().nullable(),
  relation: z.enum(LINK_RELATIONS),
  targetId: z.string(),
});
const ProcessUsage = z.object({
  processId: z.string().uuid(),
  title: z.string(),
  publishedVersion: z.number().int(),
  inPublished: z.boolean(),
  inDraft: z.boolean(),
  usages: z.array(Usage),
}).openapi("ProcessUsage");
export const UsagePageSchema = z.object({
  items: z.array(ProcessUsage),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
}).openapi("ProcessUsagePage");

/** What deleting with ?unlink=true answers: the drafts changed. */
export const UnlinkResultSchema = z.object({
  unlinked: z.array(z.object({
    processId: z.string().uuid(),
    title: z.string(),
    draftVersion: z.number().int(),
    withdrawnApprovalId: z.string().nullable(),
  })).openapi({ description: "The process drafts changed (each change is in their history)" }),
}).openapi("ProcessUnlinkResult");
