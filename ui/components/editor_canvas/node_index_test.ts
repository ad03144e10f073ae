import assert from "node:assert/strict";
import type { ProcessNode } from "../../editor/mod.ts";
import { nodeAt } from "../../editor/mod.ts";
import { NodeIndex, nodeIndexOf } from "./node_index.ts";

const node = (id: string, type: ProcessNode["type"], x: number, y: number, w = 100, h = 60) =>
  ({ id, type, label: "", laneId: "l", x, y, width: w, height: h }) as ProcessNode;

Deno.test("NodeIndex.at finds the topmost node by its shape, like a full scan", () => {
  const nodes = [
    node("a", "task", 0, 0),
    node("b", "task", 50, 30),
    node("c", "start", 300, 0, 40, 40),
    node("d", "xor", 500, 0, 50, 50),
  ];
  const index = new NodeIndex(nodes);
  assert.equal(index.at({ x: 60, y: 40 })?.id, "b", "later nodes are on top");
  assert.equal(index.at({ x: 10, y: 10 })?.id, "a");
  assert.equal(index.at({ x: 302, y: 2 }), null, "outside the circle, inside its box");
  assert.equal(index.at({ x: 302, y: 2 }, 10)?.id, "c", "with tolerance");
  assert.equal(index.at({ x: 502, y: 2 }), null, "outside the diamond");
  for (let x = -20; x < 600; x += 7) {
    for (let y = -20; y < 120; y += 7) {
      assert.equal(index.at({ x, y })?.id, nodeAt({ nodes } as never, { x, y })?.id, `${x},${y}`);
    }
  }
});

Deno.test("NodeIndex.within and the cache per nodes array", () => {
  const nodes = [node("a", "task", 0, 0), node("b", "task", 1000, 1000)];
  assert.deepEqual(
    new NodeIndex(nodes).within({ x: -10, y: -10, width: 50, height: 50 }).map((n) => n.id),
    ["a"],
  );
  assert.equal(nodeIndexOf(nodes), nodeIndexOf(nodes));
  assert.notEqual(nodeIndexOf(nodes), nodeIndexOf([...nodes]));
});
