// The extension point "processes.approvalEvents": plugins that want to know when approval is
// requested or decided (collaboration notifies approvers and the requester) contribute an
// ApprovalListener. Listeners run after the decision is committed; one that fails is logged
// and does not undo or fail the decision. Who decides an approval is this plugin's rule, so
// the approvers and the approvals awaiting someone are answered here too.
import { and, desc, eq, inArray, isNull, ne, or } from "drizzle-orm";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import type { Logger } from "../../api/log.ts";
import { contributionsTo, type PluginDeps } from "../../api/plugin.ts";
import type { Role } from "../../schema/core.ts";
import { users } from "../../schema/core.ts";
import type { Approval } from "./approval_service.ts";
import { processApprovals, processes } from "./schema.ts";
import { fourEyesOn } from "./settings.ts";

export const APPROVAL_EVENTS_POINT = "processes.approvalEvents";

export interface ApprovalEvent {
  type: "requested" | "approved" | "rejected" | "withdrawn";
  approval: Approval;
  /** Who requested, decided or withdrew. */
  actorId: string;
}

export interface ApprovalListener {
  onApprovalEvent(scope: TenantScope, event: ApprovalEvent, deps: PluginDeps): Promise<void>;
}

/** Tells every contributed listener about `event`; failures are logged, never thrown. */
export async function announceApprovalEvent(
  scope: TenantScope,
  deps: PluginDeps,
  event: ApprovalEvent,
  logger?: Logger,
): Promise<void> {
  for (const listener of contributionsTo<ApprovalListener>(deps.plugins, APPROVAL_EVENTS_POINT)) {
    try {
      await listener.onApprovalEvent(scope, event, deps);
    } catch (e) {
      logger?.error("approval listener failed", {
        event: event.type,
        error: e instanceof Error ? e.name : typeof e,
      });
    }
  }
}

/**
 * The active users who are asked to decide a request of `requestedBy` for `processId`: its
 * owner user, or the active executives when it has none (or its owner is deactivated, or,
 * with four-eyes approval, is the one who asked). With four-eyes, never the requester.
 */
export async function approversOf(
  scope: TenantScope,
  processId: string,
  requestedBy?: string,
): Promise<string[]> {
  const process = await scope.first(processes, eq(processes.id, processId));
  if (!process) return [];
  const fourEyes = await fourEyesOn(scope);
  const allowed = (id: string) => !fourEyes || id !== requestedBy;
  if (process.ownerUserId && allowed(process.ownerUserId)) {
    const owner = await scope.first(
      users,
      and(eq(users.id, process.ownerUserId), eq(users.active, 1)),
    );
    if (owner) return [owner.id];
  }
  const executives = await scope.select(users, {
    where: and(eq(users.role, "executive"), eq(users.active, 1)),
  });
  return executives.map((u) => u.id).filter(allowed);
}

/**
 * Open approval requests `user` is asked to decide, newest first: of processes they own,
 * and for executives also of processes without an owner.
 */
export async function approvalsAwaiting(
  scope: TenantScope,
  user: { userId: string; role: Role },
  limit = 200,
): Promise<Approval[]> {
  const owned = await scope.select(processes, {
    where: user.role === "executive"
      ? or(eq(processes.ownerUserId, user.userId), isNull(processes.ownerUserId))
      : eq(processes.ownerUserId, user.userId),
  });
  if (!owned.length) return [];
  const titles = new Map(owned.map((p) => [p.id, p.title]));
  // With four-eyes approval nobody decides their own request: it waits for someone else.
  const fourEyes = await fourEyesOn(scope);
  const rows = await scope.select(processApprovals, {
    where: and(
      eq(processApprovals.state, "open"),
      inArray(processApprovals.processId, [...titles.keys()]),
      fourEyes ? ne(processApprovals.requestedBy, user.userId) : undefined,
    ),
    orderBy: [desc(processApprovals.requestedAt)],
    limit,
  });
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
    comment: r.comment ?? null,
    publishedVersion: r.publishedVersion,
  }));
}
