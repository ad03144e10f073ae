// Positions and units in processes, through the HTTP API of both plugins: responsibilities
// of a position and of an employee, deleting what processes use (409 listing where, or
// ?unlink=true changing the drafts as visible saves), and the link-target labels.
import assert from "node:assert/strict";
import { startTestApp, test } from "../../tests/support/app.ts";
import { buildChart, helpers, problemOf } from "./test_support.ts";

const t = await startTestApp();
const modeler = await t.token("modeler");
const reader = await t.token("reader");
const executive = await t.token("executive");
const h = helpers(t, modeler);
const P = "/api/v1/processes";

async function call(method: string, path: string, body?: unknown, headers = {}, token = modeler) {
  const res = await t.call(method, path, { token, body, headers });
  const text = await res.text();
  assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** A process whose draft has a lane bound to `lane` and a task with RACI; optionally published. */
async function processWith(opts: {
  title: string;
  lanePositionId?: string;
  laneUnitId?: string;
  responsible?: string[];
  accountable?: string[];
  publish?: boolean;
}) {
  const process = await call("POST", P, { title: opts.title, category: "core" });
  const draft = await call("GET", `${P}/${process.id}/draft`);
  const graph = {
    lanes: [{
      id: "lane_1",
      name: "Lane",
      positionId: opts.lanePositionId ?? null,
      orgUnitId: opts.laneUnitId ?? null,
    }],
    nodes: [
      {
        id: "start",
        type: "start",
        label: "Start",
        laneId: "lane_1",
        x: 0,
        y: 0,
        width: 36,
        height: 36,
      },
      {
        id: "work",
        type: "task",
        label: "Do the work",
        laneId: "lane_1",
        x: 100,
        y: 0,
        width: 120,
        height: 80,
        raci: {
          responsible: opts.responsible ?? [],
          accountable: opts.accountable ?? [],
          consulted: [],
          informed: [],
        },
      },
      {
        id: "end",
        type: "end",
        label: "End",
        laneId: "lane_1",
        x: 300,
        y: 0,
        width: 36,
        height: 36,
      },
    ],
    edges: [{ id: "f1", from: "start", to: "work" }, { id: "f2", from: "work", to: "end" }],
  };
  const saved = await call("PUT", `${P}/${process.id}/draft`, graph, {
    "if-match": `W/"${draft.version}"`,
  });
  if (opts.publish) {
    const task = await call("POST", `${P}/${process.id}/draft/submit`, { changeNote: "First" }, {
      "if-match": `W/"${saved.version}"`,
    });
    await call("POST", `${P}/${process.id}/approvals/${task.id}/approve`, {}, {}, executive);
  }
  return process;
}

const c = await buildChart(h);
const published = await processWith({
  title: "Quote to order",
  lanePositionId: c.headOfSales.id,
  responsible: [c.headOfSales.id],
  accountable: [c.ceo.id],
  publish: true,
});
const draftOnly = await processWith({
  title: "Key account planning",
  laneUnitId: c.keyAccounts.id,
  responsible: [c.accountManager.id],
});
const employee = await h.make("/employees", {
  name: "Robin Example",
  positions: [{ positionId: c.headOfSales.id }, { positionId: c.accountManager.id }],
});

test("a position's responsibilities: modelers see drafts too, readers only published", async () => {
  const forModeler = await h.read(`/positions/${c.headOfSales.id}/responsibilities`);
  assert.equal(forModeler.total, 1);
  const [usage] = forModeler.items;
  assert.equal(usage.processId, published.id);
  assert.equal(usage.title, "Quote to order");
  assert.ok(usage.inPublished && usage.inDraft);
  const relations = new Set(usage.usages.map((u: { relation: string }) => u.relation));
  assert.ok(relations.has("responsible") && relations.has("lane"), [...relations].join());
  assert.ok(usage.usages.some((u: { stepLabel: string }) => u.stepLabel === "Do the work"));

  const kam = await h.read(`/positions/${c.accountManager.id}/responsibilities`);
  assert.deepEqual(kam.items.map((p: { title: string }) => p.title), ["Key account planning"]);
  const kamReader = await h.read(`/positions/${c.accountManager.id}/responsibilities`, reader);
  assert.equal(kamReader.total, 0, "a draft-only process is not shown to readers");
});

test("an employee's responsibilities come through every position held", async () => {
  const all = await h.read(`/employees/${employee.id}/responsibilities`);
  assert.deepEqual(all.items.map((p: { title: string }) => p.title), [
    "Key account planning",
    "Quote to order",
  ]);
  const paged = await h.read(`/employees/${employee.id}/responsibilities?limit=1&offset=1`);
  assert.equal(paged.total, 2);
  assert.deepEqual(paged.items.map((p: { title: string }) => p.title), ["Quote to order"]);
  const targets = new Set(
    all.items.flatMap((p: { usages: { targetId: string }[] }) => p.usages.map((u) => u.targetId)),
  );
  assert.deepEqual([...targets].sort(), [c.headOfSales.id, c.accountManager.id].sort());
  const readerView = await h.read(`/employees/${employee.id}/responsibilities`, reader);
  assert.deepEqual(readerView.items.map((p: { title: string }) => p.title), ["Quote to order"]);
});

test('the RACI matrix labels positions as "<title> (<unit>)" through our link targets', async () => {
  const matrix = await call("GET", `${P}/${published.id}/raci`);
  const labels = matrix.positions.map((p: { label: string }) => p.label).sort();
  assert.deepEqual(labels, ["CEO (Company)", "Head of Sales (Sales)"]);
});

test("processes' validation finds our positions and units — and only the caller's tenant's", async () => {
  const theirs = await buildChart(helpers(t, await t.token("modeler", 1)));
  const graph = (positionId: string, orgUnitId: string) => ({
    lanes: [
      { id: "a", name: "A", positionId, orgUnitId: null },
      { id: "b", name: "B", positionId: null, orgUnitId },
    ],
    nodes: [
      { id: "s", type: "start", label: "S", laneId: "a", x: 0, y: 0, width: 36, height: 36 },
      { id: "e", type: "end", label: "E", laneId: "b", x: 99, y: 0, width: 36, height: 36 },
    ],
    edges: [{ id: "f", from: "s", to: "e" }],
  });
  const missing = async (g: unknown) =>
    (await call("POST", `${P}/validate`, g)).findings
      .filter((f: { code: string }) => f.code === "missing-link-target")
      .map((f: { targetKind: string; targetIds: string[] }) => [f.targetKind, f.targetIds]);
  assert.deepEqual(await missing(graph(c.ceo.id, c.finance.id)), []);
  assert.deepEqual(await missing(graph(theirs.ceo.id, theirs.finance.id)), [
    ["position", [theirs.ceo.id]],
    ["orgUnit", [theirs.finance.id]],
  ]);
});

test("deleting a used position: 409 listing where it is used; nothing changes", async () => {
  const res = await problemOf(await h.del(`/positions/${c.headOfSales.id}`, "*"), 409);
  assert.equal(res.type, "https://procedo.app/problems/in-use");
  assert.match(res.detail, /Head of Sales.*used in 1 process.*Quote to order.*unlink=true/);
  assert.deepEqual(res.usedIn.map((p: { processId: string }) => p.processId), [published.id]);
  assert.ok(res.usedIn[0].usages.length >= 2);
  assert.equal((await h.read(`/positions/${c.headOfSales.id}`)).version, 1);
});

test("?unlink=true: the drafts lose the position in a new saved version; published stays", async () => {
  const before = await call("GET", `${P}/${published.id}/draft`);
  const res = await h.del(`/positions/${c.headOfSales.id}?unlink=true`, "*");
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.deepEqual(
    body.unlinked.map((u: { processId: string; title: string }) => [u.processId, u.title]),
    [[published.id, "Quote to order"]],
  );
  assert.equal((await h.get(`/positions/${c.headOfSales.id}`)).status, 404);

  const after = await call("GET", `${P}/${published.id}/draft`);
  assert.equal(after.version, before.version + 1, "a new draft version: visible in its history");
  assert.equal(after.updatedBy, (await call("GET", "/api/v1/users/me")).user.id);
  assert.equal(after.graph.lanes[0].positionId, null);
  const task = after.graph.nodes.find((n: { id: string }) => n.id === "work");
  assert.deepEqual(task.raci.responsible, []);
  assert.deepEqual(task.raci.accountable, [c.ceo.id], "other positions stay");

  const version = await call("GET", `${P}/${published.id}/versions/1`);
  assert.equal(version.graph.lanes[0].positionId, c.headOfSales.id, "published is immutable");
  // The employee now holds only the other position.
  const robin = await h.read(`/employees/${employee.id}`);
  assert.deepEqual(robin.positions.map((p: { positionId: string }) => p.positionId), [
    c.accountManager.id,
  ]);
});

test("units: non-empty first (409), then in use (409), then unlinked from lanes", async () => {
  const notEmpty = await problemOf(await h.del(`/units/${c.keyAccounts.id}`, "*"), 409);
  assert.equal(notEmpty.type, "https://procedo.app/problems/unit-not-empty");
  const gone = await h.del(`/positions/${c.accountManager.id}?unlink=true`, "*");
  assert.equal(gone.status, 200);
  const inUse = await problemOf(await h.del(`/units/${c.keyAccounts.id}`, "*"), 409);
  assert.equal(inUse.type, "https://procedo.app/problems/in-use");
  assert.deepEqual(inUse.usedIn.map((p: { title: string }) => p.title), ["Key account planning"]);
  const draftBefore = await call("GET", `${P}/${draftOnly.id}/draft`);
  const res = await h.del(`/units/${c.keyAccounts.id}?unlink=true`, "*");
  assert.equal(res.status, 200);
  assert.equal((await res.json()).unlinked[0].processId, draftOnly.id);
  const draftAfter = await call("GET", `${P}/${draftOnly.id}/draft`);
  assert.equal(draftAfter.graph.lanes[0].orgUnitId, null);
  assert.equal(draftAfter.version, draftBefore.version + 1);
  assert.equal((await h.get(`/units/${c.keyAccounts.id}`)).status, 404);
});

test("?unlink=true also clears a process owner that was the deleted position", async () => {
  const owner = await h.make("/positions", { unitId: c.finance.id, title: "Process owner" });
  const owned = await call("POST", P, {
    title: "Owned process",
    category: "support",
    ownerPositionId: owner.id,
  });
  assert.equal(owned.ownerPositionId, owner.id);
  const refused = await problemOf(await h.del(`/positions/${owner.id}`, "*"), 409);
  assert.deepEqual(refused.usedIn.map((p: { processId: string }) => p.processId), [owned.id]);
  assert.equal((await h.del(`/positions/${owner.id}?unlink=true`, "*")).status, 200);
  const after = await call("GET", `${P}/${owned.id}`);
  assert.equal(after.ownerPositionId, null);
  assert.equal(after.version, owned.version + 1, "the change moves the row's ETag");
});

test("a lane without steps bound to a position: where used, refused, then unlinked", async () => {
  const lonely = await h.make("/positions", { unitId: c.finance.id, title: "Lane only" });
  const process = await call("POST", P, { title: "Empty lane process", category: "support" });
  const draft = await call("GET", `${P}/${process.id}/draft`);
  const graph = {
    ...draft.graph,
    lanes: [
      ...draft.graph.lanes,
      { id: "empty_lane", name: "Nobody here yet", positionId: lonely.id, orgUnitId: null },
    ],
  };
  const saved = await call("PUT", `${P}/${process.id}/draft`, graph, {
    "if-match": `W/"${draft.version}"`,
  });
  assert.equal(saved.graph.lanes[1].positionId, lonely.id);
  const used = await call("GET", `${P}/where-used?kind=position&id=${lonely.id}`);
  assert.deepEqual(used.items.map((p: { processId: string }) => p.processId), [process.id]);
  const refused = await problemOf(await h.del(`/positions/${lonely.id}`, "*"), 409);
  assert.deepEqual(refused.usedIn.map((p: { processId: string }) => p.processId), [process.id]);
  const res = await h.del(`/positions/${lonely.id}?unlink=true`, "*");
  assert.equal(res.status, 200);
  const after = await call("GET", `${P}/${process.id}/draft`);
  assert.equal(after.graph.lanes[1].positionId, null);
  assert.equal(after.version, saved.version + 1);
});

test("an unused position is deleted with 204, ?unlink=true or not", async () => {
  const spare = await h.make("/positions", { unitId: c.finance.id, title: "Spare" });
  assert.equal((await h.del(`/positions/${spare.id}`, 1)).status, 204);
  const spare2 = await h.make("/positions", { unitId: c.finance.id, title: "Spare 2" });
  const res = await h.del(`/positions/${spare2.id}?unlink=true`, 1);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { unlinked: [] });
});

test("close", async () => {
  await t.close();
});
