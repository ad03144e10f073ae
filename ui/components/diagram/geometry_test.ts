// Geometry and label wrapping of the diagram: what a person would see wrong if they broke —
// arrows not touching shapes, lanes not lining up, labels spilling out of their box.
import assert from "node:assert/strict";
import {
  borderPoint,
  BoxIndex,
  edgePoints,
  type Graph,
  layoutLanes,
  nearestInDirection,
  needsLayout,
  type ProcessNode,
  readingOrder,
} from "./geometry.ts";
import { laneBands } from "../../editor/geometry.ts";
import { buildScene } from "./scene.ts";
import { wrapText } from "./text_wrap.ts";

const node = (id: string, type: ProcessNode["type"], x: number, y: number, w = 120, h = 80) => ({
  id,
  type,
  label: id,
  laneId: "a",
  x,
  y,
  width: w,
  height: h,
});

const graph: Graph = {
  schemaVersion: 1,
  lanes: [
    { id: "a", name: "Sales", positionId: null, orgUnitId: null, size: 160 },
    { id: "b", name: "Warehouse", positionId: null, orgUnitId: null, size: 200 },
  ],
  nodes: [
    node("start", "start", 82, 62, 36, 36),
    node("check", "task", 200, 40),
    { ...node("pick", "task", 400, 200), laneId: "b" },
    { ...node("note", "annotation", 600, 10, 120, 60), laneId: null },
  ],
  edges: [
    { id: "e1", from: "start", to: "check", label: "", condition: null, waypoints: [] },
    { id: "e2", from: "check", to: "pick", label: "", condition: null, waypoints: [] },
    { id: "e3", from: "note", to: "pick", label: "", condition: null, waypoints: [] },
    { id: "e4", from: "check", to: "ghost", label: "", condition: null, waypoints: [] },
  ],
};

Deno.test("lanes stack from the top in order and span the content", () => {
  const { lanes, bounds } = layoutLanes(graph);
  assert.deepEqual(lanes.map((l) => [l.y, l.height]), [[0, 160], [160, 200]]);
  assert.deepEqual(
    lanes.map((l) => [l.y, l.y + l.height]),
    laneBands(graph.lanes).map((b) => [b.top, b.bottom]),
    "the viewer draws lanes where the editor's hit tests and commands put them",
  );
  assert.ok(lanes.every((l) => l.x <= 0 && l.x + l.width >= 720), "lanes reach past the note");
  assert.ok(bounds.y <= 0 && bounds.y + bounds.height >= 360, "bounds hold both lanes");
});

Deno.test("edges without waypoints run side to side, with an elbow between rows", () => {
  const [start, check, pick] = graph.nodes;
  assert.deepEqual(edgePoints(graph.edges[0], start, check), [
    { x: 118, y: 80 },
    { x: 200, y: 80 },
  ]);
  const bent = edgePoints(graph.edges[1], check, pick);
  assert.deepEqual(bent[0], { x: 320, y: 80 }, "leaves the task's right side");
  assert.deepEqual(bent.at(-1), { x: 400, y: 240 }, "enters the target's left side");
  assert.equal(bent.length, 4);
});

Deno.test("stored routes are kept; bend points alone get ends on the shapes", () => {
  const [, check, pick] = graph.nodes;
  const full = [{ x: 320, y: 80 }, { x: 360, y: 80 }, { x: 360, y: 240 }, { x: 400, y: 240 }];
  assert.deepEqual(edgePoints({ ...graph.edges[1], waypoints: full }, check, pick), full);
  const bends = edgePoints({ ...graph.edges[1], waypoints: [{ x: 460, y: 80 }] }, check, pick);
  assert.deepEqual(bends[0], { x: 320, y: 80 });
  assert.deepEqual(bends.at(-1), { x: 460, y: 200 }, "ends on the target's top border");
});

Deno.test("border points lie on circles and diamonds", () => {
  const circle = node("c", "start", 0, 0, 40, 40);
  const p = borderPoint(circle, { x: 100, y: 20 });
  assert.deepEqual(p, { x: 40, y: 20 });
  const diamond = node("d", "xor", 0, 0, 50, 50);
  const q = borderPoint(diamond, { x: 100, y: 100 });
  assert.ok(Math.abs(q.x - 37.5) < 1e-9 && Math.abs(q.y - 37.5) < 1e-9, JSON.stringify(q));
});

Deno.test("the scene skips dangling edges and draws associations without arrowheads", () => {
  const scene = buildScene(graph);
  assert.deepEqual(scene.edges.map((e) => e.edge.id), ["e1", "e2", "e3"]);
  assert.equal(scene.edges[2].association, true);
  assert.equal(scene.edges[2].head, undefined);
  assert.ok(scene.edges[0].head?.startsWith("M200 80"), "the arrow's tip touches the target");
  assert.deepEqual(scene.groups.map((g) => g.lane?.id ?? null), ["a", "b", null]);
});

Deno.test("reading order goes lane by lane, left to right; arrows find the neighbour", () => {
  assert.deepEqual(readingOrder(graph).map((n) => n.id), ["start", "check", "pick", "note"]);
  const [start, check, pick] = graph.nodes;
  assert.equal(nearestInDirection(graph.nodes, start, "right")?.id, "check");
  assert.equal(nearestInDirection(graph.nodes, check, "down")?.id, "pick");
  assert.equal(nearestInDirection(graph.nodes, pick, "left")?.id, "check");
  assert.equal(nearestInDirection(graph.nodes, start, "left"), undefined);
});

Deno.test("graphs with all nodes on one point need a layout", () => {
  assert.equal(needsLayout(graph), false);
  const stacked = { ...graph, nodes: graph.nodes.map((n) => ({ ...n, x: 0, y: 0 })) };
  assert.equal(needsLayout(stacked), true);
});

Deno.test("labels wrap at word boundaries, break long words and end in … when cut", () => {
  const measure = (s: string) => s.length * 10; // 10 px per character
  assert.deepEqual(wrapText("Check and pay invoice", 100, 3, measure), [
    "Check and",
    "pay",
    "invoice",
  ]);
  assert.deepEqual(wrapText("Check and pay invoice", 100, 2, measure), ["Check and", "pay…"]);
  assert.deepEqual(wrapText("Donaudampfschifffahrt", 80, 4, measure), [
    "Donaudam",
    "pfschiff",
    "fahrt",
  ]);
  assert.deepEqual(wrapText("one\ntwo", 200, 3, measure), ["one", "two"]);
  assert.deepEqual(wrapText("", 100, 3, measure), []);
  for (const line of wrapText("a fairly long label of a task in a diagram", 90, 3, measure)) {
    assert.ok(measure(line) <= 90, `${line} fits`);
  }
});

Deno.test("an edge with a node in its way goes around it", () => {
  const gate = node("gate", "xor", 100, 55, 50, 50);
  const order = node("order", "task", 200, 40);
  const end = node("end", "end", 400, 62, 36, 36);
  const index = new BoxIndex([gate, order, end]);
  const edge = { id: "no", from: "gate", to: "end", label: "", condition: null, waypoints: [] };
  const route = edgePoints(edge, gate, end, index);
  assert.equal(index.blocks(route, gate, end), false, JSON.stringify(route));
  assert.deepEqual(route[0], { x: 125, y: 55 }, "leaves by the gateway's top corner");
  assert.deepEqual(route.at(-1), { x: 418, y: 62 }, "enters the end event from above");
  // Without obstacles to avoid, the straight line it is.
  assert.equal(edgePoints(edge, gate, end).length, 2);
});
