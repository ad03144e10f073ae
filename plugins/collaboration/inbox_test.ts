// The inbox through the HTTP API: approvals waiting for me, reviews due for processes I own,
// problems assigned to me, unread mentions and replies — each naming process and item, with
// a link; gone once handled. Approval requests and decisions reach the right people.
import assert from "node:assert/strict";
import { startTestApp, test } from "../../tests/support/app.ts";
import { addDays, todayUtc } from "../processes/landscape_service.ts";
import { BASE, demoUserId, ok, ownedProcess } from "./test_support.ts";

const t = await startTestApp();
const reader = await t.token("reader");
const modeler = await t.token("modeler");
const executive = await t.token("executive");
const modelerId = await demoUserId(t, "modeler", 0);
// deno-lint-ignore no-explicit-any
type Json = any;

const inbox = async (
  token: string,
  language = "en",
) => (await ok(
  t.call("GET", `${BASE}/inbox`, { token, headers: { "accept-language": language } }),
));

test("mentions, replies and problems assigned to me are in my inbox, naming process and item", async () => {
  const processId = await ownedProcess(t);
  const title =
    (await ok(t.call("GET", `/api/v1/processes/${processId}`, { token: reader }))).title;
  const mention = await ok(
    t.call("POST", `${BASE}/comments`, {
      token: reader,
      body: { processId, nodeId: "t", body: `@[Max Modeler](${modelerId}) is this current?` },
    }),
    201,
  );
  const problem = await ok(
    t.call("POST", `${BASE}/problems`, {
      token: reader,
      body: {
        processId,
        nodeId: "t",
        title: "Outdated form",
        description: "v2 exists",
        severity: "medium",
      },
    }),
    201,
  );
  const mine = await ok(
    t.call("POST", `${BASE}/comments`, {
      token: modeler,
      body: { processId, body: "I rewrote the start" },
    }),
    201,
  );
  await ok(
    t.call("POST", `${BASE}/comments`, {
      token: reader,
      body: { processId, parentId: mine.id, body: "Looks good" },
    }),
    201,
  );

  const box = await inbox(modeler);
  assert.equal(box.count, box.items.length);
  const byKind = (k: string) =>
    box.items.filter((i: Json) => i.kind === k && i.processId === processId);
  const [m] = byKind("mention");
  assert.equal(
    m.title,
    `${title} › Work: Rita Reader mentioned you: "@Max Modeler is this current?"`,
  );
  assert.equal(m.link, `/processes/${processId}?comment=${mention.id}`);
  assert.equal(m.itemId, mention.id);
  const [p] = byKind("problem");
  assert.equal(p.title, `${title} › Work: Outdated form`);
  assert.equal(p.link, `/processes/${processId}?problem=${problem.id}`);
  assert.equal(p.severity, "medium");
  const [r] = byKind("reply");
  assert.match(r.title, new RegExp(`^${title}: Rita Reader replied: "Looks good"$`));

  const german = await inbox(modeler, "de-DE,de;q=0.9");
  const gm = german.items.find((i: Json) => i.id === m.id);
  assert.equal(
    gm.title,
    `${title} › Work: Rita Reader hat Sie erwähnt: "@Max Modeler is this current?"`,
  );

  // Handled: marking the thread's notifications read, resolving the problem.
  await ok(
    t.call("POST", `${BASE}/notifications/read`, { token: modeler, body: { itemId: mention.id } }),
  );
  await ok(t.call("PATCH", `${BASE}/problems/${problem.id}`, {
    token: modeler,
    body: { status: "resolved", reason: "Form replaced" },
    headers: { "if-match": "*" },
  }));
  const after = await inbox(modeler);
  assert.ok(!after.items.some((i: Json) => i.id === m.id || i.id === p.id));
  assert.ok(after.items.some((i: Json) => i.id === r.id), "the reply is still unread");
});

test("an approval request reaches the approver's inbox; the decision reaches the requester", async () => {
  const processId = await ownedProcess(t, { owner: "executive", publish: false });
  const task = await ok(
    t.call("POST", `/api/v1/processes/${processId}/draft/submit`, {
      token: modeler,
      body: { changeNote: "New approval step" },
      headers: { "if-match": "*" },
    }),
    201,
  );
  const box = await inbox(executive);
  const item = box.items.find((i: Json) => i.kind === "approval" && i.id === task.id);
  assert.ok(item, "the approver sees the request");
  assert.match(item.title, /: approval requested: "New approval step"$/);
  assert.equal(item.link, `/processes/${processId}?approval=${task.id}`);
  assert.ok(
    !(await inbox(modeler)).items.some((i: Json) => i.id === task.id),
    "not the requester's",
  );
  const requested =
    (await ok(t.call("GET", `${BASE}/notifications?unread=true`, { token: executive })))
      .items.find((n: Json) => n.itemId === task.id);
  assert.equal(requested.event, "approval.requested");

  await ok(t.call("POST", `/api/v1/processes/${processId}/approvals/${task.id}/approve`, {
    token: executive,
  }));
  assert.ok(
    !(await inbox(executive)).items.some((i: Json) => i.id === task.id),
    "gone once decided",
  );
  const unreadExec = await ok(
    t.call("GET", `${BASE}/notifications?unread=true`, { token: executive }),
  );
  assert.ok(
    !unreadExec.items.some((n: Json) => n.itemId === task.id),
    "the request counts as read",
  );
  const decided = (await ok(t.call("GET", `${BASE}/notifications?unread=true`, { token: modeler })))
    .items.find((n: Json) => n.event === "approval.approved" && n.itemId === task.id);
  assert.match(decided.title, /Erika Executive approved .*; it is published/);
  assert.equal(decided.link, `/processes/${processId}`);
});

test("a rejection tells the requester why", async () => {
  const processId = await ownedProcess(t, { owner: "executive", publish: false });
  const task = await ok(
    t.call("POST", `/api/v1/processes/${processId}/draft/submit`, {
      token: modeler,
      body: { changeNote: "Second try" },
      headers: { "if-match": "*" },
    }),
    201,
  );
  await ok(t.call("POST", `/api/v1/processes/${processId}/approvals/${task.id}/reject`, {
    token: executive,
    body: { reason: "Lane names are missing" },
  }));
  const n = (await ok(t.call("GET", `${BASE}/notifications?unread=true`, { token: modeler })))
    .items.find((x: Json) => x.event === "approval.rejected" && x.itemId === task.id);
  assert.match(n.title, /Erika Executive rejected .*: "Lane names are missing"/);
});

test("reviews due soon or overdue for my processes are in my inbox", async () => {
  const today = todayUtc();
  const make = async (nextReviewAt: string) => {
    const id = await ownedProcess(t);
    await ok(t.call("PATCH", `/api/v1/processes/${id}`, {
      token: modeler,
      body: { nextReviewAt },
      headers: { "if-match": "*" },
    }));
    return id;
  };
  const overdue = await make(addDays(today, -3));
  const soon = await make(addDays(today, 5));
  const later = await make(addDays(today, 30));
  const box = await inbox(modeler);
  const reviews = box.items.filter((i: Json) => i.kind === "review");
  const o = reviews.find((i: Json) => i.id === overdue);
  assert.equal(o.overdue, true);
  assert.match(o.title, new RegExp(`: review overdue since ${addDays(today, -3)}$`));
  assert.equal(o.link, `/processes/${overdue}?review=1`);
  assert.equal(reviews.find((i: Json) => i.id === soon).overdue, false);
  assert.ok(!reviews.some((i: Json) => i.id === later));
  assert.ok(!(await inbox(reader)).items.some((i: Json) => i.kind === "review"));
});

test("notifications: unread count, mark read by id and all", async () => {
  const before =
    (await ok(t.call("GET", `${BASE}/notifications/unread-count`, { token: modeler }))).count;
  assert.ok(before > 0);
  const [first] =
    (await ok(t.call("GET", `${BASE}/notifications?unread=true`, { token: modeler }))).items;
  const marked = await ok(t.call("POST", `${BASE}/notifications/read`, {
    token: modeler,
    body: { ids: [first.id] },
  }));
  assert.equal(marked.updated, 1);
  assert.equal(
    (await ok(t.call("GET", `${BASE}/notifications/unread-count`, { token: modeler }))).count,
    before - 1,
  );
  // Someone else's ids change nothing.
  const foreign = await ok(t.call("POST", `${BASE}/notifications/read`, {
    token: reader,
    body: { ids: [first.id] },
  }));
  assert.equal(foreign.updated, 0);
  await ok(t.call("POST", `${BASE}/notifications/read`, { token: modeler, body: { all: true } }));
  assert.equal(
    (await ok(t.call("GET", `${BASE}/notifications/unread-count`, { token: modeler }))).count,
    0,
  );
  const empty = await t.call("POST", `${BASE}/notifications/read`, { token: modeler, body: {} });
  assert.equal(empty.status, 422);
});

test("close", async () => {
  await t.close();
});
