// Employees (personal data): CRUD with the positions held, and what they are responsible for
// through those positions.
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../api/env.ts";
import { pageOf, PagingQuery } from "../../api/http/paging.ts";
import { etagOf, requireIfMatch } from "../../api/http/preconditions.ts";
import { problemResponses } from "../../api/problem.ts";
import { responsibilitiesOf } from "../processes/service.ts";
import {
  CreatedHeaders,
  Employee,
  EmployeeCreate,
  EmployeeUpdate,
  ETagHeader,
  idParam,
  IfMatch,
  json,
  ResponsibilityPage,
  SearchQuery,
} from "./api_schemas.ts";
import * as service from "./service.ts";

const IdParam = idParam("an employee");
const ListQuery = SearchQuery.extend({
  positionId: z.string().uuid({ error: "must be a position id (UUID)" }).optional(),
});

const list = createRoute({
  method: "get",
  path: "/employees",
  summary: "List employees (search in name, e-mail, external key; filter by position)",
  "x-permission": "orgchart.read",
  request: { query: ListQuery },
  responses: {
    200: { description: "A page of employees", content: json(pageOf(Employee, "EmployeePage")) },
    ...problemResponses(401, 403, 422),
  },
});

const create = createRoute({
  method: "post",
  path: "/employees",
  summary: "Create an employee",
  "x-permission": "orgchart.write",
  request: { body: { required: true, content: json(EmployeeCreate) } },
  responses: {
    201: { description: "Created", headers: CreatedHeaders, content: json(Employee) },
    ...problemResponses(400, 401, 403, 409, 413, 415, 422),
  },
});

const get = createRoute({
  method: "get",
  path: "/employees/{id}",
  summary: "Get an employee with the positions held",
  "x-permission": "orgchart.read",
  request: { params: IdParam },
  responses: {
    200: { description: "The employee", headers: ETagHeader, content: json(Employee) },
    ...problemResponses(401, 403, 404, 422),
  },
});

const update = createRoute({
  method: "patch",
  path: "/employees/{id}",
  summary: "Change an employee; `positions` replaces the positions held (If-Match required)",
  "x-permission": "orgchart.write",
  request: {
    params: IdParam,
    headers: IfMatch,
    body: { required: true, content: json(EmployeeUpdate) },
  },
  responses: {
    200: { description: "Changed", headers: ETagHeader, content: json(Employee) },
    ...problemResponses(400, 401, 403, 404, 409, 412, 413, 415, 422, 428),
  },
});

const remove = createRoute({
  method: "delete",
  path: "/employees/{id}",
  summary: "Delete an employee and the positions held (If-Match required)",
  "x-permission": "orgchart.write",
  request: { params: IdParam, headers: IfMatch },
  responses: {
    204: { description: "Deleted" },
    ...problemResponses(401, 403, 404, 412, 428),
  },
});

const responsibilities = createRoute({
  method: "get",
  path: "/employees/{id}/responsibilities",
  summary: "The processes and steps an employee is responsible for, through the positions held",
  description: "Each usage names the position (targetId). Readers see published versions " +
    "only; modelers also drafts.",
  "x-permission": "orgchart.read",
  request: { params: IdParam, query: PagingQuery },
  responses: {
    200: { description: "A page of processes", content: json(ResponsibilityPage) },
    ...problemResponses(401, 403, 404, 422),
  },
});

export function registerEmployeeRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(list, async (c) => {
    const { q, ...rest } = c.req.valid("query");
    return c.json(await service.listEmployees(c.var.scope, { search: q, ...rest }), 200);
  });

  app.openapi(create, async (c) => {
    const employee = await service.createEmployee(c.var.scope, c.req.valid("json"));
    return c.json(employee, 201, {
      ETag: etagOf(employee.version),
      Location: `/api/v1/orgchart/employees/${employee.id}`,
    });
  });

  app.openapi(get, async (c) => {
    const employee = await service.getEmployee(c.var.scope, c.req.valid("param").id);
    return c.json(employee, 200, { ETag: etagOf(employee.version) });
  });

  app.openapi(update, async (c) => {
    const employee = await service.updateEmployee(
      c.var.scope,
      c.req.valid("param").id,
      c.req.valid("json"),
      (current) => requireIfMatch(c, current.version, current),
    );
    return c.json(employee, 200, { ETag: etagOf(employee.version) });
  });

  app.openapi(remove, async (c) => {
    await service.deleteEmployee(
      c.var.scope,
      c.req.valid("param").id,
      (current) => requireIfMatch(c, current.version, current),
    );
    return c.body(null, 204);
  });

  app.openapi(responsibilities, async (c) => {
    const { limit, offset } = c.req.valid("query");
    const employee = await service.getEmployee(c.var.scope, c.req.valid("param").id);
    const page = await responsibilitiesOf(
      c.var.scope,
      employee.positions.map((p) => p.positionId),
      { includeDrafts: c.var.principal!.role !== "reader", limit, offset },
    );
    return c.json(page, 200);
  });
}
