// Where things are: lanes stack top to bottom from y = 0 in array order, each `size` high
// (the same rule as auto-layout, BPMN export and the server's validation); nodes are boxes.
import type { Box, Graph, Lane, Point, ProcessNode } from "./model.ts";

/** A lane's vertical extent: [top, bottom). */
export interface LaneBand {
  lane: Lane;
  index: number;
  top: number;
  bottom: number;
}

/** The vertical bands of all lanes, top to bottom. */
export function laneBands(lanes: readonly Lane[]): LaneBand[] {
  const bands: LaneBand[] = [];
  let top = 0;
  lanes.forEach((lane, index) => {
    bands.push({ lane, index, top, bottom: top + lane.size });
    top += lane.size;
  });
  return bands;
}

/** The top of each lane by id. */
export function laneTops(lanes: readonly Lane[]): Map<string, number> {
  return new Map(laneBands(lanes).map((b) => [b.lane.id, b.top]));
}

/**
 * The lane whose band holds `y`; above the first lane that is the first, below the last the
 * last (so a node dragged past the pool's edge stays in the nearest lane); -1: no lanes.
 */
export function laneIndexAtY(lanes: readonly Lane[], y: number): number {
  if (!lanes.length) return -1;
  let top = 0;
  for (let i = 0; i < lanes.length; i++) {
    top += lanes[i].size;
    if (y < top) return i;
  }
  return lanes.length - 1;
}

export const centreOf = (b: Box): Point => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

export const boxOf = (n: ProcessNode): Box => ({
  x: n.x,
  y: n.y,
  width: n.width,
  height: n.height,
});

/** Whether two boxes overlap (touching edges do not count). */
export const boxesOverlap = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Whether `inner` lies entirely within `outer` (edges may touch). */
export const boxContains = (outer: Box, inner: Box): boolean =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;

/** A box grown by `by` on every side. */
export const inflate = (b: Box, by: number): Box => ({
  x: b.x - by,
  y: b.y - by,
  width: b.width + 2 * by,
  height: b.height + 2 * by,
});

/** The box spanned by two corners given in any order (a rubber band). */
export function boxFromCorners(a: Point, b: Point): Box {
  const x = Math.min(a.x, b.x), y = Math.min(a.y, b.y);
  return { x, y, width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
}

/** The smallest box around some boxes, or null for none. */
export function boundsOf(boxes: Iterable<Box>): Box | null {
  let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
  for (const b of boxes) {
    x1 = Math.min(x1, b.x);
    y1 = Math.min(y1, b.y);
    x2 = Math.max(x2, b.x + b.width);
    y2 = Math.max(y2, b.y + b.height);
  }
  return x1 === Infinity ? null : { x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
}

/** The extent of the whole diagram (lanes and nodes), for scroll bars and fit-to-view. */
export function graphBounds(graph: Graph): Box {
  const height = graph.lanes.reduce((sum, l) => sum + l.size, 0);
  const nodes = boundsOf(graph.nodes.map(boxOf));
  const lanes = { x: 0, y: 0, width: 0, height };
  return boundsOf(nodes ? [lanes, nodes] : [lanes])!;
}
