// /api/v1/api-keys: executives create, list and revoke the workspace's API keys (excellence
// plan). Mounted like a plugin (see app.ts), so the routes sit behind the same tenancy, rate
// limit and role checks; every route needs "api-keys.manage" (executive).
import { json } from "../http/content.ts";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { ROLES } from "../../schema/core.ts";
import type { AppEnv } from "../env.ts";
import { pageOf, PagingQuery } from "../http/paging.ts";
import { requireFeature } from "../plans.ts";
import type { ProcedoPlugin } from "../plugin.ts";
import { problemResponses } from "../problem.ts";
import * as service from "./service.ts";

/** How far ahead a key may expire. */
const MAX_LIFETIME_YEARS = 2;

const Role = z.enum(ROLES, { error: `one of ${ROLES.join(", ")}` });

const ApiKey = z.object({
  id: z.string().uuid(),
  name: z.string(),
  role: Role,
  keyPrefix: z.string().openapi({
    description: "The public start of the key (pk_<tenant>_<prefix>), to tell keys apart",
    example: "pk_0190f5a1c2d37b4e8f00112233445566_k3j2m4n5",
  }),
  status: z.enum(["active", "expired", "revoked"]),
  createdBy: z.string().openapi({ description: "The id of the user who created the key" }),
  createdAt: z.string().datetime(),
  expiresAt: z.string().datetime(),
  revokedAt: z.string().datetime().nullable(),
  lastUsedAt: z.string().datetime().nullable().openapi({
    description: "When the key was last used, to the minute",
  }),
}).openapi("ApiKey");

const ApiKeyCreated = ApiKey.extend({
  key: z.string().openapi({
    description: "The API key. Shown only in this response: store it now.",
  }),
}).openapi("ApiKeyCreated");

const ApiKeyCreate = z.strictObject({
  name: z.string().trim().min(1, { error: "must not be empty" }).max(100, {
    error: "at most 100 characters",
  }),
  role: Role,
  expiresAt: z.iso.datetime({ offset: true, error: "an ISO 8601 date and time" })
    .refine((v) => Date.parse(v) > Date.now(), { error: "must be in the future" })
    .refine((v) => Date.parse(v) <= latestExpiry().getTime(), {
      error: `at most ${MAX_LIFETIME_YEARS} years ahead`,
    })
    .openapi({
      description:
        `When the key stops working; in the future, at most ${MAX_LIFETIME_YEARS} years ahead`,
      example: "2027-01-31T00:00:00Z",
    }),
}).openapi("ApiKeyCreate");

const IdParam = z.object({ id: z.string().uuid({ error: "must be an API key id (UUID)" }) });

const create = createRoute({
  method: "post",
  path: "/",
  operationId: "createApiKey",
  summary: "Create an API key (excellence plan); the key is shown once",
  description:
    "Creates a key with a role and an expiry (at most two years ahead) for programs that call " +
    "the API (X-API-Key header). The key itself is in this response only. Executives in person, " +
    "on the excellence plan.",
  "x-permission": "api-keys.manage",
  middleware: [planAllowsKeys()] as const,
  request: { body: { required: true, content: json(ApiKeyCreate) } },
  responses: {
    201: {
      description: "Created; the body holds the key, which is not shown again",
      headers: {
        "Cache-Control": { schema: { type: "string" as const }, description: "no-store" },
      },
      content: json(ApiKeyCreated),
    },
    ...problemResponses(400, 401, 403, 409, 413, 415, 422, 429),
  },
});

const list = createRoute({
  method: "get",
  path: "/",
  operationId: "listApiKeys",
  summary: "List API keys (metadata only, never the key)",
  description:
    "The workspace's API keys with prefix, role, status, expiry and last use; never the key " +
    "itself. Executives in person.",
  "x-permission": "api-keys.manage",
  request: { query: PagingQuery },
  responses: {
    200: { description: "A page of API keys", content: json(pageOf(ApiKey, "ApiKeyPage")) },
    ...problemResponses(401, 403, 422, 429),
  },
});

const revoke = createRoute({
  method: "delete",
  path: "/{id}",
  operationId: "revokeApiKey",
  summary: "Revoke an API key (at once; revoking again changes nothing)",
  description:
    "Revokes a key at once; later requests with it answer 401. Revoking a revoked key changes " +
    "nothing. Executives in person.",
  "x-permission": "api-keys.manage",
  request: { params: IdParam },
  responses: {
    204: { description: "Revoked" },
    ...problemResponses(401, 403, 404, 422, 429),
  },
});

/** Creating keys needs the excellence plan; listing and revoking stay open for clean-up. */
function planAllowsKeys(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    requireFeature(c.var.tenant!, "apiKeys");
    await next();
  };
}

function latestExpiry(now = new Date()): Date {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() + MAX_LIFETIME_YEARS);
  return d;
}

function registerApiKeyRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(create, async (c) => {
    const body = c.req.valid("json");
    const created = await service.createApiKey(
      c.var.scope,
      { name: body.name, role: body.role, expiresAt: new Date(body.expiresAt) },
      c.var.principal!.userId,
    );
    return c.json(created, 201, { "Cache-Control": "no-store" });
  });

  app.openapi(list, async (c) => {
    const { limit, offset } = c.req.valid("query");
    return c.json(await service.listApiKeys(c.var.scope, { limit, offset }), 200);
  });

  app.openapi(revoke, async (c) => {
    await service.revokeApiKey(c.var.scope, c.req.valid("param").id);
    return c.body(null, 204);
  });
}

/** The core's API key administration, mounted like a plugin (its name is reserved). */
export const apiKeysCorePlugin: ProcedoPlugin = {
  name: "api-keys",
  description: "API keys for programs (excellence plan), managed by executives",
  permissions: { "api-keys.manage": "executive" },
  // An executive API key that could mint keys would let a leaked key outlive its revocation.
  personOnly: ["api-keys.manage"],
  routes: (app) => registerApiKeyRoutes(app),
};
