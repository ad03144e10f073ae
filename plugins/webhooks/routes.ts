// Webhooks: HTTP routes for executives, signed in or through an executive API key (integrations
// such as Power Automate subscribe themselves). Each names its permission in x-permission; the
// core enforces the role.
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../api/env.ts";
import { json } from "../../api/http/content.ts";
import { pageOf, PagingQuery } from "../../api/http/paging.ts";
import type { PluginDeps } from "../../api/plugin.ts";
import { problemResponses } from "../../api/problem.ts";
import { DELIVERY_STATUSES } from "./schema.ts";
import * as service from "./endpoint_service.ts";
import { EVENT_TYPES } from "./event_types.ts";
import { sendPing } from "./ping.ts";

const Endpoint = z.object({
  id: z.string().uuid(),
  url: z.string().openapi({ example: "https://example.com/hooks/procedo" }),
  events: z.array(z.string()).openapi({ example: ["process.published"] }),
  enabled: z.boolean(),
  failureStreak: z.number().int().openapi({
    description: "Failed deliveries in a row since the last success",
  }),
  disabledReason: z.string().nullable().openapi({
    description: "Why it was switched off automatically (null otherwise)",
  }),
  lastDeliveryAt: z.string().datetime().nullable(),
  createdBy: z.string(),
  createdAt: z.string().datetime(),
  updatedAt: z.string().datetime(),
}).openapi("WebhookEndpoint");

const EndpointCreated = Endpoint.extend({
  secret: z.string().openapi({
    description: "The signing secret (whsec_…), shown only in this answer",
    example: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  }),
}).openapi("WebhookEndpointCreated");

const url = z.string().trim().min(1, { error: "must not be empty" }).max(2000, {
  error: "at most 2000 characters",
}).refine((v) => /^https?:\/\/[^/?#]/i.test(v) && URL.canParse(v), {
  error: "must be an absolute https:// URL",
}).openapi({ description: "https:// (http:// also outside production)" });
const events = z.array(
  z.enum(EVENT_TYPES, { error: `one of ${EVENT_TYPES.join(", ")}` }),
).min(1, { error: "name at least one event type" }).max(EVENT_TYPES.length);

const EndpointCreate = z.strictObject({ url, events }).openapi("WebhookEndpointCreate");
const EndpointUpdate = z.strictObject({
  url: url.optional(),
  events: events.optional(),
  enabled: z.boolean().optional().openapi({
    description: "Switch deliveries on or off; on again starts a new failure count",
  }),
}).openapi("WebhookEndpointUpdate");

const Delivery = z.object({
  id: z.string().uuid(),
  messageId: z.string().openapi({ description: "The webhook-id header: one per message" }),
  eventType: z.string(),
  attempt: z.number().int(),
  status: z.enum(DELIVERY_STATUSES),
  responseCode: z.number().int().nullable(),
  durationMs: z.number().int(),
  error: z.string().nullable(),
  at: z.string().datetime(),
}).openapi("WebhookDelivery");

const PingQueued = z.object({
  messageId: z.string().openapi({ description: "The webhook-id of the ping" }),
}).openapi("WebhookPingQueued");

const IdParam = z.object({ id: z.string().uuid({ error: "must be a webhook id (UUID)" }) });

const list = createRoute({
  method: "get",
  path: "/",
  operationId: "listWebhooks",
  summary: "List webhook endpoints",
  description: "The workspace's webhook endpoints, oldest first. Secrets are never listed.",
  "x-permission": "webhooks.read",
  request: { query: PagingQuery },
  responses: {
    200: { description: "A page of endpoints", content: json(pageOf(Endpoint, "WebhookPage")) },
    ...problemResponses(401, 403, 422),
  },
});

const create = createRoute({
  method: "post",
  path: "/",
  operationId: "createWebhook",
  summary: "Register a webhook endpoint",
  description: "Registers `url` for the event types in `events`. The answer carries the " +
    "signing secret (`whsec_…`, Standard Webhooks) once; store it to verify signatures. " +
    "Only https in production; a URL that is or resolves to a loopback, private or " +
    "link-local address is refused with 422 naming `body.url`. At most 50 endpoints (409).",
  "x-permission": "webhooks.manage",
  request: { body: { required: true, content: json(EndpointCreate) } },
  responses: {
    201: {
      description: "Registered, with its secret",
      headers: {
        Location: {
          schema: { type: "string" as const },
          description: "The endpoint's absolute URL (DELETE it to unsubscribe)",
        },
      },
      content: json(EndpointCreated),
    },
    ...problemResponses(400, 401, 403, 409, 415, 422, 503),
  },
});

const get = createRoute({
  method: "get",
  path: "/{id}",
  operationId: "getWebhook",
  summary: "Get a webhook endpoint",
  description: "One endpoint, with its failure count and why it was switched off, if it was.",
  "x-permission": "webhooks.read",
  request: { params: IdParam },
  responses: {
    200: { description: "The endpoint", content: json(Endpoint) },
    ...problemResponses(401, 403, 404, 422),
  },
});

const update = createRoute({
  method: "patch",
  path: "/{id}",
  operationId: "updateWebhook",
  summary: "Change a webhook endpoint",
  description: "Changes its URL (checked as on registration), its event types, or switches " +
    "it on or off.",
  "x-permission": "webhooks.manage",
  request: { params: IdParam, body: { required: true, content: json(EndpointUpdate) } },
  responses: {
    200: { description: "The changed endpoint", content: json(Endpoint) },
    ...problemResponses(400, 401, 403, 404, 415, 422),
  },
});

const remove = createRoute({
  method: "delete",
  path: "/{id}",
  operationId: "deleteWebhook",
  summary: "Delete a webhook endpoint",
  description: "Deletes the endpoint and its delivery log; queued deliveries are dropped.",
  "x-permission": "webhooks.manage",
  request: { params: IdParam },
  responses: {
    204: { description: "Deleted" },
    ...problemResponses(401, 403, 404, 422),
  },
});

const test = createRoute({
  method: "post",
  path: "/{id}/test",
  operationId: "testWebhook",
  summary: "Send a ping to a webhook endpoint",
  description: "Queues a signed event of type `ping` for the endpoint (also when it is " +
    "switched off), delivered within a minute; its outcome appears in the delivery log. " +
    "A ping is not retried and does not count towards switching the endpoint off.",
  "x-permission": "webhooks.manage",
  request: { params: IdParam },
  responses: {
    202: { description: "The ping is queued", content: json(PingQueued) },
    ...problemResponses(401, 403, 404, 422),
  },
});

const deliveries = createRoute({
  method: "get",
  path: "/{id}/deliveries",
  operationId: "listWebhookDeliveries",
  summary: "List delivery attempts of a webhook endpoint",
  description: "Every attempt, newest first: event type, attempt number, outcome, the " +
    "receiver's status code and how long it took.",
  "x-permission": "webhooks.read",
  request: { params: IdParam, query: PagingQuery },
  responses: {
    200: {
      description: "A page of delivery attempts",
      content: json(pageOf(Delivery, "WebhookDeliveryPage")),
    },
    ...problemResponses(401, 403, 404, 422),
  },
});

export function registerWebhookRoutes(app: OpenAPIHono<AppEnv>, deps: PluginDeps) {
  app.openapi(list, async (c) => {
    return c.json(await service.listEndpoints(c.var.scope, c.req.valid("query")), 200);
  });
  app.openapi(create, async (c) => {
    const created = await service.createEndpoint(
      c.var.scope,
      deps.config,
      c.req.valid("json"),
      c.var.principal!.userId,
    );
    return c.json(created, 201, {
      // Absolute: subscribers such as Power Automate call DELETE on it to unsubscribe.
      Location: new URL(
        `/api/v1/webhooks/${created.id}`,
        deps.config.publicUrl ?? new URL(c.req.url).origin,
      ).href,
      // The secret is in this answer only: no cache keeps it.
      "Cache-Control": "no-store",
    });
  });
  app.openapi(get, async (c) => {
    return c.json(await service.getEndpoint(c.var.scope, c.req.valid("param").id), 200);
  });
  app.openapi(update, async (c) => {
    return c.json(
      await service.updateEndpoint(
        c.var.scope,
        deps.config,
        c.req.valid("param").id,
        c.req.valid("json"),
      ),
      200,
    );
  });
  app.openapi(remove, async (c) => {
    await service.deleteEndpoint(c.var.scope, c.req.valid("param").id);
    return c.body(null, 204);
  });
  app.openapi(test, async (c) => {
    return c.json({ messageId: await sendPing(c.var.scope, c.req.valid("param").id) }, 202);
  });
  app.openapi(deliveries, async (c) => {
    const { id } = c.req.valid("param");
    return c.json(await service.listDeliveries(c.var.scope, id, c.req.valid("query")), 200);
  });
}
