// Each person's notification settings: their mail address, the language of mails, and per
// category whether mail comes at once, in a daily summary or not at all. In the app every
// notification is shown regardless.
import { eq, inArray } from "drizzle-orm";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import { isDuplicateKey } from "../../api/db/errors.ts";
import { users } from "../../schema/core.ts";
import { DEMO_TENANTS } from "../../api/demo.ts";
import { CATEGORIES, type Category, type Channel, settings } from "./schema.ts";
import type { Language } from "./texts.ts";

/** What each category does by mail until someone chooses. */
export const DEFAULT_CHANNELS: Record<Category, Channel> = {
  mention: "immediately",
  reply: "immediately",
  comment: "daily",
  problem: "immediately",
  feedback: "daily",
  approval: "immediately",
  review: "immediately",
};

export interface Settings {
  email: string | null;
  language: Language | null;
  channels: Record<Category, Channel>;
  version: number;
}

export interface SettingsInput {
  email?: string | null;
  language?: Language | null;
  channels?: Partial<Record<Category, Channel>>;
}

type Row = typeof settings.$inferSelect;

const toSettings = (row: Row | undefined): Settings => ({
  email: row?.email ?? null,
  language: (row?.language as Language | null) ?? null,
  channels: Object.fromEntries(
    CATEGORIES.map((c) => [c, row?.channels[c] ?? DEFAULT_CHANNELS[c]]),
  ) as Record<Category, Channel>,
  version: row?.version ?? 0,
});

/** The settings of `userId` (defaults when they never chose). */
export async function getSettings(scope: TenantScope, userId: string): Promise<Settings> {
  return toSettings(await scope.first(settings, eq(settings.userId, userId)));
}

/** Settings of several people at once, by user id. */
export async function settingsOf(
  scope: TenantScope,
  userIds: string[],
): Promise<Map<string, Settings>> {
  const rows = userIds.length
    ? await scope.select(settings, { where: inArray(settings.userId, userIds) })
    : [];
  const byUser = new Map(rows.map((r) => [r.userId, r]));
  return new Map(userIds.map((id) => [id, toSettings(byUser.get(id))]));
}

/** Changes what `input` names; the rest stays. */
export async function saveSettings(
  scope: TenantScope,
  userId: string,
  input: SettingsInput,
): Promise<Settings> {
  return await scope.transaction(async (tx) => {
    const row = await tx.first(settings, eq(settings.userId, userId), { forUpdate: true });
    const now = new Date();
    const channels = { ...(row?.channels ?? {}), ...(input.channels ?? {}) };
    if (row) {
      await tx.update(settings, {
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(input.language !== undefined ? { language: input.language } : {}),
        channels,
        updatedAt: now,
        version: row.version + 1,
      }, eq(settings.userId, userId));
    } else {
      await tx.insert(settings, {
        userId,
        email: input.email ?? null,
        language: input.language ?? null,
        channels,
        lastDigestAt: null,
        updatedAt: now,
        version: 1,
      });
    }
    return toSettings(await tx.first(settings, eq(settings.userId, userId)));
  });
}

/**
 * The demo tenants' people get their demo addresses, so the dev catcher (/dev/mail) shows
 * what they would receive from the first minute. Other tenants start without addresses.
 */
export async function seedDemoAddresses(scope: TenantScope): Promise<void> {
  const demo = new Map(DEMO_TENANTS.flatMap((t) => t.users).map((u) => [u.oid, u.email]));
  const people = await scope.select(users);
  for (const person of people) {
    const email = demo.get(person.oid);
    if (!email) continue;
    try {
      await scope.insert(settings, {
        userId: person.id,
        email,
        language: null,
        channels: {},
        lastDigestAt: null,
        updatedAt: new Date(),
        version: 1,
      });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
    }
  }
}
