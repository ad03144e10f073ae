// The approval flow: a modeler submits the draft (it goes into review and waits), the
// process owner or an executive approves (publishing version n, with an optional comment
// kept beside the change note) or rejects with a reason, and the requester or an executive
// can withdraw the request. With four-eyes approval on (the tenant setting
// processes.fourEyes, default on) the submitter cannot approve their own request. A draft
// with no change since the last version cannot be submitted. Every step locks the draft
// first, so concurrent decisions serialise and the second one sees a decided task.
import { and, desc, eq, inArray, type SQL } from "drizzle-orm";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import { publishEvent } from "../../api/events.ts";
import type { PluginDeps, ProcedoPlugin } from "../../api/plugin.ts";
import { ProblemError } from "../../api/problem.ts";
import { uuidv7 } from "../../api/db/ids.ts";
import type { Role } from "../../schema/core.ts";
import {
  assertVersion,
  draftInReview,
  lockDraft,
  processNotFound,
  transact,
} from "./draft_service.ts";
import {
  assertChangedSincePublished,
  assertPublishable,
  publishInTransaction,
} from "./publish_service.ts";
import { APPROVAL_STATES, processApprovals, processDrafts, processes } from "./schema.ts";
import { fourEyesOn } from "./settings.ts";

export type ApprovalState = typeof APPROVAL_STATES[number];

export interface Approval {
  id: string;
  processId: string;
  processTitle: string;
  draftVersion: number;
  changeNote: string;
  state: ApprovalState;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
  comment: string | null;
  publishedVersion: number | null;
}

/** Who acts: the caller's user id (an API key's id for a key) and role. */
export interface Actor {
  userId: string;
  role: Role;
}

type ApprovalRow = typeof processApprovals.$inferSelect;

/**
 * Submits the draft for approval: 412 unless `expectedVersion` is the draft's, 409 when it
 * is already in review, 409 `no-changes` when it equals the last published version, 422
 * `validation-errors` when the model has errors.
 */
export async function submitForApproval(
  scope: TenantScope,
  processId: string,
  opts: {
    changeNote: string;
    expectedVersion: number | "*";
    actor: Actor;
    plugins: readonly ProcedoPlugin[];
    /** With it, "approval.requested" is published (api/events.ts) in the same transaction. */
    deps?: PluginDeps;
  },
): Promise<Approval> {
  return await transact(scope, async (tx) => {
    const draft = await lockDraft(tx, processId);
    if (draft.state === "in_review") throw draftInReview(processId);
    await assertVersion(tx, draft, opts.expectedVersion);
    await assertChangedSincePublished(tx, processId, draft.graph);
    await assertPublishable(tx, draft.graph, opts.plugins);
    const row: Omit<ApprovalRow, "tenantId"> = {
      id: uuidv7(),
      processId,
      draftVersion: draft.version,
      changeNote: opts.changeNote,
      state: "open",
      requestedBy: opts.actor.userId,
      requestedAt: new Date(),
      decidedBy: null,
      decidedAt: null,
      reason: null,
      comment: null,
      publishedVersion: null,
    };
    await tx.insert(processApprovals, row);
    await tx.update(processDrafts, { state: "in_review" }, eq(processDrafts.processId, processId));
    const approval = (await toApprovals(tx, [{ ...row, tenantId: tx.tenantId }]))[0];
    if (opts.deps) {
      await publishEvent(tx, opts.deps, {
        type: "approval.requested",
        data: approvalEventData(approval, opts.actor.userId),
      });
    }
    return approval;
  });
}

/** Withdraws the open request (the requester or an executive); the draft is editable again. */
export async function withdrawApproval(
  scope: TenantScope,
  processId: string,
  actor: Actor,
): Promise<Approval> {
  return await transact(scope, async (tx) => {
    await lockDraft(tx, processId);
    const open = await tx.first(
      processApprovals,
      and(eq(processApprovals.processId, processId), eq(processApprovals.state, "open")),
      { forUpdate: true },
    );
    if (!open) {
      throw new ProblemError(
        409,
        "no-open-approval",
        `The draft of ${processId} is not in review.`,
      );
    }
    if (open.requestedBy !== actor.userId && actor.role !== "executive") {
      throw new ProblemError(
        403,
        "not-requester",
        "Only who requested the approval, or an executive, can withdraw it.",
      );
    }
    return await decide(tx, open, "withdrawn", actor.userId, {}, null);
  });
}

/**
 * Approves an open request (the process owner or an executive; with four-eyes on, not who
 * submitted it: 409 `four-eyes`): publishes the submitted draft as the next version with
 * the request's change note and the approver's `comment` beside it.
 */
export async function approve(
  scope: TenantScope,
  processId: string,
  approvalId: string,
  opts: {
    comment?: string;
    actor: Actor;
    plugins: readonly ProcedoPlugin[];
    /** With it, "process.published" and "approval.decided" are published in the transaction. */
    deps?: PluginDeps;
  },
): Promise<Approval> {
  return await transact(scope, async (tx) => {
    const task = await openTask(tx, processId, approvalId, opts.actor);
    if (task.requestedBy === opts.actor.userId && await fourEyesOn(tx)) {
      throw new ProblemError(
        409,
        "four-eyes",
        "Four-eyes approval is on (setting processes.fourEyes): who submitted a draft cannot " +
          "approve it. The process owner or an executive other than you decides; an " +
          "executive can turn the rule off in the settings.",
        { rule: "four-eyes", setting: "processes.fourEyes", requestedBy: task.requestedBy },
      );
    }
    const comment = opts.comment ?? null;
    const { number } = await publishInTransaction(tx, processId, {
      changeNote: task.changeNote,
      requestedBy: task.requestedBy,
      approvedBy: opts.actor.userId,
      approvalComment: comment,
      plugins: opts.plugins,
      deps: opts.deps,
    }, true);
    const approval = await decide(tx, task, "approved", opts.actor.userId, { comment }, number);
    if (opts.deps) await publishDecision(tx, opts.deps, approval, opts.actor.userId);
    return approval;
  });
}

/** Rejects an open request with a reason (the process owner or an executive). */
export async function reject(
  scope: TenantScope,
  processId: string,
  approvalId: string,
  opts: { reason: string; actor: Actor; deps?: PluginDeps },
): Promise<Approval> {
  return await transact(scope, async (tx) => {
    const task = await openTask(tx, processId, approvalId, opts.actor);
    const approval = await decide(tx, task, "rejected", opts.actor.userId, {
      reason: opts.reason,
    }, null);
    if (opts.deps) await publishDecision(tx, opts.deps, approval, opts.actor.userId);
    return approval;
  });
}

/** The approval requests of one process, newest first. */
export async function listApprovals(
  scope: TenantScope,
  processId: string,
  page: { limit: number; offset: number },
) {
  if (!await scope.first(processes, eq(processes.id, processId))) {
    throw processNotFound(processId);
  }
  return await pageOf(scope, eq(processApprovals.processId, processId), page);
}

/**
 * Approval tasks of the tenant, newest first; `mine`: of the processes the caller owns
 * (every process for executives, who may decide them all).
 */
export async function approvalTasks(
  scope: TenantScope,
  q: { state?: ApprovalState; mine: boolean; actor: Actor; limit: number; offset: number },
) {
  const filters: SQL[] = [];
  if (q.state) filters.push(eq(processApprovals.state, q.state));
  if (q.mine && q.actor.role !== "executive") {
    const owned = await scope.select(processes, {
      where: eq(processes.ownerUserId, q.actor.userId),
    });
    if (!owned.length) return { items: [], total: 0, limit: q.limit, offset: q.offset };
    filters.push(inArray(processApprovals.processId, owned.map((p) => p.id)));
  }
  return await pageOf(scope, filters.length ? and(...filters) : undefined, q);
}

/** The open task `approvalId` of the process, locked, after checking the actor may decide it. */
async function openTask(tx: TenantScope, processId: string, approvalId: string, actor: Actor) {
  const draft = await lockDraft(tx, processId);
  const task = await tx.first(
    processApprovals,
    and(eq(processApprovals.processId, processId), eq(processApprovals.id, approvalId)),
    { forUpdate: true },
  );
  if (!task) {
    throw new ProblemError(404, undefined, `Process ${processId} has no approval ${approvalId}.`);
  }
  const process = await tx.first(processes, eq(processes.id, processId));
  if (process?.ownerUserId !== actor.userId && actor.role !== "executive") {
    throw new ProblemError(
      403,
      "not-process-owner",
      "Only the process owner or an executive can decide this approval.",
    );
  }
  if (task.state !== "open") {
    throw new ProblemError(409, "approval-decided", `This approval was already ${task.state}.`, {
      state: task.state,
      decidedBy: task.decidedBy,
      decidedAt: task.decidedAt?.toISOString() ?? null,
    });
  }
  if (draft.version !== task.draftVersion) {
    // Cannot happen while the draft is locked in review; refuse rather than publish
    // something nobody reviewed.
    throw new ProblemError(
      409,
      "approval-stale",
      "The draft changed after this approval was requested; request approval again.",
    );
  }
  return task;
}

async function decide(
  tx: TenantScope,
  task: ApprovalRow,
  state: Exclude<ApprovalState, "open">,
  actorId: string,
  words: { reason?: string | null; comment?: string | null },
  publishedVersion: number | null,
): Promise<Approval> {
  const patch = {
    state,
    decidedBy: actorId,
    decidedAt: new Date(),
    reason: words.reason ?? null,
    comment: words.comment ?? null,
    publishedVersion,
  };
  await tx.update(processApprovals, patch, eq(processApprovals.id, task.id));
  await tx.update(processDrafts, { state: "editing" }, eq(processDrafts.processId, task.processId));
  return (await toApprovals(tx, [{ ...task, ...patch }]))[0];
}

/**
 * Closes the open request of a process as withdrawn, when a system change (unlinking a
 * deleted object) has to edit a draft in review. Returns the withdrawn task's id.
 */
export async function withdrawForSystemChange(
  tx: TenantScope,
  processId: string,
  actorId: string,
  reason: string,
): Promise<string | null> {
  const open = await tx.first(
    processApprovals,
    and(eq(processApprovals.processId, processId), eq(processApprovals.state, "open")),
    { forUpdate: true },
  );
  if (!open) return null;
  await decide(tx, open, "withdrawn", actorId, { reason: reason.slice(0, 2000) }, null);
  return open.id;
}

/** What approval events carry: ids, the title and the version, not the words people wrote. */
function approvalEventData(a: Approval, actorId: string) {
  return {
    approvalId: a.id,
    processId: a.processId,
    processTitle: a.processTitle,
    draftVersion: a.draftVersion,
    actorId,
  };
}

function publishDecision(tx: TenantScope, deps: PluginDeps, a: Approval, actorId: string) {
  return publishEvent(tx, deps, {
    type: "approval.decided",
    data: {
      ...approvalEventData(a, actorId),
      decision: a.state,
      publishedVersion: a.publishedVersion,
    },
  });
}

async function pageOf(
  scope: TenantScope,
  where: SQL | undefined,
  page: { limit: number; offset: number },
) {
  const [rows, total] = await Promise.all([
    scope.select(processApprovals, {
      where,
      orderBy: [desc(processApprovals.requestedAt), desc(processApprovals.id)],
      limit: page.limit,
      offset: page.offset,
    }),
    scope.count(processApprovals, where),
  ]);
  return { items: await toApprovals(scope, rows), total, limit: page.limit, offset: page.offset };
}

async function toApprovals(scope: TenantScope, rows: ApprovalRow[]): Promise<Approval[]> {
  const ids = [...new Set(rows.map((r) => r.processId))];
  const titles = new Map(
    ids.length
      ? (await scope.select(processes, { where: inArray(processes.id, ids) })).map((p) => [
        p.id,
        p.title,
      ])
      : [],
  );
  return rows.map((r) => ({
    id: r.id,
    processId: r.processId,
    processTitle: titles.get(r.processId) ?? "",
    draftVersion: r.draftVersion,
    changeNote: r.changeNote,
    state: r.state,
    requestedBy: r.requestedBy,
    requestedAt: r.requestedAt.toISOString(),
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    reason: r.reason,
    comment: r.comment,
    publishedVersion: r.publishedVersion,
  }));
}
