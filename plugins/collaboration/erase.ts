// Erasing a user (the deletion plugin's onPersonErase): what the user wrote stays, attributed
// to the user's id, which is pseudonymous once the deletion plugin has anonymised the user's
// row. Here: the user's notification preferences (with a mail address) and inbox go, mention
// tokens @[Name](id) of the user become plain text with the pseudonym and leave the mention
// lists, and copies of the former name in other people's notifications are replaced.
import { and, eq, like, or, type SQL } from "drizzle-orm";
import { escapeLike } from "../../api/db/like.ts";
import type { PersonEraseContext } from "../../api/plugin.ts";
import { comments, notifications, settings } from "./schema.ts";

export async function eraseUserTraces(
  { scope, person }: PersonEraseContext,
): Promise<Record<string, number>> {
  if (person.kind !== "user") return {};
  const out: Record<string, number> = {};
  out.collab_settings = await scope.delete(settings, eq(settings.userId, person.id));
  out.collab_notifications = await scope.delete(notifications, eq(notifications.userId, person.id));

  const token = new RegExp(`@\\[[^\\]\\n]{1,200}\\]\\(${person.id}\\)`, "gi");
  const mentioning = await scope.select(comments, {
    where: like(comments.body, `%](${escapeLike(person.id)})%`),
    forUpdate: true,
  });
  for (const c of mentioning) {
    await scope.update(comments, {
      body: c.body.replace(token, `@${person.pseudonym}`),
      mentions: c.mentions.filter((id) => id.toLowerCase() !== person.id.toLowerCase()),
    }, eq(comments.id, c.id));
  }
  out.collab_comments = mentioning.length;

  // Other people's notifications: the person as actor, or a former name in the texts.
  const named: SQL[] = person.former.map((v) => like(notifications.data, `%${escapeLike(v)}%`));
  const copies = await scope.select(notifications, {
    where: or(eq(notifications.actorId, person.id), ...named),
    forUpdate: true,
  });
  for (const n of copies) {
    const data = Object.fromEntries(
      Object.entries(n.data).map(([k, v]) => [k, typeof v === "string" ? replaced(v, person) : v]),
    );
    await scope.update(notifications, { data }, and(eq(notifications.id, n.id))!);
  }
  out.collab_notifications += copies.length;
  return out;
}

/** `text` with every former value of the person replaced by the pseudonym. */
function replaced(text: string, person: PersonEraseContext["person"]): string {
  let out = text;
  for (const v of person.former) out = out.split(v).join(person.pseudonym);
  return out;
}
