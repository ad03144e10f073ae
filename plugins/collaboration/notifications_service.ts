// A person's notifications in the app: newest first, how many are unread, marking read.
import { and, desc, eq, inArray, isNull, type SQL } from "drizzle-orm";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import { type Category, notifications } from "./schema.ts";
import { eventLine, type TextData } from "./texts.ts";

type Row = typeof notifications.$inferSelect;

export interface Notification {
  id: string;
  category: Category;
  event: string;
  processId: string;
  itemId: string | null;
  nodeId: string | null;
  actorId: string | null;
  /** One line in the caller's language. */
  title: string;
  link: string;
  createdAt: string;
  readAt: string | null;
}

/** The notifications of `userId`, newest first; `unread` only those not read yet. */
export async function listNotifications(
  scope: TenantScope,
  userId: string,
  q: { unread?: boolean; limit: number; offset: number },
  language: string,
) {
  const where = and(
    eq(notifications.userId, userId),
    q.unread ? isNull(notifications.readAt) : undefined,
  ) as SQL;
  const [rows, total] = await Promise.all([
    scope.select(notifications, {
      where,
      orderBy: [desc(notifications.createdAt), desc(notifications.id)],
      limit: q.limit,
      offset: q.offset,
    }),
    scope.count(notifications, where),
  ]);
  return {
    items: rows.map((r) => toNotification(r, language)),
    total,
    limit: q.limit,
    offset: q.offset,
  };
}

/** How many notifications of `userId` are unread. */
export function unreadCount(scope: TenantScope, userId: string): Promise<number> {
  return scope.count(
    notifications,
    and(eq(notifications.userId, userId), isNull(notifications.readAt))!,
  );
}

/**
 * Marks the caller's notifications read: those in `ids` (ids of others are ignored), or all
 * with `all`, or those about `itemId` (opening a comment thread reads its notifications).
 */
export async function markRead(
  scope: TenantScope,
  userId: string,
  which: { ids?: string[]; all?: boolean; itemId?: string },
): Promise<number> {
  const filter = which.all
    ? undefined
    : which.ids?.length
    ? inArray(notifications.id, which.ids)
    : which.itemId
    ? eq(notifications.itemId, which.itemId)
    : null;
  if (filter === null) return 0;
  return await scope.update(
    notifications,
    { readAt: new Date() },
    and(eq(notifications.userId, userId), isNull(notifications.readAt), filter)!,
  );
}

export function toNotification(r: Row, language: string): Notification {
  return {
    id: r.id,
    category: r.category,
    event: r.event,
    processId: r.processId,
    itemId: r.itemId ?? null,
    nodeId: r.nodeId ?? null,
    actorId: r.actorId ?? null,
    title: eventLine(language, r.event, r.data as unknown as TextData),
    link: r.link,
    createdAt: r.createdAt.toISOString(),
    readAt: r.readAt?.toISOString() ?? null,
  };
}
