// Lane commands: lanes stack, so changing one moves the lanes below with their nodes.
import assert from "node:assert/strict";
import { checkCommand, refusalOf } from "../testing/commands.ts";
import { smallGraph } from "../testing/graphs.ts";
import {
  addLane,
  bindLane,
  deleteLane,
  minLaneSize,
  renameLane,
  reorderLane,
  resizeLane,
} from "./lanes.ts";

const node = (g: ReturnType<typeof smallGraph>, id: string) => g.nodes.find((n) => n.id === id)!;

Deno.test("addLane on top pushes every lane and its nodes down; notes stay", () => {
  const g = smallGraph();
  const cmd = addLane("Board", { index: 0, size: 100 });
  const after = checkCommand(g, cmd);
  assert.deepEqual(after.lanes.map((l) => l.id), [cmd.id, "a", "b"]);
  assert.match(cmd.id, /^lane_[a-z0-9]{7}$/);
  assert.equal(node(after, "check").y, node(g, "check").y + 100);
  assert.equal(node(after, "sign").y, node(g, "sign").y + 100);
  assert.equal(node(after, "note").y, node(g, "note").y, "annotations outside lanes stay");
});

Deno.test("addLane at the bottom moves nothing and keeps every node object", () => {
  const g = smallGraph();
  const after = checkCommand(g, addLane("  Archive  "));
  assert.equal(after.lanes[2].name, "Archive");
  assert.equal(after.lanes[2].size, 160);
  assert.equal(after.nodes, g.nodes, "structural sharing: the node array is untouched");
});

Deno.test("renameLane trims, refuses an empty name and merges while typing", () => {
  const g = smallGraph();
  assert.equal(checkCommand(g, renameLane("a", " Board ")).lanes[0].name, "Board");
  assert.equal(refusalOf(g, renameLane("a", "   ")), "invalid-value");
  assert.equal(refusalOf(g, renameLane("a", "x".repeat(201))), "too-long");
  assert.equal(refusalOf(g, renameLane("zz", "x")), "unknown-element");
  assert.equal(renameLane("a", "B").mergeKey, renameLane("a", "Bo").mergeKey);
});

Deno.test("reorderLane moves lanes with their nodes; edges between them are rerouted", () => {
  const g = smallGraph();
  const after = checkCommand(g, reorderLane("b", 0));
  assert.deepEqual(after.lanes.map((l) => l.id), ["b", "a"]);
  assert.equal(node(after, "sign").y, 200 - 160);
  assert.equal(node(after, "check").y, 40 + 160);
  const f2 = after.edges.find((e) => e.id === "f2")!;
  assert.ok(f2.waypoints.length >= 2, "check → sign crosses the lanes and is routed");
  const f3 = after.edges.find((e) => e.id === "f3")!;
  assert.deepEqual(f3.waypoints, [], "sign → end moved together and kept its (empty) route");
  assert.equal(checkCommand(g, reorderLane("a", 0)), g, "no move, no change");
});

Deno.test("resizeLane moves the lanes below and never cuts off a node", () => {
  const g = smallGraph();
  const after = checkCommand(g, resizeLane("a", 220));
  assert.equal(after.lanes[0].size, 220);
  assert.equal(node(after, "sign").y, 260);
  assert.equal(node(after, "check").y, 40, "nodes of the resized lane stay");
  assert.equal(minLaneSize(g, "a"), 120, "check reaches down to y 120");
  const shrunk = checkCommand(g, resizeLane("a", 10));
  assert.equal(shrunk.lanes[0].size, 120);
});

Deno.test("deleteLane removes its nodes and their edges; lanes below move up", () => {
  const g = smallGraph();
  const after = checkCommand(g, deleteLane("a"));
  assert.deepEqual(after.lanes.map((l) => l.id), ["b"]);
  assert.deepEqual(after.nodes.map((n) => n.id), ["sign", "end", "note"]);
  assert.deepEqual(after.edges.map((e) => e.id), ["f3"]);
  assert.equal(node(after, "sign").y, 40);
});

Deno.test("bindLane: a position or an org unit, one of both", () => {
  const g = smallGraph();
  const position = crypto.randomUUID(), unit = crypto.randomUUID();
  const bound = checkCommand(g, bindLane("a", { positionId: position }));
  assert.equal(bound.lanes[0].positionId, position);
  const rebound = checkCommand(bound, bindLane("a", { orgUnitId: unit }));
  assert.deepEqual([rebound.lanes[0].positionId, rebound.lanes[0].orgUnitId], [null, unit]);
  const unbound = checkCommand(rebound, bindLane("a", null));
  assert.deepEqual([unbound.lanes[0].positionId, unbound.lanes[0].orgUnitId], [null, null]);
  assert.equal(refusalOf(g, bindLane("a", { positionId: "ceo" })), "invalid-value");
});

Deno.test("at most 100 lanes", () => {
  let g = smallGraph();
  g = {
    ...g,
    lanes: Array.from({ length: 100 }, (_, i) => ({ ...g.lanes[0], id: `l${i}` })),
    nodes: [],
    edges: [],
  };
  assert.equal(refusalOf(g, addLane("One more")), "limit-reached");
});
