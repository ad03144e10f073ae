// Lane bands and snapping: the coordinate rules every command and hit test relies on.
import assert from "node:assert/strict";
import { graphBounds, laneBands, laneIndexAtY } from "./geometry.ts";
import { snapCentreOffset, snapResizedBox, snapToGrid } from "./snap.ts";
import { smallGraph } from "./testing/graphs.ts";

Deno.test("lanes stack from y = 0 in array order; y beyond them clamps to the nearest", () => {
  const g = smallGraph();
  assert.deepEqual(laneBands(g.lanes).map((b) => [b.lane.id, b.top, b.bottom]), [
    ["a", 0, 160],
    ["b", 160, 320],
  ]);
  assert.deepEqual([-50, 0, 159.9, 160, 319, 900].map((y) => laneIndexAtY(g.lanes, y)), [
    0,
    0,
    0,
    1,
    1,
    1,
  ]);
  assert.equal(laneIndexAtY([], 10), -1);
  assert.deepEqual(graphBounds(g), { x: 0, y: 0, width: 596, height: 460 });
});

Deno.test("snapping: values, centres, and only the dragged edges of a resized box", () => {
  assert.deepEqual([snapToGrid(14), snapToGrid(15), snapToGrid(-14)], [10, 20, -10]);
  assert.deepEqual(snapCentreOffset({ x: 63, y: 58, width: 36, height: 36 }), { dx: -1, dy: 4 });
  const before = { x: 100, y: 100, width: 120, height: 80 };
  assert.deepEqual(
    snapResizedBox(before, { x: 93, y: 100, width: 127, height: 83 }),
    { x: 90, y: 100, width: 130, height: 80 },
  );
});
