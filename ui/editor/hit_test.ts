// What is under the pointer: nodes (by their drawn shape: circles for events, diamonds for
// gateways, rectangles otherwise; later nodes are drawn on top), edges near their polyline,
// lanes by y, lane headers, lane borders (to resize) and a node's resize handles.
import { centreOf, laneBands } from "./geometry.ts";
import { LANE_HEADER_WIDTH } from "./model.ts";
import type { Box, Edge, Graph, Lane, Point, ProcessNode } from "./model.ts";

/** Whether `p` lies on node `n`'s shape, grown by `tolerance`. */
export function nodeContains(n: ProcessNode, p: Point, tolerance = 0): boolean {
  const c = centreOf(n);
  const rx = n.width / 2 + tolerance, ry = n.height / 2 + tolerance;
  const dx = Math.abs(p.x - c.x), dy = Math.abs(p.y - c.y);
  switch (n.type) {
    case "start":
    case "end":
    case "intermediate":
      return (dx / rx) ** 2 + (dy / ry) ** 2 <= 1;
    case "xor":
    case "and":
      return dx / rx + dy / ry <= 1;
    default:
      return dx <= rx && dy <= ry;
  }
}

/** The topmost node at `p`, or null. */
export function nodeAt(g: Graph, p: Point, tolerance = 0): ProcessNode | null {
  for (let i = g.nodes.length - 1; i >= 0; i--) {
    if (nodeContains(g.nodes[i], p, tolerance)) return g.nodes[i];
  }
  return null;
}

/** The points an edge is drawn through (its route, or a straight line between centres). */
export function edgePath(g: Graph, e: Edge): Point[] {
  if (e.waypoints.length >= 2) return e.waypoints;
  const from = g.nodes.find((n) => n.id === e.from), to = g.nodes.find((n) => n.id === e.to);
  return from && to ? [centreOf(from), centreOf(to)] : [];
}

/** Distance from `p` to the segment a–b. */
export function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x, dy = b.y - a.y;
  const len = dx * dx + dy * dy;
  const t = len ? Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len)) : 0;
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/** The edge nearest to `p` within `tolerance` (later edges win ties), or null. */
export function edgeAt(g: Graph, p: Point, tolerance = 6): Edge | null {
  let best: Edge | null = null, bestDistance = tolerance;
  for (const e of g.edges) {
    const path = edgePath(g, e);
    for (let k = 0; k + 1 < path.length; k++) {
      const d = distanceToSegment(p, path[k], path[k + 1]);
      if (d <= bestDistance) [best, bestDistance] = [e, d];
    }
  }
  return best;
}

/** The lane whose band holds `y` (null above the first and below the last). */
export function laneAt(g: Graph, y: number): Lane | null {
  return laneBands(g.lanes).find((b) => y >= b.top && y < b.bottom)?.lane ?? null;
}

/** The lane whose name header (the strip at its left) is under `p`, or null. */
export function laneHeaderAt(g: Graph, p: Point): Lane | null {
  return p.x >= 0 && p.x < LANE_HEADER_WIDTH ? laneAt(g, p.y) : null;
}

/** The lane whose bottom border is within `tolerance` of `y` (dragging it resizes the lane). */
export function laneBorderAt(g: Graph, y: number, tolerance = 4): Lane | null {
  return laneBands(g.lanes).find((b) => Math.abs(y - b.bottom) <= tolerance)?.lane ?? null;
}

export type HandleKind = "nw" | "n" | "ne" | "e" | "se" | "s" | "sw" | "w";

export interface Handle {
  kind: HandleKind;
  /** Its centre (a corner or the middle of a side of the node's box). */
  x: number;
  y: number;
}

/** The eight resize handles of a node's box. */
export function handlesOf(b: Box): Handle[] {
  const x1 = b.x, x2 = b.x + b.width / 2, x3 = b.x + b.width;
  const y1 = b.y, y2 = b.y + b.height / 2, y3 = b.y + b.height;
  return [
    { kind: "nw", x: x1, y: y1 },
    { kind: "n", x: x2, y: y1 },
    { kind: "ne", x: x3, y: y1 },
    { kind: "e", x: x3, y: y2 },
    { kind: "se", x: x3, y: y3 },
    { kind: "s", x: x2, y: y3 },
    { kind: "sw", x: x1, y: y3 },
    { kind: "w", x: x1, y: y2 },
  ];
}

/** The handle of `b` under `p` (handles are `size` wide squares), or null. */
export function handleAt(b: Box, p: Point, size = 8): HandleKind | null {
  const half = size / 2;
  return handlesOf(b).find((h) => Math.abs(p.x - h.x) <= half && Math.abs(p.y - h.y) <= half)
    ?.kind ?? null;
}

/** The box after dragging handle `kind` by (dx, dy); the opposite side stays put. */
export function resizeByHandle(b: Box, kind: HandleKind, dx: number, dy: number): Box {
  let { x, y, width, height } = b;
  if (kind.includes("w")) x += dx, width -= dx;
  if (kind.includes("e")) width += dx;
  if (kind.includes("n")) y += dy, height -= dy;
  if (kind.includes("s")) height += dy;
  return { x, y, width, height };
}
