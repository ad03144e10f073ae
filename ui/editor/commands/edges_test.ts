// Edge commands: connecting refuses self-loops and duplicates with a reason; conditions
// are allowed anywhere but flagged where no exclusive gateway reads them.
import assert from "node:assert/strict";
import { checkCommand, refusalOf } from "../testing/commands.ts";
import { isOrthogonal, smallGraph } from "../testing/graphs.ts";
import {
  addEdge,
  conditionApplies,
  connectRefusal,
  misplacedConditions,
  reconnectEdge,
  setEdgeCondition,
  setEdgeLabel,
  setWaypoints,
} from "./edges.ts";
import { addNode } from "./nodes.ts";

const edge = (g: ReturnType<typeof smallGraph>, id: string) => g.edges.find((e) => e.id === id)!;

Deno.test("addEdge connects two steps with an orthogonal route from side to side", () => {
  const g = smallGraph();
  const cmd = addEdge("start", "end", { label: "skip" });
  const after = checkCommand(g, cmd);
  const added = edge(after, cmd.id);
  assert.deepEqual([added.from, added.to, added.label, added.condition], [
    "start",
    "end",
    "skip",
    null,
  ]);
  assert.match(cmd.id, /^flow_[a-z0-9]{7}$/);
  assert.ok(isOrthogonal(added.waypoints));
  const sides = (n: { x: number; y: number; width: number; height: number }) => [
    { x: n.x + n.width, y: n.y + n.height / 2 },
    { x: n.x, y: n.y + n.height / 2 },
    { x: n.x + n.width / 2, y: n.y },
    { x: n.x + n.width / 2, y: n.y + n.height },
  ];
  const [start, end] = ["start", "end"].map((id) => after.nodes.find((n) => n.id === id)!);
  assert.ok(sides(start).some((p) => p.x === added.waypoints[0].x && p.y === added.waypoints[0].y));
  const last = added.waypoints.at(-1)!;
  assert.ok(sides(end).some((p) => p.x === last.x && p.y === last.y));
});

Deno.test("addEdge refuses self-loops, duplicates and unknown steps, saying why", () => {
  const g = smallGraph();
  assert.equal(refusalOf(g, addEdge("check", "check")), "self-loop");
  assert.equal(refusalOf(g, addEdge("start", "check")), "duplicate-edge");
  assert.equal(refusalOf(g, addEdge("start", "nope")), "unknown-element");
  assert.equal(connectRefusal(g, "check", "start"), null, "the opposite direction is fine");
  assert.match(connectRefusal(g, "check", "check")!.message, /own step/);
});

Deno.test("reconnectEdge moves one end, with the same rules", () => {
  const g = smallGraph();
  const after = checkCommand(g, reconnectEdge("f3", "to", "check"));
  assert.deepEqual([edge(after, "f3").from, edge(after, "f3").to], ["sign", "check"]);
  assert.ok(edge(after, "f3").waypoints.length >= 2);
  assert.equal(refusalOf(g, reconnectEdge("f1", "to", "start")), "self-loop");
  assert.equal(refusalOf(g, reconnectEdge("f4", "from", "start")), "duplicate-edge");
  assert.equal(checkCommand(g, reconnectEdge("f1", "to", "check")), g, "same end: no change");
});

Deno.test("labels and conditions; conditions count only on outflows of xor gateways", () => {
  let g = smallGraph();
  g = checkCommand(g, setEdgeLabel("f2", "approved"));
  assert.equal(edge(g, "f2").label, "approved");
  g = checkCommand(g, setEdgeCondition("f2", "amount > 100"));
  assert.equal(edge(g, "f2").condition, "amount > 100", "allowed, even if not meaningful");
  assert.equal(conditionApplies(g, "f2"), false);
  assert.deepEqual(misplacedConditions(g), ["f2"]);
  const gateway = addNode("xor", "a", 300, 55);
  g = checkCommand(g, gateway);
  const out = addEdge(gateway.id, "sign");
  g = checkCommand(g, out);
  g = checkCommand(g, setEdgeCondition(out.id, "yes"));
  assert.equal(conditionApplies(g, out.id), true);
  assert.deepEqual(misplacedConditions(g), ["f2"]);
  g = checkCommand(g, setEdgeCondition("f2", ""));
  assert.equal(edge(g, "f2").condition, null, "an empty condition is none");
  assert.deepEqual(misplacedConditions(g), []);
});

Deno.test("setWaypoints sets a route by hand within the limits", () => {
  const g = smallGraph();
  const route = [{ x: 96, y: 80 }, { x: 160, y: 80 }];
  assert.deepEqual(edge(checkCommand(g, setWaypoints("f1", route)), "f1").waypoints, route);
  const many = Array.from({ length: 51 }, (_, i) => ({ x: i, y: 0 }));
  assert.equal(refusalOf(g, setWaypoints("f1", many)), "limit-reached");
  assert.equal(refusalOf(g, setWaypoints("f1", [{ x: NaN, y: 0 }])), "invalid-value");
});
