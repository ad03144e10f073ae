// /api/operator: the operators' API, authenticated by OPERATOR_API_KEY — never by a tenant's
// token. Off (404) when no key is configured.
import { json } from "../http/content.ts";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { appendAudit } from "../audit/chain.ts";
import type { Db } from "../db/client.ts";
import type { AppEnv } from "../env.ts";
import { ProblemError, problemResponses } from "../problem.ts";
import { TENANT_PLANS, TENANT_STATUSES } from "../../schema/core.ts";
import { changeTenant, listTenants, type TenantRow } from "./service.ts";
import { bearerValue, constantTimeEqual } from "../auth/credentials.ts";

const Tenant = z.object({
  id: z.string(),
  entraTenantId: z.string(),
  name: z.string(),
  plan: z.enum(TENANT_PLANS),
  status: z.enum(TENANT_STATUSES),
  trialEndsAt: z.string().datetime().nullable(),
  region: z.string(),
  createdAt: z.string().datetime(),
}).openapi("OperatorTenant");
const TenantChange = z.strictObject({
  plan: z.enum(TENANT_PLANS, { error: `one of ${TENANT_PLANS.join(", ")}` }).optional(),
  status: z.enum(TENANT_STATUSES, { error: `one of ${TENANT_STATUSES.join(", ")}` }).optional(),
  trialEndsAt: z.string().datetime({ offset: true }).nullable().optional(),
}).openapi("OperatorTenantChange");
const security = [{ operatorKey: [] }];

const list = createRoute({
  method: "get",
  path: "/api/operator/tenants",
  tags: ["operator"],
  security,
  operationId: "listTenants",
  summary: "List every tenant (operators only)",
  description: "Every workspace with its plan, status and trial end. Needs the operator key " +
    "(OPERATOR_API_KEY), not a tenant user's token; 404 when no operator key is configured.",
  responses: {
    200: { description: "Tenants", content: json(z.array(Tenant)) },
    ...problemResponses(401, 404),
  },
});
const change = createRoute({
  method: "patch",
  path: "/api/operator/tenants/{id}",
  tags: ["operator"],
  security,
  operationId: "updateTenant",
  summary: "Change a tenant's plan, status or trial end (operators only)",
  description:
    "Sets a workspace's plan, status or trial end. Needs the operator key (OPERATOR_API_KEY); " +
    "404 when no operator key is configured or the tenant is unknown.",
  request: {
    params: z.object({ id: z.string().min(1).max(64) }),
    body: { required: true, content: json(TenantChange) },
  },
  responses: {
    200: { description: "Changed", content: json(Tenant) },
    ...problemResponses(400, 401, 404, 415, 422),
  },
});

export function registerOperatorRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: { db: Db; operatorKey?: string; tenantChanged: (tenantId: string) => Promise<void> },
) {
  app.openAPIRegistry.registerComponent("securitySchemes", "operatorKey", {
    type: "http",
    scheme: "bearer",
    description: "OPERATOR_API_KEY from the server's configuration",
  });
  app.use("/api/operator/*", operatorOnly(deps.operatorKey));
  app.openapi(list, async (c) => c.json((await listTenants(deps.db)).map(toJson), 200));
  app.openapi(change, async (c) => {
    const body = c.req.valid("json");
    const row = await changeTenant(deps.db, c.req.valid("param").id, {
      plan: body.plan,
      status: body.status,
      trialEndsAt: body.trialEndsAt === undefined
        ? undefined
        : body.trialEndsAt === null
        ? null
        : new Date(body.trialEndsAt),
    });
    // A locked tenant is locked at its next request, in every instance sharing the cache.
    await deps.tenantChanged(row.id);
    // The tenant sees in its own trail that its plan or status was changed by an operator.
    await appendAudit(deps.db, {
      tenantId: row.id,
      actorType: "system",
      action: "operator.tenant-changed",
      method: "PATCH",
      route: "/api/operator/tenants/{id}",
      targetType: "tenant",
      targetId: row.id,
      requestId: c.get("requestId"),
      status: 200,
      details: {
        plan: row.plan,
        status: row.status,
        trialEndsAt: row.trialEndsAt?.toISOString() ?? null,
      },
    });
    return c.json(toJson(row), 200);
  });
}

/** Lets only requests with the operator key through (404 when none is configured). */
export function operatorOnly(key: string | undefined): MiddlewareHandler<AppEnv> {
  const expected = key;
  return async (c, next) => {
    if (!expected) throw new ProblemError(404, undefined, "The operator API is not enabled.");
    if (!constantTimeEqual(bearerValue(c.req.header("authorization")) ?? "", expected)) {
      throw new ProblemError(
        401,
        "invalid-operator-key",
        "Send the operator key as a bearer token.",
      );
    }
    await next();
  };
}

function toJson(t: TenantRow) {
  return {
    id: t.id,
    entraTenantId: t.entraTenantId,
    name: t.name,
    plan: t.plan,
    status: t.status,
    trialEndsAt: t.trialEndsAt ? t.trialEndsAt.toISOString() : null,
    region: t.region,
    createdAt: t.createdAt.toISOString(),
  };
}
