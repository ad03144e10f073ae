// Node commands: standard sizes, fresh ids, lanes by centre after a move, snapping, routes.
import assert from "node:assert/strict";
import { NODE_SIZES } from "../../../plugins/processes/layout.ts";
import { CommandStack } from "../command_stack.ts";
import { NODE_TYPES } from "../model.ts";
import { GRID_SIZE } from "../snap.ts";
import { checkCommand, refusalOf } from "../testing/commands.ts";
import { isOrthogonal, smallGraph } from "../testing/graphs.ts";
import { deleteElements } from "./delete.ts";
import { addNode, MIN_NODE_SIZE, moveNodes, resizeNode, setLabel } from "./nodes.ts";

const node = (g: ReturnType<typeof smallGraph>, id: string) => g.nodes.find((n) => n.id === id)!;
const edge = (g: ReturnType<typeof smallGraph>, id: string) => g.edges.find((e) => e.id === id)!;

Deno.test("addNode: every type at the server's standard size with a fresh valid id", () => {
  let g = smallGraph();
  const ids = new Set<string>();
  for (const type of NODE_TYPES) {
    const cmd = addNode(type, "b", 700, 200, { label: type });
    g = checkCommand(g, cmd);
    const added = node(g, cmd.id);
    assert.deepEqual([added.width, added.height], [
      NODE_SIZES[type].width,
      NODE_SIZES[type].height,
    ]);
    assert.equal(added.type, type);
    assert.match(cmd.id, /^[a-z]+_[a-z0-9]{7}$/);
    ids.add(cmd.id.toLowerCase());
  }
  assert.equal(ids.size, NODE_TYPES.length);
});

Deno.test("addNode refuses a missing lane, a step outside lanes and a taken id", () => {
  const g = smallGraph();
  assert.equal(refusalOf(g, addNode("task", "zz", 0, 0)), "unknown-element");
  assert.equal(refusalOf(g, addNode("task", null, 0, 0)), "invalid-value");
  checkCommand(g, addNode("annotation", null, 0, 500));
  const cmd = addNode("task", "a", 0, 0);
  const once = new CommandStack(g);
  once.execute(cmd);
  assert.equal(refusalOf(once.graph, cmd), "duplicate-id", "the same command twice");
  assert.equal(refusalOf(g, addNode("task", "a", 2e6, 0)), "invalid-value");
});

Deno.test("addNode with snapping puts the centre on the grid", () => {
  const cmd = addNode("start", "a", 63, 58, { snap: true });
  const added = node(checkCommand(smallGraph(), cmd), cmd.id);
  assert.equal((added.x + added.width / 2) % GRID_SIZE, 0);
  assert.equal((added.y + added.height / 2) % GRID_SIZE, 0);
});

Deno.test("moveNodes puts a node into the lane under its centre and reroutes its edges", () => {
  const g = smallGraph();
  const after = checkCommand(g, moveNodes(["check"], 0, 150));
  assert.equal(node(after, "check").laneId, "b", "centre y 230 is in lane b");
  assert.equal(node(after, "check").y, 190);
  for (const id of ["f1", "f2", "f4"]) {
    const route = edge(after, id).waypoints;
    assert.ok(route.length >= 2 && isOrthogonal(route), `${id} is routed`);
  }
  assert.equal(edge(after, "f3"), edge(g, "f3"), "edges not touching the node are the same object");
  assert.equal(node(after, "sign"), node(g, "sign"));
});

Deno.test("moveNodes past the pool's edges keeps the nearest lane; notes stay outside lanes", () => {
  const g = smallGraph();
  const up = checkCommand(g, moveNodes(["sign", "note"], 0, -1000));
  assert.equal(node(up, "sign").laneId, "a");
  assert.equal(node(up, "note").laneId, null);
});

Deno.test("moving a group keeps the routes inside it and reroutes those leaving it", () => {
  const g = checkCommand(smallGraph(), moveNodes(["sign"], 10, 0)); // gives f2, f3 routes
  const f3 = edge(g, "f3").waypoints;
  const after = checkCommand(g, moveNodes(["sign", "end"], 40, 0));
  assert.deepEqual(edge(after, "f3").waypoints, f3.map((p) => ({ x: p.x + 40, y: p.y })));
  assert.notDeepEqual(edge(after, "f2").waypoints, edge(g, "f2").waypoints);
});

Deno.test("moveNodes snaps the first node's centre and moves the rest by the same offset", () => {
  const g = smallGraph();
  const after = checkCommand(g, moveNodes(["check", "start"], 3, 4, { snap: true }));
  const check = node(after, "check"), start = node(after, "start");
  assert.equal((check.x + check.width / 2) % GRID_SIZE, 0);
  assert.equal((check.y + check.height / 2) % GRID_SIZE, 0);
  assert.equal(start.x - check.x, node(g, "start").x - node(g, "check").x, "distance kept");
});

Deno.test("nudging with arrow keys merges into one undo step", () => {
  const stack = new CommandStack(smallGraph());
  for (let i = 0; i < 5; i++) stack.execute(moveNodes(["check", "start"], 10, 0));
  stack.execute(moveNodes(["start", "check"], 0, 10)); // same selection in another order
  assert.equal(stack.undoDepth, 1);
  stack.undo();
  assert.deepEqual(stack.graph, smallGraph());
  assert.equal(refusalOf(smallGraph(), moveNodes(["nope"], 1, 1)), "unknown-element");
});

Deno.test("resizeNode keeps a minimum size, snaps the dragged edges and reroutes", () => {
  const g = smallGraph();
  const tiny = checkCommand(g, resizeNode("check", { x: 160, y: 40, width: 2, height: 2 }));
  assert.deepEqual([node(tiny, "check").width, node(tiny, "check").height], [
    MIN_NODE_SIZE,
    MIN_NODE_SIZE,
  ]);
  const snapped = checkCommand(
    g,
    resizeNode("check", { x: 160, y: 40, width: 133, height: 80 }, { snap: true }),
  );
  assert.deepEqual(
    [node(snapped, "check").x, node(snapped, "check").width],
    [160, 130],
    "only the right edge moved, so only it snaps",
  );
  assert.ok(edge(snapped, "f2").waypoints.length >= 2);
});

Deno.test("setLabel: limit, no-op when unchanged, one step while typing", () => {
  const g = smallGraph();
  assert.equal(checkCommand(g, setLabel("check", "Check order")).nodes[1].label, "Check order");
  assert.equal(checkCommand(g, setLabel("check", "check")), g);
  assert.equal(refusalOf(g, setLabel("check", "x".repeat(501))), "too-long");
});

Deno.test("deleteElements takes the edges of deleted nodes along", () => {
  const g = smallGraph();
  const after = checkCommand(g, deleteElements(["check", "f3", "gone"]));
  assert.deepEqual(after.nodes.map((n) => n.id), ["start", "sign", "end", "note"]);
  assert.deepEqual(after.edges.map((e) => e.id), []);
  assert.equal(checkCommand(g, deleteElements(["gone"])), g, "unknown ids change nothing");
});
