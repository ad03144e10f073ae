// Drafts through the HTTP API: If-Match on every save (428, 412 with the current draft,
// 200), concurrent saves, oversized and inconsistent graphs refused with nothing saved.
import assert from "node:assert/strict";
import { and, eq, ne } from "drizzle-orm";
import { TenantScope } from "../../api/db/tenant_scope.ts";
import { DEMO_TENANTS } from "../../api/demo.ts";
import { tenants } from "../../schema/core.ts";
import { startTestApp, test } from "../../tests/support/app.ts";
import {
  chainGraph,
  createProcess,
  newRefs,
  sampleGraph,
  saveGraph,
  userIdOf,
} from "./draft_fixtures.ts";
import { GraphSchema } from "./graph_schema.ts";
import { GRAPH_LIMITS } from "./graph_schema.ts";
import { projectGraph } from "./projections.ts";
import { processLinks, processSteps } from "./schema.ts";

const t = await startTestApp();
const modeler = await t.token("modeler");
const reader = await t.token("reader");
const executive = await t.token("executive");
const modelerId = await userIdOf(t, modeler);
const [tenantA] = await t.database.db.select().from(tenants)
  .where(eq(tenants.entraTenantId, DEMO_TENANTS[0].entraTenantId));
const scopeA = new TenantScope(t.database.db, tenantA.id);

const draftPath = (id: string) => `/api/v1/processes/${id}/draft`;
const getDraft = async (id: string, token = modeler) => {
  const res = await t.call("GET", draftPath(id), { token });
  assert.equal(res.status, 200, await res.clone().text());
  return { etag: res.headers.get("etag"), draft: await res.json() };
};
const put = (id: string, body: unknown, ifMatch?: string, token = modeler) =>
  t.call("PUT", draftPath(id), {
    token,
    body,
    headers: ifMatch ? { "if-match": ifMatch } : {},
  });

test("a new process starts with draft version 1: the empty graph, editing, nothing published", async () => {
  const id = await createProcess(t, modeler);
  const { etag, draft } = await getDraft(id);
  assert.equal(etag, 'W/"1"');
  assert.equal(draft.processId, id);
  assert.equal(draft.version, 1);
  assert.equal(draft.state, "editing");
  assert.equal(draft.baseVersion, 0);
  assert.equal(draft.updatedBy, modelerId);
  assert.equal(draft.updatedByName, "Max Modeler");
  assert.deepEqual(draft.graph.nodes.map((n: { id: string }) => n.id), ["start_1"]);
});

test("a save needs If-Match: 428 without, 200 with the current ETag, 412 with a stale one", async () => {
  const id = await createProcess(t, modeler);
  const graph = sampleGraph();

  const missing = await put(id, graph);
  assert.equal(missing.status, 428);
  assert.equal((await getDraft(id)).draft.version, 1, "nothing saved without If-Match");

  const ok = await put(id, graph, 'W/"1"');
  assert.equal(ok.status, 200, await ok.clone().text());
  assert.equal(ok.headers.get("etag"), 'W/"2"');
  const saved = await ok.json();
  assert.equal(saved.version, 2);
  assert.deepEqual(saved.graph.nodes.map((n: { id: string }) => n.id), [
    "start",
    "check",
    "sign",
    "end",
  ]);
  assert.deepEqual(saved.graph.nodes[1].raci.informed, [], "defaults are filled in");

  const other = structuredClone(graph);
  other.nodes[1].label = "Somebody else's label";
  const stale = await put(id, other, 'W/"1"');
  assert.equal(stale.status, 412);
  assert.equal(stale.headers.get("etag"), 'W/"2"');
  const problem = await stale.json();
  assert.equal(problem.currentVersion, 2);
  assert.equal(problem.current.version, 2);
  assert.deepEqual(problem.current.graph, saved.graph, "the 412 carries the current graph");
  assert.equal(problem.current.updatedBy, modelerId, "and who saved it");
  assert.equal(problem.current.updatedByName, "Max Modeler");
  assert.equal(problem.current.updatedAt, saved.updatedAt, "and when");
  const after = await getDraft(id);
  assert.equal(after.draft.version, 2);
  assert.equal(after.draft.graph.nodes[1].label, "Check order", "the stale save changed nothing");
});

test("a saved draft moves the process's Changed time on; its metadata ETag stays", async () => {
  const id = await createProcess(t, modeler);
  const before = await t.call("GET", `/api/v1/processes/${id}`, { token: modeler });
  const { updatedAt, version } = await before.json();
  const etag = before.headers.get("etag");
  await new Promise((r) => setTimeout(r, 5)); // a later millisecond
  const { etag: draftEtag } = await getDraft(id);
  assert.equal((await put(id, sampleGraph(), draftEtag!)).status, 200);
  const after = await t.call("GET", `/api/v1/processes/${id}`, { token: modeler });
  const process = await after.json();
  assert.ok(process.updatedAt > updatedAt, `${process.updatedAt} after ${updatedAt}`);
  assert.equal(process.version, version);
  assert.equal(after.headers.get("etag"), etag);
  const listed = await t.call("GET", `/api/v1/processes?sort=-updatedAt&limit=1`, {
    token: modeler,
  });
  assert.equal((await listed.json()).items[0].id, id, "the list's newest change");
});

test("two clients save from the same version at once: one wins, the other gets 412 and can merge", async () => {
  const id = await createProcess(t, modeler);
  const mine = sampleGraph(undefined, "Mine");
  const theirs = sampleGraph(undefined, "Theirs");
  const results = await Promise.all([
    put(id, mine, 'W/"1"'),
    put(id, theirs, 'W/"1"', executive),
  ]);
  const statuses = results.map((r) => r.status).sort();
  assert.deepEqual(statuses, [200, 412]);
  const winner = await results.find((r) => r.status === 200)!.json();
  const loser = await results.find((r) => r.status === 412)!.json();
  assert.deepEqual(loser.current.graph, winner.graph, "the loser sees what won");
  const { draft } = await getDraft(id);
  assert.equal(draft.version, 2, "exactly one save happened");
  assert.deepEqual(draft.graph, winner.graph);

  // The loser merges onto the current version and saves: nothing is lost.
  const merged = structuredClone(winner.graph);
  merged.nodes[2].label = "Merged";
  const again = await put(
    id,
    merged,
    loser.currentETag,
    results[0].status === 412 ? modeler : executive,
  );
  assert.equal(again.status, 200);
  const final = (await getDraft(id)).draft;
  assert.equal(final.version, 3);
  assert.equal(final.graph.nodes[1].label, winner.graph.nodes[1].label);
  assert.equal(final.graph.nodes[2].label, "Merged");
});

test("saves of many processes at once all succeed (deadlock victims are retried)", async () => {
  const ids = await Promise.all(Array.from({ length: 10 }, () => createProcess(t, modeler)));
  for (let round = 0; round < 3; round++) {
    const results = await Promise.all(
      ids.map((id, i) => put(id, chainGraph(10 + round + i), "*")),
    );
    assert.deepEqual(results.map((r) => r.status), ids.map(() => 200));
  }
  for (const [i, id] of ids.entries()) {
    assert.equal((await getDraft(id)).draft.graph.nodes.length, 10 + 2 + i + 2);
  }
});

test("full saves of different processes at once all succeed and leave each graph's projection", async () => {
  const ids = await Promise.all(Array.from({ length: 4 }, () => createProcess(t, modeler)));
  // New references for every save: every node's RACI and links change (a full rebuild).
  const saves = Array.from({ length: 8 }, (_, i) => ({ id: ids[i % 4], graph: chainGraph(120) }));
  for (const g of saves) {
    g.graph.nodes.forEach((n) => n.links = { documents: [newRefs().contract] });
  }
  const results = await Promise.all(saves.map((s) => put(s.id, s.graph, "*")));
  assert.deepEqual(results.map((r) => r.status), saves.map(() => 200));
  const key = (r: object) => JSON.stringify(r);
  const sorted = <T extends object>(rows: T[]) => rows.sort((a, b) => key(a) < key(b) ? -1 : 1);
  for (const id of ids) {
    const { draft } = await getDraft(id);
    assert.equal(draft.version, 3, "both saves of the process happened");
    const want = projectGraph(GraphSchema.parse(draft.graph));
    const of = <T extends typeof processSteps | typeof processLinks>(table: T) =>
      and(eq(table.processId, id), eq(table.source, "draft"))!;
    const steps = await scopeA.select(processSteps, { where: of(processSteps) });
    const links = await scopeA.select(processLinks, {
      where: and(of(processLinks), ne(processLinks.relation, "owner")),
    });
    assert.deepEqual(
      sorted(steps.map(({ tenantId: _t, processId: _p, source: _s, ...r }) => r)),
      sorted(want.steps),
    );
    assert.deepEqual(
      sorted(links.map(({ tenantId: _t, processId: _p, source: _s, ...r }) => r)),
      sorted(want.links),
    );
    assert.equal(
      links.length,
      2 * 120 + 2 * 122,
      "R and A per task, a document and the lane per node",
    );
  }
});

test("an oversized graph is refused with 413 naming the limit, and nothing is saved", async () => {
  const id = await createProcess(t, modeler);
  const huge = chainGraph(GRAPH_LIMITS.nodes); // + start and end: over the limit
  const res = await put(id, huge, 'W/"1"');
  assert.equal(res.status, 413);
  const problem = await res.json();
  assert.equal(problem.type, "https://procedo.app/problems/graph-too-large");
  assert.equal(problem.limit, "nodes");
  assert.equal(problem.max, GRAPH_LIMITS.nodes);
  assert.equal(problem.actual, GRAPH_LIMITS.nodes + 2);
  assert.match(problem.detail, /at most 2000 nodes/);
  assert.equal((await getDraft(id)).draft.version, 1);
});

test("edges to unknown nodes and nodes in unknown lanes are 422, and nothing is saved", async () => {
  const id = await createProcess(t, modeler);
  const graph = sampleGraph();
  graph.edges[0].to = "nowhere";
  graph.nodes[1].laneId = "no_lane";
  const res = await put(id, graph, 'W/"1"');
  assert.equal(res.status, 422);
  const fields = (await res.json()).errors.map((e: { field: string }) => e.field).sort();
  assert.deepEqual(fields, ["body.edges.0.to", "body.nodes.1.laneId"]);
  assert.equal((await getDraft(id)).draft.version, 1);
});

test("malformed JSON is a 400 and a body that is no graph a 422", async () => {
  const id = await createProcess(t, modeler);
  const bad = await t.call("PUT", draftPath(id), {
    token: modeler,
    body: "{ not json",
    headers: { "content-type": "application/json", "if-match": "*" },
  });
  assert.equal(bad.status, 400);
  const notGraph = await put(id, { lanes: "x" }, "*");
  assert.equal(notGraph.status, 422);
  assert.equal((await getDraft(id)).draft.version, 1);
});

test("drafts are modelers' work: a reader can neither read nor save one", async () => {
  const id = await createProcess(t, modeler);
  const read = await t.call("GET", draftPath(id), { token: reader });
  assert.equal(read.status, 403);
  assert.equal((await read.json()).type, "https://procedo.app/problems/role-required");
  assert.equal((await put(id, sampleGraph(), "*", reader)).status, 403);
  assert.equal((await getDraft(id)).draft.version, 1);
});

test("another tenant's draft answers 404 and stays unchanged", async () => {
  const id = await createProcess(t, modeler);
  const intruder = await t.token("executive", 1);
  assert.equal((await t.call("GET", draftPath(id), { token: intruder })).status, 404);
  assert.equal((await put(id, sampleGraph(), "*", intruder)).status, 404);
  assert.equal((await getDraft(id)).draft.version, 1);
});

test("a 300-node draft saves and reads back as saved", async () => {
  const id = await createProcess(t, modeler);
  const saved = await saveGraph(t, modeler, id, chainGraph(300));
  const { draft } = await getDraft(id);
  assert.equal(draft.graph.nodes.length, 302);
  assert.deepEqual(draft.graph, saved.graph);
});

test("close", async () => {
  await t.close();
});
