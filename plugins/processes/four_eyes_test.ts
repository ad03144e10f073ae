// The rules around an approval: four-eyes (the tenant setting processes.fourEyes, on by
// default: who submitted a draft cannot approve it, a person or an API key alike), no
// request for a draft without a change since the last version, and the approver's comment
// kept beside the submitter's change note.
import assert from "node:assert/strict";
import { startTestApp, test } from "../../tests/support/app.ts";
import { createProcess, createRefs, sampleGraph, saveGraph, userIdOf } from "./draft_fixtures.ts";

const t = await startTestApp();
const modeler = await t.token("modeler");
const executive = await t.token("executive");
const modelerId = await userIdOf(t, modeler);
const executiveId = await userIdOf(t, executive);
const refs = await createRefs(t, modeler);

const base = (id: string) => `/api/v1/processes/${id}`;
const submit = (id: string, changeNote: string, token = modeler) =>
  t.call("POST", `${base(id)}/draft/submit`, {
    token,
    body: { changeNote },
    headers: { "if-match": "*" },
  });
const decide = (id: string, task: string, verb: string, token: string, body?: unknown) =>
  t.call("POST", `${base(id)}/approvals/${task}/${verb}`, { token, body });
const get = async (path: string, token = modeler) => {
  const res = await t.call("GET", path, { token });
  assert.equal(res.status, 200, await res.clone().text());
  return await res.json();
};
const problemType = async (res: Response) => (await res.json()).type;

/** A process owned by `owner` with a valid model in its draft. */
async function modelled(owner = modelerId, label?: string) {
  const id = await createProcess(t, modeler, { ownerUserId: owner });
  await saveGraph(t, modeler, id, sampleGraph(refs, label));
  return id;
}

/** Turns four-eyes approval on or off for demo tenant 0. */
async function setFourEyes(on: boolean) {
  const res = await t.call("PATCH", "/api/v1/settings", {
    token: executive,
    body: { processes: { fourEyes: on } },
    headers: { "if-match": "*" },
  });
  assert.equal(res.status, 200, await res.clone().text());
}

test("four-eyes: the owner who submitted cannot approve (409 naming the rule); another approver can", async () => {
  const id = await modelled();
  const task = await (await submit(id, "Owner submits")).json();

  const self = await decide(id, task.id, "approve", modeler, { comment: "Looks fine to me" });
  assert.equal(self.status, 409);
  assert.equal(self.headers.get("content-type"), "application/problem+json");
  const problem = await self.json();
  assert.equal(problem.type, "https://procedo.app/problems/four-eyes");
  assert.equal(problem.rule, "four-eyes");
  assert.equal(problem.setting, "processes.fourEyes");
  assert.match(problem.detail, /submitted/);
  assert.equal((await get(`${base(id)}/draft`)).state, "in_review", "still waiting");
  assert.equal((await get(base(id))).publishedVersion, 0, "nothing published");

  const approved = await decide(id, task.id, "approve", executive);
  assert.equal(approved.status, 200, await approved.clone().text());
  assert.equal((await approved.json()).decidedBy, executiveId);
  const v1 = await get(`${base(id)}/versions/1`);
  assert.equal(v1.requestedBy, modelerId);
  assert.equal(v1.approvedBy, executiveId);
});

test("four-eyes binds executives too: one who submitted needs another approver", async () => {
  const id = await modelled(executiveId);
  const task = await (await submit(id, "Executive submits", executive)).json();
  const self = await decide(id, task.id, "approve", executive);
  assert.equal(self.status, 409);
  assert.equal(await problemType(self), "https://procedo.app/problems/four-eyes");
  // The modeler is not the owner: only the owner or an executive decides (403), as before.
  assert.equal((await decide(id, task.id, "approve", modeler)).status, 403);
});

test("four-eyes off: a tenant with one modeler approves their own request", async () => {
  await setFourEyes(false);
  try {
    const id = await modelled();
    const task = await (await submit(id, "Alone in the team")).json();
    const res = await decide(id, task.id, "approve", modeler, { comment: "Self-approved" });
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal((await res.json()).publishedVersion, 1);
    const other = await t.token("modeler", 1);
    assert.equal(
      (await get("/api/v1/settings", other)).values.processes.fourEyes,
      true,
      "the other workspace keeps four-eyes on",
    );
  } finally {
    await setFourEyes(true);
  }
});

test("an API key is the submitter of what it submits: it cannot approve that, a person can", async () => {
  const created = await t.call("POST", "/api/v1/api-keys", {
    token: executive,
    body: {
      name: "QMS sync",
      role: "executive",
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    },
  });
  assert.equal(created.status, 201, await created.clone().text());
  const { key, id: keyId } = await created.json();
  const id = await modelled();
  const submitted = await submit(id, "Synchronised from the QMS", key);
  assert.equal(submitted.status, 201, await submitted.clone().text());
  const task = await submitted.json();
  assert.equal(task.requestedBy, keyId);

  const byKey = await decide(id, task.id, "approve", key);
  assert.equal(byKey.status, 409);
  assert.equal(await problemType(byKey), "https://procedo.app/problems/four-eyes");
  // The owner is another principal than the key that submitted.
  const byOwner = await decide(id, task.id, "approve", modeler);
  assert.equal(byOwner.status, 200, await byOwner.clone().text());
  assert.equal((await get(`${base(id)}/versions/1`)).requestedBy, keyId);
});

test("a draft with no change since the last version cannot be submitted (409 no-changes)", async () => {
  const id = await modelled();
  const first = await (await submit(id, "v1")).json();
  assert.equal((await decide(id, first.id, "approve", executive)).status, 200);

  const unchanged = await submit(id, "Nothing changed");
  assert.equal(unchanged.status, 409);
  const problem = await unchanged.json();
  assert.equal(problem.type, "https://procedo.app/problems/no-changes");
  assert.equal(problem.publishedVersion, 1);
  assert.equal((await get(`${base(id)}/draft`)).state, "editing");
  assert.equal((await get(`${base(id)}/approvals`)).total, 1, "no task was opened");

  // The same graph saved again (elements in another order) is still no change.
  const draft = await get(`${base(id)}/draft`);
  await saveGraph(t, modeler, id, { ...draft.graph, nodes: [...draft.graph.nodes].reverse() });
  assert.equal((await submit(id, "Reordered")).status, 409);

  // A changed step is a change; so is a new title (the version records it).
  await saveGraph(t, modeler, id, sampleGraph(refs, "Check order twice"));
  const changed = await submit(id, "Stricter check");
  assert.equal(changed.status, 201, await changed.clone().text());
  assert.equal((await decide(id, (await changed.json()).id, "approve", executive)).status, 200);
  assert.equal((await submit(id, "Still the same")).status, 409);
  const process = await t.call("GET", base(id), { token: modeler });
  const renamed = await t.call("PATCH", base(id), {
    token: modeler,
    body: { title: "Renamed process" },
    headers: { "if-match": process.headers.get("etag")! },
  });
  assert.equal(renamed.status, 200, await renamed.clone().text());
  assert.equal((await submit(id, "New title")).status, 201);
});

test("the approver's comment is kept beside the change note, in versions and approvals", async () => {
  const id = await modelled();
  const task = await (await submit(id, "Packing rules clarified")).json();
  const stale = await decide(id, task.id, "approve", executive, { changeNote: "Overwritten" });
  assert.equal(stale.status, 422, "the approver no longer rewrites the change note");
  assert.equal((await stale.json()).errors[0].field, "body.changeNote");
  const long = await decide(id, task.id, "approve", executive, { comment: "x".repeat(2001) });
  assert.equal(long.status, 422);
  assert.equal((await long.json()).errors[0].field, "body.comment");

  const res = await decide(id, task.id, "approve", executive, { comment: "Agreed with Sales" });
  assert.equal(res.status, 200, await res.clone().text());
  const approved = await res.json();
  assert.equal(approved.changeNote, "Packing rules clarified");
  assert.equal(approved.comment, "Agreed with Sales");

  const versions = await get(`${base(id)}/versions`, await t.token("reader"));
  assert.equal(versions.items[0].changeNote, "Packing rules clarified");
  assert.equal(versions.items[0].approvalComment, "Agreed with Sales");
  const v1 = await get(`${base(id)}/versions/1`);
  assert.equal(v1.approvalComment, "Agreed with Sales");
  const history = await get(`${base(id)}/approvals`);
  assert.equal(history.items[0].comment, "Agreed with Sales");
  assert.equal(history.items[0].reason, null);

  // A rejection's reason is its comment; it stays apart from approval comments.
  await saveGraph(t, modeler, id, sampleGraph(refs, "Another change"));
  const second = await (await submit(id, "Second try")).json();
  const rejected = await (await decide(id, second.id, "reject", executive, {
    reason: "Lane Sales is missing",
  })).json();
  assert.equal(rejected.reason, "Lane Sales is missing");
  assert.equal(rejected.comment, null);
});

test("close", async () => {
  await t.close();
});
