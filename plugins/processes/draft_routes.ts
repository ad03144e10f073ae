// Drafts, published versions and their diff: HTTP routes. Saves need If-Match (428
// without, 412 with the current draft when stale); an oversized graph is refused with 413
// before the schema walks it.
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import type { MiddlewareHandler } from "hono";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import type { AppEnv } from "../../api/env.ts";
import { pageOf, PagingQuery } from "../../api/http/paging.ts";
import { etagOf } from "../../api/http/preconditions.ts";
import type { PluginDeps } from "../../api/plugin.ts";
import { problemResponses } from "../../api/problem.ts";
import { registerApprovalRoutes } from "./approval_routes.ts";
import { diffGraphs } from "./graph_core/diff.ts";
import {
  DraftSchema,
  ETagHeader,
  IdParam,
  IfMatchHeaders,
  json,
  requireDraftAccess,
} from "./draft_api_schemas.ts";
import { expectedVersionOf, getDraft, processNotFound, saveDraft } from "./draft_service.ts";
import { assertGraphLimits, type Graph, GraphSchema } from "./graph_schema.ts";
import { getVersion, listVersions } from "./publish_service.ts";
import { registerProcessQueryRoutes, registerRaciRoutes } from "./raci_routes.ts";
import { processes } from "./schema.ts";

const VersionNumberParam = IdParam.extend({
  number: z.coerce.number().int().min(1).max(1_000_000).openapi({
    type: "integer",
    minimum: 1,
    description: "The version number",
  }),
});

const VersionSummary = z.object({
  processId: z.string().uuid(),
  number: z.number().int(),
  title: z.string(),
  changeNote: z.string().openapi({ description: "What the submitter wrote" }),
  requestedBy: z.string(),
  approvedBy: z.string(),
  approvalComment: z.string().nullable().openapi({
    description: "What the approver wrote, beside the change note (null: nothing)",
  }),
  publishedAt: z.string().datetime(),
}).openapi("ProcessVersionSummary");

const Version = VersionSummary.extend({ graph: GraphSchema }).openapi("ProcessVersion");

const GraphRef = z.string().regex(/^(draft|published|[1-9][0-9]{0,6})$/, {
  error: "a version number, draft or published",
});

const DiffQuery = z.object({
  from: GraphRef.default("published").openapi({
    description: "Version number, draft or published",
  }),
  to: GraphRef.default("draft").openapi({ description: "Version number, draft or published" }),
});

const Changed = z.object({
  id: z.string(),
  fields: z.array(z.string()),
  before: z.record(z.string(), z.unknown()),
  after: z.record(z.string(), z.unknown()),
});
const ElementDiff = z.object({
  added: z.array(z.string()),
  removed: z.array(z.string()),
  changed: z.array(Changed),
});
const Side = z.object({
  ref: z.string(),
  version: z.number().int().openapi({
    description: "The version number, or the draft's version for draft (0: nothing published)",
  }),
});
const GraphDiff = z.object({
  from: Side,
  to: Side,
  lanes: ElementDiff,
  nodes: ElementDiff,
  edges: ElementDiff,
}).openapi("ProcessGraphDiff");

const getDraftRoute = createRoute({
  method: "get",
  path: "/{id}/draft",
  operationId: "getDraft",
  summary: "The draft of a process (modelers)",
  description:
    "The working copy of the process graph; the ETag is the draft's version for If-Match. " +
    "Modelers and executives.",
  "x-permission": "processes.write",
  request: { params: IdParam },
  responses: {
    200: { description: "The draft", headers: ETagHeader, content: json(DraftSchema) },
    ...problemResponses(401, 403, 404, 422),
  },
});

/** Refuses an oversized graph with 413 before the schema walks it. */
const limitGraph: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (/json/i.test(c.req.header("content-type") ?? "")) {
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      return await next(); // the body validator answers malformed JSON
    }
    assertGraphLimits(raw);
  }
  await next();
};

const saveDraftRoute = createRoute({
  method: "put",
  path: "/{id}/draft",
  operationId: "saveDraft",
  summary: "Save the draft's graph (If-Match required)",
  description:
    "A stale If-Match is refused with 412 whose `current` holds the draft as it is now " +
    "(graph, version, who saved it when), so the client can merge. A draft in review is 409.",
  "x-permission": "processes.write",
  middleware: [limitGraph] as const,
  request: {
    params: IdParam,
    headers: IfMatchHeaders,
    body: { required: true, content: json(GraphSchema) },
  },
  responses: {
    200: { description: "Saved", headers: ETagHeader, content: json(DraftSchema) },
    ...problemResponses(400, 401, 403, 404, 409, 412, 413, 415, 422, 428),
  },
});

const listVersionsRoute = createRoute({
  method: "get",
  path: "/{id}/versions",
  operationId: "listVersions",
  summary: "Published versions, newest first (without graphs)",
  description:
    "The published versions of a process with number, publisher, date and change note, without " +
    "their graphs, paged.",
  "x-permission": "processes.read",
  request: { params: IdParam, query: PagingQuery },
  responses: {
    200: {
      description: "A page of versions",
      content: json(pageOf(VersionSummary, "ProcessVersionPage")),
    },
    ...problemResponses(401, 403, 404, 422),
  },
});

const getVersionRoute = createRoute({
  method: "get",
  path: "/{id}/versions/{number}",
  operationId: "getVersion",
  summary: "One published version with its graph",
  description: "A published version with its full graph, as it was approved.",
  "x-permission": "processes.read",
  request: { params: VersionNumberParam },
  responses: {
    200: { description: "The version", content: json(Version) },
    ...problemResponses(401, 403, 404, 422),
  },
});

const restoreRoute = createRoute({
  method: "post",
  path: "/{id}/versions/{number}/restore",
  operationId: "restoreVersion",
  summary: "Copy a published version into the draft (If-Match of the draft required)",
  description:
    "Replaces the draft's graph with the graph of a published version. Send the draft's ETag as " +
    "If-Match. Modelers and executives.",
  "x-permission": "processes.write",
  request: { params: VersionNumberParam, headers: IfMatchHeaders },
  responses: {
    200: {
      description: "The draft, now holding that version",
      headers: ETagHeader,
      content: json(DraftSchema),
    },
    ...problemResponses(400, 401, 403, 404, 409, 412, 422, 428),
  },
});

const diffRoute = createRoute({
  method: "get",
  path: "/{id}/diff",
  operationId: "diffProcessVersions",
  summary: "What changed between two versions, or the draft and the published version",
  description:
    "Lanes, nodes and edges added, removed and changed, naming the fields that changed. " +
    "`published` before the first publication is the empty graph; draft needs a modeler.",
  "x-permission": "processes.read",
  request: { params: IdParam, query: DiffQuery },
  responses: {
    200: { description: "The difference", content: json(GraphDiff) },
    ...problemResponses(401, 403, 404, 422),
  },
});

const registered = new WeakSet<object>();

/**
 * Registers the static query paths (/approvals, /where-used, /responsibilities). They must
 * come before any `/{id}` route of the plugin; registerDraftRoutes calls this unless done.
 */
export function registerDraftStaticRoutes(app: OpenAPIHono<AppEnv>, deps: PluginDeps) {
  if (registered.has(app)) return;
  registered.add(app);
  registerProcessQueryRoutes(app, deps);
}

export function registerDraftRoutes(app: OpenAPIHono<AppEnv>, deps: PluginDeps) {
  registerDraftStaticRoutes(app, deps);

  app.openapi(getDraftRoute, async (c) => {
    const draft = await getDraft(c.var.scope, c.req.valid("param").id);
    return c.json(draft, 200, { ETag: etagOf(draft.version) });
  });

  app.openapi(saveDraftRoute, async (c) => {
    const draft = await saveDraft(c.var.scope, c.req.valid("param").id, c.req.valid("json"), {
      expectedVersion: expectedVersionOf(c.req.header("if-match")),
      actorId: c.var.principal!.userId,
    });
    return c.json(draft, 200, { ETag: etagOf(draft.version) });
  });

  app.openapi(listVersionsRoute, async (c) => {
    const { limit, offset } = c.req.valid("query");
    return c.json(
      await listVersions(c.var.scope, c.req.valid("param").id, { limit, offset }),
      200,
    );
  });

  app.openapi(getVersionRoute, async (c) => {
    const { id, number } = c.req.valid("param");
    return c.json(await getVersion(c.var.scope, id, number), 200);
  });

  app.openapi(restoreRoute, async (c) => {
    const { id, number } = c.req.valid("param");
    const expectedVersion = expectedVersionOf(c.req.header("if-match"));
    const version = await getVersion(c.var.scope, id, number);
    const draft = await saveDraft(c.var.scope, id, version.graph, {
      expectedVersion,
      actorId: c.var.principal!.userId,
    });
    return c.json(draft, 200, { ETag: etagOf(draft.version) });
  });

  app.openapi(diffRoute, async (c) => {
    const id = c.req.valid("param").id;
    const { from, to } = c.req.valid("query");
    if (from === "draft" || to === "draft") requireDraftAccess(c);
    const [a, b] = await Promise.all([
      graphAt(c.var.scope, id, from),
      graphAt(c.var.scope, id, to),
    ]);
    return c.json({
      from: { ref: from, version: a.version },
      to: { ref: to, version: b.version },
      ...diffGraphs(a.graph, b.graph),
    }, 200);
  });

  registerApprovalRoutes(app, deps);
  registerRaciRoutes(app, deps);
}

const EMPTY_GRAPH: Graph = { schemaVersion: 1, lanes: [], nodes: [], edges: [] };

/** The graph a diff side names: the draft, the published version, or version n. */
async function graphAt(
  scope: TenantScope,
  processId: string,
  ref: string,
): Promise<{ graph: Graph; version: number }> {
  if (ref === "draft") {
    const d = await getDraft(scope, processId);
    return { graph: d.graph, version: d.version };
  }
  let number = Number(ref);
  if (ref === "published") {
    const p = await scope.first(processes, eq(processes.id, processId));
    if (!p) throw processNotFound(processId);
    if (p.publishedVersion === 0) return { graph: EMPTY_GRAPH, version: 0 };
    number = p.publishedVersion;
  }
  return { graph: (await getVersion(scope, processId, number)).graph, version: number };
}
