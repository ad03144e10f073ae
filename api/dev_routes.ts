// Dev sign-in: tokens for demo users from the local issuer. Registered only in dev mode.
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { DevIssuer } from "./auth/dev_issuer.ts";
import type { Db } from "./db/client.ts";
import { DEMO_TENANTS } from "./demo.ts";
import type { AppEnv } from "./env.ts";
import { problemResponses } from "./problem.ts";

const DemoUser = z.object({
  tid: z.string(),
  oid: z.string(),
  name: z.string(),
  role: z.enum(["reader", "modeler", "executive"]),
  tenantName: z.string(),
}).openapi("DemoUser");

const TokenRequest = z.object({
  tid: z.string().uuid().openapi({ description: "The Entra tenant id to sign in as" }),
  oid: z.string().uuid().openapi({ description: "The user's object id" }),
  name: z.string().min(1).max(200).optional(),
}).openapi("DevTokenRequest");

const TokenResponse = z.object({
  accessToken: z.string(),
  tokenType: z.literal("Bearer"),
  expiresIn: z.number().int(),
}).openapi("DevToken");

const listUsers = createRoute({
  method: "get",
  path: "/api/v1/dev/users",
  tags: ["dev"],
  security: [],
  operationId: "listDemoUsers",
  summary: "Demo users of both demo tenants (dev mode only)",
  description: "The demo users a developer can sign in as. Exists only when the server runs with " +
    "AUTH_MODE=dev; elsewhere the path answers 404.",
  responses: {
    200: {
      description: "Demo users",
      content: { "application/json": { schema: z.array(DemoUser) } },
    },
    ...problemResponses(404),
  },
});

const issueToken = createRoute({
  method: "post",
  path: "/api/v1/dev/token",
  tags: ["dev"],
  security: [],
  operationId: "issueDevToken",
  summary: "Issue a dev access token (dev mode only)",
  description:
    "Signs a short-lived access token for a demo user, accepted like an Entra ID token by every " +
    "route. Exists only when the server runs with AUTH_MODE=dev; elsewhere the path answers 404.",
  request: { body: { required: true, content: { "application/json": { schema: TokenRequest } } } },
  responses: {
    200: { description: "A token", content: { "application/json": { schema: TokenResponse } } },
    ...problemResponses(404, 415, 422),
  },
});

export function registerDevRoutes(app: OpenAPIHono<AppEnv>, deps: { db: Db; issuer: DevIssuer }) {
  app.openapi(listUsers, (c) =>
    c.json(
      DEMO_TENANTS.flatMap((t) =>
        t.users.map((u) => ({
          tid: t.entraTenantId,
          oid: u.oid,
          name: u.name,
          role: u.role,
          tenantName: t.name,
        }))
      ),
      200,
    ));
  app.openapi(issueToken, async (c) => {
    const body = c.req.valid("json");
    const ttl = 3600;
    const name = body.name ??
      DEMO_TENANTS.flatMap((t) => t.users).find((u) => u.oid === body.oid)?.name;
    const accessToken = await deps.issuer.sign({ tid: body.tid, oid: body.oid, name }, ttl);
    return c.json({ accessToken, tokenType: "Bearer" as const, expiresIn: ttl }, 200);
  });
}
