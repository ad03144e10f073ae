// Queries answered from the projections: the RACI matrix of a process, where an object is
// used, what a position is responsible for. Readers see published content only.
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../api/env.ts";
import { PagingQuery } from "../../api/http/paging.ts";
import type { PluginDeps } from "../../api/plugin.ts";
import { problemResponses } from "../../api/problem.ts";
import { registerApprovalTasksRoute } from "./approval_routes.ts";
import { canReadDrafts, IdParam, json, requireDraftAccess } from "./draft_api_schemas.ts";
import { raciMatrix, responsibilitiesOf, whereUsed } from "./raci.ts";
import { LINK_TARGET_KINDS, SOURCES } from "./schema.ts";
import { UsagePageSchema as UsagePage } from "./usage_schemas.ts";

const SourceQuery = z.object({
  source: z.enum(SOURCES, { error: `one of ${SOURCES.join(", ")}` }).default("published"),
});

const Letter = z.enum(["R", "A", "C", "I"]);
const RaciMatrix = z.object({
  processId: z.string().uuid(),
  source: z.enum(SOURCES),
  version: z.number().int(),
  positions: z.array(z.object({ id: z.string(), label: z.string().nullable() })),
  steps: z.array(z.object({
    nodeId: z.string(),
    type: z.string(),
    label: z.string(),
    laneId: z.string().nullable(),
    laneName: z.string().nullable(),
    assignments: z.record(z.string(), z.array(Letter)).openapi({
      description: "Position id → its RACI letters in this step",
    }),
  })),
}).openapi("RaciMatrix");

const WhereUsedQuery = PagingQuery.extend({
  kind: z.enum(LINK_TARGET_KINDS, { error: `one of ${LINK_TARGET_KINDS.join(", ")}` }),
  id: z.string().uuid({ error: "must be a UUID" }),
});
const ResponsibilitiesQuery = PagingQuery.extend({
  positionId: z.string().uuid({ error: "must be a position id (UUID)" }),
});

const raciRoute = createRoute({
  method: "get",
  path: "/{id}/raci",
  operationId: "getRaciMatrix",
  summary: "The RACI matrix of a process (steps × positions)",
  description: "From the published version by default; `source=draft` needs a modeler.",
  "x-permission": "processes.read",
  request: { params: IdParam, query: SourceQuery },
  responses: {
    200: { description: "The matrix", content: json(RaciMatrix) },
    ...problemResponses(401, 403, 404, 422),
  },
});

const whereUsedRoute = createRoute({
  method: "get",
  path: "/where-used",
  operationId: "listWhereUsed",
  summary: "Processes and steps that use an object",
  description: "Published and draft usages are marked; readers see published ones only.",
  "x-permission": "processes.read",
  request: { query: WhereUsedQuery },
  responses: {
    200: { description: "A page of processes, by title", content: json(UsagePage) },
    ...problemResponses(401, 403, 422),
  },
});

const responsibilitiesRoute = createRoute({
  method: "get",
  path: "/responsibilities",
  operationId: "listProcessResponsibilities",
  summary: "Processes and steps where a position is R, A, C, I, lane or owner",
  description:
    "Every process and step where the position is responsible, accountable, consulted, informed, " +
    "the lane or the owner, paged.",
  "x-permission": "processes.read",
  request: { query: ResponsibilitiesQuery },
  responses: {
    200: { description: "A page of processes, by title", content: json(UsagePage) },
    ...problemResponses(401, 403, 422),
  },
});

/** The static paths of the drafts work: register them before any /{id} route. */
export function registerProcessQueryRoutes(app: OpenAPIHono<AppEnv>, _deps: PluginDeps) {
  registerApprovalTasksRoute(app);

  app.openapi(whereUsedRoute, async (c) => {
    const { kind, id, limit, offset } = c.req.valid("query");
    return c.json(
      await whereUsed(c.var.scope, kind, id, { includeDrafts: canReadDrafts(c), limit, offset }),
      200,
    );
  });

  app.openapi(responsibilitiesRoute, async (c) => {
    const { positionId, limit, offset } = c.req.valid("query");
    return c.json(
      await responsibilitiesOf(c.var.scope, [positionId], {
        includeDrafts: canReadDrafts(c),
        limit,
        offset,
      }),
      200,
    );
  });
}

export function registerRaciRoutes(app: OpenAPIHono<AppEnv>, deps: PluginDeps) {
  app.openapi(raciRoute, async (c) => {
    const { source } = c.req.valid("query");
    if (source === "draft") requireDraftAccess(c);
    return c.json(
      await raciMatrix(c.var.scope, c.req.valid("param").id, source, deps.plugins),
      200,
    );
  });
}
