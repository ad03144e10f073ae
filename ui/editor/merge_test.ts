// Three-way merge for the 412 case: both sides' changes combine, conflicts are listed with
// all three values and resolved "mine" unless the user picks otherwise, and the result is
// always a graph the server accepts.
import assert from "node:assert/strict";
import { type Command, CommandStack } from "./command_stack.ts";
import { addEdge } from "./commands/edges.ts";
import { deleteElements } from "./commands/delete.ts";
import { addLane, deleteLane, reorderLane, resizeLane } from "./commands/lanes.ts";
import { addNode, moveNodes, setLabel } from "./commands/nodes.ts";
import { setRaci } from "./commands/properties.ts";
import { sameGraph } from "./graph_equal.ts";
import { laneBands } from "./geometry.ts";
import { merge } from "./merge.ts";
import type { Graph } from "./model.ts";
import { assertValid, deepFreeze, generateGraph, random, smallGraph } from "./testing/graphs.ts";

/** The graph after running commands (each must apply). */
function edit(g: Graph, ...commands: Command[]): Graph {
  const stack = new CommandStack(g);
  for (const c of commands) {
    const r = stack.execute(c);
    assert.ok(r.ok, `${c.label}: ${!r.ok && r.refusal.message}`);
  }
  return stack.graph;
}
const node = (g: Graph, id: string) => g.nodes.find((n) => n.id === id);

Deno.test("changes to different fields of the same node combine without conflict", () => {
  const base = deepFreeze(smallGraph());
  const clerk = crypto.randomUUID();
  const mine = edit(base, setLabel("check", "Check order"));
  const theirs = edit(base, setRaci("check", "responsible", [clerk]), moveNodes(["check"], 40, 0));
  const { graph, conflicts } = merge(base, mine, theirs);
  assert.deepEqual(conflicts, []);
  const check = node(graph, "check")!;
  assert.equal(check.label, "Check order");
  assert.deepEqual(check.raci!.responsible, [clerk]);
  assert.equal(check.x, 200);
  assertValid(graph);
});

Deno.test("one side's changes alone come through whole; no changes give the same graph", () => {
  const base = deepFreeze(smallGraph());
  const theirs = edit(base, setLabel("sign", "Sign"), deleteElements(["f3"]), addLane("QA"));
  assert.ok(sameGraph(merge(base, base, theirs).graph, theirs));
  assert.ok(sameGraph(merge(base, theirs, base).graph, theirs));
  assert.ok(sameGraph(merge(base, theirs, theirs).graph, theirs), "the same edit twice agrees");
});

Deno.test("the same field changed differently: a conflict, mine by default, theirs on request", () => {
  const base = deepFreeze(smallGraph());
  const mine = edit(base, setLabel("check", "Mine"), setLabel("sign", "Both"));
  const theirs = edit(base, setLabel("check", "Theirs"), setLabel("sign", "Both"));
  const first = merge(base, mine, theirs);
  assert.equal(first.conflicts.length, 1, "the same change on both sides is no conflict");
  const [c] = first.conflicts;
  assert.deepEqual(
    {
      key: c.key,
      element: c.element,
      id: c.id,
      field: c.field,
      base: c.base,
      mine: c.mine,
      theirs: c.theirs,
      resolution: c.resolution,
    },
    {
      key: "node:check:label",
      element: "node",
      id: "check",
      field: "label",
      base: "check",
      mine: "Mine",
      theirs: "Theirs",
      resolution: "mine",
    },
  );
  assert.equal(node(first.graph, "check")!.label, "Mine");
  const second = merge(base, mine, theirs, { [c.key]: "theirs" });
  assert.equal(node(second.graph, "check")!.label, "Theirs");
  assert.equal(second.conflicts[0].resolution, "theirs");
});

Deno.test("deleted on one side, changed on the other: a conflict about its existence", () => {
  const base = deepFreeze(smallGraph());
  const mine = edit(base, setLabel("sign", "Sign contract"));
  const theirs = edit(base, deleteElements(["sign"]));
  const kept = merge(base, mine, theirs);
  assert.deepEqual(kept.conflicts.map((c) => [c.key, c.resolution]), [[
    "node:sign:exists",
    "mine",
  ]]);
  assert.equal(node(kept.graph, "sign")!.label, "Sign contract");
  assert.equal(
    kept.graph.edges.some((e) => e.id === "f2"),
    false,
    "its unchanged edges stay deleted",
  );
  assertValid(kept.graph);
  const gone = merge(base, mine, theirs, { "node:sign:exists": "theirs" });
  assert.equal(node(gone.graph, "sign"), undefined);

  // The other way round: I deleted it, they changed it and connected a new step to it.
  const later = edit(base, setLabel("sign", "Sign"), addNode("task", "b", 700, 200));
  const extra = later.nodes.at(-1)!.id;
  const connected = edit(later, addEdge("sign", extra));
  const { graph, conflicts, repairs } = merge(base, theirs, connected);
  assert.deepEqual(conflicts.map((c) => c.key), ["node:sign:exists"]);
  assert.equal(node(graph, "sign"), undefined, "mine (deleted) by default");
  assert.ok(node(graph, extra), "their new step stays");
  assert.equal(repairs.edgesRemoved.length, 1, "their edge to the deleted step is dropped");
  assertValid(graph);
});

Deno.test("a lane deleted on my side: their new node in it moves to the first lane", () => {
  const base = deepFreeze(smallGraph());
  const mine = edit(base, deleteLane("b"));
  const add = addNode("task", "b", 300, 200);
  const theirs = edit(base, add);
  const { graph, repairs, conflicts } = merge(base, mine, theirs);
  assert.deepEqual(conflicts, []);
  assert.deepEqual(graph.lanes.map((l) => l.id), ["a"]);
  assert.deepEqual(repairs.nodesMovedToFirstLane, [add.id]);
  const moved = node(graph, add.id)!;
  assert.equal(moved.laneId, "a");
  assert.ok(moved.y >= 0 && moved.y + moved.height <= 160, "inside the first lane's band");
  assert.equal(node(graph, "sign"), undefined, "the deleted lane's nodes stay deleted");
  assertValid(graph);
});

Deno.test("both sides added an element with the same id: mine is renamed, my edges follow", () => {
  const base = deepFreeze(smallGraph());
  /** Adds a node (ids chosen here, as a server-side import might). */
  const withNode = (id: string, label: string): Command => ({
    label: "test.addNode",
    do: (g) => ({
      ...g,
      nodes: [...g.nodes, {
        id,
        type: "task",
        label,
        laneId: "a",
        x: 400,
        y: 40,
        width: 120,
        height: 80,
      }],
    }),
  });
  const withEdge = (id: string, from: string, to: string): Command => ({
    label: "test.addEdge",
    do: (g) => ({
      ...g,
      edges: [...g.edges, { id, from, to, label: "", condition: null, waypoints: [] }],
    }),
  });
  const mine = edit(base, withNode("Task_New", "Mine"), withEdge("f9", "check", "Task_New"));
  const theirs = edit(base, withNode("task_new", "Theirs"));
  const { graph, renamed } = merge(base, mine, theirs);
  const newId = renamed["Task_New"];
  assert.ok(newId && newId.toLowerCase() !== "task_new");
  assert.equal(node(graph, newId)!.label, "Mine");
  assert.equal(node(graph, "task_new")!.label, "Theirs");
  assert.equal(graph.edges.find((e) => e.id === "f9")!.to, newId);
  assertValid(graph);
  assert.deepEqual(merge(base, theirs, theirs).renamed, {}, "identical additions are one element");
});

Deno.test("lane order: one side's reordering wins, the other's new lane keeps its neighbour", () => {
  const base = deepFreeze({
    ...smallGraph(),
    lanes: [...smallGraph().lanes, {
      id: "c",
      name: "IT",
      positionId: null,
      orgUnitId: null,
      size: 160,
    }],
  });
  const theirs = edit(base, reorderLane("c", 0));
  const added = addLane("QA", { index: 1 });
  const mine = edit(base, added);
  const { graph, conflicts } = merge(base, mine, theirs);
  assert.deepEqual(conflicts, []);
  assert.deepEqual(graph.lanes.map((l) => l.id), ["c", "a", added.id, "b"]);
  for (const n of graph.nodes) {
    if (n.laneId === null) continue;
    const band = laneBands(graph.lanes).find((b) => b.lane.id === n.laneId)!;
    const cy = n.y + n.height / 2;
    assert.ok(cy >= band.top && cy < band.bottom, `${n.id} sits in its lane after the merge`);
  }
  assertValid(graph);
  const both = merge(base, edit(base, reorderLane("b", 0)), theirs);
  assert.deepEqual(both.conflicts.map((c) => c.key), ["lane:*:order"], "no node moved itself");
  assert.deepEqual(both.graph.lanes.map((l) => l.id), ["b", "a", "c"]);
  assertValid(both.graph);
});

Deno.test("their lane resize and my move of a node below it: no conflict, both apply", () => {
  const base = deepFreeze(smallGraph());
  const theirs = edit(base, resizeLane("a", 300));
  const mine = edit(base, moveNodes(["end"], 60, 0));
  const { graph, conflicts } = merge(base, mine, theirs);
  assert.deepEqual(conflicts, [], "moving with its lane is no move of the node");
  const end = node(graph, "end")!;
  assert.equal(end.x, 620, "my x");
  assert.equal(end.y, 222 + 140, "carried down by their lane growth");
  const route = graph.edges.find((e) => e.id === "f3")!.waypoints;
  assert.deepEqual(route.at(-1), { x: 620, y: 240 + 140 }, "its edge is routed to where it is");
  assertValid(graph);
});

Deno.test("random edits on both sides always merge into a valid graph", () => {
  const rnd = random(11);
  const base = deepFreeze(generateGraph(200, 3));
  const pick = <T>(l: readonly T[]) => l[Math.floor(rnd() * l.length)];
  const randomEdits = (g: Graph, count: number): Graph => {
    const stack = new CommandStack(g);
    for (let i = 0; i < count; i++) {
      const cur = stack.graph;
      const n = () => pick(cur.nodes).id;
      const options: Command[] = [
        setLabel(n(), `L${i}`),
        moveNodes([n()], 40, 170),
        deleteElements([n()]),
        addEdge(n(), n()),
        addNode("task", pick(cur.lanes).id, 100, 100),
        setRaci(n(), "informed", [crypto.randomUUID()]),
        cur.lanes.length > 2 && rnd() < 0.3 ? deleteLane(pick(cur.lanes).id) : addLane("New"),
        reorderLane(pick(cur.lanes).id, 0),
        resizeLane(pick(cur.lanes).id, 300),
      ];
      stack.execute(pick(options));
    }
    return stack.graph;
  };
  let conflicts = 0;
  for (let round = 0; round < 12; round++) {
    const mine = randomEdits(base, 15), theirs = randomEdits(base, 15);
    const result = merge(base, mine, theirs);
    assertValid(result.graph, `round ${round}`);
    conflicts += result.conflicts.length;
    const flipped = Object.fromEntries(result.conflicts.map((c) => [c.key, "theirs" as const]));
    assertValid(merge(base, mine, theirs, flipped).graph, `round ${round}, theirs`);
  }
  assert.ok(conflicts > 0, "the rounds ran into conflicts too");
});
