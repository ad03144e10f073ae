// Review reminders from the scheduler: before the date and when overdue to the owner, then
// to the executives — each exactly once, even with two instances ticking at the same time.
import assert from "node:assert/strict";
import { and, eq, like } from "drizzle-orm";
import { createBackground } from "../../api/background.ts";
import { MailCatcher } from "../../api/mail/catcher.ts";
import { createLogger } from "../../api/log.ts";
import { outbox } from "../../schema/background.ts";
import { startTestApp, test } from "../../tests/support/app.ts";
import { addDays, todayUtc } from "../processes/landscape_service.ts";
import { defaultPlugins } from "../mod.ts";
import { loadConfig } from "../../api/config.ts";
import { notifications } from "./schema.ts";
import { stagesOf } from "./reminders.ts";
import { demoUserId, ok, ownedProcess } from "./test_support.ts";

const t = await startTestApp();
const modeler = await t.token("modeler");
const modelerId = await demoUserId(t, "modeler", 0);
const executiveId = await demoUserId(t, "executive", 0);
const today = todayUtc();
const config = loadConfig({ MODE: "test", LOG_LEVEL: "silent" });
const catcher = new MailCatcher();
const instance = () =>
  createBackground({
    config,
    db: t.database.db,
    cache: t.cache,
    plugins: defaultPlugins,
    logger: createLogger("silent"),
    mail: catcher,
  });
const [a, b] = [instance(), instance()];

async function dueOn(date: string, owner: "modeler" | null = "modeler") {
  const id = await ownedProcess(t, { owner });
  await ok(t.call("PATCH", `/api/v1/processes/${id}`, {
    token: await t.token("executive"),
    body: { nextReviewAt: date },
    headers: { "if-match": "*" },
  }));
  return id;
}
const soon = await dueOn(addDays(today, 5));
const overdue = await dueOn(addDays(today, -3));
const longOverdue = await dueOn(addDays(today, -20));
const unowned = await dueOn(addDays(today, -2), null);
const farOff = await dueOn(addDays(today, 40));

async function reminders(processId: string) {
  const rows = await t.database.db.select().from(notifications).where(and(
    eq(notifications.processId, processId),
    like(notifications.event, "review.%"),
  ));
  return rows.map((r) =>
    `${r.event}→${
      r.userId === modelerId ? "owner" : r.userId === executiveId ? "executive" : r.userId
    }`
  ).sort();
}

test("stages: upcoming within 7 days, overdue after the date, escalated 14 days after", () => {
  assert.deepEqual(stagesOf({ daysOverdue: -8 }), []);
  assert.deepEqual(stagesOf({ daysOverdue: -7 }), ["upcoming"]);
  assert.deepEqual(stagesOf({ daysOverdue: 0 }), ["upcoming"]);
  assert.deepEqual(stagesOf({ daysOverdue: 1 }), ["overdue"]);
  assert.deepEqual(stagesOf({ daysOverdue: 14 }), ["overdue", "escalated"]);
});

test("two instances ticking at once send each reminder exactly once", async () => {
  const now = new Date();
  await Promise.all([a.scheduler.tick(now), b.scheduler.tick(now)]);
  assert.deepEqual(await reminders(soon), ["review.upcoming→owner"]);
  assert.deepEqual(await reminders(overdue), ["review.overdue→owner"]);
  assert.deepEqual(await reminders(longOverdue), [
    "review.escalated→executive",
    "review.overdue→owner",
  ]);
  assert.deepEqual(await reminders(unowned), ["review.overdue→executive"], "no owner: executives");
  assert.deepEqual(await reminders(farOff), []);

  // The next hours find nothing new, on either instance.
  const later = new Date(now.getTime() + 3600_000);
  await Promise.all([a.scheduler.tick(later), b.scheduler.tick(later)]);
  assert.deepEqual(await reminders(overdue), ["review.overdue→owner"]);
  assert.deepEqual(await reminders(longOverdue), [
    "review.escalated→executive",
    "review.overdue→owner",
  ]);

  // Each reminder was queued as one mail and delivered once.
  await Promise.all([a.outbox.drain({ now: later }), b.outbox.drain({ now: later })]);
  const mails = catcher.list().filter((m) => m.subject.includes("review"));
  const overdueMails = mails.filter((m) =>
    m.to[0] === "max.modeler@contoso.example" && m.subject.includes("overdue")
  );
  assert.equal(overdueMails.length, 2, "the two overdue processes of the owner, once each");
  const queued = await t.database.db.select().from(outbox).where(eq(outbox.kind, "mail"));
  assert.equal(new Set(queued.map((q) => q.id)).size, queued.length);
});

test("a confirmed review ends its reminders; a new date starts them again", async () => {
  await ok(t.call("POST", `/api/v1/processes/${overdue}/review/confirm`, {
    token: modeler,
    body: { note: "Still right" },
  }));
  await a.scheduler.tick(new Date(Date.now() + 2 * 3600_000));
  assert.deepEqual(await reminders(overdue), ["review.overdue→owner"], "nothing new");

  await ok(t.call("PATCH", `/api/v1/processes/${soon}`, {
    token: modeler,
    body: { nextReviewAt: addDays(today, -1) },
    headers: { "if-match": "*" },
  }));
  await b.scheduler.tick(new Date(Date.now() + 3 * 3600_000));
  assert.deepEqual(await reminders(soon), ["review.overdue→owner", "review.upcoming→owner"]);
});

test("close", async () => {
  await t.close();
});
