// Executives hear by mail when a webhook endpoint was switched off: the event
// "webhook.disabled" (api/events.ts, published by whichever plugin delivers webhooks) is
// turned into a mail to each active executive with an address, in their language, queued in
// the same transaction. Not an inbox item: those belong to a process.
import { and, eq } from "drizzle-orm";
import type { EventListener } from "../../api/events.ts";
import { enqueueMail, mailEnabled } from "../../api/mail/mod.ts";
import { users } from "../../schema/core.ts";
import { notificationMail } from "./mail_render.ts";
import { settingsOf } from "./settings_service.ts";

/** Where executives manage webhooks in the app. */
export const WEBHOOKS_PATH = "/admin/webhooks";

export const webhookAlerts: EventListener = {
  async handle(scope, deps, event) {
    if (event.type !== "webhook.disabled" || !mailEnabled(deps.config)) return;
    const executives = await scope.select(users, {
      where: and(eq(users.role, "executive"), eq(users.active, 1)),
    });
    const prefs = await settingsOf(scope, executives.map((u) => u.id));
    for (const person of executives) {
      const s = prefs.get(person.id);
      if (!s?.email) continue;
      await enqueueMail(
        scope,
        notificationMail(deps.config, s.email, s.language, person.displayName, {
          event: event.type,
          data: {
            processTitle: "",
            excerpt: String(event.data.host ?? ""),
            days: Number(event.data.failures ?? 0),
          },
          link: WEBHOOKS_PATH,
        }),
        { dedupeKey: `webhook-disabled:${event.id}:${person.id}` },
      );
    }
  },
};
