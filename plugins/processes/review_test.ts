// Review cycles through the HTTP API: due and overdue processes per owner, and confirming a
// process is still current (its owner or an executive only).
import assert from "node:assert/strict";
import { startTestApp, test } from "../../tests/support/app.ts";
import { demoUserId } from "../../tests/support/route_fixtures.ts";
import { addDays, addMonths, todayUtc } from "./landscape_service.ts";

const t = await startTestApp();
const modeler = await t.token("modeler");
const reader = await t.token("reader");
const executive = await t.token("executive");
const BASE = "/api/v1/processes";
const modelerId = await demoUserId(t, "modeler", 0);
const executiveId = await demoUserId(t, "executive", 0);
const today = todayUtc();

// A second modeler, who owns nothing.
const otherModelerToken = await t.issuer.sign({
  tid: "6f1c0a52-7b0e-4c55-9a1e-0c0ffee00001",
  oid: crypto.randomUUID(),
  name: "Otto Othermodeler",
});
const otherModelerId =
  (await (await t.call("GET", "/api/v1/users/me", { token: otherModelerToken })).json()).user.id;
assert.equal(
  (await t.call("PATCH", `/api/v1/users/${otherModelerId}`, {
    token: executive,
    body: { role: "modeler" },
    headers: { "if-match": "*" },
  })).status,
  200,
);

// deno-lint-ignore no-explicit-any
type Json = any;

async function make(body: Record<string, unknown>): Promise<Json> {
  const res = await t.call("POST", BASE, { token: modeler, body: { category: "core", ...body } });
  assert.equal(res.status, 201, await res.clone().text());
  return await res.json();
}

async function due(query = "", token = reader): Promise<Json> {
  const res = await t.call("GET", `${BASE}/reviews/due${query}`, { token });
  assert.equal(res.status, 200, await res.clone().text());
  return await res.json();
}

function confirm(id: string, token: string, body: unknown = { note: "Checked with the team" }) {
  return t.call("POST", `${BASE}/${id}/review/confirm`, { token, body });
}

const overdue10 = await make({
  title: "Review overdue by 10 days",
  ownerUserId: modelerId,
  nextReviewAt: addDays(today, -10),
  reviewIntervalMonths: 6,
});
const dueToday = await make({
  title: "Review due today",
  ownerUserId: modelerId,
  nextReviewAt: today,
});
const dueSoon = await make({
  title: "Review due in 20 days",
  ownerUserId: modelerId,
  nextReviewAt: addDays(today, 20),
});
const execOwned = await make({
  title: "Review of the executive's process",
  ownerUserId: executiveId,
  nextReviewAt: addDays(today, -400),
});
const unowned = await make({ title: "Review without owner", nextReviewAt: addDays(today, -1) });

test("the dashboard lists due and overdue processes per owner, with days overdue", async () => {
  const page = await due();
  assert.equal(page.asOf, today);
  assert.equal(page.until, today);
  const byOwner = new Map(page.groups.map((g: Json) => [g.owner?.id ?? null, g]));
  const mine: Json = byOwner.get(modelerId);
  assert.deepEqual(mine.owner, { id: modelerId, displayName: "Max Modeler", active: true });
  assert.deepEqual(mine.items.map((i: Json) => [i.title, i.daysOverdue, i.overdue]), [
    ["Review overdue by 10 days", 10, true],
    ["Review due today", 0, false],
  ]);
  assert.equal(mine.count, 2);
  const item = mine.items[0];
  assert.equal(item.id, overdue10.id);
  assert.equal(item.nextReviewAt, addDays(today, -10));
  assert.equal(item.draftUrl, `${BASE}/${overdue10.id}/draft`);
  assert.equal(item.confirmUrl, `${BASE}/${overdue10.id}/review/confirm`);
  const execGroup: Json = byOwner.get(executiveId);
  assert.equal(execGroup.owner.displayName, "Erika Executive");
  assert.equal(execGroup.items[0].daysOverdue, 400);
  // Processes without an owner (the demo tenant's samples among them) come last.
  const last = page.groups[page.groups.length - 1];
  assert.equal(last.owner, null);
  assert.ok(last.items.some((i: Json) => i.id === unowned.id));
  // Owners in order of their names.
  const names = page.groups.filter((g: Json) => g.owner).map((g: Json) => g.owner.displayName);
  assert.deepEqual(names, [...names].sort());
  assert.equal(page.total, page.groups.reduce((n: number, g: Json) => n + g.count, 0));
});

test("within=N adds processes due in the next N days; ownerUserId narrows to one owner", async () => {
  const page = await due(`?ownerUserId=${modelerId}&within=30`);
  assert.equal(page.until, addDays(today, 30));
  assert.equal(page.groups.length, 1);
  assert.deepEqual(page.groups[0].items.map((i: Json) => [i.id, i.daysOverdue]), [
    [overdue10.id, 10],
    [dueToday.id, 0],
    [dueSoon.id, -20],
  ]);
  assert.deepEqual((await due(`?ownerUserId=${crypto.randomUUID()}`)).groups, []);
  const bad = await t.call("GET", `${BASE}/reviews/due?within=-1`, { token: reader });
  assert.equal(bad.status, 422);
  assert.equal((await bad.json()).errors[0].field, "query.within");
});

test("the list and the process itself flag a due review", async () => {
  const got = await (await t.call("GET", `${BASE}/${overdue10.id}`, { token: reader })).json();
  assert.equal(got.reviewDue, true);
  const list = await (await t.call("GET", `${BASE}?reviewDue=true&ownerUserId=${modelerId}`, {
    token: reader,
  })).json();
  assert.deepEqual(list.items.map((p: Json) => p.id).sort(), [overdue10.id, dueToday.id].sort());
});

test("readers may not confirm; a modeler who is not the owner gets 403 not-process-owner", async () => {
  const asReader = await confirm(overdue10.id, reader);
  assert.equal(asReader.status, 403);
  assert.equal((await asReader.json()).type, "https://procedo.app/problems/role-required");

  const notOwner = await confirm(overdue10.id, otherModelerToken);
  assert.equal(notOwner.status, 403);
  const problem = await notOwner.json();
  assert.equal(problem.type, "https://procedo.app/problems/not-process-owner");
  assert.match(problem.detail, /owner/);
  const unchanged = await (await t.call("GET", `${BASE}/${overdue10.id}`, { token: reader }))
    .json();
  assert.equal(unchanged.nextReviewAt, addDays(today, -10));
  assert.equal(unchanged.lastReviewedAt, null);

  const noOwner = await confirm(unowned.id, modeler);
  assert.equal(noOwner.status, 403, "without an owner user only executives confirm");
});

test("the owner confirms: last reviewed now, next review one interval from today", async () => {
  const res = await confirm(overdue10.id, modeler);
  assert.equal(res.status, 200, await res.clone().text());
  const body = await res.json();
  assert.equal(body.note, "Checked with the team");
  const p = body.process;
  assert.equal(res.headers.get("etag"), `W/"${p.version}"`);
  assert.equal(p.version, overdue10.version + 1);
  assert.equal(p.lastReviewedBy, modelerId);
  assert.ok(Date.now() - Date.parse(p.lastReviewedAt) < 60_000);
  assert.equal(p.nextReviewAt, addMonths(today, 6));
  assert.equal(p.reviewDue, false);
  assert.equal(p.lastReviewNote, "Checked with the team");
  const page = await due(`?ownerUserId=${modelerId}`);
  assert.deepEqual(page.groups[0].items.map((i: Json) => i.id), [dueToday.id]);
});

test("the note is stored: everyone reads it with the process and on the dashboard", async () => {
  const got = await (await t.call("GET", `${BASE}/${overdue10.id}`, { token: reader })).json();
  assert.equal(got.lastReviewNote, "Checked with the team");
  assert.equal(got.lastReviewedBy, modelerId);
  const page = await due(`?ownerUserId=${modelerId}&within=366`);
  const item = page.groups[0].items.find((i: Json) => i.id === overdue10.id);
  assert.equal(item.lastReviewNote, "Checked with the team");
  const listed = await (await t.call("GET", `${BASE}?ownerUserId=${modelerId}&limit=200`, {
    token: reader,
  })).json();
  assert.equal(
    listed.items.find((i: Json) => i.id === overdue10.id).lastReviewNote,
    "Checked with the team",
  );
  // Another tenant sees neither the process nor its note.
  const other = await t.call("GET", `${BASE}/${overdue10.id}`, {
    token: await t.token("reader", 1),
  });
  assert.equal(other.status, 404);
  assert.ok(!(await other.text()).includes("Checked with the team"));
});

test("a later confirmation replaces the note; one without a note clears it", async () => {
  const trimmed = await confirm(dueSoon.id, modeler, { note: "  Steps match the new tool  " });
  assert.equal(trimmed.status, 200, await trimmed.clone().text());
  assert.equal((await trimmed.json()).note, "Steps match the new tool");
  const read = async () =>
    (await (await t.call("GET", `${BASE}/${dueSoon.id}`, { token: reader })).json())
      .lastReviewNote;
  assert.equal(await read(), "Steps match the new tool");
  const blank = await confirm(dueSoon.id, modeler, { note: "   " });
  assert.equal(blank.status, 200);
  assert.equal((await blank.json()).note, null);
  assert.equal(await read(), null, "the note belongs to the confirmation it came with");
});

test("an executive confirms any process, a note is optional", async () => {
  for (const p of [execOwned, unowned, dueToday]) {
    const res = await t.call("POST", `${BASE}/${p.id}/review/confirm`, { token: executive });
    assert.equal(res.status, 200, await res.clone().text());
    const body = await res.json();
    assert.equal(body.note, null);
    assert.equal(body.process.lastReviewedBy, executiveId);
    assert.equal(body.process.nextReviewAt, addMonths(today, 12));
  }
  assert.deepEqual((await due(`?ownerUserId=${executiveId}`)).groups, []);
  const tooLong = await confirm(dueSoon.id, modeler, { note: "x".repeat(2001) });
  assert.equal(tooLong.status, 422);
  assert.equal((await tooLong.json()).errors[0].field, "body.note");
});

test("another tenant cannot confirm or see the reviews", async () => {
  const other = await t.token("executive", 1);
  assert.equal((await confirm(dueSoon.id, other)).status, 404);
  const text = JSON.stringify(await due("?within=366", other));
  assert.ok(!text.includes(dueSoon.id));
});

test("close", async () => {
  await t.close();
});
