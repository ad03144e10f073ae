// Orthogonal routing: every segment horizontal or vertical, from a side of the source to a
// side of the target, never through another node's padded box.
import assert from "node:assert/strict";
import { boxOf, inflate } from "./geometry.ts";
import type { Box, Point } from "./model.ts";
import { rerouteEdges } from "./reroute.ts";
import { ROUTE_PADDING, routeOrthogonal, Router } from "./routing.ts";
import {
  generateGraph,
  isOrthogonal,
  random,
  routeCrossesBox,
  smallGraph,
} from "./testing/graphs.ts";

const sides = (b: Box): Point[] => [
  { x: b.x + b.width, y: b.y + b.height / 2 },
  { x: b.x, y: b.y + b.height / 2 },
  { x: b.x + b.width / 2, y: b.y },
  { x: b.x + b.width / 2, y: b.y + b.height },
];
const onSide = (p: Point, b: Box) => sides(b).some((s) => s.x === p.x && s.y === p.y);

/** Asserts what every route must be; returns it. */
function checkRoute(route: Point[], source: Box, target: Box, obstacles: readonly Box[]) {
  assert.ok(route.length >= 2, "a route has two ends");
  assert.ok(isOrthogonal(route), `orthogonal: ${JSON.stringify(route)}`);
  assert.ok(onSide(route[0], source), "starts in the middle of a side of the source");
  assert.ok(onSide(route.at(-1)!, target), "ends in the middle of a side of the target");
  for (const o of obstacles) {
    assert.ok(!routeCrossesBox(route, inflate(o, ROUTE_PADDING)), `avoids ${JSON.stringify(o)}`);
  }
  return route;
}

Deno.test("aligned nodes get a straight line from side to side", () => {
  const a = { x: 0, y: 0, width: 100, height: 80 }, b = { x: 300, y: 0, width: 100, height: 80 };
  assert.deepEqual(routeOrthogonal(a, b, []), [{ x: 100, y: 40 }, { x: 300, y: 40 }]);
});

Deno.test("a node in the way is bypassed with few bends", () => {
  const a = { x: 0, y: 0, width: 100, height: 80 }, b = { x: 400, y: 0, width: 100, height: 80 };
  const wall = { x: 180, y: -20, width: 120, height: 120 };
  const route = checkRoute(routeOrthogonal(a, b, [wall]), a, b, [wall]);
  assert.ok(route.length <= 6, `at most four bends: ${JSON.stringify(route)}`);
});

Deno.test("back edges and vertical neighbours are routed around, too", () => {
  const a = { x: 400, y: 0, width: 120, height: 80 }, b = { x: 0, y: 0, width: 120, height: 80 };
  const middle = { x: 200, y: 0, width: 120, height: 80 };
  checkRoute(routeOrthogonal(a, b, [middle]), a, b, [middle]);
  const below = { x: 400, y: 300, width: 120, height: 80 };
  const route = checkRoute(routeOrthogonal(a, below, []), a, below, []);
  assert.equal(route.length, 2, "straight down from bottom to top");
});

Deno.test("random diagrams: no route crosses a node", () => {
  const rnd = random(7);
  for (let round = 0; round < 30; round++) {
    // Boxes on a jittered grid, so they never overlap.
    const boxes: Box[] = [];
    for (let i = 0; i < 40; i++) {
      const col = i % 8, row = Math.floor(i / 8);
      const width = 30 + Math.floor(rnd() * 100), height = 30 + Math.floor(rnd() * 60);
      boxes.push({
        x: col * 200 + Math.floor(rnd() * (170 - width)),
        y: row * 160 + Math.floor(rnd() * (130 - height)),
        width,
        height,
      });
    }
    const router = new Router(boxes);
    for (let k = 0; k < 15; k++) {
      const from = Math.floor(rnd() * boxes.length), to = Math.floor(rnd() * boxes.length);
      if (from === to) continue;
      const others = boxes.filter((_, i) => i !== from && i !== to);
      checkRoute(router.route(from, to), boxes[from], boxes[to], others);
    }
  }
});

Deno.test("a node walled in still gets an orthogonal route (through the wall, as a last resort)", () => {
  const a = { x: 0, y: 0, width: 60, height: 60 }, b = { x: 400, y: 200, width: 60, height: 60 };
  const walls = [
    { x: -40, y: -40, width: 140, height: 20 },
    { x: -40, y: 80, width: 140, height: 20 },
    { x: -40, y: -40, width: 20, height: 140 },
    { x: 80, y: -40, width: 20, height: 140 },
  ];
  const route = routeOrthogonal(a, b, walls);
  assert.ok(isOrthogonal(route));
  assert.ok(onSide(route[0], a) && onSide(route.at(-1)!, b));
});

Deno.test("a self loop goes out and around", () => {
  const box = { x: 0, y: 0, width: 100, height: 80 };
  const route = new Router([box]).route(0, 0);
  assert.ok(isOrthogonal(route) && onSide(route[0], box) && onSide(route.at(-1)!, box));
});

Deno.test("rerouteEdges changes only the edges touching the given nodes", () => {
  const g = smallGraph();
  const after = rerouteEdges(g, ["sign"]);
  const changed = after.edges.filter((e, i) => e !== g.edges[i]).map((e) => e.id);
  assert.deepEqual(changed, ["f2", "f3"]);
  assert.equal(after.nodes, g.nodes);
  assert.equal(rerouteEdges(after, ["sign"]), after, "the same routes again: no change");
  assert.equal(rerouteEdges(g, []), g);
});

Deno.test("1,000 edges over 1,000 nodes: all routed, none through a node", () => {
  const g = generateGraph(1000, 3);
  const boxes = g.nodes.map(boxOf);
  const index = new Map(g.nodes.map((n, i) => [n.id, i]));
  const router = new Router(boxes);
  const edges = g.edges.slice(0, 1000);
  assert.equal(edges.length, 1000);
  for (const e of edges) {
    const from = index.get(e.from)!, to = index.get(e.to)!;
    const route = router.route(from, to);
    const others = boxes.filter((_, i) => i !== from && i !== to);
    checkRoute(route, boxes[from], boxes[to], others);
  }
});
