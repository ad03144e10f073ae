// /api/v1/recycle-bin: deleted content kept for 30 days. Modelers and executives list and
// restore it; executives delete an entry for good at once (the scheduler does after 30 days,
// api/background.ts). The where-used preview asks the contributions of `core.whereUsed`.
// Mounted like a plugin (see app.ts), so the routes sit behind tenancy, rate limit and roles.
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { json } from "../http/content.ts";
import { pageOf, PagingQuery } from "../http/paging.ts";
import type { PluginDeps, ProcedoPlugin } from "../plugin.ts";
import { problemResponses } from "../problem.ts";
import { eraseFromBin } from "./erase.ts";
import * as bin from "./service.ts";

const WhereUsedItem = z.object({
  type: z.string().openapi({ description: "What refers to the object, e.g. process" }),
  id: z.string(),
  title: z.string(),
}).openapi("RecycleBinWhereUsedItem");

const RecycleBinEntry = z.object({
  id: z.string().uuid(),
  type: z.string().openapi({
    description: "What was deleted: process, orgchart.unit, resources.document, …",
    example: "process",
  }),
  objectId: z.string().openapi({ description: "The deleted object's id; restore keeps it" }),
  title: z.string(),
  whereUsed: z.array(WhereUsedItem).openapi({
    description: "What referred to the object when it was deleted",
  }),
  counts: z.record(z.string(), z.number().int()).openapi({
    description: "Rows kept per table (the object and what was deleted with it)",
    example: { processes: 1, process_versions: 2, process_steps: 7 },
  }),
  deletedBy: z.string().openapi({ description: "The user or API key id that deleted it" }),
  deletedAt: z.string().datetime(),
  purgeAfter: z.string().datetime().openapi({
    description: "When it is deleted for good (30 days after deletedAt)",
  }),
}).openapi("RecycleBinEntry");

const DeletionRecord = z.object({
  entryId: z.string(),
  type: z.string(),
  objectId: z.string(),
  counts: z.record(z.string(), z.number().int()),
  requestedBy: z.string(),
  confirmedBy: z.string(),
  requestedAt: z.string().datetime(),
  deletedAt: z.string().datetime(),
  method: z.string(),
  verification: z.array(z.object({ table: z.string(), remaining: z.number().int() })).openapi({
    description: "Per table, the deleted rows still present afterwards (expected 0)",
  }),
}).openapi("RecycleBinDeletionRecord");

const WhereUsed = z.object({
  type: z.string(),
  id: z.string(),
  items: z.array(WhereUsedItem),
}).openapi("RecycleBinWhereUsed");

const ListQuery = PagingQuery.extend({
  type: z.string().max(60, { error: "at most 60 characters" }).optional().openapi({
    description: "Only entries of this type (process, orgchart.unit, …)",
  }),
});

const WhereUsedQuery = z.object({
  type: z.string().min(1, { error: "must not be empty" }).max(60).openapi({
    description: "The object's type, as in the bin: process, orgchart.unit, …",
  }),
  id: z.string().min(1, { error: "must not be empty" }).max(36).openapi({
    description: "The object's id",
  }),
});

const IdParam = z.object({
  id: z.string().uuid({ error: "must be a recycle bin entry id (UUID)" }),
});

const list = createRoute({
  method: "get",
  path: "/",
  operationId: "listRecycleBinEntries",
  summary: "List deleted content (the recycle bin)",
  description:
    "Deleted processes, org chart entries and resources of the last 30 days, newest first, " +
    "optionally of one type. Modelers and executives.",
  "x-permission": "recycle-bin.read",
  request: { query: ListQuery },
  responses: {
    200: {
      description: "A page of bin entries",
      content: json(pageOf(RecycleBinEntry, "RecycleBinEntryPage")),
    },
    ...problemResponses(400, 401, 403, 422, 429),
  },
});

const whereUsed = createRoute({
  method: "get",
  path: "/where-used",
  operationId: "getWhereUsed",
  summary: "Where an object is used, before deleting it",
  description:
    "What refers to the object (processes calling a process, steps linking a resource, …), so " +
    "the UI can warn before a delete. 422 when no installed plugin answers for the type. " +
    "Modelers and executives.",
  "x-permission": "recycle-bin.read",
  request: { query: WhereUsedQuery },
  responses: {
    200: { description: "The referrers (empty when none)", content: json(WhereUsed) },
    ...problemResponses(400, 401, 403, 404, 422, 429),
  },
});

const restore = createRoute({
  method: "post",
  path: "/{id}/restore",
  operationId: "restoreRecycleBinEntry",
  summary: "Restore deleted content, whole and under its old id",
  description:
    "Puts the object back with everything deleted with it and removes the entry from the bin. " +
    "409 naming the table and value when its id or a unique name was taken meanwhile. Modelers " +
    "and executives.",
  "x-permission": "recycle-bin.restore",
  request: { params: IdParam },
  responses: {
    200: { description: "Restored; the entry as it was", content: json(RecycleBinEntry) },
    ...problemResponses(401, 403, 404, 409, 422, 429),
  },
});

const purge = createRoute({
  method: "delete",
  path: "/{id}",
  operationId: "deleteRecycleBinEntry",
  summary: "Delete an entry for good, now (executives)",
  description:
    "Final deletion without waiting for the 30 days: the rows are gone for good, a deletion " +
    "record (what, counts per table, who requested, who confirmed, verification) goes to the " +
    "audit trail and to the deletion protocols. Executives in person.",
  "x-permission": "recycle-bin.purge",
  request: { params: IdParam },
  responses: {
    200: { description: "Deleted for good; the deletion record", content: json(DeletionRecord) },
    ...problemResponses(401, 403, 404, 422, 429),
  },
});

function registerRecycleBinRoutes(app: OpenAPIHono<AppEnv>, deps: PluginDeps) {
  app.openapi(list, async (c) => {
    return c.json(await bin.listEntries(c.var.scope, c.req.valid("query")), 200);
  });

  app.openapi(whereUsed, async (c) => {
    const { type, id } = c.req.valid("query");
    const items = await bin.whereUsed(c.var.scope, deps.plugins, type, id);
    return c.json({ type, id, items }, 200);
  });

  app.openapi(restore, async (c) => {
    const entry = await bin.restoreEntry(c.var.scope, deps.plugins, c.req.valid("param").id);
    return c.json(entry, 200);
  });

  app.openapi(purge, async (c) => {
    const p = c.var.principal!;
    const { tenantId: _t, ...record } = await bin.purgeEntry(
      c.var.scope,
      deps,
      c.req.valid("param").id,
      { actorType: p.kind, actorId: p.userId, label: p.userId },
    );
    return c.json(record, 200);
  });
}

/** The core's recycle bin, mounted like a plugin (its name is reserved). */
export const recycleBinCorePlugin: ProcedoPlugin = {
  name: "recycle-bin",
  description: "Deleted content kept 30 days: restore, or delete for good",
  permissions: {
    "recycle-bin.read": "modeler",
    "recycle-bin.restore": "modeler",
    "recycle-bin.purge": "executive",
  },
  personOnly: ["recycle-bin.purge"],
  routes: registerRecycleBinRoutes,
  // An erased person's entries go, their names quoted in other entries become the pseudonym.
  onPersonErase: eraseFromBin,
};
