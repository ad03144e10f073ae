// The approval flow through the HTTP API: submit → in review → approved (published as
// version n) or rejected with a reason, or withdrawn; who may decide; immutable versions.
// Four-eyes approval, unchanged drafts and the approver's comment: four_eyes_test.ts.
import assert from "node:assert/strict";
import { startTestApp, test } from "../../tests/support/app.ts";
import { createProcess, createRefs, sampleGraph, saveGraph, userIdOf } from "./draft_fixtures.ts";

const t = await startTestApp();
const modeler = await t.token("modeler");
const reader = await t.token("reader");
const executive = await t.token("executive");
const modelerId = await userIdOf(t, modeler);
const executiveId = await userIdOf(t, executive);
const refs = await createRefs(t, modeler);

const base = (id: string) => `/api/v1/processes/${id}`;
const submit = (id: string, changeNote: unknown, ifMatch = "*", token = modeler) =>
  t.call("POST", `${base(id)}/draft/submit`, {
    token,
    body: { changeNote },
    headers: ifMatch ? { "if-match": ifMatch } : {},
  });
const decide = (id: string, task: string, verb: string, token: string, body?: unknown) =>
  t.call("POST", `${base(id)}/approvals/${task}/${verb}`, { token, body });
const draftOf = async (id: string) =>
  await (await t.call("GET", `${base(id)}/draft`, { token: modeler })).json();
const processOf = async (id: string) =>
  await (await t.call("GET", base(id), { token: reader })).json();

/** A process owned by `owner` with a valid model in its draft. */
async function modelled(owner = modelerId) {
  const id = await createProcess(t, modeler, { ownerUserId: owner });
  await saveGraph(t, modeler, id, sampleGraph(refs));
  return id;
}

test("submit, approve: the draft is published as version 1, then version 2", async () => {
  const id = await modelled();
  const missing = await submit(id, "First release", "");
  assert.equal(missing.status, 428, "submitting needs If-Match");
  assert.equal((await submit(id, "First release", 'W/"1"')).status, 412, "of the current draft");

  const res = await submit(id, "First release", 'W/"2"');
  assert.equal(res.status, 201, await res.clone().text());
  const task = await res.json();
  assert.equal(task.state, "open");
  assert.equal(task.draftVersion, 2);
  assert.equal(task.requestedBy, modelerId);
  assert.equal((await draftOf(id)).state, "in_review");

  const edit = await t.call("PUT", `${base(id)}/draft`, {
    token: modeler,
    body: sampleGraph(refs),
    headers: { "if-match": "*" },
  });
  assert.equal(edit.status, 409, "a draft in review cannot be edited");
  assert.equal((await edit.json()).type, "https://procedo.app/problems/draft-in-review");
  assert.equal((await submit(id, "Again")).status, 409, "nor submitted twice");

  const approved = await decide(id, task.id, "approve", executive);
  assert.equal(approved.status, 200, await approved.clone().text());
  const decided = await approved.json();
  assert.equal(decided.state, "approved");
  assert.equal(decided.publishedVersion, 1);
  assert.equal(decided.decidedBy, executiveId);

  const draft = await draftOf(id);
  assert.equal(draft.state, "editing");
  assert.equal(draft.baseVersion, 1);
  const process = await processOf(id);
  assert.equal(process.publishedVersion, 1);
  assert.ok(process.publishedAt);

  const v1 = await (await t.call("GET", `${base(id)}/versions/1`, { token: reader })).json();
  assert.equal(v1.number, 1);
  assert.equal(v1.changeNote, "First release");
  assert.equal(v1.requestedBy, modelerId);
  assert.equal(v1.approvedBy, executiveId);
  assert.equal(v1.approvalComment, null, "approved without a comment");
  assert.equal(v1.title, process.title);
  assert.deepEqual(v1.graph, draft.graph);

  // The second round, approved by an executive with a comment of their own.
  const changed = sampleGraph(refs, "Check order twice");
  await saveGraph(t, modeler, id, changed);
  const second = await (await submit(id, "Stricter check")).json();
  const res2 = await decide(id, second.id, "approve", executive, { comment: "Checked twice" });
  assert.equal(res2.status, 200);
  assert.equal((await res2.json()).publishedVersion, 2);
  assert.equal((await processOf(id)).publishedVersion, 2);
  assert.equal((await draftOf(id)).baseVersion, 2);

  const list = await (await t.call("GET", `${base(id)}/versions`, { token: reader })).json();
  assert.equal(list.total, 2);
  assert.deepEqual(list.items.map((v: { number: number }) => v.number), [2, 1], "newest first");
  assert.deepEqual(list.items.map((v: { changeNote: string }) => v.changeNote), [
    "Stricter check",
    "First release",
  ]);
  assert.deepEqual(
    list.items.map((v: { approvalComment: string | null }) => v.approvalComment),
    ["Checked twice", null],
  );
  assert.equal(list.items[0].approvedBy, executiveId);
  assert.ok(!("graph" in list.items[0]), "the list leaves the graphs out");

  const history = await (await t.call("GET", `${base(id)}/approvals`, { token: modeler })).json();
  assert.deepEqual(history.items.map((a: { state: string }) => a.state), ["approved", "approved"]);
  assert.equal(history.items[0].processTitle, process.title);
});

test("deciding a decided task is a 409, and nothing is published twice", async () => {
  const id = await modelled();
  const task = await (await submit(id, "Once")).json();
  assert.equal((await decide(id, task.id, "approve", executive)).status, 200);
  const again = await decide(id, task.id, "approve", executive);
  assert.equal(again.status, 409);
  assert.equal((await again.json()).type, "https://procedo.app/problems/approval-decided");
  assert.equal(
    (await decide(id, task.id, "reject", modeler, { reason: "late" })).status,
    409,
  );
  assert.equal((await processOf(id)).publishedVersion, 1);
});

test("reject needs a reason; the draft is editable again and nothing is published", async () => {
  const id = await modelled();
  const task = await (await submit(id, "Please look")).json();
  const noReason = await decide(id, task.id, "reject", modeler, {});
  assert.equal(noReason.status, 422);
  assert.equal((await noReason.json()).errors[0].field, "body.reason");
  assert.equal((await decide(id, task.id, "reject", modeler, { reason: "  " })).status, 422);

  const res = await decide(id, task.id, "reject", modeler, { reason: "Lane Sales is missing" });
  assert.equal(res.status, 200);
  const rejected = await res.json();
  assert.equal(rejected.state, "rejected");
  assert.equal(rejected.reason, "Lane Sales is missing");
  assert.equal(rejected.publishedVersion, null);
  assert.equal((await draftOf(id)).state, "editing");
  assert.equal((await processOf(id)).publishedVersion, 0);
  assert.equal(
    (await (await t.call("GET", `${base(id)}/versions`, { token: reader })).json()).total,
    0,
  );
  assert.equal((await decide(id, task.id, "approve", modeler)).status, 409);
});

test("who decides: not a reader, not a modeler who is not the owner, but an executive", async () => {
  const id = await modelled(executiveId);
  const task = await (await submit(id, "Owned by the executive")).json();

  const byReader = await decide(id, task.id, "approve", reader);
  assert.equal(byReader.status, 403);
  assert.equal((await byReader.json()).type, "https://procedo.app/problems/role-required");

  const byModeler = await decide(id, task.id, "approve", modeler);
  assert.equal(byModeler.status, 403);
  assert.equal((await byModeler.json()).type, "https://procedo.app/problems/not-process-owner");
  const rejectByModeler = await decide(id, task.id, "reject", modeler, { reason: "no" });
  assert.equal(rejectByModeler.status, 403);
  assert.equal((await draftOf(id)).state, "in_review", "refused decisions changed nothing");

  assert.equal((await decide(id, task.id, "approve", executive)).status, 200);
  assert.equal((await processOf(id)).publishedVersion, 1);
});

test("a model with validation errors cannot be submitted; no task is created", async () => {
  const id = await createProcess(t, modeler, { ownerUserId: modelerId });
  const graph = sampleGraph(refs);
  graph.nodes = graph.nodes.filter((n) => n.id !== "end");
  graph.edges = graph.edges.filter((e) => e.to !== "end");
  await saveGraph(t, modeler, id, graph);
  const res = await submit(id, "Without an end");
  assert.equal(res.status, 422);
  const problem = await res.json();
  assert.equal(problem.type, "https://procedo.app/problems/validation-errors");
  assert.ok(problem.findings.length >= 1);
  assert.ok(problem.findings.every((f: { severity: string }) => f.severity === "error"));
  assert.ok(problem.findings.some((f: { code: string }) => f.code === "missing-end"));
  assert.equal((await draftOf(id)).state, "editing");
  const history = await (await t.call("GET", `${base(id)}/approvals`, { token: modeler })).json();
  assert.equal(history.total, 0);
});

test("withdraw: the requester or an executive, and the draft is editable again", async () => {
  const id = await modelled();
  const colleague = await promotedModeler();
  assert.equal(
    (await t.call("POST", `${base(id)}/draft/withdraw`, { token: modeler })).status,
    409,
    "nothing to withdraw yet",
  );
  const task = await (await submit(id, "To withdraw")).json();
  const byColleague = await t.call("POST", `${base(id)}/draft/withdraw`, { token: colleague });
  assert.equal(byColleague.status, 403);
  assert.equal((await byColleague.json()).type, "https://procedo.app/problems/not-requester");

  const res = await t.call("POST", `${base(id)}/draft/withdraw`, { token: modeler });
  assert.equal(res.status, 200);
  const withdrawn = await res.json();
  assert.equal(withdrawn.id, task.id);
  assert.equal(withdrawn.state, "withdrawn");
  assert.equal((await draftOf(id)).state, "editing");
  assert.equal((await decide(id, task.id, "approve", modeler)).status, 409);

  await submit(id, "Again, to be withdrawn by an executive");
  const byExecutive = await t.call("POST", `${base(id)}/draft/withdraw`, { token: executive });
  assert.equal(byExecutive.status, 200);
});

test("the approval inbox: mine lists the caller's processes, executives see all", async () => {
  const mine = await modelled(modelerId);
  const theirs = await modelled(executiveId);
  const a = await (await submit(mine, "Mine")).json();
  const b = await (await submit(theirs, "Theirs")).json();
  const inbox = async (token: string, q: string) => {
    const res = await t.call("GET", `/api/v1/processes/approvals?${q}`, { token });
    assert.equal(res.status, 200, await res.clone().text());
    return (await res.json()).items.map((x: { id: string }) => x.id) as string[];
  };
  const modelerMine = await inbox(modeler, "state=open&mine=true&limit=200");
  assert.ok(modelerMine.includes(a.id));
  assert.ok(!modelerMine.includes(b.id));
  const executiveMine = await inbox(executive, "state=open&mine=true&limit=200");
  assert.ok(executiveMine.includes(a.id) && executiveMine.includes(b.id));
  const all = await inbox(modeler, "state=open&limit=200");
  assert.ok(all.includes(a.id) && all.includes(b.id));
  assert.equal((await decide(mine, a.id, "approve", executive)).status, 200);
  assert.ok(!(await inbox(modeler, "state=open&mine=true&limit=200")).includes(a.id));
  assert.ok((await inbox(modeler, "state=approved&limit=200")).includes(a.id));
  assert.equal((await t.call("GET", "/api/v1/processes/approvals", { token: reader })).status, 403);
  assert.equal(
    (await t.call("GET", "/api/v1/processes/approvals?state=maybe", { token: modeler })).status,
    422,
  );
});

test("versions are immutable: editing the draft leaves v1 as published; restore copies it back", async () => {
  const id = await modelled();
  const task = await (await submit(id, "v1")).json();
  assert.equal((await decide(id, task.id, "approve", executive)).status, 200);
  const v1 = await (await t.call("GET", `${base(id)}/versions/1`, { token: reader })).json();

  const edited = await saveGraph(t, modeler, id, sampleGraph(refs, "Edited later"));
  const again = await (await t.call("GET", `${base(id)}/versions/1`, { token: reader })).json();
  assert.deepEqual(again, v1, "v1 did not change with the draft");

  const path = `${base(id)}/versions/1/restore`;
  assert.equal((await t.call("POST", path, { token: modeler })).status, 428);
  const stale = await t.call("POST", path, { token: modeler, headers: { "if-match": 'W/"1"' } });
  assert.equal(stale.status, 412);
  assert.equal((await stale.json()).current.version, edited.version);
  assert.equal(
    (await t.call("POST", path, { token: reader, headers: { "if-match": "*" } })).status,
    403,
  );

  const res = await t.call("POST", path, {
    token: modeler,
    headers: { "if-match": `W/"${edited.version}"` },
  });
  assert.equal(res.status, 200, await res.clone().text());
  assert.equal(res.headers.get("etag"), `W/"${edited.version + 1}"`);
  const restored = await res.json();
  assert.equal(restored.version, edited.version + 1, "a restore is a normal save");
  assert.deepEqual(restored.graph, v1.graph);
  assert.equal(restored.graph.nodes[1].label, "Check order");

  assert.equal((await t.call("GET", `${base(id)}/versions/7`, { token: reader })).status, 404);
  assert.equal(
    (await t.call("POST", `${base(id)}/versions/7/restore`, {
      token: modeler,
      headers: { "if-match": "*" },
    })).status,
    404,
  );
  assert.equal((await t.call("GET", `${base(id)}/versions/0`, { token: reader })).status, 422);
});

test("another tenant's process answers 404 on every approval route", async () => {
  const id = await modelled();
  const task = await (await submit(id, "Tenant A")).json();
  const intruder = await t.token("executive", 1);
  const calls: [string, string, unknown?][] = [
    ["POST", `${base(id)}/draft/submit`, { changeNote: "x" }],
    ["POST", `${base(id)}/draft/withdraw`],
    ["GET", `${base(id)}/approvals`],
    ["POST", `${base(id)}/approvals/${task.id}/approve`],
    ["POST", `${base(id)}/approvals/${task.id}/reject`, { reason: "x" }],
    ["GET", `${base(id)}/versions`],
  ];
  for (const [method, path, body] of calls) {
    const res = await t.call(method, path, { token: intruder, body, headers: { "if-match": "*" } });
    assert.equal(res.status, 404, `${method} ${path}: ${res.status}`);
  }
  const inbox = await (await t.call("GET", "/api/v1/processes/approvals?limit=200", {
    token: intruder,
  })).text();
  assert.ok(!inbox.includes(task.id));
  assert.equal((await draftOf(id)).state, "in_review", "tenant A's request is untouched");
});

/** A second modeler: a new user the executive promotes. */
async function promotedModeler(): Promise<string> {
  const { DEMO_TENANTS } = await import("../../api/demo.ts");
  const token = await t.issuer.sign({
    tid: DEMO_TENANTS[0].entraTenantId,
    oid: crypto.randomUUID(),
    name: "Colleague",
  });
  const id = await userIdOf(t, token);
  const res = await t.call("PATCH", `/api/v1/users/${id}`, {
    token: executive,
    body: { role: "modeler" },
    headers: { "if-match": "*" },
  });
  assert.equal(res.status, 200, await res.clone().text());
  return token;
}

test("close", async () => {
  await t.close();
});
