// Review cycles: a process is due for review when its next review date has come
// (next_review_at ≤ today, UTC). Its owner — or an executive — confirms it is still current,
// which schedules the next review one interval later and keeps their note with the process;
// or edits the draft to change it.
import { and, asc, eq, inArray, lte, type SQL } from "drizzle-orm";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import type { Principal } from "../../api/env.ts";
import { ProblemError } from "../../api/problem.ts";
import { users } from "../../schema/core.ts";
import {
  addDays,
  addMonths,
  daysBetween,
  draftUrl,
  getProcess,
  getProcessRow,
  type Process,
  processUrl,
  todayUtc,
} from "./landscape_service.ts";
import { type Category, processes } from "./schema.ts";

/** At most this many processes are listed by the dashboard (the total is always exact). */
export const MAX_DUE_ITEMS = 1000;

export interface ReviewConfirmation {
  process: Process;
  /** The confirmation's note as stored (the process's lastReviewNote), null without one. */
  note: string | null;
}

/**
 * Confirms that a process is still current: last reviewed now by the caller with `note`
 * (none clears the previous one), next review one interval from today. Only the process's owner user or an executive may confirm
 * (403 `not-process-owner` otherwise).
 */
export async function confirmReview(
  scope: TenantScope,
  id: string,
  caller: Pick<Principal, "userId" | "role">,
  note?: string,
): Promise<ReviewConfirmation> {
  await scope.transaction(async (tx) => {
    const row = await getProcessRow(tx, id, { forUpdate: true });
    if (caller.role !== "executive" && (!row.ownerUserId || row.ownerUserId !== caller.userId)) {
      throw new ProblemError(
        403,
        "not-process-owner",
        `Only the owner of "${row.title}" or an executive may confirm that it is still current.`,
        { ownerUserId: row.ownerUserId ?? null },
      );
    }
    const now = new Date();
    await tx.update(processes, {
      lastReviewedAt: now,
      lastReviewedBy: caller.userId,
      lastReviewNote: note ?? null,
      nextReviewAt: addMonths(todayUtc(now), row.reviewIntervalMonths),
      version: row.version + 1,
      updatedAt: now,
    }, eq(processes.id, id));
  });
  const process = await getProcess(scope, id);
  return { process, note: process.lastReviewNote };
}

export interface DueItem {
  id: string;
  title: string;
  category: Category;
  ownerPositionId: string | null;
  nextReviewAt: string;
  /** Days since the review date: > 0 overdue, 0 due today, < 0 due within the window. */
  daysOverdue: number;
  overdue: boolean;
  reviewIntervalMonths: number;
  lastReviewedAt: string | null;
  lastReviewNote: string | null;
  publishedVersion: number;
  url: string;
  /** Editing the draft is how a reviewer changes the process instead of confirming it. */
  draftUrl: string;
  confirmUrl: string;
}

export interface DueGroup {
  /** The owner user, or null for processes without one. */
  owner: { id: string; displayName: string; active: boolean } | null;
  count: number;
  items: DueItem[];
}

/**
 * Processes due for review by `today + within` days, grouped by owner user (owners by
 * display name, processes without an owner last), the most overdue first in each group.
 */
export async function dueReviews(
  scope: TenantScope,
  q: { ownerUserId?: string; within: number },
) {
  const today = todayUtc();
  const until = addDays(today, q.within);
  const where = and(
    lte(processes.nextReviewAt, until),
    q.ownerUserId ? eq(processes.ownerUserId, q.ownerUserId) : undefined,
  ) as SQL;
  const [rows, total] = await Promise.all([
    scope.select(processes, {
      where,
      orderBy: [asc(processes.nextReviewAt), asc(processes.title), asc(processes.id)],
      limit: MAX_DUE_ITEMS,
    }),
    scope.count(processes, where),
  ]);
  const ownerIds = [...new Set(rows.map((r) => r.ownerUserId).filter((x): x is string => !!x))];
  const owners = ownerIds.length
    ? await scope.select(users, { where: inArray(users.id, ownerIds) })
    : [];
  const ownerById = new Map(owners.map((u) => [u.id, u]));

  const groups = new Map<string, DueGroup>();
  for (const r of rows) {
    const key = r.ownerUserId ?? "";
    let group = groups.get(key);
    if (!group) {
      const u = r.ownerUserId ? ownerById.get(r.ownerUserId) : undefined;
      group = {
        owner: r.ownerUserId
          ? {
            id: r.ownerUserId,
            displayName: u?.displayName ?? "Unknown user",
            active: !!u?.active,
          }
          : null,
        count: 0,
        items: [],
      };
      groups.set(key, group);
    }
    const daysOverdue = daysBetween(r.nextReviewAt!, today);
    group.items.push({
      id: r.id,
      title: r.title,
      category: r.category,
      ownerPositionId: r.ownerPositionId ?? null,
      nextReviewAt: r.nextReviewAt!,
      daysOverdue,
      overdue: daysOverdue > 0,
      reviewIntervalMonths: r.reviewIntervalMonths,
      lastReviewedAt: r.lastReviewedAt ? r.lastReviewedAt.toISOString() : null,
      lastReviewNote: r.lastReviewNote ?? null,
      publishedVersion: r.publishedVersion,
      url: processUrl(r.id),
      draftUrl: draftUrl(r.id),
      confirmUrl: `${processUrl(r.id)}/review/confirm`,
    });
    group.count++;
  }
  const collator = new Intl.Collator("en", { sensitivity: "base" });
  const sorted = [...groups.values()].sort((a, b) =>
    a.owner === null ? 1 : b.owner === null ? -1 : collator.compare(
      a.owner.displayName,
      b.owner.displayName,
    ) || (a.owner.id < b.owner.id ? -1 : 1)
  );
  return {
    asOf: today,
    until,
    total,
    truncated: total > rows.length,
    groups: sorted,
  };
}
