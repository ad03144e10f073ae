// The approval flow: submit, withdraw, approve, reject, the history of one process and the
// approval tasks of the tenant.
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../api/env.ts";
import { pageOf, PagingQuery } from "../../api/http/paging.ts";
import type { PluginDeps } from "../../api/plugin.ts";
import { problemResponses } from "../../api/problem.ts";
import * as approvals from "./approval_service.ts";
import { announceApprovalEvent } from "./approval_events.ts";
import { createLogger } from "../../api/log.ts";
import {
  actorOf,
  ApprovalSchema,
  IdParam,
  IfMatchHeaders,
  json,
  note,
} from "./draft_api_schemas.ts";
import { expectedVersionOf } from "./draft_service.ts";
import { APPROVAL_STATES } from "./schema.ts";

const ApprovalParam = IdParam.extend({
  approvalId: z.string().uuid({ error: "must be an approval id (UUID)" }),
});

const Submit = z.strictObject({ changeNote: note("changeNote") }).openapi("ApprovalRequest");
const Approve = z.strictObject({
  comment: note("comment").optional().openapi({
    description: "The approver's comment, kept beside the submitter's change note",
  }),
}).openapi("ApprovalDecision");
const Reject = z.strictObject({ reason: note("reason") }).openapi("ApprovalRejection");

const TasksQuery = PagingQuery.extend({
  state: z.enum(APPROVAL_STATES, { error: `one of ${APPROVAL_STATES.join(", ")}` }).optional(),
  mine: z.enum(["true", "false"]).default("false").openapi({
    description: "Only processes you own (executives: all, as they may decide every one)",
  }),
});

const ApprovalPage = pageOf(ApprovalSchema, "ProcessApprovalPage");

const submitRoute = createRoute({
  method: "post",
  path: "/{id}/draft/submit",
  operationId: "submitDraft",
  summary: "Request approval of the draft (If-Match of the draft required)",
  description:
    "Opens an approval task for the process owner; the draft is in review until approved, " +
    "rejected or withdrawn. A model with validation errors is refused with 422 " +
    "`validation-errors`; a draft with no change since the last published version (the same " +
    "graph as GET /diff compares it, and the same title) with 409 `no-changes`.",
  "x-permission": "processes.write",
  request: {
    params: IdParam,
    headers: IfMatchHeaders,
    body: { required: true, content: json(Submit) },
  },
  responses: {
    201: { description: "The approval task", content: json(ApprovalSchema) },
    ...problemResponses(400, 401, 403, 404, 409, 412, 415, 422, 428),
  },
});

const withdrawRoute = createRoute({
  method: "post",
  path: "/{id}/draft/withdraw",
  operationId: "withdrawDraft",
  summary: "Withdraw the open approval request (the requester or an executive)",
  description:
    "Withdraws the draft's open approval request, so it can be changed again. The requester or " +
    "an executive; 409 when no request is open.",
  "x-permission": "processes.write",
  request: { params: IdParam },
  responses: {
    200: { description: "The withdrawn task", content: json(ApprovalSchema) },
    ...problemResponses(401, 403, 404, 409),
  },
});

const historyRoute = createRoute({
  method: "get",
  path: "/{id}/approvals",
  operationId: "listProcessApprovals",
  summary: "Approval requests of a process, newest first",
  description:
    "Every approval request of the process with requester, decider, decision and reason, newest " +
    "first, paged. Modelers and executives.",
  "x-permission": "processes.write",
  request: { params: IdParam, query: PagingQuery },
  responses: {
    200: { description: "A page of approval requests", content: json(ApprovalPage) },
    ...problemResponses(401, 403, 404, 422),
  },
});

const approveRoute = createRoute({
  method: "post",
  path: "/{id}/approvals/{approvalId}/approve",
  operationId: "approveDraft",
  summary: "Approve and publish (the process owner or an executive)",
  description: "Publishes the draft as the next version with the request's change note and " +
    "the approver's `comment` beside it. With four-eyes approval on (setting " +
    "`processes.fourEyes`, default on) who submitted the request cannot approve it: 409 " +
    "`four-eyes`; for an API key, the submitter is the key.",
  "x-permission": "processes.approve",
  request: { params: ApprovalParam, body: { required: false, content: json(Approve) } },
  responses: {
    200: {
      description: "The approved task, naming the published version",
      content: json(ApprovalSchema),
    },
    ...problemResponses(400, 401, 403, 404, 409, 415, 422),
  },
});

const rejectRoute = createRoute({
  method: "post",
  path: "/{id}/approvals/{approvalId}/reject",
  operationId: "rejectDraft",
  summary: "Reject with a reason (the process owner or an executive)",
  description:
    "Rejects the open approval request with a reason the requester is told; the draft stays as " +
    "it is. The process owner or an executive; 409 when the request is no longer open.",
  "x-permission": "processes.approve",
  request: { params: ApprovalParam, body: { required: true, content: json(Reject) } },
  responses: {
    200: { description: "The rejected task", content: json(ApprovalSchema) },
    ...problemResponses(400, 401, 403, 404, 409, 415, 422),
  },
});

export const tasksRoute = createRoute({
  method: "get",
  path: "/approvals",
  operationId: "listApprovalTasks",
  summary: "Approval tasks of the workspace",
  description: "`mine=true`: of the processes you own (executives see all).",
  "x-permission": "processes.approve",
  request: { query: TasksQuery },
  responses: {
    200: { description: "A page of approval tasks", content: json(ApprovalPage) },
    ...problemResponses(401, 403, 422),
  },
});

/** GET /approvals: a static path, registered before any /{id} route. */
export function registerApprovalTasksRoute(app: OpenAPIHono<AppEnv>) {
  app.openapi(tasksRoute, async (c) => {
    const q = c.req.valid("query");
    return c.json(
      await approvals.approvalTasks(c.var.scope, {
        state: q.state,
        mine: q.mine === "true",
        actor: actorOf(c),
        limit: q.limit,
        offset: q.offset,
      }),
      200,
    );
  });
}

export function registerApprovalRoutes(app: OpenAPIHono<AppEnv>, deps: PluginDeps) {
  const logger = createLogger(deps.config.logLevel);
  // After the decision committed: listeners (processes.approvalEvents) learn of it.
  const announce = (
    c: { var: AppEnv["Variables"] },
    type: "requested" | "approved" | "rejected" | "withdrawn",
    approval: approvals.Approval,
  ) =>
    announceApprovalEvent(c.var.scope, deps, {
      type,
      approval,
      actorId: c.var.principal!.userId,
    }, logger);

  app.openapi(submitRoute, async (c) => {
    const task = await approvals.submitForApproval(c.var.scope, c.req.valid("param").id, {
      changeNote: c.req.valid("json").changeNote,
      expectedVersion: expectedVersionOf(c.req.header("if-match")),
      actor: actorOf(c),
      plugins: deps.plugins,
      deps,
    });
    await announce(c, "requested", task);
    return c.json(task, 201);
  });

  app.openapi(withdrawRoute, async (c) => {
    const task = await approvals.withdrawApproval(c.var.scope, c.req.valid("param").id, actorOf(c));
    await announce(c, "withdrawn", task);
    return c.json(task, 200);
  });

  app.openapi(historyRoute, async (c) => {
    const { limit, offset } = c.req.valid("query");
    return c.json(
      await approvals.listApprovals(c.var.scope, c.req.valid("param").id, { limit, offset }),
      200,
    );
  });

  app.openapi(approveRoute, async (c) => {
    const { id, approvalId } = c.req.valid("param");
    const body = (c.req.valid("json") ?? {}) as z.infer<typeof Approve>;
    const task = await approvals.approve(c.var.scope, id, approvalId, {
      comment: body.comment,
      actor: actorOf(c),
      plugins: deps.plugins,
      deps,
    });
    await announce(c, "approved", task);
    return c.json(task, 200);
  });

  app.openapi(rejectRoute, async (c) => {
    const { id, approvalId } = c.req.valid("param");
    const task = await approvals.reject(c.var.scope, id, approvalId, {
      reason: c.req.valid("json").reason,
      actor: actorOf(c),
      deps,
    });
    await announce(c, "rejected", task);
    return c.json(task, 200);
  });
}
