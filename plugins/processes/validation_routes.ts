// Validation and auto-layout: HTTP routes. Posted graphs are refused with 413 when they
// exceed the limits (before the schema walks them) and 422 when the schema refuses them.
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../../api/env.ts";
import { etagOf } from "../../api/http/preconditions.ts";
import type { PluginDeps } from "../../api/plugin.ts";
import { problemResponses } from "../../api/problem.ts";
import { DraftSchema, ETagHeader, IdParam, IfMatchHeaders, json } from "./draft_api_schemas.ts";
import { expectedVersionOf, getDraft, saveDraft } from "./draft_service.ts";
import { assertGraphLimits, GraphSchema } from "./graph_schema.ts";
import {
  type Finding,
  FINDING_CODES,
  type FindingCode,
  summarize,
  validateGraph,
  validationContext,
} from "./graph_validate.ts";
import { layoutKeepingBetter } from "./layout_quality.ts";
import { LINK_TARGET_KINDS } from "./schema.ts";

const codes = Object.keys(FINDING_CODES) as [FindingCode, ...FindingCode[]];

const FindingSchema = z.object({
  severity: z.enum(["error", "warning"]).openapi({
    description: "Errors block publishing; warnings do not",
  }),
  code: z.enum(codes).openapi({
    description: "Stable code the UI translates by",
    example: "task-without-responsible",
  }),
  message: z.string().openapi({ description: "An English sentence naming the elements" }),
  nodeIds: z.array(z.string()),
  edgeIds: z.array(z.string()),
  laneIds: z.array(z.string()),
  targetKind: z.enum(LINK_TARGET_KINDS).optional().openapi({
    description: "Link findings: the kind of object referred to",
  }),
  targetIds: z.array(z.string()).optional().openapi({
    description: "Link findings: the ids that no longer exist (or cannot be checked)",
  }),
}).openapi("ValidationFinding");

const Counts = z.object({ errors: z.number().int(), warnings: z.number().int() });

const ValidationResult = z.object({
  publishable: z.boolean().openapi({ description: "True when there are no errors" }),
  counts: Counts,
  findings: z.array(FindingSchema),
}).openapi("ValidationResult");

const DraftValidation = ValidationResult.extend({
  processId: z.string().uuid(),
  draftVersion: z.number().int().openapi({ description: "The draft version validated" }),
}).openapi("DraftValidation");

/** Refuses an oversized graph with 413 naming the limit, before the schema walks it. */
const limitGraph: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (/json/i.test(c.req.header("content-type") ?? "")) {
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      return await next(); // the body validator answers malformed JSON with 400
    }
    assertGraphLimits(raw);
  }
  await next();
};

const draftValidation = createRoute({
  method: "get",
  path: "/{id}/draft/validation",
  operationId: "getDraftValidation",
  summary: "Validation findings of the draft (modelers)",
  description: "Errors block publishing, warnings do not. Draft content is modelers' work, so " +
    "this needs the same permission as reading the draft.",
  "x-permission": "processes.write",
  request: { params: IdParam },
  responses: {
    200: { description: "The findings", headers: ETagHeader, content: json(DraftValidation) },
    ...problemResponses(401, 403, 404, 422),
  },
});

const validate = createRoute({
  method: "post",
  path: "/validate",
  operationId: "validateGraph",
  summary: "Validate a posted graph",
  description: "Links are checked against the caller's tenant; nothing is saved.",
  "x-permission": "processes.read",
  middleware: [limitGraph] as const,
  request: { body: { required: true, content: json(GraphSchema) } },
  responses: {
    200: { description: "The findings", content: json(ValidationResult) },
    ...problemResponses(400, 401, 403, 413, 415, 422),
  },
});

const layout = createRoute({
  method: "post",
  path: "/layout",
  operationId: "layoutGraph",
  summary: "Lay out a posted graph",
  description: "Left to right in layers, nodes kept in their lanes, edges routed orthogonally. " +
    "Deterministic; only positions, sizes, lane heights and waypoints change. Never worse " +
    "than the graph sent: when the layout would add edge crossings, overlapping nodes, edges " +
    "through nodes or nodes outside their lane, the graph comes back unchanged. Open embedded " +
    "subprocesses come back closed, their inside arranged as before. Nothing is saved.",
  "x-permission": "processes.read",
  middleware: [limitGraph] as const,
  request: { body: { required: true, content: json(GraphSchema) } },
  responses: {
    200: { description: "The laid-out graph", content: json(GraphSchema) },
    ...problemResponses(400, 401, 403, 413, 415, 422),
  },
});

const draftLayout = createRoute({
  method: "post",
  path: "/{id}/draft/layout",
  operationId: "layoutDraft",
  summary: "Lay out the draft and save it (If-Match required)",
  description: "One new draft version, so it can be undone like any save. A stale If-Match is " +
    "412 with the current draft; a draft in review is 409.",
  "x-permission": "processes.write",
  request: { params: IdParam, headers: IfMatchHeaders },
  responses: {
    200: { description: "The laid-out draft", headers: ETagHeader, content: json(DraftSchema) },
    ...problemResponses(401, 403, 404, 409, 412, 422, 428),
  },
});

type Coded = Finding & { code: FindingCode };

const result = (findings: Finding[]) => {
  const { errors, warnings, publishable } = summarize(findings);
  // validateGraph only reports codes of FINDING_CODES.
  return { publishable, counts: { errors, warnings }, findings: findings as Coded[] };
};

export function registerValidationRoutes(app: OpenAPIHono<AppEnv>, deps: PluginDeps) {
  app.openapi(validate, async (c) => {
    const ctx = validationContext(c.var.scope, deps.plugins);
    return c.json(result(await validateGraph(c.req.valid("json"), ctx)), 200);
  });

  app.openapi(layout, (c) => c.json(layoutKeepingBetter(c.req.valid("json")).graph, 200));

  app.openapi(draftValidation, async (c) => {
    const draft = await getDraft(c.var.scope, c.req.valid("param").id);
    const ctx = validationContext(c.var.scope, deps.plugins);
    const findings = await validateGraph(draft.graph, ctx);
    return c.json(
      { processId: draft.processId, draftVersion: draft.version, ...result(findings) },
      200,
      { ETag: etagOf(draft.version) },
    );
  });

  app.openapi(draftLayout, async (c) => {
    const id = c.req.valid("param").id;
    const expected = expectedVersionOf(c.req.header("if-match"));
    const draft = await getDraft(c.var.scope, id);
    // Laid out is the version read; a save in between answers 412 rather than being lost.
    const saved = await saveDraft(c.var.scope, id, layoutKeepingBetter(draft.graph).graph, {
      expectedVersion: expected === "*" ? draft.version : expected,
      actorId: c.var.principal!.userId,
    });
    return c.json(saved, 200, { ETag: etagOf(saved.version) });
  });
}
