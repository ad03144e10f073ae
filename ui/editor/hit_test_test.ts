// Hit tests the canvas uses for pointer events.
import assert from "node:assert/strict";
import {
  edgeAt,
  handleAt,
  handlesOf,
  laneAt,
  laneBorderAt,
  laneHeaderAt,
  nodeAt,
  resizeByHandle,
} from "./hit_test.ts";
import { smallGraph } from "./testing/graphs.ts";

Deno.test("nodeAt follows the drawn shape and prefers the node drawn on top", () => {
  const g = smallGraph();
  assert.equal(nodeAt(g, { x: 200, y: 80 })?.id, "check");
  assert.equal(nodeAt(g, { x: 78, y: 80 })?.id, "start", "the centre of the start event");
  assert.equal(nodeAt(g, { x: 61, y: 63 }), null, "the corner of its box is outside the circle");
  assert.equal(nodeAt(g, { x: 61, y: 63 }, 8)?.id, "start", "unless with tolerance");
  const overlapped = { ...g, nodes: [...g.nodes, { ...g.nodes[1], id: "top" }] };
  assert.equal(nodeAt(overlapped, { x: 200, y: 80 })?.id, "top");
  const gateway = {
    ...g.nodes[1],
    id: "gw",
    type: "xor" as const,
    x: 0,
    y: 0,
    width: 50,
    height: 50,
  };
  const withGateway = { ...g, nodes: [gateway] };
  assert.equal(nodeAt(withGateway, { x: 25, y: 3 })?.id, "gw", "near the top tip");
  assert.equal(nodeAt(withGateway, { x: 3, y: 3 }), null, "outside the diamond");
});

Deno.test("edgeAt finds the nearest route within the tolerance", () => {
  const g = smallGraph();
  const routed = {
    ...g,
    edges: g.edges.map((e) =>
      e.id === "f2"
        ? {
          ...e,
          waypoints: [{ x: 280, y: 80 }, { x: 320, y: 80 }, { x: 320, y: 240 }, { x: 360, y: 240 }],
        }
        : e
    ),
  };
  assert.equal(edgeAt(routed, { x: 323, y: 150 })?.id, "f2");
  assert.equal(edgeAt(routed, { x: 340, y: 150 }), null);
  assert.equal(edgeAt(g, { x: 128, y: 80 })?.id, "f1", "an unrouted edge is a straight line");
});

Deno.test("lanes by y, their headers and their borders", () => {
  const g = smallGraph();
  assert.equal(laneAt(g, 10)?.id, "a");
  assert.equal(laneAt(g, 160)?.id, "b");
  assert.equal(laneAt(g, 320), null);
  assert.equal(laneAt(g, -1), null);
  assert.equal(laneHeaderAt(g, { x: 10, y: 200 })?.id, "b");
  assert.equal(laneHeaderAt(g, { x: 40, y: 200 }), null, "right of the 30-unit header");
  assert.equal(laneBorderAt(g, 158)?.id, "a");
  assert.equal(laneBorderAt(g, 150), null);
});

Deno.test("resize handles: eight of them; dragging one keeps the opposite side", () => {
  const box = { x: 100, y: 100, width: 120, height: 80 };
  assert.equal(handlesOf(box).length, 8);
  assert.equal(handleAt(box, { x: 222, y: 182 }), "se");
  assert.equal(handleAt(box, { x: 160, y: 99 }), "n");
  assert.equal(handleAt(box, { x: 160, y: 140 }), null);
  assert.deepEqual(resizeByHandle(box, "nw", 10, 20), { x: 110, y: 120, width: 110, height: 60 });
  assert.deepEqual(resizeByHandle(box, "e", 30, 99), { x: 100, y: 100, width: 150, height: 80 });
});
