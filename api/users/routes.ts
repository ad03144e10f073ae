// /api/v1/users: who works in this tenant, with which role (executives administer).
import { json } from "../http/content.ts";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { pageOf, PagingQuery } from "../http/paging.ts";
import type { ProcedoPlugin } from "../plugin.ts";
import { trialExpired } from "../plans.ts";
import { ETagHeader, etagOf, IfMatchHeader, requireIfMatch } from "../http/preconditions.ts";
import { problemResponses } from "../problem.ts";
import { ROLES } from "../../schema/core.ts";
import * as service from "./service.ts";

const Role = z.enum(ROLES, { error: `one of ${ROLES.join(", ")}` });
const User = z.object({
  id: z.string(),
  displayName: z.string(),
  role: Role,
  active: z.boolean(),
  createdAt: z.string().datetime(),
  lastSeenAt: z.string().datetime().nullable(),
  version: z.number().int().openapi({ description: "Row version; the ETag names it" }),
}).openapi("User");
const Me = z.object({
  user: z.object({
    id: z.string(),
    displayName: z.string(),
    role: Role,
    kind: z.enum(["user", "api-key", "app"]),
  }),
  tenant: z.object({
    id: z.string(),
    name: z.string(),
    plan: z.enum(["trial", "standard", "excellence"]),
    status: z.enum(["active", "suspended", "offboarding", "deleted"]),
    trialEndsAt: z.string().datetime().nullable(),
    readOnly: z.boolean().openapi({ description: "An expired trial is read-only" }),
  }),
}).openapi("Me");
const UserPatch = z.strictObject({
  role: Role.optional(),
  active: z.boolean().optional(),
}).refine((v) => v.role !== undefined || v.active !== undefined, {
  error: "name a role or active",
}).openapi("UserPatch");
const UserName = z.object({ id: z.string(), displayName: z.string() }).openapi("UserName");
const UserId = z.string().uuid();
const splitIds = (v: string) => [...new Set(v.split(",").map((s) => s.trim()).filter(Boolean))];
const NamesQuery = z.object({
  ids: z.string({ error: "user ids (UUIDs) separated by commas" }).superRefine((v, ctx) => {
    const ids = splitIds(v);
    const problem = !ids.length
      ? "name at least one user id"
      : ids.length > service.MAX_NAME_IDS
      ? `at most ${service.MAX_NAME_IDS} user ids`
      : ids.some((id) => !UserId.safeParse(id).success)
      ? "user ids (UUIDs) separated by commas"
      : undefined;
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }).transform(splitIds).openapi({
    type: "string",
    description: `Up to ${service.MAX_NAME_IDS} user ids, separated by commas`,
    example: "0190a1b2-0000-7000-8000-000000000001,0190a1b2-0000-7000-8000-000000000002",
  }),
});
const IdParam = z.object({ id: z.string().uuid({ error: "must be a user id (UUID)" }) });
const ListQuery = PagingQuery.extend({
  role: Role.optional(),
  active: z.enum(["true", "false"]).optional().transform((v) =>
    v === undefined ? undefined : v === "true"
  ),
  q: z.string().max(100).optional(),
});

const me = createRoute({
  method: "get",
  path: "/me",
  operationId: "getMe",
  summary: "The signed-in user and their workspace",
  description:
    "Who the token or API key belongs to (id, display name, role, kind: user, api-key or app) " +
    "and the workspace (plan, status, trial end, read-only). Every signed-in user may ask.",
  "x-permission": "users.me",
  responses: { 200: { description: "You", content: json(Me) }, ...problemResponses(401, 403) },
});
const names = createRoute({
  method: "get",
  path: "/names",
  operationId: "listUserNames",
  summary: "Display names of users of this workspace, for everyone signed in",
  description: "Only the id and display name, for naming people in history and owner " +
    "columns. Ids of no user of this workspace are left out of the answer.",
  "x-permission": "users.names",
  request: { query: NamesQuery },
  responses: {
    200: {
      description: "The users found, by display name",
      content: json(z.array(UserName).openapi("UserNames")),
    },
    ...problemResponses(401, 403, 422),
  },
});
const list = createRoute({
  method: "get",
  path: "/",
  operationId: "listUsers",
  summary: "List users",
  description:
    "The users of the workspace, filtered by role, active state or part of the name or e-mail, " +
    "paged. Executives only.",
  "x-permission": "users.read",
  request: { query: ListQuery },
  responses: {
    200: { description: "A page of users", content: json(pageOf(User, "UserPage")) },
    ...problemResponses(401, 403, 422),
  },
});
const get = createRoute({
  method: "get",
  path: "/{id}",
  operationId: "getUser",
  summary: "Get a user",
  description:
    "One user of the workspace with role and status; the ETag is the version for If-Match. " +
    "Executives only.",
  "x-permission": "users.read",
  request: { params: IdParam },
  responses: {
    200: { description: "The user", headers: ETagHeader, content: json(User) },
    ...problemResponses(401, 403, 404, 422),
  },
});
const patch = createRoute({
  method: "patch",
  path: "/{id}",
  operationId: "updateUser",
  summary: "Change a user's role, deactivate or reactivate them (If-Match required)",
  description: "A stale If-Match is refused with 412 whose `current` holds the user as they " +
    "are now; without If-Match, 428. The last active executive stays (409 last-executive).",
  "x-permission": "users.manage",
  request: {
    params: IdParam,
    headers: IfMatchHeader,
    body: { required: true, content: json(UserPatch) },
  },
  responses: {
    200: { description: "Changed", headers: ETagHeader, content: json(User) },
    ...problemResponses(400, 401, 403, 404, 409, 412, 415, 422, 428),
  },
});

function registerUserRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(me, (c) => {
    const p = c.var.principal!;
    const t = c.var.tenant!;
    return c.json({
      user: { id: p.userId, displayName: p.displayName, role: p.role, kind: p.kind },
      tenant: {
        id: t.id,
        name: t.name,
        plan: t.plan,
        status: t.status,
        trialEndsAt: t.trialEndsAt ? t.trialEndsAt.toISOString() : null,
        readOnly: trialExpired(t),
      },
    }, 200);
  });
  // Before /{id}, which would take "names" for an id.
  app.openapi(names, async (c) => {
    return c.json(await service.userNames(c.var.scope, c.req.valid("query").ids), 200);
  });
  app.openapi(list, async (c) => {
    const { role, active, q, limit, offset } = c.req.valid("query");
    return c.json(
      await service.listUsers(c.var.scope, { role, active, search: q, limit, offset }),
      200,
    );
  });
  app.openapi(get, async (c) => {
    const user = await service.getUser(c.var.scope, c.req.valid("param").id);
    return c.json(user, 200, { ETag: etagOf(user.version) });
  });
  app.openapi(patch, async (c) => {
    const { after } = await service.changeUser(
      c.var.scope,
      c.req.valid("param").id,
      c.req.valid("json"),
      (current) => requireIfMatch(c, current.version, current),
    );
    return c.json(after, 200, { ETag: etagOf(after.version) });
  });
}

/** The core's user administration, mounted like a plugin so it gets the same guards. */
export const usersCorePlugin: ProcedoPlugin = {
  name: "users",
  description: "Users of the workspace and their roles",
  permissions: {
    "users.me": "reader",
    "users.names": "reader",
    "users.read": "executive",
    "users.manage": "executive",
  },
  personOnly: ["users.manage"],
  routes: (app) => registerUserRoutes(app),
};
