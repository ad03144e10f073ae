// Copy, cut and paste: internal edges travel along, ids are remapped, the text form of the
// clipboard only lets valid elements through.
import assert from "node:assert/strict";
import { CommandStack } from "../command_stack.ts";
import { checkCommand, refusalOf } from "../testing/commands.ts";
import { smallGraph } from "../testing/graphs.ts";
import {
  clipboardBounds,
  copy,
  cut,
  parseClipboard,
  paste,
  serializeClipboard,
} from "./clipboard.ts";

Deno.test("copy takes the selected nodes and only the edges among them", () => {
  const c = copy(smallGraph(), ["check", "sign", "f3"])!;
  assert.deepEqual(c.nodes.map((n) => n.id), ["check", "sign"]);
  assert.deepEqual(c.edges.map((e) => e.id), ["f2"]);
  assert.equal(copy(smallGraph(), ["f1"]), null, "edges alone are nothing to paste");
  assert.deepEqual(clipboardBounds(c), { x: 160, y: 40, width: 320, height: 240 });
});

Deno.test("paste gives fresh ids, remaps edges and puts nodes in the lane under them", () => {
  const g = smallGraph();
  const c = copy(g, ["check", "sign"])!;
  const cmd = paste(c, { dx: 400, dy: 0 });
  const after = checkCommand(g, cmd);
  assert.equal(after.nodes.length, 7);
  const newCheck = after.nodes.find((n) => n.id === cmd.idMap.get("check"))!;
  const newSign = after.nodes.find((n) => n.id === cmd.idMap.get("sign"))!;
  assert.deepEqual([newCheck.x, newCheck.laneId, newSign.laneId], [560, "a", "b"]);
  const newEdge = after.edges.find((e) => e.id === cmd.idMap.get("f2"))!;
  assert.deepEqual([newEdge.from, newEdge.to], [newCheck.id, newSign.id]);
  const again = checkCommand(after, paste(c, { dx: 400, dy: 0 }));
  assert.equal(new Set(again.nodes.map((n) => n.id.toLowerCase())).size, 9, "pasting twice");
});

Deno.test("paste into a target lane moves the group into that lane's band", () => {
  const g = smallGraph();
  const c = copy(g, ["start", "check"])!;
  const cmd = paste(c, { dx: 500, dy: 0 }, { targetLane: "b" });
  const after = checkCommand(g, cmd);
  for (const id of ["start", "check"]) {
    const n = after.nodes.find((x) => x.id === cmd.idMap.get(id))!;
    assert.equal(n.laneId, "b");
    assert.ok(n.y >= 160 && n.y + n.height <= 320, `${id} lies inside lane b`);
  }
  assert.equal(refusalOf(g, paste(c, { dx: 0, dy: 0 }, { targetLane: "zz" })), "unknown-element");
});

Deno.test("paste into another process: foreign lane ids do not survive", () => {
  const c = copy(smallGraph(), ["sign"])!;
  const other = { ...smallGraph(), lanes: [{ ...smallGraph().lanes[0], id: "x", size: 400 }] };
  other.nodes = other.nodes.map((n) => n.laneId ? { ...n, laneId: "x" } : n);
  const cmd = paste(c, { dx: 0, dy: 0 });
  const after = checkCommand(other, cmd);
  assert.equal(after.nodes.find((n) => n.id === cmd.idMap.get("sign"))!.laneId, "x");
});

Deno.test("cut is copy plus one undoable delete", () => {
  const g = smallGraph();
  const { clipboard, command } = cut(g, ["sign"])!;
  const stack = new CommandStack(g);
  stack.execute(command);
  assert.deepEqual(stack.graph.nodes.map((n) => n.id), ["start", "check", "end", "note"]);
  assert.deepEqual(stack.graph.edges.map((e) => e.id), ["f1", "f4"]);
  assert.equal(stack.undoLabel, "editor.command.cut");
  assert.deepEqual(clipboard.nodes.map((n) => n.id), ["sign"]);
  stack.undo();
  assert.equal(stack.graph, g);
});

Deno.test("the clipboard survives the system clipboard; foreign text does not paste", () => {
  const g = smallGraph();
  const c = copy(g, ["check", "sign"])!;
  assert.deepEqual(parseClipboard(serializeClipboard(c)), c);
  for (const text of ["", "hello", "{}", '{"kind":"procedo.process-clipboard","version":2}']) {
    assert.equal(parseClipboard(text), null, text);
  }
  // Extra fields and bad values are dropped so the pasted graph still passes the schema.
  const tampered = JSON.parse(serializeClipboard(c));
  tampered.nodes[0].evil = true;
  tampered.nodes[0].raci = { responsible: ["not-a-uuid"], extra: [] };
  tampered.nodes[0].label = "x".repeat(600);
  tampered.edges.push({ id: "e9", from: "check", to: "elsewhere" });
  const parsed = parseClipboard(JSON.stringify(tampered))!;
  assert.equal(parsed.edges.length, 1, "edges to nodes not on the clipboard are dropped");
  checkCommand(g, paste(parsed, { dx: 0, dy: 400 }));
  tampered.nodes[1].type = "gateway";
  assert.equal(parseClipboard(JSON.stringify(tampered)), null);
});
