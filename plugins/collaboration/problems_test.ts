// Problems and suggestions through the HTTP API: reported by anyone, assigned to the owner,
// triaged by owner, assignee or executive, rejected only with a reason, listed per process
// and across the workspace; reporter and assignees hear of changes.
import assert from "node:assert/strict";
import { startTestApp, test } from "../../tests/support/app.ts";
import { BASE, demoUserId, ok, ownedProcess } from "./test_support.ts";

const t = await startTestApp();
const reader = await t.token("reader");
const modeler = await t.token("modeler");
const executive = await t.token("executive");
const modelerId = await demoUserId(t, "modeler", 0);
const executiveId = await demoUserId(t, "executive", 0);
const processId = await ownedProcess(t);
const other = await ownedProcess(t, { owner: "executive" });

const report = (token: string, body: Record<string, unknown>) =>
  t.call("POST", `${BASE}/problems`, {
    token,
    body: {
      processId,
      title: "Form missing",
      description: "The form link is dead.",
      severity: "high",
      ...body,
    },
  });
const change = (token: string, id: string, body: unknown, ifMatch = "*") =>
  t.call("PATCH", `${BASE}/problems/${id}`, { token, body, headers: { "if-match": ifMatch } });
const unread = async (token: string) =>
  (await ok(t.call("GET", `${BASE}/notifications?unread=true`, { token }))).items;

test("a reader reports a problem on a step; it is open and assigned to the owner, who is told", async () => {
  const res = await report(reader, { nodeId: "t" });
  assert.equal(res.status, 201);
  assert.equal(res.headers.get("etag"), 'W/"1"');
  const p = await res.json();
  assert.equal(p.status, "open");
  assert.equal(p.stepLabel, "Work");
  assert.deepEqual(p.assignee, { id: modelerId, displayName: "Max Modeler" });
  assert.equal(p.reporter.displayName, "Rita Reader");
  assert.equal(p.canTriage, false);
  assert.equal(p.canEdit, true, "the reporter may correct the wording");
  const [n] = await unread(modeler);
  assert.equal(n.event, "problem.reported");
  assert.equal(n.link, `/processes/${processId}?problem=${p.id}`);
  assert.match(n.title, /Rita Reader reported a problem on .* › Work: Form missing/);
});

test("bad input names every field; nothing is stored", async () => {
  const res = await t.call("POST", `${BASE}/problems`, {
    token: reader,
    body: { processId, title: "", description: "x", severity: "urgent", extra: 1 },
  });
  assert.equal(res.status, 422);
  const fields = (await res.json()).errors.map((e: { field: string }) => e.field).sort();
  assert.deepEqual(fields, ["body.extra", "body.severity", "body.title"]);
  const list = await ok(
    t.call("GET", `${BASE}/problems?processId=${processId}`, { token: reader }),
  );
  assert.equal(list.total, 1);
});

test("only owner, assignee or executive triage; rejecting needs a reason; the reporter is told", async () => {
  const p = await ok(report(reader, { title: "Step order" }), 201);
  const byReader = await change(reader, p.id, { status: "in_progress" });
  assert.equal(byReader.status, 403);
  assert.equal((await byReader.json()).type, "https://procedo.app/problems/not-allowed");
  const noIfMatch = await t.call("PATCH", `${BASE}/problems/${p.id}`, {
    token: modeler,
    body: { status: "in_progress" },
  });
  assert.equal(noIfMatch.status, 428);
  const noReason = await change(modeler, p.id, { status: "rejected" }, 'W/"1"');
  assert.equal(noReason.status, 422);
  assert.equal((await noReason.json()).errors[0].field, "body.reason");
  const stale = await change(modeler, p.id, { status: "in_progress" }, 'W/"9"');
  assert.equal(stale.status, 412);
  assert.equal((await stale.json()).current.status, "open", "412 carries the current problem");

  const rejected = await ok(
    change(modeler, p.id, { status: "rejected", reason: "Works as designed" }, 'W/"1"'),
  );
  assert.equal(rejected.status, "rejected");
  assert.equal(rejected.statusReason, "Works as designed");
  assert.ok(rejected.closedAt);
  const told = (await unread(reader)).find((n: { event: string }) => n.event === "problem.status");
  assert.match(told.title, /"Step order" on .* is now rejected \(Works as designed\)/);
});

test("the reporter corrects the wording but not the status; reassigning tells the new assignee", async () => {
  const p = await ok(report(reader, { title: "Typo" }), 201);
  const fixed = await ok(change(reader, p.id, { title: "Typo in step 2" }));
  assert.equal(fixed.title, "Typo in step 2");
  assert.equal((await change(reader, p.id, { severity: "low" })).status, 403);
  const unknown = await change(modeler, p.id, { assigneeId: crypto.randomUUID() });
  assert.equal(unknown.status, 422);
  assert.equal((await unknown.json()).errors[0].field, "body.assigneeId");
  const moved = await ok(change(modeler, p.id, { assigneeId: executiveId, status: "in_progress" }));
  assert.equal(moved.assignee.id, executiveId);
  const n = (await unread(executive)).find((x: { event: string }) =>
    x.event === "problem.assigned"
  );
  assert.match(n.title, /assigned to you: Typo in step 2/);
  // The new assignee may triage now; the old one, still owner, too.
  assert.equal((await ok(change(executive, p.id, { status: "resolved" }))).status, "resolved");
});

test("lists: per process and across the workspace, by status, severity and assignee", async () => {
  await ok(
    t.call("POST", `${BASE}/problems`, {
      token: reader,
      body: { processId: other, title: "Elsewhere", description: "d", severity: "low" },
    }),
    201,
  );
  const all = await ok(t.call("GET", `${BASE}/problems?limit=200`, { token: reader }));
  assert.ok(all.items.some((p: { processId: string }) => p.processId === other));
  assert.ok(all.items.some((p: { processId: string }) => p.processId === processId));
  const mine = await ok(t.call("GET", `${BASE}/problems?assigneeId=me&status=open,in_progress`, {
    token: modeler,
  }));
  assert.ok(mine.items.length >= 1);
  assert.ok(
    mine.items.every((p: { assignee: { id: string }; status: string }) =>
      p.assignee.id === modelerId && ["open", "in_progress"].includes(p.status)
    ),
  );
  const high = await ok(
    t.call("GET", `${BASE}/problems?severity=low&processId=${other}`, { token: reader }),
  );
  assert.deepEqual(high.items.map((p: { title: string }) => p.title), ["Elsewhere"]);
  const bad = await t.call("GET", `${BASE}/problems?status=open,maybe`, { token: reader });
  assert.equal(bad.status, 422);
  assert.equal((await bad.json()).errors[0].field, "query.status");
});

test("close", async () => {
  await t.close();
});
