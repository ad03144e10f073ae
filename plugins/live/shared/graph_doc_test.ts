// The graph as a shared document: a round trip keeps every field, concurrent changes of
// two replicas converge on one graph in both (moves, renames, deletes, lanes deleted under
// someone's new step, flows to deleted steps), writers touch only what they changed, order
// follows the writer's sequence, and garbage in the document still projects onto a valid graph.
import assert from "node:assert/strict";
import * as Y from "yjs";
import * as schemas from "../../processes/graph_schema.ts";
import {
  fillDoc,
  type Graph,
  MAPPED_KEYS,
  readGraph,
  rootOf,
  writeGraphChange,
} from "./graph_doc.ts";

const { GraphSchema } = schemas;
import { assignOrders } from "./order.ts";

const lane = (id: string, name = id) => ({
  id,
  name,
  positionId: null,
  orgUnitId: null,
  size: 160,
});
const node = (id: string, laneId: string, x: number, extra = {}) => ({
  id,
  type: "task" as const,
  label: id,
  laneId,
  x,
  y: 40,
  width: 120,
  height: 80,
  ...extra,
});
const edge = (id: string, from: string, to: string) => ({
  id,
  from,
  to,
  label: "",
  condition: null,
  waypoints: [],
});

const GRAPH: Graph = {
  schemaVersion: 1,
  lanes: [lane("l1", "Sales"), lane("l2", "Ops")],
  nodes: [
    node("a", "l1", 40, {
      raci: { responsible: [crypto.randomUUID()], accountable: [], consulted: [], informed: [] },
      links: { documents: [], systems: [crypto.randomUUID()], requirements: [], locations: [] },
      durationMinutes: null,
      description: "**Do** it",
    }),
    node("b", "l1", 240),
    node("c", "l2", 240, { processId: null }),
    {
      id: "note",
      type: "annotation",
      label: "Remember",
      laneId: null,
      x: 500,
      y: 10,
      width: 100,
      height: 40,
    },
  ],
  edges: [edge("ab", "a", "b"), {
    ...edge("bc", "b", "c"),
    label: "yes",
    waypoints: [{ x: 300, y: 200 }],
  }],
};

/** Two replicas of one document, and a way to exchange what each lacks. */
function pair(graph = GRAPH) {
  const a = new Y.Doc(), b = new Y.Doc();
  fillDoc(a, graph, "server");
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  const sync = () => {
    const ua = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
    const ub = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
    Y.applyUpdate(b, ua);
    Y.applyUpdate(a, ub);
  };
  const edit = (doc: Y.Doc, change: (g: Graph) => Graph) => {
    const before = readGraph(doc);
    writeGraphChange(doc, before, change(before), "me");
  };
  return { a, b, sync, edit };
}

const mapNodes = (g: Graph, f: (n: Graph["nodes"][number]) => Graph["nodes"][number]) => ({
  ...g,
  nodes: g.nodes.map(f),
});
const nodeOf = (g: Graph, id: string) => g.nodes.find((n) => n.id === id);

Deno.test("a graph written into a document reads back exactly, and is valid", () => {
  const doc = new Y.Doc();
  fillDoc(doc, GRAPH, null);
  assert.deepEqual(readGraph(doc), GRAPH);
  assert.ok(GraphSchema.safeParse(readGraph(doc)).success);
  // And after a trip through an update, as a client receives it.
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  assert.deepEqual(readGraph(copy), GRAPH);
});

Deno.test("a move and a rename of the same step both survive", () => {
  const { a, b, sync, edit } = pair();
  edit(a, (g) => mapNodes(g, (n) => n.id === "b" ? { ...n, x: 400, y: 60 } : n));
  edit(b, (g) => mapNodes(g, (n) => n.id === "b" ? { ...n, label: "Renamed" } : n));
  sync();
  assert.deepEqual(readGraph(a), readGraph(b));
  const n = nodeOf(readGraph(a), "b")!;
  assert.deepEqual([n.x, n.y, n.label], [400, 60, "Renamed"]);
});

Deno.test("two moves of the same step converge on one of them, whole", () => {
  const { a, b, sync, edit } = pair();
  edit(a, (g) => mapNodes(g, (n) => n.id === "b" ? { ...n, x: 400, y: 60 } : n));
  edit(b, (g) => mapNodes(g, (n) => n.id === "b" ? { ...n, x: 100, y: 90 } : n));
  sync();
  assert.deepEqual(readGraph(a), readGraph(b));
  const { x, y } = nodeOf(readGraph(a), "b")!;
  assert.ok(
    (x === 400 && y === 60) || (x === 100 && y === 90),
    `the winner moved it whole: ${x},${y}`,
  );
});

Deno.test("a delete wins over a concurrent rename, and the flows go with the step", () => {
  const { a, b, sync, edit } = pair();
  edit(a, (g) => ({
    ...g,
    nodes: g.nodes.filter((n) => n.id !== "c"),
    edges: g.edges.filter((e) => e.to !== "c"),
  }));
  edit(b, (g) => mapNodes(g, (n) => n.id === "c" ? { ...n, label: "Still here?" } : n));
  sync();
  assert.deepEqual(readGraph(a), readGraph(b));
  assert.equal(nodeOf(readGraph(a), "c"), undefined);
  assert.deepEqual(readGraph(a).edges.map((e) => e.id), ["ab"]);
});

Deno.test("a flow drawn to a step deleted meanwhile is hidden in every replica", () => {
  const { a, b, sync, edit } = pair();
  edit(a, (g) => ({ ...g, edges: [...g.edges, edge("ca", "c", "a")] }));
  edit(b, (g) => ({
    ...g,
    nodes: g.nodes.filter((n) => n.id !== "c"),
    edges: g.edges.filter((e) => e.to !== "c"),
  }));
  sync();
  assert.deepEqual(readGraph(a), readGraph(b));
  assert.deepEqual(readGraph(a).edges.map((e) => e.id), ["ab"]);
  assert.ok(GraphSchema.safeParse(readGraph(a)).success);
});

Deno.test("a step added to a lane deleted meanwhile moves to the first lane, not lost", () => {
  const { a, b, sync, edit } = pair();
  edit(a, (g) => ({
    ...g,
    lanes: g.lanes.filter((l) => l.id !== "l2"),
    nodes: g.nodes.filter((n) => n.laneId !== "l2"),
    edges: g.edges.filter((e) => e.to !== "c"),
  }));
  edit(b, (g) => ({ ...g, nodes: [...g.nodes, node("new", "l2", 500, { y: 200 })] }));
  sync();
  const g = readGraph(a);
  assert.deepEqual(g, readGraph(b));
  const moved = nodeOf(g, "new")!;
  assert.equal(moved.laneId, "l1");
  assert.ok(moved.y >= 0 && moved.y + moved.height <= 160, `inside the first lane: ${moved.y}`);
  assert.ok(GraphSchema.safeParse(g).success);
});

Deno.test("a writer touches only the fields it changed", () => {
  const { a, b, sync } = pair();
  const seen = readGraph(b);
  // a moves the step; b, still holding the old graph, renames it.
  writeGraphChange(
    a,
    readGraph(a),
    mapNodes(readGraph(a), (n) => n.id === "a" ? { ...n, x: 9 } : n),
    1,
  );
  sync();
  writeGraphChange(b, seen, mapNodes(seen, (n) => n.id === "a" ? { ...n, label: "New" } : n), 2);
  sync();
  const n = nodeOf(readGraph(a), "a")!;
  assert.deepEqual([n.x, n.label], [9, "New"], "b's stale x did not undo a's move");
});

Deno.test("RACI roles assigned concurrently are both kept", () => {
  const { a, b, sync, edit } = pair();
  const p1 = crypto.randomUUID(), p2 = crypto.randomUUID();
  edit(
    a,
    (g) => mapNodes(g, (n) => n.id === "a" ? { ...n, raci: { ...n.raci!, consulted: [p1] } } : n),
  );
  edit(
    b,
    (g) => mapNodes(g, (n) => n.id === "a" ? { ...n, raci: { ...n.raci!, informed: [p2] } } : n),
  );
  sync();
  const raci = nodeOf(readGraph(a), "a")!.raci!;
  assert.deepEqual([raci.consulted, raci.informed], [[p1], [p2]]);
  assert.deepEqual(readGraph(a), readGraph(b));
});

Deno.test("lanes keep the order the writer gave them, and concurrent additions interleave the same way", () => {
  const { a, b, sync, edit } = pair();
  edit(a, (g) => ({ ...g, lanes: [g.lanes[1], g.lanes[0]] }));
  assert.deepEqual(readGraph(a).lanes.map((l) => l.id), ["l2", "l1"]);
  edit(a, (g) => ({ ...g, lanes: [...g.lanes, lane("la")] }));
  edit(b, (g) => ({ ...g, lanes: [...g.lanes, lane("lb")] }));
  sync();
  assert.deepEqual(readGraph(a), readGraph(b));
  assert.deepEqual(readGraph(a).lanes.map((l) => l.id).slice(0, 2), ["l2", "l1"]);
  assert.deepEqual(new Set(readGraph(a).lanes.map((l) => l.id)), new Set(["l1", "l2", "la", "lb"]));
});

Deno.test("garbage in the document still reads as a valid graph", () => {
  const doc = new Y.Doc();
  fillDoc(doc, GRAPH, null);
  doc.transact(() => {
    const nodes = rootOf(doc, "nodes");
    nodes.get("a")!.set("x", "far left");
    nodes.get("b")!.set("type", "rocket");
    const bad = new Y.Map<unknown>();
    bad.set("type", "task");
    nodes.set("not an id!", bad);
    rootOf(doc, "lanes").get("l1")!.set("size", -5);
    rootOf(doc, "edges").get("ab")!.set("waypoints", [{ x: "no" }]);
  });
  const g = readGraph(doc);
  assert.equal(nodeOf(g, "a")!.x, 0);
  assert.equal(nodeOf(g, "b"), undefined, "an unknown type is left out, with its flows");
  assert.deepEqual(g.edges.map((e) => e.id), []);
  assert.equal(g.lanes[0].size, 160);
  assert.ok(GraphSchema.safeParse(g).success, JSON.stringify(GraphSchema.safeParse(g).error));
});

Deno.test("assignOrders renumbers only what is out of place", () => {
  assert.deepEqual(assignOrders(["a", "b", "c"], [1, 2, 3]), []);
  // c moved to the front: only c gets a number, before a.
  const moved = assignOrders(["c", "a", "b"], [3, 1, 2]);
  assert.equal(moved.length, 1);
  assert.equal(moved[0][0], 0);
  assert.ok(moved[0][1] < 1);
  // New elements at the end follow the last one.
  assert.deepEqual(assignOrders(["a", "b", "x", "y"], [1, 2, undefined, undefined]), [[2, 3], [
    3,
    4,
  ]]);
  // A new one in the middle goes between its neighbours.
  const mid = assignOrders(["a", "x", "b"], [1, undefined, 2]);
  assert.deepEqual(mid, [[1, 1.5]]);
});

Deno.test("the document maps every field the graph schema has, so live editing drops none", () => {
  const keysOf = (schema: { shape: Record<string, unknown> }) =>
    Object.keys(schema.shape).filter((k) => k !== "id");
  const { LaneSchema, NodeSchema, EdgeSchema } = schemas;
  const flat = (keys: readonly string[]) => new Set(keys.map((k) => k.split(".")[0]));
  for (
    const [kind, schema] of [["lanes", LaneSchema], ["nodes", NodeSchema], [
      "edges",
      EdgeSchema,
    ]] as const
  ) {
    const mapped = flat(MAPPED_KEYS[kind]);
    for (const key of keysOf(schema as never)) {
      assert.ok(mapped.has(key), `${kind}.${key} is not mapped into the shared document`);
    }
  }
  const graphKeys = keysOf(GraphSchema as never).filter((k) =>
    !["schemaVersion", "lanes", "nodes", "edges"].includes(k)
  );
  assert.deepEqual([...MAPPED_KEYS.graph].sort(), graphKeys.sort());
});

Deno.test("pools, nested lanes, catch events, embedded subprocesses and default flows survive", () => {
  const rich: Graph = {
    schemaVersion: 1,
    pool: "Customer service",
    lanes: [lane("l1", "Sales"), { ...lane("l2", "Inside sales"), parent: "Sales" }],
    nodes: [
      node("s", "l1", 0, { type: "start", width: 36, height: 36 }),
      node("w", "l1", 100, { type: "intermediate", event: "catch", width: 36, height: 36 }),
      node("sub", "l2", 200, { type: "subprocess", embedded: true, collapsed: false, width: 300 }),
      node("in", "l2", 220, { parentId: "sub" }),
      node("g", "l1", 600, { type: "xor", width: 50, height: 50 }),
      node("e", "l1", 700, { type: "end", width: 36, height: 36 }),
    ],
    edges: [
      edge("a", "s", "w"),
      edge("b", "w", "g"),
      { ...edge("c", "g", "e"), isDefault: true },
      edge("d", "g", "sub"),
    ],
  };
  const doc = new Y.Doc();
  fillDoc(doc, rich, "test");
  assert.deepEqual(readGraph(doc), rich);
  // And a change of only those fields reaches another replica.
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
  const changed: Graph = {
    ...rich,
    pool: "Support",
    nodes: rich.nodes.map((n) => n.id === "sub" ? { ...n, collapsed: true } : n),
    edges: rich.edges.map((e) => e.id === "c" ? { ...e, isDefault: false } : e),
  };
  writeGraphChange(doc, rich, changed, "test");
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
  assert.deepEqual(readGraph(other), changed);
});
