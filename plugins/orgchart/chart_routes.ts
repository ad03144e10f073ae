// Org charts: CRUD and the whole chart as a tree.
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../api/env.ts";
import { pageOf } from "../../api/http/paging.ts";
import { etagOf, requireIfMatch } from "../../api/http/preconditions.ts";
import { problemResponses } from "../../api/problem.ts";
import {
  ChartCreate,
  ChartTree,
  ChartUpdate,
  CreatedHeaders,
  ETagHeader,
  idParam,
  IfMatch,
  json,
  OrgChart,
  SearchQuery,
} from "./api_schemas.ts";
import * as service from "./service.ts";

const IdParam = idParam("an org chart");

const list = createRoute({
  method: "get",
  path: "/charts",
  summary: "List org charts",
  "x-permission": "orgchart.read",
  request: { query: SearchQuery },
  responses: {
    200: { description: "A page of org charts", content: json(pageOf(OrgChart, "OrgChartPage")) },
    ...problemResponses(401, 403, 422),
  },
});

const create = createRoute({
  method: "post",
  path: "/charts",
  summary: "Create an org chart",
  "x-permission": "orgchart.write",
  request: { body: { required: true, content: json(ChartCreate) } },
  responses: {
    201: { description: "Created", headers: CreatedHeaders, content: json(OrgChart) },
    ...problemResponses(400, 401, 403, 413, 415, 422),
  },
});

const get = createRoute({
  method: "get",
  path: "/charts/{id}",
  summary: "Get an org chart",
  "x-permission": "orgchart.read",
  request: { params: IdParam },
  responses: {
    200: { description: "The org chart", headers: ETagHeader, content: json(OrgChart) },
    ...problemResponses(401, 403, 404, 422),
  },
});

const tree = createRoute({
  method: "get",
  path: "/charts/{id}/tree",
  summary: "An org chart as a tree: units, their positions with holders, sub-units",
  "x-permission": "orgchart.read",
  request: { params: IdParam },
  responses: {
    200: { description: "The tree", content: json(ChartTree) },
    ...problemResponses(401, 403, 404, 422),
  },
});

const update = createRoute({
  method: "patch",
  path: "/charts/{id}",
  summary: "Change an org chart (If-Match required)",
  "x-permission": "orgchart.write",
  request: {
    params: IdParam,
    headers: IfMatch,
    body: { required: true, content: json(ChartUpdate) },
  },
  responses: {
    200: { description: "Changed", headers: ETagHeader, content: json(OrgChart) },
    ...problemResponses(400, 401, 403, 404, 412, 413, 415, 422, 428),
  },
});

const remove = createRoute({
  method: "delete",
  path: "/charts/{id}",
  summary: "Delete an empty org chart (If-Match required)",
  "x-permission": "orgchart.write",
  request: { params: IdParam, headers: IfMatch },
  responses: {
    204: { description: "Deleted" },
    ...problemResponses(401, 403, 404, 409, 412, 428),
  },
});

export function registerChartRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(list, async (c) => {
    const { q, limit, offset } = c.req.valid("query");
    return c.json(await service.listCharts(c.var.scope, { search: q, limit, offset }), 200);
  });

  app.openapi(create, async (c) => {
    const chart = await service.createChart(
      c.var.scope,
      c.req.valid("json"),
      c.var.principal!.userId,
    );
    return c.json(chart, 201, {
      ETag: etagOf(chart.version),
      Location: `/api/v1/orgchart/charts/${chart.id}`,
    });
  });

  app.openapi(get, async (c) => {
    const chart = await service.getChart(c.var.scope, c.req.valid("param").id);
    return c.json(chart, 200, { ETag: etagOf(chart.version) });
  });

  app.openapi(tree, async (c) => {
    return c.json(await service.chartTree(c.var.scope, c.req.valid("param").id), 200);
  });

  app.openapi(update, async (c) => {
    const chart = await service.updateChart(
      c.var.scope,
      c.req.valid("param").id,
      c.req.valid("json"),
      (current) => requireIfMatch(c, current.version, current),
    );
    return c.json(chart, 200, { ETag: etagOf(chart.version) });
  });

  app.openapi(remove, async (c) => {
    await service.deleteChart(
      c.var.scope,
      c.req.valid("param").id,
      (current) => requireIfMatch(c, current.version, current),
    );
    return c.body(null, 204);
  });
}
