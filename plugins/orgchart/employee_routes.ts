// Employees (personal data): CRUD with the positions held, and what they are responsible for
// through those positions.
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../api/env.ts";
import { PagingQuery } from "../../api/http/paging.ts";
import { problemResponses } from "../../api/problem.ts";
import { responsibilitiesOf } from "../processes/service.ts";
import {
  Employee,
  EmployeeCreate,
  EmployeeUpdate,
  idParam,
  json,
  ResponsibilityPage,
  SearchQuery,
} from "./api_schemas.ts";
import { crudRoutes } from "./crud_routes.ts";
import * as service from "./service.ts";

const IdParam = idParam("an employee");

const crud = crudRoutes({
  path: "employees",
  noun: ["employee", "employees"],
  an: "an employee",
  operationNoun: ["Employee", "Employees"],
  schemas: {
    item: Employee,
    page: "EmployeePage",
    create: EmployeeCreate,
    update: EmployeeUpdate,
    list: SearchQuery.extend({
      positionId: z.string().uuid({ error: "must be a position id (UUID)" }).optional(),
    }),
  },
  summaries: {
    list: "List employees (search in name, e-mail, external key; filter by position)",
    get: "Get an employee with the positions held",
    update: "Change an employee; `positions` replaces the positions held (If-Match required)",
    remove: "Delete an employee and the positions held (If-Match required)",
  },
  conflicts: { create: true, update: true },
  service: {
    list: service.listEmployees,
    create: service.createEmployee,
    get: service.getEmployee,
    update: service.updateEmployee,
    remove: (scope, id, _opts, check) => service.deleteEmployee(scope, id, check),
  },
});

const responsibilities = createRoute({
  method: "get",
  path: "/employees/{id}/responsibilities",
  operationId: "listEmployeeResponsibilities",
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
  crud.all(app);

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
