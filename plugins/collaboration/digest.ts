// The daily summary (a scheduled task, 07:00 UTC per tenant): notifications of categories
// someone chose "daily" for are gathered into one mail per person and marked as summarised.
import { and, eq, inArray } from "drizzle-orm";
import { enqueueMail, mailEnabled } from "../../api/mail/mod.ts";
import type { TenantTaskContext } from "../../api/plugin.ts";
import { users } from "../../schema/core.ts";
import { digestMail } from "./mail_render.ts";
import { notifications, settings } from "./schema.ts";
import { settingsOf } from "./settings_service.ts";
import type { TextData } from "./texts.ts";

/** Most notifications in one summary; older ones wait for the next. */
const MAX_ITEMS = 100;

/** Queues one summary mail per person with pending notifications; returns how many. */
export async function sendDigests(ctx: TenantTaskContext): Promise<number> {
  const pending = await ctx.scope.select(notifications, {
    where: eq(notifications.mailState, "digest"),
    orderBy: [notifications.createdAt],
  });
  if (!pending.length) return 0;
  const byUser = Map.groupBy(pending, (n) => n.userId);
  const prefs = await settingsOf(ctx.scope, [...byUser.keys()]);
  const people = new Map(
    (await ctx.scope.select(users, { where: inArray(users.id, [...byUser.keys()]) }))
      .map((u) => [u.id, u]),
  );
  let sent = 0;
  for (const [userId, items] of byUser) {
    const s = prefs.get(userId)!;
    const person = people.get(userId);
    const batch = items.slice(0, MAX_ITEMS);
    await ctx.scope.transaction(async (tx) => {
      const deliver = mailEnabled(ctx.config) && !!s.email && !!person?.active;
      if (deliver) {
        const queued = await enqueueMail(
          tx,
          digestMail(
            ctx.config,
            s.email!,
            s.language,
            person!.displayName,
            batch.map((n) => ({
              event: n.event,
              data: n.data as unknown as TextData,
              link: n.link,
            })),
          ),
          { dedupeKey: `digest:${userId}:${ctx.due.toISOString()}` },
        );
        if (queued) sent++;
      }
      await tx.update(
        notifications,
        { mailState: deliver ? "digested" : "none" },
        and(
          eq(notifications.mailState, "digest"),
          inArray(notifications.id, batch.map((n) => n.id)),
        )!,
      );
      await tx.update(settings, { lastDigestAt: ctx.now }, eq(settings.userId, userId));
    });
  }
  await ctx.changed();
  return sent;
}
