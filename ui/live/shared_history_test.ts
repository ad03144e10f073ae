// Undo in a shared document undoes my changes only: the command stack with a SharedHistory
// over a Yjs document, another replica changing things in between, bursts as one step,
// labels for the tooltips across undo and redo, and other people's changes arriving as
// "remote" changes that are no step of mine.
import assert from "node:assert/strict";
import * as Y from "yjs";
import { type ChangeEvent, CommandStack, moveNodes, setLabel } from "../editor/mod.ts";
import {
  fillDoc,
  type Graph,
  readGraph,
  writeGraphChange,
} from "../../plugins/live/shared/graph_doc.ts";
import { GraphBinding } from "./graph_binding.ts";
import { SharedHistory } from "./shared_history.ts";

const GRAPH: Graph = {
  schemaVersion: 1,
  lanes: [{ id: "l", name: "Team", positionId: null, orgUnitId: null, size: 160 }],
  nodes: ["a", "b"].map((id, i) => ({
    id,
    type: "task" as const,
    label: id.toUpperCase(),
    laneId: "l",
    x: 40 + 200 * i,
    y: 40,
    width: 120,
    height: 80,
  })),
  edges: [],
};

/** My editor (stack over a shared document) and someone else's replica, synced on demand. */
function setup() {
  const server = new Y.Doc();
  fillDoc(server, GRAPH, "server");
  const mine = new Y.Doc(), theirs = new Y.Doc();
  Y.applyUpdate(mine, Y.encodeStateAsUpdate(server));
  Y.applyUpdate(theirs, Y.encodeStateAsUpdate(server));
  const binding = new GraphBinding(mine);
  const stack = new CommandStack(binding.graph, { history: new SharedHistory(binding) });
  const events: ChangeEvent[] = [];
  stack.onChange((e) => events.push(e));
  binding.onChange((g) => stack.applyRemote(g));
  const sync = () => {
    const a = Y.encodeStateAsUpdate(mine, Y.encodeStateVector(theirs));
    const b = Y.encodeStateAsUpdate(theirs, Y.encodeStateVector(mine));
    Y.applyUpdate(theirs, a, "remote");
    Y.applyUpdate(mine, b, "remote");
  };
  const theyDo = (change: (g: Graph) => Graph) => {
    const before = readGraph(theirs);
    writeGraphChange(theirs, before, change(before), "them");
    sync();
  };
  return { stack, binding, theirs, sync, theyDo, events };
}

const node = (g: Graph, id: string) => g.nodes.find((n) => n.id === id)!;

Deno.test("undo reverts my rename and keeps their move of the same step", () => {
  const { stack, theirs, sync, theyDo } = setup();
  stack.execute(setLabel("a", "Mine"));
  sync();
  theyDo((g) => ({ ...g, nodes: g.nodes.map((n) => n.id === "a" ? { ...n, x: 500 } : n) }));
  assert.equal(node(stack.graph, "a").x, 500, "their move arrived");
  assert.ok(stack.undo());
  assert.equal(node(stack.graph, "a").label, "A", "my rename is undone");
  assert.equal(node(stack.graph, "a").x, 500, "their move stays");
  sync();
  assert.deepEqual(readGraph(theirs), stack.graph, "they see my undo, and nothing else changed");
  assert.ok(stack.redo());
  assert.equal(node(stack.graph, "a").label, "Mine");
});

Deno.test("their changes are no undo step of mine", () => {
  const { stack, theyDo, events } = setup();
  theyDo((g) => ({
    ...g,
    nodes: g.nodes.map((n) => n.id === "b" ? { ...n, label: "Theirs" } : n),
  }));
  assert.equal(node(stack.graph, "b").label, "Theirs");
  assert.equal(events.at(-1)?.kind, "remote");
  assert.equal(stack.canUndo, false);
  assert.equal(stack.undo(), false);
  assert.equal(node(stack.graph, "b").label, "Theirs");
});

Deno.test("typing is one undo step, and steps carry their labels through undo and redo", () => {
  const { stack } = setup();
  for (const text of ["W", "Wo", "Wor", "Work"]) stack.execute(setLabel("a", text));
  stack.endBurst();
  stack.execute(moveNodes(["b"], 20, 0));
  assert.equal(stack.undoDepth, 2);
  assert.equal(stack.undoLabel, "editor.command.moveNodes");
  assert.ok(stack.undo());
  assert.equal(stack.undoLabel, "editor.command.setLabel");
  assert.equal(stack.redoLabel, "editor.command.moveNodes");
  assert.ok(stack.undo());
  assert.equal(node(stack.graph, "a").label, "A", "the whole burst went in one step");
  assert.equal(stack.redoLabel, "editor.command.setLabel");
  assert.ok(stack.redo());
  assert.equal(node(stack.graph, "a").label, "Work");
});

Deno.test("my undo of a step someone deleted meanwhile changes nothing of theirs", () => {
  const { stack, theyDo, theirs, sync } = setup();
  stack.execute(moveNodes(["b"], 0, 30));
  sync();
  theyDo((g) => ({ ...g, nodes: g.nodes.filter((n) => n.id !== "b") }));
  assert.equal(stack.graph.nodes.length, 1);
  stack.undo();
  sync();
  assert.equal(stack.graph.nodes.length, 1, "the step stays deleted");
  assert.deepEqual(readGraph(theirs), stack.graph);
});

Deno.test("unchanged elements keep their objects when someone else changes one", () => {
  const { stack, theyDo } = setup();
  const before = stack.graph;
  theyDo((g) => ({ ...g, nodes: g.nodes.map((n) => n.id === "b" ? { ...n, label: "B2" } : n) }));
  assert.equal(node(stack.graph, "a"), node(before, "a"));
  assert.notEqual(node(stack.graph, "b"), node(before, "b"));
  assert.equal(stack.graph.lanes[0], before.lanes[0]);
});
