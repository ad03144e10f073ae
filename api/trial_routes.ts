// Self-service trial ("a test system by one click"): a signed-in user of an Entra tenant
// that Procedo does not know yet creates a seeded workspace and becomes its executive.
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { tenants } from "../schema/core.ts";
import { appendAudit } from "./audit/chain.ts";
import type { TokenVerifier } from "./auth/verify.ts";
import { isDuplicateKey } from "./db/errors.ts";
import type { AppEnv } from "./env.ts";
import { TRIAL_DAYS } from "./plans.ts";
import type { PluginDeps } from "./plugin.ts";
import { ProblemError, problemResponses } from "./problem.ts";
import { findOrCreateUser, verifyBearer } from "./tenancy.ts";
import { createTenant } from "./tenants.ts";

const TrialRequest = z.strictObject({
  name: z.string().trim().min(1, { error: "must not be empty" }).max(200, {
    error: "at most 200 characters",
  }).openapi({ description: "The organisation's name", example: "Contoso Ltd" }),
}).openapi("TrialRequest");

const Workspace = z.object({
  id: z.string(),
  name: z.string(),
  plan: z.enum(["trial", "standard", "excellence"]),
  status: z.enum(["active", "suspended", "offboarding", "deleted"]),
  trialEndsAt: z.string().datetime().nullable(),
  role: z.enum(["reader", "modeler", "executive"]).openapi({ description: "Your role in it" }),
}).openapi("Workspace");

const startTrial = createRoute({
  method: "post",
  path: "/api/v1/tenants/trial",
  tags: ["tenants"],
  operationId: "startTrial",
  summary: "Start a free 14-day trial for your organisation (idempotent)",
  description:
    "Creates a workspace for the caller's Entra ID organisation on the 14-day trial plan. " +
    "Calling again answers 200 with the existing workspace. A person must call it, not an app " +
    "(403). Rate limited per address.",
  request: { body: { required: true, content: { "application/json": { schema: TrialRequest } } } },
  responses: {
    201: { description: "Created", content: { "application/json": { schema: Workspace } } },
    200: {
      description: "Your organisation already has a workspace",
      content: { "application/json": { schema: Workspace } },
    },
    ...problemResponses(400, 401, 403, 415, 422),
  },
});

export function registerTrialRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: PluginDeps & { verifier: TokenVerifier },
) {
  app.openapi(startTrial, async (c) => {
    const token = await verifyBearer(deps.verifier, c.req.header("authorization"));
    if (token.appOnly) {
      throw new ProblemError(403, "user-required", "A trial is started by a person, not an app.");
    }
    const { name } = c.req.valid("json");
    let created = false;
    let tenant = await byEntraId(deps, token.tid);
    if (!tenant) {
      try {
        await createTenant(deps, {
          entraTenantId: token.tid,
          name,
          plan: "trial",
          trialEndsAt: new Date(Date.now() + TRIAL_DAYS * 24 * 3600 * 1000),
        });
        created = true;
      } catch (e) {
        // Two first clicks at once: the unique Entra tenant id lets one win; use theirs.
        if (!isDuplicateKey(e)) throw e;
      }
      tenant = await byEntraId(deps, token.tid);
    }
    if (!tenant) throw new ProblemError(500);
    if (tenant.status !== "active") {
      throw new ProblemError(403, "tenant-locked", `This workspace is ${tenant.status}.`);
    }
    const { user } = await findOrCreateUser(
      deps.db,
      tenant.id,
      token.oid,
      token.name ?? "Unnamed user",
    );
    if (created) {
      await appendAudit(deps.db, {
        tenantId: tenant.id,
        actorType: "user",
        actorId: user.id,
        action: "tenants.trial-started",
        method: "POST",
        route: "/api/v1/tenants/trial",
        targetType: "tenant",
        targetId: tenant.id,
        requestId: c.get("requestId"),
        status: 201,
        details: { plan: "trial", trialEndsAt: tenant.trialEndsAt?.toISOString() ?? null },
      });
    }
    const body = {
      id: tenant.id,
      name: tenant.name,
      plan: tenant.plan,
      status: tenant.status,
      trialEndsAt: tenant.trialEndsAt ? tenant.trialEndsAt.toISOString() : null,
      role: user.role,
    };
    return created ? c.json(body, 201) : c.json(body, 200);
  });
}

async function byEntraId(deps: PluginDeps, tid: string) {
  const [row] = await deps.db.select().from(tenants).where(eq(tenants.entraTenantId, tid)).limit(1);
  return row;
}
