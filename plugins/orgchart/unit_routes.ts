// Org units: CRUD and moving a subtree.
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../api/env.ts";
import { etagOf, requireIfMatch } from "../../api/http/preconditions.ts";
import { problemResponses } from "../../api/problem.ts";
import {
  ETagHeader,
  idParam,
  IfMatch,
  json,
  OrgUnit,
  SearchQuery,
  UnitCreate,
  UnitMove,
  UnitUpdate,
} from "./api_schemas.ts";
import { crudRoutes } from "./crud_routes.ts";
import * as service from "./service.ts";

const crud = crudRoutes({
  path: "units",
  noun: ["org unit", "org units"],
  an: "an org unit",
  operationNoun: ["OrgUnit", "OrgUnits"],
  schemas: {
    item: OrgUnit,
    page: "OrgUnitPage",
    create: UnitCreate,
    update: UnitUpdate,
    list: SearchQuery.extend({
      chartId: z.string().uuid({ error: "must be an org chart id (UUID)" }).optional(),
      parentId: z.string().uuid({ error: "must be an org unit id (UUID)" }).optional(),
    }),
  },
  summaries: {
    list: "List org units (search in names; filter by chart or parent)",
    get: "Get an org unit",
    update: "Rename or reorder an org unit (If-Match required)",
    remove: "Delete an empty org unit (If-Match required)",
  },
  descriptions: {
    remove: "A unit with sub-units or positions is a 409. A unit that processes use is " +
      "a 409 listing where, unless ?unlink=true removes it from every process draft.",
  },
  conflicts: { remove: true },
  unlink: true,
  service: {
    list: service.listUnits,
    create: service.createUnit,
    get: service.getUnit,
    update: service.updateUnit,
    remove: service.deleteUnit,
  },
});

const move = createRoute({
  method: "post",
  path: "/units/{id}/move",
  operationId: "moveOrgUnit",
  summary: "Move an org unit with its sub-units under another unit (If-Match required)",
  description: "Moving a unit under itself or one of its sub-units is refused with 409 " +
    "naming the cycle.",
  "x-permission": "orgchart.write",
  request: {
    params: idParam("an org unit"),
    headers: IfMatch,
    body: { required: true, content: json(UnitMove) },
  },
  responses: {
    200: { description: "Moved", headers: ETagHeader, content: json(OrgUnit) },
    ...problemResponses(400, 401, 403, 404, 409, 412, 413, 415, 422, 428),
  },
});

export function registerUnitRoutes(app: OpenAPIHono<AppEnv>) {
  crud.list(app);
  crud.create(app);
  crud.get(app);
  crud.update(app);
  app.openapi(move, async (c) => {
    const unit = await service.moveUnit(
      c.var.scope,
      c.req.valid("param").id,
      c.req.valid("json"),
      (current) => requireIfMatch(c, current.version, current),
    );
    return c.json(unit, 200, { ETag: etagOf(unit.version) });
  });
  crud.remove(app);
}
