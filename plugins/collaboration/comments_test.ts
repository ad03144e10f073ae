// Comments through the HTTP API: threads on a process and its steps, @mentions, replies,
// edit and delete of one's own, resolve by the owner, and who hears of what.
import assert from "node:assert/strict";
import { startTestApp, test } from "../../tests/support/app.ts";
import { BASE, demoUserId, ok, ownedProcess } from "./test_support.ts";

const t = await startTestApp();
const reader = await t.token("reader");
const modeler = await t.token("modeler");
const executive = await t.token("executive");
const otherTenant = await t.token("executive", 1);
const modelerId = await demoUserId(t, "modeler", 0);
const readerId = await demoUserId(t, "reader", 0);
const processId = await ownedProcess(t);

const post = (token: string, body: unknown) => t.call("POST", `${BASE}/comments`, { token, body });
const unread = async (token: string) =>
  (await ok(t.call("GET", `${BASE}/notifications?unread=true`, { token }))).items;

test("a reader comments on a step; the owner is told, naming the process and the step", async () => {
  const thread = await ok(post(reader, { processId, nodeId: "t", body: "Who signs here?" }), 201);
  assert.equal(thread.nodeId, "t");
  assert.equal(thread.stepLabel, "Work");
  assert.equal(thread.versionNumber, 1);
  assert.equal(thread.author.id, readerId);
  assert.equal(thread.author.displayName, "Rita Reader");
  assert.deepEqual(thread.replies, []);
  assert.equal(thread.canEdit, true);
  assert.equal(thread.canResolve, false, "readers do not resolve");
  const [n] = await unread(modeler);
  assert.equal(n.event, "comment.created");
  assert.equal(n.category, "comment");
  assert.equal(n.link, `/processes/${processId}?comment=${thread.id}`);
  assert.match(n.title, /Rita Reader commented on .* › Work: "Who signs here\?"/);

  const listed = await ok(t.call("GET", `${BASE}/comments?processId=${processId}&nodeId=t`, {
    token: executive,
  }));
  assert.equal(listed.total, 1);
  assert.equal(listed.items[0].canResolve, true);
  const none = await ok(t.call("GET", `${BASE}/comments?processId=${processId}&nodeId=e`, {
    token: executive,
  }));
  assert.equal(none.total, 0);
});

test("bad references are refused, naming the field; nothing is stored", async () => {
  const noStep = await post(reader, { processId, nodeId: "nope", body: "x" });
  assert.equal(noStep.status, 422);
  assert.equal((await noStep.json()).errors[0].field, "body.nodeId");
  const foreign = await post(otherTenant, { processId, body: "x" });
  assert.equal(foreign.status, 404, "another tenant's process does not exist");
  const empty = await post(reader, { processId, body: "   " });
  assert.equal(empty.status, 422);
  assert.equal((await empty.json()).errors[0].field, "body.body");
  const stranger = await post(reader, {
    processId,
    body: `Hi @[Ed](${await demoUserId(t, "executive", 1)})`,
  });
  assert.equal(stranger.status, 422, "people of another tenant cannot be mentioned");
  assert.equal((await stranger.json()).errors[0].field, "body.body");
  const listed = await ok(
    t.call("GET", `${BASE}/comments?processId=${processId}`, { token: reader }),
  );
  assert.equal(listed.total, 1);
});

test("@mentions reach the person mentioned; autocomplete finds people by name", async () => {
  const people = await ok(t.call("GET", `${BASE}/comments/mentionable?q=max`, { token: reader }));
  assert.deepEqual(people, [{ id: modelerId, displayName: "Max Modeler" }]);
  const executiveId = await demoUserId(t, "executive", 0);
  const thread = await ok(
    post(reader, { processId, body: `Please check, @[Erika Executive](${executiveId})` }),
    201,
  );
  assert.deepEqual(thread.mentions, [{ id: executiveId, displayName: "Erika Executive" }]);
  const [n] = await unread(executive);
  assert.equal(n.event, "comment.mentioned");
  assert.match(n.title, /Rita Reader mentioned you .*"Please check, @Erika Executive"/);
});

test("replies join the thread, and its participants hear of them", async () => {
  const root = await ok(post(reader, { processId, nodeId: "t", body: "Question" }), 201);
  const first = await ok(post(modeler, { processId, parentId: root.id, body: "Answer" }), 201);
  assert.equal(first.id, root.id, "the answer is the thread");
  assert.equal(first.replies.length, 1);
  assert.equal(first.replies[0].nodeId, "t", "a reply is on its thread's step");
  const replies = (await unread(reader)).filter((n: { event: string }) =>
    n.event === "comment.replied"
  );
  assert.equal(replies.length, 1);
  // Replying to a reply stays in the same thread.
  const again = await ok(
    post(executive, { processId, parentId: first.replies[0].id, body: "Agreed" }),
    201,
  );
  assert.equal(again.id, root.id);
  assert.equal(again.replies.length, 2);
  assert.equal(again.replies[1].parentId, root.id);
  const wrongStep = await post(reader, { processId, parentId: root.id, nodeId: "e", body: "x" });
  assert.equal(wrongStep.status, 422);
});

test("authors edit their words; others may not; a stale If-Match is 412", async () => {
  const thread = await ok(post(reader, { processId, body: "Typo hre" }), 201);
  const byOther = await t.call("PATCH", `${BASE}/comments/${thread.id}`, {
    token: modeler,
    body: { body: "Hijacked" },
  });
  assert.equal(byOther.status, 403);
  assert.equal((await byOther.json()).type, "https://procedo.app/problems/not-allowed");
  const stale = await t.call("PATCH", `${BASE}/comments/${thread.id}`, {
    token: reader,
    body: { body: "x" },
    headers: { "if-match": 'W/"7"' },
  });
  assert.equal(stale.status, 412);
  const edited = await t.call("PATCH", `${BASE}/comments/${thread.id}`, {
    token: reader,
    body: { body: "Typo here" },
    headers: { "if-match": 'W/"1"' },
  });
  assert.equal(edited.status, 200);
  assert.equal(edited.headers.get("etag"), 'W/"2"');
  const got = await edited.json();
  assert.equal(got.body, "Typo here");
  assert.ok(got.editedAt);
});

test("delete: own or by an executive; a first comment with replies keeps its place", async () => {
  const solo = await ok(post(reader, { processId, body: "Never mind" }), 201);
  assert.equal(
    (await t.call("DELETE", `${BASE}/comments/${solo.id}`, { token: modeler })).status,
    403,
  );
  assert.equal(
    (await t.call("DELETE", `${BASE}/comments/${solo.id}`, { token: reader })).status,
    204,
  );
  assert.equal((await t.call("GET", `${BASE}/comments/${solo.id}`, { token: reader })).status, 404);

  const root = await ok(post(reader, { processId, body: "Rude words" }), 201);
  await ok(post(modeler, { processId, parentId: root.id, body: "Please stay polite" }), 201);
  assert.equal(
    (await t.call("DELETE", `${BASE}/comments/${root.id}`, { token: executive })).status,
    204,
  );
  const kept = await ok(t.call("GET", `${BASE}/comments/${root.id}`, { token: reader }));
  assert.equal(kept.deleted, true);
  assert.equal(kept.body, "");
  assert.equal(kept.replies[0].body, "Please stay polite");
  const editDeleted = await t.call("PATCH", `${BASE}/comments/${root.id}`, {
    token: reader,
    body: { body: "again" },
  });
  assert.equal(editDeleted.status, 409);
});

test("the owner (or an executive) resolves a thread and opens it again; readers may not", async () => {
  const root = await ok(post(reader, { processId, body: "Outdated step name" }), 201);
  const byReader = await t.call("POST", `${BASE}/comments/${root.id}/resolve`, { token: reader });
  assert.equal(byReader.status, 403);
  const resolved = await ok(
    t.call("POST", `${BASE}/comments/${root.id}/resolve`, { token: modeler }),
  );
  assert.ok(resolved.resolvedAt);
  assert.equal(resolved.resolvedBy, modelerId);
  const reopened = await ok(t.call("POST", `${BASE}/comments/${root.id}/resolve`, {
    token: executive,
    body: { resolved: false },
  }));
  assert.equal(reopened.resolvedAt, null);
});

test("close", async () => {
  await t.close();
});
