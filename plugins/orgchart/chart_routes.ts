// Org charts: CRUD and the whole chart as a tree.
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../api/env.ts";
import { problemResponses } from "../../api/problem.ts";
import { ChartCreate, ChartTree, ChartUpdate, idParam, json, OrgChart } from "./api_schemas.ts";
import { crudRoutes } from "./crud_routes.ts";
import * as service from "./service.ts";

const crud = crudRoutes({
  path: "charts",
  noun: ["org chart", "org charts"],
  an: "an org chart",
  operationNoun: ["OrgChart", "OrgCharts"],
  schemas: { item: OrgChart, page: "OrgChartPage", create: ChartCreate, update: ChartUpdate },
  summaries: {
    list: "List org charts",
    get: "Get an org chart",
    update: "Change an org chart (If-Match required)",
    remove: "Delete an empty org chart (If-Match required)",
  },
  conflicts: { remove: true },
  service: {
    list: service.listCharts,
    create: service.createChart,
    get: service.getChart,
    update: service.updateChart,
    remove: (scope, id, _opts, check) => service.deleteChart(scope, id, check),
  },
});

const tree = createRoute({
  method: "get",
  path: "/charts/{id}/tree",
  operationId: "getOrgChartTree",
  summary: "An org chart as a tree: units, their positions with holders, sub-units",
  description:
    "The chart's units nested under their parents, each with its positions and their holders, " +
    "for drawing the chart.",
  "x-permission": "orgchart.read",
  request: { params: idParam("an org chart") },
  responses: {
    200: { description: "The tree", content: json(ChartTree) },
    ...problemResponses(401, 403, 404, 422),
  },
});

export function registerChartRoutes(app: OpenAPIHono<AppEnv>) {
  crud.list(app);
  crud.create(app);
  crud.get(app);
  app.openapi(tree, async (c) => {
    return c.json(await service.chartTree(c.var.scope, c.req.valid("param").id), 200);
  });
  crud.update(app);
  crud.remove(app);
}
