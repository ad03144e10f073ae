// Align and distribute: to the box around the selection, outermost nodes stay put.
import assert from "node:assert/strict";
import { checkCommand } from "../testing/commands.ts";
import { smallGraph } from "../testing/graphs.ts";
import { align, distribute } from "./arrange.ts";
import { replaceGraph } from "./replace.ts";
import { CommandStack } from "../command_stack.ts";

const at = (g: ReturnType<typeof smallGraph>, id: string) => g.nodes.find((n) => n.id === id)!;

Deno.test("align to every edge and centre line of the selection's box", () => {
  const g = smallGraph();
  const ids = ["check", "sign", "end"];
  const left = checkCommand(g, align(ids, "left"));
  assert.deepEqual(ids.map((id) => at(left, id).x), [160, 160, 160]);
  const right = checkCommand(g, align(ids, "right"));
  assert.deepEqual(ids.map((id) => at(right, id).x + at(right, id).width), [596, 596, 596]);
  const centre = checkCommand(g, align(ids, "centerX"));
  assert.deepEqual(ids.map((id) => at(centre, id).x + at(centre, id).width / 2), [378, 378, 378]);
  const top = checkCommand(g, align(ids, "top"));
  assert.deepEqual(ids.map((id) => [at(top, id).y, at(top, id).laneId]), [[40, "a"], [40, "a"], [
    40,
    "a",
  ]]);
  const middle = checkCommand(g, align(["start", "check"], "centerY"));
  assert.equal(at(middle, "start").y + 18, at(middle, "check").y + 40);
  const bottom = checkCommand(g, align(ids, "bottom"));
  assert.deepEqual(ids.map((id) => at(bottom, id).y + at(bottom, id).height), [280, 280, 280]);
  assert.equal(checkCommand(g, align(["check"], "left")), g, "one node: nothing to align");
});

Deno.test("distribute evens out the gaps between three or more nodes", () => {
  const g = smallGraph();
  const after = checkCommand(g, distribute(["start", "sign", "check"], "horizontal"));
  const [a, b, c] = ["start", "check", "sign"].map((id) => at(after, id));
  assert.equal(b.x - (a.x + a.width), c.x - (b.x + b.width));
  assert.deepEqual([a.x, c.x], [60, 360], "the outermost stay");
  const vertical = checkCommand(g, distribute(["start", "sign", "end"], "vertical"));
  const ys = ["start", "end", "sign"].map((id) => at(vertical, id));
  assert.equal(ys[1].y - (ys[0].y + ys[0].height), ys[2].y - (ys[1].y + ys[1].height));
});

Deno.test("replaceGraph (auto-layout, import) is one undoable step", () => {
  const g = smallGraph();
  const laidOut = { ...g, nodes: g.nodes.map((n) => ({ ...n, x: n.x + 1 })) };
  const stack = new CommandStack(g);
  stack.execute(replaceGraph(laidOut, "editor.command.autoLayout"));
  assert.equal(stack.graph, laidOut);
  assert.equal(stack.undoLabel, "editor.command.autoLayout");
  stack.undo();
  assert.equal(stack.graph, g);
  assert.equal(checkCommand(g, replaceGraph(smallGraph(), "x")), g, "same content: no step");
});
