// The inbox: what waits for the caller, gathered live — approvals they are asked to decide,
// reviews due (or soon due) for processes they own, problems assigned to them, and unread
// mentions and replies. Each item names the process and the item and links to its place.
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import { approvalsAwaiting, dueReviews, processRefs, stepLabels } from "../processes/service.ts";
import type { Actor } from "./access.ts";
import { approvalLink, problemLink, reviewLink } from "./links.ts";
import { notifications, problems } from "./schema.ts";
import { type TextData, textsFor } from "./texts.ts";

export const INBOX_KINDS = ["approval", "review", "problem", "mention", "reply"] as const;
export type InboxKind = typeof INBOX_KINDS[number];

/** Reviews show up this many days before they are due (and the reminder goes out). */
export const REVIEW_NOTICE_DAYS = 7;
/** Each kind lists at most this many items. */
const PER_KIND = 100;

export interface InboxItem {
  kind: InboxKind;
  /** The approval, process (review), problem or notification (mention, reply). */
  id: string;
  /** Names the process and the item, in the caller's language. */
  title: string;
  processId: string;
  processTitle: string;
  nodeId: string | null;
  /** Where it is handled in the app. */
  link: string;
  /** When it arrived (a review: its due date). */
  at: string;
  /** Reviews: past their date. */
  overdue: boolean;
  severity: string | null;
  /** The comment thread of a mention or reply, the approval of an approval item. */
  itemId: string | null;
}

/** Everything waiting for `actor`, newest first. */
export async function inboxOf(
  scope: TenantScope,
  actor: Actor,
  language: string,
): Promise<InboxItem[]> {
  const t = textsFor(language);
  const [approvals, reviews, assigned, unread] = await Promise.all([
    approvalsAwaiting(scope, { userId: actor.userId, role: actor.role }, PER_KIND),
    reviewsOf(scope, actor),
    scope.select(problems, {
      where: and(
        eq(problems.assigneeId, actor.userId),
        inArray(problems.status, ["open", "in_progress"]),
      ),
      orderBy: [desc(problems.createdAt)],
      limit: PER_KIND,
    }),
    scope.select(notifications, {
      where: and(
        eq(notifications.userId, actor.userId),
        isNull(notifications.readAt),
        inArray(notifications.category, ["mention", "reply"]),
      ),
      orderBy: [desc(notifications.createdAt)],
      limit: PER_KIND,
    }),
  ]);
  const refs = await processRefs(scope, [
    ...assigned.map((p) => p.processId),
    ...unread.map((n) => n.processId),
  ]);
  const labels = await stepLabels(
    scope,
    [...assigned, ...unread].filter((x) => x.nodeId).map((x) => ({
      processId: x.processId,
      nodeId: x.nodeId!,
    })),
  );
  const label = (processId: string, nodeId: string | null) =>
    nodeId ? labels.get(`${processId}/${nodeId}`) ?? null : null;
  const items: InboxItem[] = [
    ...approvals.map((a): InboxItem => ({
      kind: "approval",
      id: a.id,
      title: t.inbox.approval({ processTitle: a.processTitle, excerpt: a.changeNote }),
      processId: a.processId,
      processTitle: a.processTitle,
      nodeId: null,
      link: approvalLink(a.processId, a.id),
      at: a.requestedAt,
      overdue: false,
      severity: null,
      itemId: a.id,
    })),
    ...reviews.map((r): InboxItem => ({
      kind: "review",
      id: r.id,
      title: (r.overdue ? t.inbox.reviewOverdue : t.inbox.review)({
        processTitle: r.title,
        dueDate: r.nextReviewAt,
      }),
      processId: r.id,
      processTitle: r.title,
      nodeId: null,
      link: reviewLink(r.id),
      at: `${r.nextReviewAt}T00:00:00.000Z`,
      overdue: r.overdue,
      severity: null,
      itemId: null,
    })),
    // A deleted process takes its problems and mentions out of the inbox.
    ...assigned.filter((p) => refs.has(p.processId)).map((p): InboxItem => {
      const processTitle = refs.get(p.processId)?.title ?? "";
      return {
        kind: "problem",
        id: p.id,
        title: t.inbox.problem({
          processTitle,
          stepLabel: label(p.processId, p.nodeId),
          excerpt: p.title,
        }),
        processId: p.processId,
        processTitle,
        nodeId: p.nodeId ?? null,
        link: problemLink(p.processId, p.id),
        at: p.createdAt.toISOString(),
        overdue: false,
        severity: p.severity,
        itemId: p.id,
      };
    }),
    ...unread.filter((n) => refs.has(n.processId)).map((n): InboxItem => {
      const processTitle = refs.get(n.processId)!.title;
      const data = {
        ...(n.data as unknown as TextData),
        processTitle,
        stepLabel: label(n.processId, n.nodeId) ?? (n.data.stepLabel as string | null),
      };
      const kind = n.category === "mention" ? "mention" : "reply";
      return {
        kind,
        id: n.id,
        title: t.inbox[kind](data),
        processId: n.processId,
        processTitle,
        nodeId: n.nodeId ?? null,
        link: n.link,
        at: n.createdAt.toISOString(),
        overdue: false,
        severity: null,
        itemId: n.itemId ?? null,
      };
    }),
  ];
  return items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

/** Reviews due within the notice period for processes `actor` owns (executives: unowned too). */
async function reviewsOf(scope: TenantScope, actor: Actor) {
  const own = await dueReviews(scope, { ownerUserId: actor.userId, within: REVIEW_NOTICE_DAYS });
  const items = own.groups.flatMap((g) => g.items);
  if (actor.role === "executive") {
    const all = await dueReviews(scope, { within: REVIEW_NOTICE_DAYS });
    items.push(...all.groups.filter((g) => g.owner === null).flatMap((g) => g.items));
  }
  return items.slice(0, PER_KIND);
}
