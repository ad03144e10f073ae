// Approval requests and decisions (the processes plugin's extension point
// processes.approvalEvents): a request tells whoever may decide it, a decision tells who asked.
// Once decided or withdrawn, the request's notifications count as read everywhere.
import { and, eq, isNull } from "drizzle-orm";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import type { PluginDeps } from "../../api/plugin.ts";
import { type ApprovalEvent, type ApprovalListener, approversOf } from "../processes/service.ts";
import { approvalLink, processLink } from "./links.ts";
import { namesOf, notify } from "./notify.ts";
import { notifications } from "./schema.ts";
import { excerptOf } from "./texts.ts";

export const approvalListener: ApprovalListener = {
  async onApprovalEvent(scope: TenantScope, event: ApprovalEvent, deps: PluginDeps) {
    const a = event.approval;
    const names = await namesOf(scope, [event.actorId]);
    const base = {
      processId: a.processId,
      itemId: a.id,
      actorId: event.actorId,
      data: {
        processTitle: a.processTitle,
        actorName: names.get(event.actorId) ?? null,
        excerpt: excerptOf(a.changeNote, 200),
        reason: a.reason ? excerptOf(a.reason, 300) : null,
      },
    };
    await scope.transaction(async (tx) => {
      if (event.type === "requested") {
        await notify(tx, deps.config, {
          ...base,
          userIds: await approversOf(tx, a.processId, a.requestedBy),
          category: "approval",
          event: "approval.requested",
          link: approvalLink(a.processId, a.id),
        });
        return;
      }
      await tx.update(
        notifications,
        { readAt: new Date() },
        and(
          eq(notifications.itemId, a.id),
          eq(notifications.event, "approval.requested"),
          isNull(notifications.readAt),
        )!,
      );
      if (event.type === "approved" || event.type === "rejected") {
        await notify(tx, deps.config, {
          ...base,
          userIds: [a.requestedBy],
          category: "approval",
          event: `approval.${event.type}`,
          link: event.type === "approved"
            ? processLink(a.processId)
            : approvalLink(a.processId, a.id),
        });
      }
    });
  },
};
