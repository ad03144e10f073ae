// Where things go on the canvas, as pure functions (tested without a browser): a free spot
// for a step added by keyboard, the drop box of a dragged shape, the snapped offset of a
// node drag (the same rule moveNodes applies when it commits), the index a dragged lane
// header lands on, and the width the lanes are drawn with.
import {
  type Box,
  DEFAULT_NODE_SIZES,
  type Graph,
  LANE_HEADER_WIDTH,
  laneBands,
  type NodeType,
  type Point,
} from "../../editor/mod.ts";
import { snapCentreOffset } from "../../editor/snap.ts";

/** Room kept between a step added by keyboard and its neighbours. */
export const FREE_GAP = 30;
/** The lanes reach at least this far, and this far beyond the rightmost step. */
const MIN_LANE_WIDTH = 800;
const LANE_TAIL = 160;

/** The top-left corner of a new node of `type` in lane `laneId`: right of what is there. */
export function freeSpot(g: Graph, laneId: string, type: NodeType): Point {
  const band = laneBands(g.lanes).find((b) => b.lane.id === laneId);
  const size = DEFAULT_NODE_SIZES[type];
  const top = band ? band.top + Math.max(0, (band.bottom - band.top - size.height) / 2) : 0;
  const y = Math.round(top);
  let x = LANE_HEADER_WIDTH + FREE_GAP;
  const row = { y: y - FREE_GAP, height: size.height + 2 * FREE_GAP };
  // Nodes sharing the row, left to right; step past each one that the box would touch.
  const near = g.nodes
    .filter((n) => n.y < row.y + row.height && n.y + n.height > row.y)
    .sort((a, b) => a.x - b.x);
  for (const n of near) {
    if (x + size.width + FREE_GAP <= n.x) break;
    x = Math.max(x, n.x + n.width + FREE_GAP);
  }
  return { x: Math.ceil(x / 10) * 10, y };
}

/** The box of a shape of `type` dropped with its centre at `p`. */
export function dropBox(type: NodeType, p: Point): Box {
  const size = DEFAULT_NODE_SIZES[type];
  return { x: p.x - size.width / 2, y: p.y - size.height / 2, ...size };
}

/** The offset a node drag shows and commits: snapped by the primary node's centre. */
export function dragOffset(primary: Box, dx: number, dy: number, snap: boolean) {
  if (!snap) return { dx, dy };
  const d = snapCentreOffset({ ...primary, x: primary.x + dx, y: primary.y + dy });
  return { dx: dx + d.dx, dy: dy + d.dy };
}

/**
 * Where lane `laneId` goes when its header is dropped at height `y`: the index among the
 * other lanes (what reorderLane takes) and the y of the gap it goes into (for the marker).
 */
export function laneDropIndex(g: Graph, laneId: string, y: number): { index: number; y: number } {
  const rest = laneBands(g.lanes.filter((l) => l.id !== laneId));
  const moving = g.lanes.find((l) => l.id === laneId)?.size ?? 0;
  // The gaps between the other lanes as they would stand; the lane's centre picks the nearest.
  let index = 0;
  let best = Infinity;
  for (let i = 0; i <= rest.length; i++) {
    const gap = i < rest.length ? rest[i].top : rest.at(-1)?.bottom ?? 0;
    const d = Math.abs(y - moving / 2 - gap);
    if (d < best) [best, index] = [d, i];
  }
  // The marker is drawn against the lanes as they stand now (the dragged one still in place).
  const now = new Map(laneBands(g.lanes).map((b) => [b.lane.id, b]));
  return { index, y: index === 0 ? 0 : now.get(rest[index - 1].lane.id)!.bottom };
}

/** How wide the lanes are drawn: past the rightmost step, at least MIN_LANE_WIDTH. */
export function laneWidth(g: Graph): number {
  let right = 0;
  for (const n of g.nodes) right = Math.max(right, n.x + n.width);
  for (const e of g.edges) for (const p of e.waypoints) right = Math.max(right, p.x);
  return Math.max(MIN_LANE_WIDTH, Math.ceil((right + LANE_TAIL) / 100) * 100);
}

/** The extent to fit and to show in the minimap: lanes and everything drawn. */
export function drawingBounds(g: Graph): Box {
  const height = g.lanes.reduce((sum, l) => sum + l.size, 0);
  let x1 = 0, y1 = 0, x2 = laneWidth(g), y2 = height;
  for (const n of g.nodes) {
    x1 = Math.min(x1, n.x);
    y1 = Math.min(y1, n.y);
    x2 = Math.max(x2, n.x + n.width);
    // Events and gateways carry their label below.
    y2 = Math.max(y2, n.y + n.height + 40);
  }
  return { x: x1, y: y1, width: Math.max(1, x2 - x1), height: Math.max(1, y2 - y1) };
}
