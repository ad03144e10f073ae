// Telling people: a notification row per person (shown in the app), and by mail as each of
// them chose for the category — queued in the outbox at once, or kept for the daily summary.
// Runs inside the caller's transaction, so notifications exist exactly when their cause does.
import { and, eq, inArray } from "drizzle-orm";
import type { Config } from "../../api/config.ts";
import { uuidv7 } from "../../api/db/ids.ts";
import { isDuplicateKey } from "../../api/db/errors.ts";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import { enqueueMail, mailEnabled } from "../../api/mail/mod.ts";
import { users } from "../../schema/core.ts";
import { notificationMail } from "./mail_render.ts";
import { type Category, type MailState, notifications } from "./schema.ts";
import { settingsOf } from "./settings_service.ts";
import type { TextData } from "./texts.ts";

export interface NewNotification {
  /** Who should know; the actor, inactive people and duplicates are left out. */
  userIds: (string | null | undefined)[];
  category: Category;
  event: string;
  processId: string;
  itemId?: string | null;
  nodeId?: string | null;
  actorId?: string | null;
  data: TextData;
  /** Where it leads in the app. */
  link: string;
  /** With it, the same notification reaches a person once (reminders). */
  dedupeKey?: string;
}

/** Creates the notifications and queues their mails; returns how many people were told. */
export async function notify(
  tx: TenantScope,
  config: Config,
  n: NewNotification,
): Promise<number> {
  const wanted = [...new Set(n.userIds.filter((id): id is string => !!id && id !== n.actorId))];
  if (!wanted.length) return 0;
  const people = await tx.select(users, {
    where: and(inArray(users.id, wanted), eq(users.active, 1)),
  });
  if (!people.length) return 0;
  const prefs = await settingsOf(tx, people.map((p) => p.id));
  const mail = mailEnabled(config);
  let told = 0;
  for (const person of people) {
    const s = prefs.get(person.id)!;
    const channel = s.channels[n.category];
    const mailState: MailState = !mail || !s.email || channel === "off"
      ? "none"
      : channel === "daily"
      ? "digest"
      : "queued";
    const id = uuidv7();
    const data = { ...n.data, recipientName: person.displayName };
    try {
      await tx.insert(notifications, {
        id,
        userId: person.id,
        category: n.category,
        event: n.event,
        processId: n.processId,
        itemId: n.itemId ?? null,
        nodeId: n.nodeId ?? null,
        actorId: n.actorId ?? null,
        data: compact(data),
        link: n.link,
        createdAt: new Date(),
        readAt: null,
        mailState,
        dedupeKey: n.dedupeKey ?? null,
      });
    } catch (e) {
      if (n.dedupeKey && isDuplicateKey(e)) continue;
      throw e;
    }
    told++;
    if (mailState === "queued") {
      await enqueueMail(
        tx,
        notificationMail(config, s.email!, s.language, person.displayName, {
          event: n.event,
          data,
          link: n.link,
        }),
        { dedupeKey: `notification:${id}` },
      );
    }
  }
  return told;
}

/** Display names of the given users (for the texts of notifications). */
export async function namesOf(tx: TenantScope, ids: (string | null | undefined)[]) {
  const list = [...new Set(ids.filter((id): id is string => !!id))];
  const rows = list.length ? await tx.select(users, { where: inArray(users.id, list) }) : [];
  return new Map(rows.map((r) => [r.id, r.displayName]));
}

function compact(data: TextData): Record<string, string | number | null> {
  return Object.fromEntries(
    Object.entries(data).filter(([, v]) => v !== undefined),
  ) as Record<string, string | number | null>;
}
