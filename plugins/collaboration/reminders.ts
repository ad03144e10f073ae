// Review reminders (a scheduled task, hourly per tenant): a process's owner hears of its
// review REVIEW_NOTICE_DAYS before the date and again once it is overdue; ESCALATE_AFTER_DAYS
// past the date the tenant's executives are told. Each stage of each review date goes out
// once: a row in collab_reminders is written with the notifications, under a unique key.
import { and, eq } from "drizzle-orm";
import { isDuplicateKey } from "../../api/db/errors.ts";
import { publishEvent } from "../../api/events.ts";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import type { TenantTaskContext } from "../../api/plugin.ts";
import { users } from "../../schema/core.ts";
import { type DueItem, dueReviews } from "../processes/service.ts";
import { REVIEW_NOTICE_DAYS } from "./inbox_service.ts";
import { reviewLink } from "./links.ts";
import { notify } from "./notify.ts";
import { reminders, type ReminderStage } from "./schema.ts";

/** Days past the review date after which executives are told. */
export const ESCALATE_AFTER_DAYS = 14;

/** Sends the reminders due now; returns how many stages went out. */
export async function sendReviewReminders(ctx: TenantTaskContext): Promise<number> {
  const due = await dueReviews(ctx.scope, { within: REVIEW_NOTICE_DAYS });
  let sent = 0;
  for (const group of due.groups) {
    const owner = group.owner?.active ? group.owner.id : null;
    for (const item of group.items) {
      for (const stage of stagesOf(item)) {
        if (await remind(ctx, item, stage, owner)) sent++;
      }
    }
  }
  if (sent) await ctx.changed();
  return sent;
}

/** The stages a review has reached: soon due, or overdue (and maybe escalated). */
export function stagesOf(item: Pick<DueItem, "daysOverdue">): ReminderStage[] {
  if (item.daysOverdue < 1) return item.daysOverdue >= -REVIEW_NOTICE_DAYS ? ["upcoming"] : [];
  return item.daysOverdue >= ESCALATE_AFTER_DAYS ? ["overdue", "escalated"] : ["overdue"];
}

async function remind(
  ctx: TenantTaskContext,
  item: DueItem,
  stage: ReminderStage,
  owner: string | null,
): Promise<boolean> {
  const recipients = stage === "escalated" || (stage === "overdue" && !owner)
    ? await executives(ctx.scope)
    : owner
    ? [owner]
    : [];
  if (!recipients.length) return false;
  try {
    return await ctx.scope.transaction(async (tx) => {
      await tx.insert(reminders, {
        processId: item.id,
        dueDate: item.nextReviewAt,
        stage,
        sentAt: ctx.now,
      });
      await notify(tx, ctx.config, {
        userIds: recipients,
        category: "review",
        event: `review.${stage}`,
        processId: item.id,
        data: { processTitle: item.title, dueDate: item.nextReviewAt, days: item.daysOverdue },
        link: reviewLink(item.id),
        dedupeKey: `review:${item.id}:${item.nextReviewAt}:${stage}`,
      });
      await publishEvent(tx, ctx, {
        type: "review.due",
        data: {
          processId: item.id,
          processTitle: item.title,
          dueDate: item.nextReviewAt,
          stage,
          daysOverdue: item.daysOverdue,
        },
      });
      return true;
    });
  } catch (e) {
    if (isDuplicateKey(e)) return false; // this stage went out before
    throw e;
  }
}

async function executives(scope: TenantScope): Promise<string[]> {
  const rows = await scope.select(users, {
    where: and(eq(users.role, "executive"), eq(users.active, 1)),
  });
  return rows.map((u) => u.id);
}
