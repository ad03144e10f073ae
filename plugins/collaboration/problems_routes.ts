// /problems: report, list (per process or across the workspace), read, triage.
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../api/env.ts";
import { pageOf } from "../../api/http/paging.ts";
import { ETagHeader, etagOf, IfMatchHeader, requireIfMatch } from "../../api/http/preconditions.ts";
import type { PluginDeps } from "../../api/plugin.ts";
import { problemResponses } from "../../api/problem.ts";
import { actorOf } from "./access.ts";
import {
  IdParam,
  json,
  ProblemCreate,
  ProblemPatch,
  ProblemSchema,
  ProblemsQuery,
} from "./api_schemas.ts";
import * as service from "./problems_service.ts";

const list = createRoute({
  method: "get",
  path: "/problems",
  operationId: "listProblems",
  summary: "Problems and suggestions, newest first: of one process or the whole workspace",
  description:
    "Reported problems and improvement suggestions of one process or the whole workspace, " +
    "filtered by status, severity, assignee and reporter, newest first, paged.",
  "x-permission": "collaboration.read",
  request: { query: ProblemsQuery },
  responses: {
    200: {
      description: "A page of problems",
      content: json(pageOf(ProblemSchema, "ProcessProblemPage")),
    },
    ...problemResponses(401, 403, 404, 422),
  },
});

const get = createRoute({
  method: "get",
  path: "/problems/{id}",
  operationId: "getProblem",
  summary: "One problem",
  description:
    "One reported problem with status, severity, assignee and wording; the ETag is its version " +
    "for If-Match.",
  "x-permission": "collaboration.read",
  request: { params: IdParam },
  responses: {
    200: { description: "The problem", headers: ETagHeader, content: json(ProblemSchema) },
    ...problemResponses(401, 403, 404, 422),
  },
});

const create = createRoute({
  method: "post",
  path: "/problems",
  operationId: "reportProblem",
  summary: "Report a problem or suggest an improvement",
  description: "Assigned to the process owner, who is told.",
  "x-permission": "collaboration.contribute",
  request: { body: { required: true, content: json(ProblemCreate) } },
  responses: {
    201: { description: "Reported", headers: ETagHeader, content: json(ProblemSchema) },
    ...problemResponses(400, 401, 403, 404, 413, 415, 422),
  },
});

const patch = createRoute({
  method: "patch",
  path: "/problems/{id}",
  operationId: "updateProblem",
  summary: "Change status, assignee, severity or wording (If-Match required)",
  description: "Status, assignee and severity: the process owner, the assignee or an " +
    "executive (403 not-allowed otherwise); title and description also the reporter. " +
    "`rejected` needs a reason. The reporter hears of status changes, a new assignee of " +
    "the assignment.",
  "x-permission": "collaboration.contribute",
  request: {
    params: IdParam,
    headers: IfMatchHeader,
    body: { required: true, content: json(ProblemPatch) },
  },
  responses: {
    200: { description: "Changed", headers: ETagHeader, content: json(ProblemSchema) },
    ...problemResponses(400, 401, 403, 404, 412, 413, 415, 422, 428),
  },
});

export function registerProblemRoutes(app: OpenAPIHono<AppEnv>, deps: PluginDeps) {
  app.openapi(list, async (c) => {
    return c.json(
      await service.listProblems(c.var.scope, c.req.valid("query"), actorOf(c.var.principal!)),
      200,
    );
  });
  app.openapi(get, async (c) => {
    const p = await service.getProblem(
      c.var.scope,
      c.req.valid("param").id,
      actorOf(c.var.principal!),
    );
    return c.json(p, 200, { ETag: etagOf(p.version) });
  });
  app.openapi(create, async (c) => {
    const p = await service.reportProblem(
      c.var.scope,
      deps,
      c.req.valid("json"),
      actorOf(c.var.principal!),
    );
    return c.json(p, 201, { ETag: etagOf(p.version) });
  });
  app.openapi(patch, async (c) => {
    const p = await service.changeProblem(
      c.var.scope,
      deps.config,
      c.req.valid("param").id,
      c.req.valid("json"),
      actorOf(c.var.principal!),
      (version, current) => requireIfMatch(c, version, current),
    );
    return c.json(p, 200, { ETag: etagOf(p.version) });
  });
}
