// diffGraphs: added, removed and changed lanes, nodes and edges with the fields that changed,
// deterministic whatever the array order, and unchanged for elements both graphs share.
import assert from "node:assert/strict";
import { newRefs, sampleGraph } from "../draft_fixtures.ts";
import { type Graph, type GraphInput, GraphSchema } from "../graph_schema.ts";
import { diffGraphs, isEmptyDiff } from "./diff.ts";

const parse = (g: GraphInput): Graph => GraphSchema.parse(g);
const refs = newRefs();

/** The sample graph with an edit on a copy: what a user would do between two versions. */
function edited(edit: (g: GraphInput) => void): GraphInput {
  const g = structuredClone(sampleGraph(refs));
  edit(g);
  return g;
}

Deno.test("diffGraphs: the same graph has no changes, whatever the order of RACI ids", () => {
  const a = parse(sampleGraph(refs));
  const b = parse(edited((g) => g.nodes[2].raci!.informed!.reverse()));
  const d = diffGraphs(a, b);
  assert.ok(isEmptyDiff(d));
  assert.deepEqual(d.nodes, { added: [], removed: [], changed: [] });
});

Deno.test("diffGraphs: added, removed and changed elements with the fields that changed", () => {
  const a = parse(sampleGraph(refs));
  const other = crypto.randomUUID();
  const b = parse(edited((g) => {
    g.lanes.push({ id: "lane_c", name: "Legal", size: 160 });
    g.lanes[0].name = "Board";
    g.nodes.push({
      id: "archive",
      type: "task",
      label: "Archive",
      laneId: "lane_c",
      x: 600,
      y: 360,
      width: 120,
      height: 80,
    });
    g.nodes = g.nodes.filter((n) => n.id !== "start");
    const check = g.nodes.find((n) => n.id === "check")!;
    check.label = "Check order carefully";
    check.raci = { ...check.raci, consulted: [other] };
    check.x += 40;
    const sign = g.nodes.find((n) => n.id === "sign")!;
    sign.laneId = "lane_a";
    sign.y = 40;
    sign.links = { ...sign.links, systems: [] };
    sign.type = "subprocess";
    g.edges = g.edges.filter((e) => e.id !== "e1");
    g.edges[0].condition = "approved";
    g.edges.push({ id: "e4", from: "end", to: "archive", label: "then" });
  }));
  const d = diffGraphs(a, b);
  assert.deepEqual(d.lanes.added, ["lane_c"]);
  assert.deepEqual(d.lanes.removed, []);
  assert.deepEqual(d.lanes.changed, [{
    id: "lane_a",
    fields: ["label"],
    before: { label: "Management" },
    after: { label: "Board" },
  }]);
  assert.deepEqual(d.nodes.added, ["archive"]);
  assert.deepEqual(d.nodes.removed, ["start"]);
  assert.deepEqual(d.nodes.changed.map((c) => [c.id, c.fields]), [
    ["check", ["label", "raci", "moved"]],
    ["sign", ["type", "lane", "links", "moved"]],
  ]);
  const check = d.nodes.changed[0];
  assert.deepEqual(check.before.raci, {
    responsible: [refs.clerk],
    accountable: [refs.ceo],
    consulted: [refs.auditor],
    informed: [],
  });
  assert.deepEqual((check.after.raci as Record<string, string[]>).consulted, [other]);
  assert.deepEqual(check.after.moved, { x: 200, y: 40, width: 120, height: 80 });
  assert.deepEqual(d.nodes.changed[1].before.lane, "lane_b");
  assert.deepEqual(d.nodes.changed[1].after.lane, "lane_a");
  assert.deepEqual(d.edges.added, ["e4"]);
  assert.deepEqual(d.edges.removed, ["e1"]);
  assert.deepEqual(d.edges.changed, [{
    id: "e2",
    fields: ["condition"],
    before: { condition: null },
    after: { condition: "approved" },
  }]);
});

Deno.test("diffGraphs: lanes move only when their order among common lanes changes", () => {
  const a = parse(sampleGraph(refs));
  const above = parse(edited((g) => g.lanes.unshift({ id: "top", name: "Top", size: 100 })));
  assert.deepEqual(diffGraphs(a, above).lanes.changed, [], "a lane added above moves none");
  const swapped = parse(edited((g) => g.lanes.reverse()));
  assert.deepEqual(diffGraphs(a, swapped).lanes.changed.map((c) => [c.id, c.fields]), [
    ["lane_a", ["moved"]],
    ["lane_b", ["moved"]],
  ]);
  const resized = parse(edited((g) => (g.lanes[1].size = 300)));
  assert.deepEqual(diffGraphs(a, resized).lanes.changed[0].after.moved, { index: 1, size: 300 });
});

Deno.test("diffGraphs is deterministic: ids in code-point order whatever the array order", () => {
  const a = parse(edited((g) => {
    g.nodes = [];
    g.edges = [];
  }));
  const b1 = parse(edited((g) => (g.edges = [])));
  const b2 = parse(edited((g) => {
    g.edges = [];
    g.nodes.reverse();
  }));
  assert.deepEqual(diffGraphs(a, b1), diffGraphs(a, b2));
  assert.deepEqual(diffGraphs(a, b1).nodes.added, ["check", "end", "sign", "start"]);
  assert.deepEqual(diffGraphs(b1, a).nodes.removed, ["check", "end", "sign", "start"]);
});

Deno.test("diffGraphs: elements both graphs share are unchanged, shared lanes still move", () => {
  const a = parse(sampleGraph(refs));
  // What the editor's command stack produces: a new graph that reuses unchanged elements.
  const label = "Check order carefully";
  const b: Graph = {
    ...a,
    lanes: [...a.lanes].reverse(),
    nodes: a.nodes.map((n) => n.id === "check" ? { ...n, label } : n),
  };
  const shared = diffGraphs(a, b);
  assert.deepEqual(shared, diffGraphs(structuredClone(a), structuredClone(b)));
  assert.deepEqual(shared.nodes.changed.map((c) => [c.id, c.fields, c.after]), [
    ["check", ["label"], { label }],
  ]);
  assert.deepEqual(shared.lanes.changed.map((c) => [c.id, c.fields]), [
    ["lane_a", ["moved"]],
    ["lane_b", ["moved"]],
  ]);
  assert.ok(isEmptyDiff(diffGraphs(a, a)));
  assert.ok(isEmptyDiff(diffGraphs(a, structuredClone(a))));
});
