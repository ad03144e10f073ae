// Positions: CRUD (reports-to lines included) and what processes make them responsible for.
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../api/env.ts";
import { pageOf, PagingQuery } from "../../api/http/paging.ts";
import { etagOf, requireIfMatch } from "../../api/http/preconditions.ts";
import { contributionsTo, type PluginDeps } from "../../api/plugin.ts";
import { problemResponses } from "../../api/problem.ts";
import { responsibilitiesOf } from "../processes/service.ts";
import {
  CreatedHeaders,
  DeleteQuery,
  ETagHeader,
  idParam,
  IfMatch,
  json,
  Position,
  PositionCreate,
  PositionUpdate,
  ResponsibilityPage,
  SearchQuery,
  Unlinked,
} from "./api_schemas.ts";
import * as service from "./service.ts";
import { POSITION_DELETED_POINT, type PositionDeletedHook } from "./service.ts";

const IdParam = idParam("a position");
const ListQuery = SearchQuery.extend({
  chartId: z.string().uuid({ error: "must be an org chart id (UUID)" }).optional(),
  unitId: z.string().uuid({ error: "must be an org unit id (UUID)" }).optional(),
});

const list = createRoute({
  method: "get",
  path: "/positions",
  summary: "List positions (search in titles and external keys; filter by chart or unit)",
  "x-permission": "orgchart.read",
  request: { query: ListQuery },
  responses: {
    200: { description: "A page of positions", content: json(pageOf(Position, "PositionPage")) },
    ...problemResponses(401, 403, 422),
  },
});

const create = createRoute({
  method: "post",
  path: "/positions",
  summary: "Create a position",
  "x-permission": "orgchart.write",
  request: { body: { required: true, content: json(PositionCreate) } },
  responses: {
    201: { description: "Created", headers: CreatedHeaders, content: json(Position) },
    ...problemResponses(400, 401, 403, 409, 413, 415, 422),
  },
});

const get = createRoute({
  method: "get",
  path: "/positions/{id}",
  summary: "Get a position with its holders",
  "x-permission": "orgchart.read",
  request: { params: IdParam },
  responses: {
    200: { description: "The position", headers: ETagHeader, content: json(Position) },
    ...problemResponses(401, 403, 404, 422),
  },
});

const update = createRoute({
  method: "patch",
  path: "/positions/{id}",
  summary: "Change a position: title, unit, reports-to line, external key (If-Match required)",
  description: "A reports-to line that would form a cycle is refused with 409 naming the path.",
  "x-permission": "orgchart.write",
  request: {
    params: IdParam,
    headers: IfMatch,
    body: { required: true, content: json(PositionUpdate) },
  },
  responses: {
    200: { description: "Changed", headers: ETagHeader, content: json(Position) },
    ...problemResponses(400, 401, 403, 404, 409, 412, 413, 415, 422, 428),
  },
});

const remove = createRoute({
  method: "delete",
  path: "/positions/{id}",
  summary: "Delete a position (If-Match required)",
  description: "Positions reporting to it then report to its manager. A position processes " +
    "use is a 409 listing where, unless ?unlink=true removes it from every process draft.",
  "x-permission": "orgchart.write",
  request: { params: IdParam, headers: IfMatch, query: DeleteQuery },
  responses: {
    200: { description: "Deleted and unlinked (?unlink=true)", content: json(Unlinked) },
    204: { description: "Deleted" },
    ...problemResponses(401, 403, 404, 409, 412, 422, 428),
  },
});

const responsibilities = createRoute({
  method: "get",
  path: "/positions/{id}/responsibilities",
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
  const hooks = contributionsTo<PositionDeletedHook>(deps.plugins, POSITION_DELETED_POINT);
  app.openapi(list, async (c) => {
    const { q, ...rest } = c.req.valid("query");
    return c.json(await service.listPositions(c.var.scope, { search: q, ...rest }), 200);
  });

  app.openapi(create, async (c) => {
    const position = await service.createPosition(c.var.scope, c.req.valid("json"));
    return c.json(position, 201, {
      ETag: etagOf(position.version),
      Location: `/api/v1/orgchart/positions/${position.id}`,
    });
  });

  app.openapi(get, async (c) => {
    const position = await service.getPosition(c.var.scope, c.req.valid("param").id);
    return c.json(position, 200, { ETag: etagOf(position.version) });
  });

  app.openapi(update, async (c) => {
    const position = await service.updatePosition(
      c.var.scope,
      c.req.valid("param").id,
      c.req.valid("json"),
      (current) => requireIfMatch(c, current.version, current),
    );
    return c.json(position, 200, { ETag: etagOf(position.version) });
  });

  app.openapi(remove, async (c) => {
    const { unlink } = c.req.valid("query");
    const unlinked = await service.deletePosition(
      c.var.scope,
      c.req.valid("param").id,
      { unlink, actorId: c.var.principal!.userId, hooks },
      (current) => requireIfMatch(c, current.version, current),
    );
    return unlink ? c.json({ unlinked }, 200) : c.body(null, 204);
  });

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
