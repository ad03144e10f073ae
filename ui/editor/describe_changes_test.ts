// The shared diff (plugins/processes/graph_core/diff.ts) over graphs the editor's commands
// produce, and describeChanges, which turns it into records with labels a person recognises.
import assert from "node:assert/strict";
import { diffGraphs, isEmptyDiff } from "../../plugins/processes/graph_core/diff.ts";
import { CommandStack } from "./command_stack.ts";
import { deleteElements } from "./commands/delete.ts";
import { addEdge } from "./commands/edges.ts";
import { addLane, bindLane, renameLane, reorderLane } from "./commands/lanes.ts";
import { addNode, moveNodes, setLabel } from "./commands/nodes.ts";
import { setRaci } from "./commands/properties.ts";
import { describeChanges, describeDiff } from "./describe_changes.ts";
import type { Graph } from "./model.ts";
import { generateGraph, random, smallGraph } from "./testing/graphs.ts";

Deno.test("over random edits, graphs sharing elements give the same diff as separate copies", () => {
  // The command stack reuses unchanged elements; the diff skips those without comparing,
  // which must never hide a change (the server always compares separately parsed copies).
  const rnd = random(4);
  const base = generateGraph(150, 2);
  for (let round = 0; round < 10; round++) {
    const stack = new CommandStack(base);
    for (let i = 0; i < 20; i++) {
      const g = stack.graph;
      const n = () => g.nodes[Math.floor(rnd() * g.nodes.length)].id;
      const lane = g.lanes[Math.floor(rnd() * g.lanes.length)].id;
      const commands = [
        setLabel(n(), `x${i}`),
        moveNodes([n()], 10, 200),
        deleteElements([n()]),
        addEdge(n(), n()),
        addNode("xor", lane, 50, 50),
        setRaci(n(), "consulted", [crypto.randomUUID()]),
        renameLane(lane, "Renamed"),
        reorderLane(lane, 0),
        addLane("New", { index: 1 }),
        bindLane(lane, { orgUnitId: crypto.randomUUID() }),
      ];
      stack.execute(commands[Math.floor(rnd() * commands.length)]);
    }
    const diff = diffGraphs(base, stack.graph);
    assert.ok(!isEmptyDiff(diff), `round ${round}`);
    assert.deepEqual(
      diff,
      diffGraphs(structuredClone(base), structuredClone(stack.graph)),
      `round ${round}`,
    );
  }
  assert.ok(isEmptyDiff(diffGraphs(base, structuredClone(base))));
});

Deno.test("describeChanges: what was added, removed and changed, with readable labels", () => {
  const base = smallGraph();
  const stack = new CommandStack(base);
  const lane = addLane("Archive");
  stack.execute(lane);
  stack.execute(deleteElements(["end"]));
  stack.execute(setLabel("check", "Check order"));
  stack.execute(moveNodes(["check"], 20, 0));
  const records = describeChanges(base, stack.graph);
  const brief = records.map((r) => `${r.kind} ${r.element} ${r.label} ${r.fields.join("+")}`);
  assert.deepEqual(brief, [
    "added lane Archive ",
    "removed node end ",
    "changed node Check order label+moved",
    "removed edge sign → end ",
    "changed edge start → Check order moved",
    "changed edge Check order → sign moved",
    "changed edge note → Check order moved",
  ]);
  const changed = records.find((r) => r.id === "check")!;
  assert.deepEqual(changed.before!.label, "check");
  assert.deepEqual(changed.after!.label, "Check order");
  assert.equal(records[0].id, lane.id);
});

Deno.test("describeDiff labels the server's diff answer the same way", () => {
  const base: Graph = smallGraph();
  const next = { ...base, lanes: base.lanes.map((l) => l.id === "b" ? { ...l, name: "Law" } : l) };
  const fromServer = JSON.parse(JSON.stringify(diffGraphs(base, next)));
  assert.deepEqual(describeDiff(fromServer, base, next), describeChanges(base, next));
  assert.deepEqual(describeChanges(base, next).map((r) => [r.label, r.fields]), [["Law", [
    "label",
  ]]]);
});
