import assert from "node:assert/strict";
import { DEFAULT_NODE_SIZES, type Graph, LANE_HEADER_WIDTH } from "../../editor/mod.ts";
import {
  dragOffset,
  drawingBounds,
  dropBox,
  FREE_GAP,
  freeSpot,
  laneDropIndex,
  laneWidth,
} from "./placement.ts";

const lane = (id: string, size = 200) => ({
  id,
  name: id,
  positionId: null,
  orgUnitId: null,
  size,
});
const task = (id: string, laneId: string, x: number, y: number) => ({
  id,
  type: "task" as const,
  label: "",
  laneId,
  x,
  y,
  width: 120,
  height: 60,
});
const graph = (nodes: Graph["nodes"] = []): Graph => ({
  schemaVersion: 1,
  lanes: [lane("a"), lane("b"), lane("c", 100)],
  nodes,
  edges: [],
});

Deno.test("freeSpot: an empty lane gets the step at its start, centred in the band", () => {
  const spot = freeSpot(graph(), "b", "task");
  assert.ok(spot.x >= LANE_HEADER_WIDTH + FREE_GAP);
  assert.equal(spot.y, 200 + (200 - DEFAULT_NODE_SIZES.task.height) / 2);
});

Deno.test("freeSpot: steps already in the row are skipped, gaps too small are not used", () => {
  const g = graph([task("t1", "a", 60, 70), task("t2", "a", 200, 70), task("t3", "a", 500, 70)]);
  const spot = freeSpot(g, "a", "task");
  const box = { ...spot, ...DEFAULT_NODE_SIZES.task };
  for (const n of g.nodes) {
    const apart = box.x + box.width + FREE_GAP <= n.x || n.x + n.width + FREE_GAP <= box.x;
    assert.ok(apart, `clear of ${n.id}: ${JSON.stringify(box)}`);
  }
  assert.ok(spot.x < 500, "the gap between t2 and t3 is wide enough");
  // A step in another lane does not block the row.
  const other = freeSpot(graph([task("x", "b", 60, 270)]), "a", "task");
  assert.equal(other.x, freeSpot(graph(), "a", "task").x);
});

Deno.test("dropBox centres the standard size on the point", () => {
  const box = dropBox("start", { x: 100, y: 50 });
  const size = DEFAULT_NODE_SIZES.start;
  assert.deepEqual(box, { x: 100 - size.width / 2, y: 50 - size.height / 2, ...size });
});

Deno.test("dragOffset snaps the primary node's centre to the grid, or passes through", () => {
  const box = { x: 13, y: 7, width: 120, height: 60 };
  assert.deepEqual(dragOffset(box, 5, 5, false), { dx: 5, dy: 5 });
  const { dx, dy } = dragOffset(box, 5, 5, true);
  assert.equal((box.x + dx + box.width / 2) % 10, 0);
  assert.equal((box.y + dy + box.height / 2) % 10, 0);
});

Deno.test("laneDropIndex: the nearest gap for the dragged lane's centre, and its marker", () => {
  const g = graph();
  assert.deepEqual(laneDropIndex(g, "c", 10), { index: 0, y: 0 });
  assert.deepEqual(laneDropIndex(g, "a", 480), { index: 2, y: 500 });
  assert.deepEqual(laneDropIndex(g, "a", 290), { index: 1, y: 400 });
  assert.equal(laneDropIndex(g, "b", 300).index, 1, "dropped where it was");
});

Deno.test("laneWidth reaches past the rightmost step; drawingBounds holds lanes and labels", () => {
  assert.equal(laneWidth(graph()), 800);
  const g = graph([task("far", "a", 1500, 10)]);
  assert.ok(laneWidth(g) >= 1620 + 100);
  const b = drawingBounds(g);
  assert.equal(b.height, 500);
  assert.equal(b.width, laneWidth(g));
});
