// /feedback: helpful or not on a published process; the tally for everyone, texts for owners.
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../api/env.ts";
import type { PluginDeps } from "../../api/plugin.ts";
import { problemResponses } from "../../api/problem.ts";
import { actorOf } from "./access.ts";
import {
  FeedbackCreate,
  FeedbackQuery,
  FeedbackSchema,
  FeedbackSummarySchema,
  json,
} from "./api_schemas.ts";
import * as service from "./feedback_service.ts";

const summary = createRoute({
  method: "get",
  path: "/feedback",
  operationId: "getFeedback",
  summary: "The feedback on a process: the tally, yours, and every text for its owner",
  description:
    "How many readers found the published process helpful or not, your own feedback, and, for " +
    "the process owner and executives, every text left.",
  "x-permission": "collaboration.read",
  request: { query: FeedbackQuery },
  responses: {
    200: { description: "The feedback", content: json(FeedbackSummarySchema) },
    ...problemResponses(401, 403, 404, 422),
  },
});

const give = createRoute({
  method: "post",
  path: "/feedback",
  operationId: "submitFeedback",
  summary: "Say whether a published process helped you (again: replaces your feedback)",
  description:
    "Records whether the published process helped you, with an optional text; sending again " +
    "replaces your feedback.",
  "x-permission": "collaboration.contribute",
  request: { body: { required: true, content: json(FeedbackCreate) } },
  responses: {
    200: { description: "Your feedback", content: json(FeedbackSchema) },
    ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422),
  },
});

export function registerFeedbackRoutes(app: OpenAPIHono<AppEnv>, deps: PluginDeps) {
  app.openapi(summary, async (c) => {
    return c.json(
      await service.feedbackSummary(
        c.var.scope,
        c.req.valid("query").processId,
        actorOf(c.var.principal!),
      ),
      200,
    );
  });
  app.openapi(give, async (c) => {
    return c.json(
      await service.giveFeedback(
        c.var.scope,
        deps.config,
        c.req.valid("json"),
        actorOf(c.var.principal!),
      ),
      200,
    );
  });
}
