// The command stack: undo/redo, refusals, merging bursts by merge key, the dirty flag with
// its saved marker, the bounded history and change events.
import assert from "node:assert/strict";
import { type ChangeEvent, type Command, CommandStack, compound, refuse } from "./command_stack.ts";
import type { Graph } from "./model.ts";
import { deepFreeze } from "./testing/graphs.ts";

const base: Graph = deepFreeze({
  schemaVersion: 1,
  lanes: [{ id: "lane", name: "Team", positionId: null, orgUnitId: null, size: 160 }],
  nodes: [{
    id: "a",
    type: "task",
    label: "A",
    laneId: "lane",
    x: 40,
    y: 40,
    width: 120,
    height: 80,
  }],
  edges: [],
});

/** A command setting node a's label, merging by `key`. */
const label = (text: string, key: string | null = "label:a"): Command => ({
  label: "test.label",
  mergeKey: key ?? undefined,
  do: (g) => ({ ...g, nodes: g.nodes.map((n) => n.id === "a" ? { ...n, label: text } : n) }),
});
const labelOf = (s: CommandStack) => s.graph.nodes[0].label;

Deno.test("execute, undo and redo move between the exact graph values", () => {
  const s = new CommandStack(base);
  assert.equal(s.canUndo, false);
  s.execute(label("B", null));
  const afterB = s.graph;
  s.execute(label("C", null));
  assert.equal(labelOf(s), "C");
  assert.equal(s.undoLabel, "test.label");
  assert.ok(s.undo());
  assert.equal(s.graph, afterB);
  assert.ok(s.undo());
  assert.equal(s.graph, base);
  assert.equal(s.undo(), false, "nothing more to undo");
  assert.ok(s.canRedo);
  s.redo();
  assert.equal(s.graph, afterB);
  s.execute(label("D", null));
  assert.equal(s.canRedo, false, "a new change discards the redo history");
});

Deno.test("a refused command changes nothing and is reported, not thrown", () => {
  const s = new CommandStack(base);
  const events: ChangeEvent[] = [];
  s.onChange((e) => void events.push(e));
  const result = s.execute({
    label: "test.refused",
    do: () => refuse("self-loop", "A flow cannot lead back to its own step."),
  });
  assert.ok(!result.ok);
  assert.equal(result.refusal.reason, "self-loop");
  assert.equal(result.refusal.message, "A flow cannot lead back to its own step.");
  assert.equal(s.graph, base);
  assert.equal(s.canUndo, false);
  assert.equal(events.length, 0);
});

Deno.test("a command that changes nothing adds no undo step", () => {
  const s = new CommandStack(base);
  const result = s.execute({ label: "test.noop", do: (g) => g });
  assert.deepEqual(result, { ok: true, graph: base, changed: false });
  assert.equal(s.canUndo, false);
});

Deno.test("typing merges into one undo step until the burst ends", () => {
  const s = new CommandStack(base);
  for (const text of ["R", "Re", "Rev", "Revi"]) s.execute(label(text));
  assert.equal(s.undoDepth, 1);
  s.endBurst();
  s.execute(label("Review"));
  assert.equal(s.undoDepth, 2, "after the burst a new step starts");
  s.undo();
  assert.equal(labelOf(s), "Revi");
  s.undo();
  assert.equal(labelOf(s), "A", "one undo reverts the whole burst");
});

Deno.test("burstOpen tells whether a gesture is still merging (autosave waits for it)", () => {
  const s = new CommandStack(base);
  assert.equal(s.burstOpen, false);
  s.execute(label("R"));
  assert.equal(s.burstOpen, true, "a command with a merge key opens a burst");
  s.endBurst();
  assert.equal(s.burstOpen, false);
  s.execute(label("Re"));
  s.markSaved();
  assert.equal(s.burstOpen, false, "saving ends the burst");
  s.execute(label("Rev", null));
  assert.equal(s.burstOpen, false, "a command without a key opens none");
});

Deno.test("only the same merge key merges; undo ends a burst", () => {
  const s = new CommandStack(base);
  s.execute(label("x", "label:a"));
  s.execute(label("y", "label:b"));
  assert.equal(s.undoDepth, 2);
  s.execute(label("z", null));
  s.execute(label("w", null));
  assert.equal(s.undoDepth, 4, "commands without a key never merge");
  s.execute(label("p", "k"));
  s.undo();
  s.execute(label("q", "k"));
  assert.equal(s.undoDepth, 5, "no merging into a step that was undone");
});

Deno.test("dirty: true exactly while the graph differs from the saved one", () => {
  const s = new CommandStack(base);
  assert.equal(s.dirty, false);
  s.execute(label("B", null));
  assert.equal(s.dirty, true);
  s.undo();
  assert.equal(s.dirty, false, "undoing back to the saved point is clean");
  s.redo();
  s.markSaved();
  assert.equal(s.dirty, false);
  s.undo();
  assert.equal(s.dirty, true, "before the save point is dirty too");
  s.redo();
  assert.equal(s.dirty, false);
  s.execute(label("C", null));
  s.execute(label("B", null));
  assert.equal(s.dirty, false, "a change and its reverse leave the document as saved");
});

Deno.test("saving in the middle of typing keeps the saved state reachable by undo", () => {
  const s = new CommandStack(base);
  s.execute(label("Ch"));
  s.execute(label("Check"));
  s.markSaved();
  s.execute(label("Check o"));
  s.execute(label("Check order"));
  assert.equal(s.undoDepth, 2);
  s.undo();
  assert.equal(labelOf(s), "Check");
  assert.equal(s.dirty, false);
});

Deno.test("markSaved with the value the server accepted", () => {
  const s = new CommandStack(base);
  s.execute(label("B", null));
  const sent = s.graph;
  s.execute(label("C", null)); // typed while the save was on its way
  s.markSaved(sent);
  assert.equal(s.dirty, true);
  s.undo();
  assert.equal(s.dirty, false);
});

Deno.test("the history is bounded: the oldest steps are forgotten", () => {
  const s = new CommandStack(base, { limit: 3 });
  for (const text of ["1", "2", "3", "4", "5"]) s.execute(label(text, null));
  assert.equal(s.undoDepth, 3);
  while (s.undo());
  assert.equal(labelOf(s), "2");
  assert.equal(s.dirty, true, "the saved state is out of reach");
});

Deno.test("a compound command is one undo step and is refused as a whole", () => {
  const s = new CommandStack(base);
  s.execute(compound("test.both", [label("B", null), {
    label: "x",
    do: (g) => ({ ...g, lanes: g.lanes.map((l) => ({ ...l, name: "Ops" })) }),
  }]));
  assert.equal(labelOf(s), "B");
  assert.equal(s.graph.lanes[0].name, "Ops");
  assert.equal(s.undoLabel, "test.both");
  s.undo();
  assert.equal(s.graph, base);
  const refused = s.execute(compound("test.half", [
    label("C", null),
    { label: "no", do: () => refuse("invalid-value", "no") },
  ]));
  assert.ok(!refused.ok);
  assert.equal(s.graph, base);
});

Deno.test("change events carry the command, the new graph and the dirty flag", () => {
  const s = new CommandStack(base);
  const seen: string[] = [];
  const first = label("B", null);
  const stop = s.onChange((e) => {
    seen.push(
      `${e.kind}:${e.command === first ? "first" : e.command?.label ?? "-"}:${
        e.graph.nodes[0].label
      }:${e.dirty}`,
    );
  });
  s.execute(first);
  s.undo();
  s.redo();
  s.markSaved();
  s.reset(base);
  stop();
  s.execute(label("C", null));
  assert.deepEqual(seen, [
    "execute:first:B:true",
    "undo:first:A:false",
    "redo:first:B:true",
    "saved:-:B:false",
    "reset:-:A:false",
  ]);
  assert.equal(s.canUndo, true, "reset clears the history, later commands record again");
});

Deno.test("event listeners run by priority and can stop later ones", () => {
  const s = new CommandStack(base);
  const order: string[] = [];
  s.onChange(() => void order.push("default"));
  s.onChange(() => {
    order.push("high");
    return;
  }, 2000);
  s.events.on("changed", () => {
    order.push("veto");
    return false;
  }, 1500);
  s.execute(label("B", null));
  assert.deepEqual(order, ["high", "veto"]);
});
