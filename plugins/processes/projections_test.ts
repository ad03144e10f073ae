// The projections through the HTTP API: the RACI matrix, where-used and responsibilities
// answer from the steps and links tables, follow every save in the same transaction (a save
// failing midway leaves draft and projections as they were), and unlinking a deleted object
// edits every draft that refers to it.
import assert from "node:assert/strict";
import { and, eq, sql } from "drizzle-orm";
import { TenantScope } from "../../api/db/tenant_scope.ts";
import { DEMO_TENANTS } from "../../api/demo.ts";
import { tenants } from "../../schema/core.ts";
import { startTestApp, test } from "../../tests/support/app.ts";
import {
  chainGraph,
  createProcess,
  createRefs,
  publishOverHttp,
  sampleGraph,
  type SampleRefs,
  saveGraph,
  userIdOf,
} from "./draft_fixtures.ts";
import { type GraphInput, GraphSchema } from "./graph_schema.ts";
import { projectGraph } from "./projections.ts";
import { processLinks, processSteps } from "./schema.ts";
import { unlinkEverywhere } from "./service.ts";

const t = await startTestApp();
const modeler = await t.token("modeler");
const reader = await t.token("reader");
const executive = await t.token("executive");
const modelerId = await userIdOf(t, modeler);
const refs = await createRefs(t, modeler);
const [tenantA] = await t.database.db.select().from(tenants)
  .where(eq(tenants.entraTenantId, DEMO_TENANTS[0].entraTenantId));
const scopeA = new TenantScope(t.database.db, tenantA.id);

const base = (id: string) => `/api/v1/processes/${id}`;
async function getJson(path: string, token = modeler) {
  const res = await t.call("GET", path, { token });
  assert.equal(res.status, 200, `${path}: ${await res.clone().text()}`);
  return await res.json();
}
const raci = (id: string, source = "draft", token = modeler) =>
  getJson(`${base(id)}/raci?source=${source}`, token);
const whereUsed = (kind: string, id: string, token = modeler) =>
  getJson(`/api/v1/processes/where-used?kind=${kind}&id=${id}&limit=200`, token);
const responsibilities = (positionId: string, token = modeler) =>
  getJson(`/api/v1/processes/responsibilities?positionId=${positionId}&limit=200`, token);

/** The matrix a graph should give: step → position → letters. */
function expectedMatrix(graph: GraphInput) {
  const letters = { responsible: "R", accountable: "A", consulted: "C", informed: "I" } as const;
  const out: Record<string, Record<string, string[]>> = {};
  for (const n of graph.nodes.filter((n) => n.type === "task" || n.raci)) {
    const cells: Record<string, string[]> = {};
    for (const [role, letter] of Object.entries(letters)) {
      for (const p of n.raci?.[role as keyof typeof letters] ?? []) (cells[p] ??= []).push(letter);
    }
    out[n.id] = cells;
  }
  return out;
}
const matrixOf = (m: { steps: { nodeId: string; assignments: Record<string, string[]> }[] }) =>
  Object.fromEntries(m.steps.map((s) => [s.nodeId, s.assignments]));

async function modelled(r: SampleRefs = refs, extra: Record<string, unknown> = {}) {
  const id = await createProcess(t, modeler, { ownerUserId: modelerId, ...extra });
  await saveGraph(t, modeler, id, sampleGraph(r));
  return id;
}

test("the RACI matrix answers right after a save and equals the graph", async () => {
  const id = await modelled();
  const m = await raci(id);
  assert.equal(m.source, "draft");
  assert.equal(m.version, 2);
  assert.deepEqual(matrixOf(m), expectedMatrix(sampleGraph(refs)));
  assert.deepEqual(m.steps.map((s: { nodeId: string }) => s.nodeId), ["check", "sign"]);
  assert.deepEqual(m.steps[1], {
    nodeId: "sign",
    type: "task",
    label: "Sign contract",
    laneId: "lane_b",
    laneName: "Sales",
    assignments: { [refs.ceo]: ["R"], [refs.clerk]: ["I"], [refs.auditor]: ["I"] },
  });
  assert.deepEqual(m.positions, [
    { id: refs.auditor, label: "Auditor (Sales)" },
    { id: refs.ceo, label: "CEO (Sales)" },
    { id: refs.clerk, label: "Clerk (Sales)" },
  ], "positions carry their labels from the orgchart plugin, by label");

  // A second save: the matrix follows, one position holding two letters in one step.
  const graph = sampleGraph(refs);
  graph.nodes[1].raci = { responsible: [refs.ceo], accountable: [refs.ceo] };
  await saveGraph(t, modeler, id, graph);
  const after = await raci(id);
  assert.deepEqual(matrixOf(after), expectedMatrix(graph));
  assert.deepEqual(after.steps[0].assignments, { [refs.ceo]: ["R", "A"] });
});

test("published and draft matrices are apart; readers see the published one only", async () => {
  const id = await modelled();
  const before = await raci(id, "published", reader);
  assert.deepEqual(before.steps, [], "nothing published yet");
  assert.equal(before.version, 0);
  const refused = await t.call("GET", `${base(id)}/raci?source=draft`, { token: reader });
  assert.equal(refused.status, 403);

  await publishOverHttp(t, id, { requester: modeler, approver: executive });
  const graph = sampleGraph(refs);
  graph.nodes[2].raci = { responsible: [refs.auditor] };
  await saveGraph(t, modeler, id, graph);

  const published = await raci(id, "published", reader);
  assert.equal(published.version, 1);
  assert.deepEqual(matrixOf(published), expectedMatrix(sampleGraph(refs)));
  assert.deepEqual(matrixOf(await raci(id)), expectedMatrix(graph));
  assert.equal((await t.call("GET", `${base(id)}/raci?source=x`, { token: reader })).status, 422);
});

test("where-used: the processes and steps that use a document, published and draft marked", async () => {
  const r = await createRefs(t, modeler); // a document and a system of its own
  const id = await modelled(r);
  const other = await createProcess(t, modeler);
  const draftOnly = await whereUsed("document", r.contract);
  assert.equal(draftOnly.total, 1);
  const item = draftOnly.items[0];
  assert.equal(item.processId, id);
  assert.equal(item.inDraft, true);
  assert.equal(item.inPublished, false);
  assert.deepEqual(
    item.usages.map((u: { nodeId: string; stepLabel: string; relation: string }) => [
      u.nodeId,
      u.stepLabel,
      u.relation,
    ]),
    [["check", "Check order", "link"], ["sign", "Sign contract", "link"]],
  );
  assert.ok(!JSON.stringify(draftOnly).includes(other));
  assert.equal((await whereUsed("document", r.contract, reader)).total, 0, "readers: no drafts");

  await publishOverHttp(t, id, { requester: modeler, approver: executive });
  const both = (await whereUsed("document", r.contract)).items[0];
  assert.equal(both.inPublished, true);
  assert.equal(both.inDraft, true);
  assert.deepEqual(
    both.usages.map((u: { source: string; nodeId: string }) => `${u.source}:${u.nodeId}`),
    ["published:check", "published:sign", "draft:check", "draft:sign"],
  );
  const forReader = (await whereUsed("document", r.contract, reader)).items[0];
  assert.deepEqual(forReader.usages.map((u: { source: string }) => u.source), [
    "published",
    "published",
  ]);
  const system = (await whereUsed("system", r.crm)).items[0];
  assert.deepEqual(system.usages.map((u: { nodeId: string }) => u.nodeId), ["sign", "sign"]);
  assert.equal((await whereUsed("document", crypto.randomUUID())).total, 0);
  const bad = await t.call("GET", "/api/v1/processes/where-used?kind=thing&id=x", {
    token: modeler,
  });
  assert.equal(bad.status, 422);
});

test("responsibilities: where a position is R, A, C, I, lane or owner", async () => {
  const r = await createRefs(t, modeler);
  const id = await modelled(r, { ownerPositionId: r.ceo });
  const page = await responsibilities(r.ceo);
  assert.equal(page.total, 1);
  assert.deepEqual(
    page.items[0].usages.map((u: { nodeId: string; relation: string }) =>
      `${u.nodeId}:${u.relation}`
    ),
    [":owner", "check:accountable", "check:lane", "sign:responsible", "start:lane"],
  );
  const clerk = await responsibilities(r.clerk);
  assert.deepEqual(
    clerk.items[0].usages.map((u: { nodeId: string; relation: string }) =>
      `${u.nodeId}:${u.relation}`
    ),
    ["check:responsible", "sign:informed"],
  );

  // The owner changes through the landscape: the owner link moves with it.
  const patch = await t.call("PATCH", base(id), {
    token: modeler,
    body: { ownerPositionId: r.clerk },
    headers: { "if-match": "*" },
  });
  assert.equal(patch.status, 200, await patch.clone().text());
  const ceoNow = (await responsibilities(r.ceo)).items[0].usages;
  assert.ok(!ceoNow.some((u: { relation: string }) => u.relation === "owner"));
  const clerkNow = (await responsibilities(r.clerk)).items[0].usages;
  assert.equal(clerkNow[0].relation, "owner");
  assert.equal(clerkNow[0].nodeId, "");
});

test("saves that change labels, links or both leave exactly the rows of the graph", async () => {
  const id = await createProcess(t, modeler);
  const rows = async () => {
    const of = <T extends typeof processSteps | typeof processLinks>(table: T) =>
      and(eq(table.processId, id), eq(table.source, "draft"));
    const steps = await scopeA.select(processSteps, { where: of(processSteps) });
    const links = await scopeA.select(processLinks, { where: of(processLinks) });
    const key = (r: object) => JSON.stringify(r);
    return {
      steps: steps.map(({ tenantId: _t, processId: _p, source: _s, ...r }) => r)
        .sort((a, b) => key(a) < key(b) ? -1 : 1),
      links: links.map(({ tenantId: _t, processId: _p, source: _s, ...r }) => r)
        .sort((a, b) => key(a) < key(b) ? -1 : 1),
    };
  };
  const expectRowsOf = async (graph: GraphInput, what: string) => {
    await saveGraph(t, modeler, id, graph);
    const want = projectGraph(GraphSchema.parse(graph));
    const key = (r: object) => JSON.stringify(r);
    assert.deepEqual(await rows(), {
      steps: want.steps.sort((a, b) => key(a) < key(b) ? -1 : 1),
      links: want.links.sort((a, b) => key(a) < key(b) ? -1 : 1),
    }, what);
  };
  const graph = chainGraph(8, refs);
  await expectRowsOf(graph, "first save");
  graph.nodes[2].label = "Renamed";
  await expectRowsOf(graph, "one step renamed, its links kept");
  graph.nodes[3].raci = { responsible: [refs.auditor] };
  await expectRowsOf(graph, "one step's responsibilities changed, its step row kept");
  for (const n of graph.nodes.slice(1, 8)) n.links = { systems: [refs.crm] };
  await expectRowsOf(graph, "most steps' links changed, no label");
  for (const n of graph.nodes.slice(1, 8)) n.label = `${n.label} (new)`;
  graph.nodes[1].raci = { informed: [refs.ceo] };
  await expectRowsOf(graph, "most labels changed and one step's links");
  graph.nodes.splice(4, 1);
  graph.edges = graph.edges.filter((e) => e.from !== "t4" && e.to !== "t4");
  graph.edges.push({ id: "e_skip", from: "t3", to: "t5" });
  await expectRowsOf(graph, "a step removed");
});

test("a save that fails midway leaves the draft and its projections as they were", async () => {
  const id = await modelled();
  const before = {
    draft: await getJson(`${base(id)}/draft`),
    raci: await raci(id),
    used: await whereUsed("document", refs.contract),
  };
  // The database refuses the step row of a node labelled FAIL-ME: after the draft row
  // was updated and stale projection rows deleted, in the same transaction.
  await t.database.db.execute(sql.raw(
    `CREATE TRIGGER fail_steps BEFORE INSERT ON process_steps FOR EACH ROW ` +
      `BEGIN IF NEW.label = 'FAIL-ME' THEN ` +
      `SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'forced failure'; END IF; END`,
  ));
  try {
    const graph = sampleGraph(refs);
    graph.nodes[1].label = "FAIL-ME";
    graph.nodes[1].raci = { responsible: [refs.auditor] };
    graph.nodes[2].links = { documents: [] };
    const res = await t.call("PUT", `${base(id)}/draft`, {
      token: modeler,
      body: graph,
      headers: { "if-match": `W/"${before.draft.version}"` },
    });
    assert.equal(res.status, 500);
  } finally {
    await t.database.db.execute(sql.raw("DROP TRIGGER fail_steps"));
  }
  assert.deepEqual(await getJson(`${base(id)}/draft`), before.draft);
  assert.deepEqual(await raci(id), before.raci);
  assert.deepEqual(await whereUsed("document", refs.contract), before.used);
});

test("unlinkEverywhere takes an object out of every draft as a normal save", async () => {
  const r = await createRefs(t, modeler);
  const a = await modelled(r);
  const b = await modelled(r);
  await publishOverHttp(t, a, { requester: modeler, approver: executive });
  const submitted = await t.call("POST", `${base(b)}/draft/submit`, {
    token: modeler,
    body: { changeNote: "In review while unlinked" },
    headers: { "if-match": "*" },
  });
  assert.equal(submitted.status, 201);
  const versionA = (await getJson(`${base(a)}/draft`)).version;

  const changed = await unlinkEverywhere(scopeA, "position", r.auditor, modelerId);
  await t.changed(scopeA.tenantId); // as the DELETE request calling it would
  assert.deepEqual(changed.map((c) => c.processId).sort(), [a, b].sort());
  const forA = changed.find((c) => c.processId === a)!;
  assert.equal(forA.draftVersion, versionA + 1, "a save, with a version of its own");
  assert.equal(forA.withdrawnApprovalId, null);
  assert.equal(
    changed.find((c) => c.processId === b)!.withdrawnApprovalId,
    (await submitted.json()).id,
  );

  const draftA = await getJson(`${base(a)}/draft`);
  assert.ok(!JSON.stringify(draftA.graph).includes(r.auditor));
  assert.deepEqual(draftA.graph.nodes[1].raci.consulted, []);
  assert.deepEqual(draftA.graph.nodes[2].raci.informed, [r.clerk]);
  const draftB = await getJson(`${base(b)}/draft`);
  assert.equal(draftB.state, "editing", "the request in review was withdrawn");

  const auditor = await responsibilities(r.auditor);
  assert.equal(auditor.total, 1, "only A's published version still names the auditor");
  assert.ok(auditor.items[0].usages.every((u: { source: string }) => u.source === "published"));
  assert.deepEqual(await unlinkEverywhere(scopeA, "position", r.auditor, modelerId), []);

  // Lanes lose their binding; documents and org units are unlinked the same way.
  await unlinkEverywhere(scopeA, "orgUnit", r.sales, modelerId);
  await unlinkEverywhere(scopeA, "document", r.contract, modelerId);
  await t.changed(scopeA.tenantId);
  const after = await getJson(`${base(a)}/draft`);
  assert.equal(after.graph.lanes[1].orgUnitId, null);
  assert.ok(!JSON.stringify(after.graph).includes(r.contract));
  assert.equal(after.graph.lanes[0].positionId, r.ceo, "other references stay");
  assert.equal(
    (await whereUsed("document", r.contract)).items[0].inDraft,
    false,
  );
});

test("another tenant sees none of it", async () => {
  const id = await modelled();
  const intruder = await t.token("executive", 1);
  assert.equal((await t.call("GET", `${base(id)}/raci`, { token: intruder })).status, 404);
  assert.equal((await whereUsed("document", refs.contract, intruder)).total, 0);
  assert.equal((await responsibilities(refs.ceo, intruder)).total, 0);
  const theirScope = new TenantScope(t.database.db, crypto.randomUUID());
  assert.deepEqual(await unlinkEverywhere(theirScope, "position", refs.ceo, "x"), []);
  assert.ok(JSON.stringify((await getJson(`${base(id)}/draft`)).graph).includes(refs.ceo));
});

test("close", async () => {
  await t.close();
});
