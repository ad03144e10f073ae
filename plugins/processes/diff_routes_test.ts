// GET /{id}/diff between versions, the draft and the published version (the diff itself is
// tested in graph_core/diff_test.ts).
import assert from "node:assert/strict";
import { startTestApp, test } from "../../tests/support/app.ts";
import {
  createProcess,
  createRefs,
  publishOverHttp,
  sampleGraph,
  saveGraph,
  userIdOf,
} from "./draft_fixtures.ts";

const t = await startTestApp();
const modeler = await t.token("modeler");
const reader = await t.token("reader");
const executive = await t.token("executive");

test("GET /{id}/diff: v1 → v2, published → draft, and what the defaults mean", async () => {
  const r = await createRefs(t, modeler);
  const id = await createProcess(t, modeler, { ownerUserId: await userIdOf(t, modeler) });
  const diff = async (q: string, token = modeler) => {
    const res = await t.call("GET", `/api/v1/processes/${id}/diff${q}`, { token });
    assert.equal(res.status, 200, await res.clone().text());
    return await res.json();
  };
  await saveGraph(t, modeler, id, sampleGraph(r));
  const nothing = await diff("");
  assert.deepEqual(nothing.from, { ref: "published", version: 0 });
  assert.deepEqual(nothing.to.ref, "draft");
  assert.deepEqual(nothing.nodes.added, ["check", "end", "sign", "start"], "all new before v1");

  await publishOverHttp(t, id, { requester: modeler, approver: executive });
  const v2 = structuredClone(sampleGraph(r));
  v2.nodes[1].label = "Check order twice";
  v2.nodes.push({
    id: "notify",
    type: "task",
    label: "Notify",
    laneId: "lane_b",
    x: 600,
    y: 200,
    width: 120,
    height: 80,
  });
  v2.edges = v2.edges.filter((e) => e.id !== "e3");
  v2.edges.push({ id: "e3b", from: "sign", to: "notify" }, { id: "e4", from: "notify", to: "end" });
  await saveGraph(t, modeler, id, v2);
  await publishOverHttp(t, id, { requester: modeler, approver: executive });

  const d12 = await diff("?from=1&to=2", reader);
  assert.deepEqual(d12.from, { ref: "1", version: 1 });
  assert.deepEqual(d12.to, { ref: "2", version: 2 });
  assert.deepEqual(d12.nodes.added, ["notify"]);
  assert.deepEqual(d12.nodes.removed, []);
  assert.deepEqual(d12.nodes.changed.map((c: { id: string }) => c.id), ["check"]);
  assert.deepEqual(d12.nodes.changed[0].fields, ["label"]);
  assert.deepEqual(d12.edges.added, ["e3b", "e4"]);
  assert.deepEqual(d12.edges.removed, ["e3"]);
  assert.deepEqual(d12.lanes, { added: [], removed: [], changed: [] });
  assert.deepEqual(await diff("?from=1&to=published", reader), {
    ...d12,
    to: { ref: "published", version: 2 },
  });

  // The draft moves on: the default compares it with the published version.
  const draft = structuredClone(v2);
  draft.nodes = draft.nodes.filter((n) => n.id !== "notify");
  draft.edges = draft.edges.filter((e) => e.from !== "notify" && e.to !== "notify");
  draft.nodes[2].raci = { responsible: [r.clerk] };
  await saveGraph(t, modeler, id, draft);
  const d = await diff("");
  assert.deepEqual(d.from, { ref: "published", version: 2 });
  assert.equal(d.to.ref, "draft");
  assert.deepEqual(d.nodes.added, []);
  assert.deepEqual(d.nodes.removed, ["notify"]);
  assert.deepEqual(d.nodes.changed.map((c: { id: string; fields: string[] }) => [c.id, c.fields]), [
    ["sign", ["raci"]],
  ]);
  assert.deepEqual(d.edges.removed, ["e3b", "e4"]);

  const reversed = await diff("?from=draft&to=1");
  assert.deepEqual(reversed.nodes.changed.map((c: { id: string }) => c.id), ["check", "sign"]);
});

test("GET /{id}/diff: 404 for a missing version, 422 for a malformed one, drafts for modelers", async () => {
  const id = await createProcess(t, modeler);
  const call = (q: string, token = modeler) =>
    t.call("GET", `/api/v1/processes/${id}/diff${q}`, { token });
  assert.equal((await call("?from=3&to=draft")).status, 404);
  assert.equal((await call("?from=1&to=2")).status, 404);
  const bad = await call("?from=latest");
  assert.equal(bad.status, 422);
  assert.equal((await bad.json()).errors[0].field, "query.from");
  assert.equal((await call("?to=0")).status, 422);
  const byReader = await call("", reader);
  assert.equal(byReader.status, 403, "the default compares with the draft");
  assert.equal((await byReader.json()).type, "https://procedo.app/problems/role-required");
  assert.equal((await call("?from=published&to=published", reader)).status, 200);
  assert.equal(
    (await t.call("GET", `/api/v1/processes/${crypto.randomUUID()}/diff`, { token: modeler }))
      .status,
    404,
  );
});

test("close", async () => {
  await t.close();
});
