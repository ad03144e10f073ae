// Org units: CRUD and moving a subtree.
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../api/env.ts";
import { pageOf } from "../../api/http/paging.ts";
import { etagOf, requireIfMatch } from "../../api/http/preconditions.ts";
import { problemResponses } from "../../api/problem.ts";
import {
  CreatedHeaders,
  DeleteQuery,
  ETagHeader,
  idParam,
  IfMatch,
  json,
  OrgUnit,
  SearchQuery,
  UnitCreate,
  UnitMove,
  UnitUpdate,
  Unlinked,
} from "./api_schemas.ts";
import * as service from "./service.ts";

const IdParam = idParam("an org unit");
const ListQuery = SearchQuery.extend({
  chartId: z.string().uuid({ error: "must be an org chart id (UUID)" }).optional(),
  parentId: z.string().uuid({ error: "must be an org unit id (UUID)" }).optional(),
});

const list = createRoute({
  method: "get",
  path: "/units",
  summary: "List org units (search in names; filter by chart or parent)",
  "x-permission": "orgchart.read",
  request: { query: ListQuery },
  responses: {
    200: { description: "A page of org units", content: json(pageOf(OrgUnit, "OrgUnitPage")) },
    ...problemResponses(401, 403, 422),
  },
});

const create = createRoute({
  method: "post",
  path: "/units",
  summary: "Create an org unit",
  "x-permission": "orgchart.write",
  request: { body: { required: true, content: json(UnitCreate) } },
  responses: {
    201: { description: "Created", headers: CreatedHeaders, content: json(OrgUnit) },
    ...problemResponses(400, 401, 403, 413, 415, 422),
  },
});

const get = createRoute({
  method: "get",
  path: "/units/{id}",
  summary: "Get an org unit",
  "x-permission": "orgchart.read",
  request: { params: IdParam },
  responses: {
    200: { description: "The org unit", headers: ETagHeader, content: json(OrgUnit) },
    ...problemResponses(401, 403, 404, 422),
  },
});

const update = createRoute({
  method: "patch",
  path: "/units/{id}",
  summary: "Rename or reorder an org unit (If-Match required)",
  "x-permission": "orgchart.write",
  request: {
    params: IdParam,
    headers: IfMatch,
    body: { required: true, content: json(UnitUpdate) },
  },
  responses: {
    200: { description: "Changed", headers: ETagHeader, content: json(OrgUnit) },
    ...problemResponses(400, 401, 403, 404, 412, 413, 415, 422, 428),
  },
});

const move = createRoute({
  method: "post",
  path: "/units/{id}/move",
  summary: "Move an org unit with its sub-units under another unit (If-Match required)",
  description: "Moving a unit under itself or one of its sub-units is refused with 409 " +
    "naming the cycle.",
  "x-permission": "orgchart.write",
  request: { params: IdParam, headers: IfMatch, body: { required: true, content: json(UnitMove) } },
  responses: {
    200: { description: "Moved", headers: ETagHeader, content: json(OrgUnit) },
    ...problemResponses(400, 401, 403, 404, 409, 412, 413, 415, 422, 428),
  },
});

const remove = createRoute({
  method: "delete",
  path: "/units/{id}",
  summary: "Delete an empty org unit (If-Match required)",
  description: "A unit with sub-units or positions is a 409. A unit that processes use is " +
    "a 409 listing where, unless ?unlink=true removes it from every process draft.",
  "x-permission": "orgchart.write",
  request: { params: IdParam, headers: IfMatch, query: DeleteQuery },
  responses: {
    200: { description: "Deleted and unlinked (?unlink=true)", content: json(Unlinked) },
    204: { description: "Deleted" },
    ...problemResponses(401, 403, 404, 409, 412, 422, 428),
  },
});

export function registerUnitRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(list, async (c) => {
    const { q, ...rest } = c.req.valid("query");
    return c.json(await service.listUnits(c.var.scope, { search: q, ...rest }), 200);
  });

  app.openapi(create, async (c) => {
    const unit = await service.createUnit(c.var.scope, c.req.valid("json"));
    return c.json(unit, 201, {
      ETag: etagOf(unit.version),
      Location: `/api/v1/orgchart/units/${unit.id}`,
    });
  });

  app.openapi(get, async (c) => {
    const unit = await service.getUnit(c.var.scope, c.req.valid("param").id);
    return c.json(unit, 200, { ETag: etagOf(unit.version) });
  });

  app.openapi(update, async (c) => {
    const unit = await service.updateUnit(
      c.var.scope,
      c.req.valid("param").id,
      c.req.valid("json"),
      (current) => requireIfMatch(c, current.version, current),
    );
    return c.json(unit, 200, { ETag: etagOf(unit.version) });
  });

  app.openapi(move, async (c) => {
    const unit = await service.moveUnit(
      c.var.scope,
      c.req.valid("param").id,
      c.req.valid("json"),
      (current) => requireIfMatch(c, current.version, current),
    );
    return c.json(unit, 200, { ETag: etagOf(unit.version) });
  });

  app.openapi(remove, async (c) => {
    const { unlink } = c.req.valid("query");
    const unlinked = await service.deleteUnit(
      c.var.scope,
      c.req.valid("param").id,
      { unlink, actorId: c.var.principal!.userId },
      (current) => requireIfMatch(c, current.version, current),
    );
    return unlink ? c.json({ unlinked }, 200) : c.body(null, 204);
  });
}
