// Selection: click, shift-click, rubber band, pruning after undo.
import assert from "node:assert/strict";
import {
  clickSelect,
  EMPTY_SELECTION,
  nodeIdsPrimaryFirst,
  nodesInBox,
  pruneSelection,
  rubberBandSelect,
  selectIds,
} from "./selection.ts";
import { smallGraph } from "./testing/graphs.ts";

Deno.test("click selects one element; shift-click toggles and moves the primary", () => {
  let s = clickSelect(EMPTY_SELECTION, "check");
  assert.deepEqual([[...s.ids], s.primary], [["check"], "check"]);
  assert.equal(clickSelect(s, "check"), s, "clicking the selection again changes nothing");
  s = clickSelect(s, "sign", true);
  assert.deepEqual([[...s.ids], s.primary], [["check", "sign"], "sign"]);
  s = clickSelect(s, "sign", true);
  assert.deepEqual(
    [[...s.ids], s.primary],
    [["check"], "check"],
    "toggled out, primary falls back",
  );
  s = clickSelect(s, "end");
  assert.deepEqual([...s.ids], ["end"], "a plain click replaces the selection");
});

Deno.test("rubber band: nodes entirely inside, the edges between them; shift adds", () => {
  const g = smallGraph();
  const box = { x: 50, y: 30, width: 240, height: 100 }; // start and check, not sign
  assert.deepEqual(nodesInBox(g, box), ["start", "check"]);
  assert.deepEqual(nodesInBox(g, { ...box, width: 150 }, "intersect"), ["start", "check"]);
  assert.deepEqual(nodesInBox(g, { ...box, width: 150 }), ["start"], "check sticks out");
  const s = rubberBandSelect(EMPTY_SELECTION, g, box);
  assert.deepEqual([...s.ids], ["start", "check", "f1"]);
  const added = rubberBandSelect(selectIds(["end"]), g, box, { shift: true });
  assert.deepEqual([...added.ids], ["end", "start", "check", "f1"]);
  assert.equal(added.primary, "end");
});

Deno.test("pruneSelection forgets ids that are gone; the primary goes first for commands", () => {
  const g = smallGraph();
  const s = selectIds(["check", "ghost", "sign"], "sign");
  const pruned = pruneSelection(s, g);
  assert.deepEqual([[...pruned.ids], pruned.primary], [["check", "sign"], "sign"]);
  assert.equal(pruneSelection(pruned, g), pruned);
  assert.deepEqual(nodeIdsPrimaryFirst(pruned, g), ["sign", "check"]);
});
