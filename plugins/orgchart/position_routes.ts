// Positions: CRUD (reports-to lines included) and what processes make them responsible for.
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../api/env.ts";
import { PagingQuery } from "../../api/http/paging.ts";
import { contributionsTo, type PluginDeps } from "../../api/plugin.ts";
import { problemResponses } from "../../api/problem.ts";
import { responsibilitiesOf } from "../processes/service.ts";
import {
  idParam,
  idsQuery,
  json,
  Position,
  PositionCreate,
  PositionUpdate,
  ResponsibilityPage,
  SearchQuery,
} from "./api_schemas.ts";
import { crudRoutes } from "./crud_routes.ts";
import * as service from "./service.ts";
import { POSITION_DELETED_POINT, type PositionDeletedHook } from "./service.ts";

const IdParam = idParam("a position");

/** The routes; deleting lets go of the position in other plugins through `hooks`. */
const crudWith = (hooks: readonly PositionDeletedHook[]) =>
  crudRoutes({
    path: "positions",
    noun: ["position", "positions"],
    an: "a position",
    operationNoun: ["Position", "Positions"],
    schemas: {
      item: Position,
      page: "PositionPage",
      create: PositionCreate,
      update: PositionUpdate,
      list: SearchQuery.extend({
        chartId: z.string().uuid({ error: "must be an org chart id (UUID)" }).optional(),
        unitId: z.string().uuid({ error: "must be an org unit id (UUID)" }).optional(),
        ids: idsQuery("position").optional(),
      }),
    },
    summaries: {
      list: "List positions (search in titles and external keys; filter by chart, unit or ids)",
      get: "Get a position with its holders",
      update: "Change a position: title, unit, reports-to line, external key (If-Match required)",
      remove: "Delete a position (If-Match required)",
    },
    descriptions: {
      list: "With `ids`, the positions of those ids, in one page with `limit=200` (ids of no " +
        "position of this workspace are left out); the other filters and `q` still apply.",
      update: "A reports-to line that would form a cycle is refused with 409 naming the path.",
      remove: "Positions reporting to it then report to its manager. A position processes " +
        "use is a 409 listing where, unless ?unlink=true removes it from every process draft.",
    },
    conflicts: { create: true, update: true, remove: true },
    unlink: true,
    service: {
      list: service.listPositions,
      create: service.createPosition,
      get: service.getPosition,
      update: service.updatePosition,
      remove: (scope, id, opts, check) =>
        service.deletePosition(scope, id, { ...opts, hooks }, check),
    },
  });

const responsibilities = createRoute({
  method: "get",
  path: "/positions/{id}/responsibilities",
  operationId: "listPositionResponsibilities",
  summary: "The processes and steps where the position is R, A, C, I, lane or owner",
  description: "Readers see published versions only; modelers also drafts.",
  "x-permission": "orgchart.read",
  request: { params: IdParam, query: PagingQuery },
  responses: {
    200: { description: "A page of processes", content: json(ResponsibilityPage) },
    ...problemResponses(401, 403, 404, 422),
  },
});

export function registerPositionRoutes(app: OpenAPIHono<AppEnv>, deps: PluginDeps) {
  const crud = crudWith(contributionsTo<PositionDeletedHook>(deps.plugins, POSITION_DELETED_POINT));
  crud.all(app);

  app.openapi(responsibilities, async (c) => {
    const { id } = c.req.valid("param");
    const { limit, offset } = c.req.valid("query");
    await service.getPosition(c.var.scope, id); // 404 for unknown and other tenants' ids
    const page = await responsibilitiesOf(c.var.scope, [id], {
      includeDrafts: c.var.principal!.role !== "reader",
      limit,
      offset,
    });
    return c.json(page, 200);
  });
}
