// Where things sit in a process diagram: lane boxes, the diagram's bounds, edge routes with
// their arrowheads and label anchors, and the nearest node in a direction (keyboard moves).
// Pure functions over the graph document, so the viewer and the editor share them. The model
// types, lane bands and box helpers come from the editor's pure model (ui/editor/, which
// must not import the viewer): one rule for where lanes stand.
import { centreOf, laneBands } from "../../editor/geometry.ts";
import type { Box, Edge, Graph, Lane, NodeType, Point, ProcessNode } from "../../editor/model.ts";

export type { Box, Edge, Graph, Lane, NodeType, Point, ProcessNode } from "../../editor/model.ts";

export interface LaneBox extends Box {
  lane: Lane;
}

/** Width of the band at the left of a lane that shows its name (auto-layout leaves 30). */
export const LANE_HEADER = 36;
const MIN_LANE_WIDTH = 600;
/** Room below events and above gateways for their label. */
export const OUTSIDE_LABEL_ROOM = 40;

export const isEvent = (t: NodeType) => t === "start" || t === "end" || t === "intermediate";
export const isGateway = (t: NodeType) => t === "xor" || t === "and";
/** Events and gateways carry their label outside the shape, as BPMN draws them. */
export const labelOutside = (t: NodeType) => isEvent(t) || isGateway(t);

/** Lanes stacked from y = 0 in array order, as wide as the content; the overall bounds. */
export function layoutLanes(graph: Graph): { lanes: LaneBox[]; bounds: Box } {
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  const grow = (x1: number, y1: number, x2: number, y2: number) => {
    minX = Math.min(minX, x1);
    minY = Math.min(minY, y1);
    maxX = Math.max(maxX, x2);
    maxY = Math.max(maxY, y2);
  };
  for (const n of graph.nodes) {
    const above = isGateway(n.type) ? OUTSIDE_LABEL_ROOM : 0;
    const below = isEvent(n.type) ? OUTSIDE_LABEL_ROOM : 0;
    grow(n.x, n.y - above, n.x + n.width, n.y + n.height + below);
  }
  for (const e of graph.edges) for (const p of e.waypoints ?? []) grow(p.x, p.y, p.x, p.y);
  const hasContent = Number.isFinite(minX);
  const left = Math.min(0, hasContent ? minX - LANE_HEADER - 12 : 0);
  const right = Math.max(left + MIN_LANE_WIDTH, hasContent ? maxX + 40 : 0);
  const bands = laneBands(graph.lanes);
  const lanes = bands.map(({ lane, top }) => ({
    lane,
    x: left,
    y: top,
    width: right - left,
    height: lane.size,
  }));
  if (lanes.length) grow(left, 0, right, bands[bands.length - 1].bottom);
  if (!Number.isFinite(minX)) return { lanes, bounds: { x: 0, y: 0, width: 1, height: 1 } };
  const pad = 20;
  return {
    lanes,
    bounds: {
      x: minX - pad,
      y: minY - pad,
      width: maxX - minX + 2 * pad,
      height: maxY - minY + 2 * pad,
    },
  };
}

/**
 * Whether the graph has no usable positions: the schema requires coordinates, so stored
 * graphs always have them, but a client may write all nodes at one point (e.g. zeros).
 */
export function needsLayout(graph: Graph): boolean {
  if (graph.nodes.length < 2) return false;
  const [first] = graph.nodes;
  return graph.nodes.every((n) => n.x === first.x && n.y === first.y);
}

/** Where the line from the node's centre towards `p` leaves its shape. */
export function borderPoint(n: ProcessNode, p: Point): Point {
  const c = centreOf(n);
  const dx = p.x - c.x, dy = p.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const hw = n.width / 2, hh = n.height / 2;
  let t: number;
  if (isEvent(n.type)) {
    t = Math.min(hw, hh) / Math.hypot(dx, dy);
  } else if (isGateway(n.type)) {
    t = 1 / (Math.abs(dx) / hw + Math.abs(dy) / hh);
  } else {
    t = Math.min(dx ? hw / Math.abs(dx) : Infinity, dy ? hh / Math.abs(dy) : Infinity);
  }
  return { x: c.x + dx * t, y: c.y + dy * t };
}

const within = (n: ProcessNode, p: Point, slack = 2) =>
  p.x >= n.x - slack && p.x <= n.x + n.width + slack && p.y >= n.y - slack &&
  p.y <= n.y + n.height + slack;

const isAssociation = (from: ProcessNode, to: ProcessNode) =>
  from.type === "annotation" || to.type === "annotation";

/**
 * The points of an edge. Auto-layout stores full routes (both end points included); bend
 * points alone get their ends added on the shapes' borders; without waypoints the edge gets
 * an orthogonal route from side to side that avoids the nodes in `obstacles` where one of a
 * few simple shapes can (straight for annotation links).
 */
export function edgePoints(
  edge: Edge,
  from: ProcessNode,
  to: ProcessNode,
  obstacles?: BoxIndex,
): Point[] {
  const wp = edge.waypoints ?? [];
  if (wp.length) {
    const pts = [...wp];
    if (!within(from, pts[0])) pts.unshift(borderPoint(from, pts[0]));
    if (!within(to, pts[pts.length - 1])) pts.push(borderPoint(to, pts[pts.length - 1]));
    if (pts.length === 1) pts.push(borderPoint(to, pts[0]));
    return pts;
  }
  const a = centreOf(from), b = centreOf(to);
  if (!isAssociation(from, to)) {
    const candidates = routes(from, to);
    const route = candidates.find((c) => !obstacles?.blocks(c, from, to)) ?? candidates[0];
    if (route) return route;
  }
  return [borderPoint(from, b), borderPoint(to, a)];
}

/** Orthogonal routes from `from` to `to`, the preferred first. */
function routes(from: ProcessNode, to: ProcessNode): Point[][] {
  const gap = 8;
  const a = centreOf(from), b = centreOf(to);
  const right = to.x >= from.x + from.width + gap;
  const below = to.y >= from.y + from.height + gap;
  const above = to.y + to.height + gap <= from.y;
  const out: Point[][] = [];
  if (right) {
    const s = { x: from.x + from.width, y: a.y }, e = { x: to.x, y: b.y };
    if (Math.abs(s.y - e.y) < 1) return [[s, e], ...detours(from, to)];
    // Down (or up) first, then along: how a gateway's branches fan out.
    const turn = below || above
      ? [{ x: a.x, y: below ? from.y + from.height : from.y }, { x: a.x, y: b.y }, e]
      : undefined;
    if (turn && isGateway(from.type)) out.push(turn);
    for (const x of [Math.round((s.x + e.x) / 2), e.x - 16, s.x + 16]) {
      out.push([s, { x, y: s.y }, { x, y: e.y }, e]);
    }
    if (turn && !isGateway(from.type)) out.push(turn);
    if (below || above) {
      out.push([s, { x: b.x, y: s.y }, { x: b.x, y: below ? to.y : to.y + to.height }]);
    }
    return out;
  }
  if (below || above) {
    const s = { x: a.x, y: below ? from.y + from.height : from.y };
    const e = { x: b.x, y: below ? to.y : to.y + to.height };
    if (Math.abs(s.x - e.x) < 1) return [[s, e]];
    const toward = below ? 16 : -16;
    for (const y of [Math.round((s.y + e.y) / 2), e.y - toward, s.y + toward]) {
      out.push([s, { x: s.x, y }, { x: e.x, y }, e]);
    }
  }
  return out;
}

/**
 * Ways around whatever lies between two nodes in one row: over or under it, leaving a
 * gateway by its top or bottom corner and entering the target from above or below.
 */
function detours(from: ProcessNode, to: ProcessNode): Point[][] {
  const a = centreOf(from), b = centreOf(to);
  const out: Point[][] = [];
  for (const k of [1, 2, 3]) {
    for (const side of [-1, 1]) {
      const y = side < 0
        ? Math.min(from.y, to.y) - 30 * k
        : Math.max(from.y + from.height, to.y + to.height) + 30 * k;
      const sy = side < 0 ? from.y : from.y + from.height;
      const ey = side < 0 ? to.y : to.y + to.height;
      out.push(
        isGateway(from.type)
          ? [{ x: a.x, y: sy }, { x: a.x, y }, { x: b.x, y }, { x: b.x, y: ey }]
          : [
            { x: from.x + from.width, y: a.y },
            { x: from.x + from.width + 16, y: a.y },
            {
              x: from.x + from.width + 16,
              y,
            },
            { x: b.x, y },
            { x: b.x, y: ey },
          ],
      );
    }
  }
  return out;
}

/**
 * Node boxes in a coarse grid, so checking a route against the nodes near it stays cheap in
 * large graphs.
 */
export class BoxIndex {
  #cells = new Map<string, Box[]>();
  constructor(boxes: readonly Box[], private cell = 200) {
    for (const b of boxes) {
      for (const key of this.#keys(b.x, b.y, b.x + b.width, b.y + b.height)) {
        const list = this.#cells.get(key);
        if (list) list.push(b);
        else this.#cells.set(key, [b]);
      }
    }
  }

  *#keys(x1: number, y1: number, x2: number, y2: number) {
    const c = this.cell;
    for (let i = Math.floor(x1 / c); i <= Math.floor(x2 / c); i++) {
      for (let j = Math.floor(y1 / c); j <= Math.floor(y2 / c); j++) yield `${i},${j}`;
    }
  }

  /** Whether a segment of the route crosses a box other than its ends'. */
  blocks(route: Point[], from: Box, to: Box): boolean {
    for (let k = 0; k < route.length - 1; k++) {
      const p = route[k], q = route[k + 1];
      const x1 = Math.min(p.x, q.x), x2 = Math.max(p.x, q.x);
      const y1 = Math.min(p.y, q.y), y2 = Math.max(p.y, q.y);
      for (const key of this.#keys(x1, y1, x2, y2)) {
        for (const b of this.#cells.get(key) ?? []) {
          if (b === from || b === to) continue;
          // Axis-parallel segments against the box, shrunk a little so touching is fine.
          if (x2 > b.x + 1 && x1 < b.x + b.width - 1 && y2 > b.y + 1 && y1 < b.y + b.height - 1) {
            return true;
          }
        }
      }
    }
    return false;
  }
}

/** SVG path data through the points. */
export function pathData(points: Point[]): string {
  return points.map((p, i) => `${i ? "L" : "M"}${round(p.x)} ${round(p.y)}`).join("");
}

/** A filled triangle at the last point, pointing along the last segment. */
export function arrowHead(points: Point[], length = 10, halfWidth = 4): string {
  const tip = points[points.length - 1];
  let i = points.length - 2;
  while (i > 0 && points[i].x === tip.x && points[i].y === tip.y) i--;
  const from = points[Math.max(0, i)];
  const d = Math.hypot(tip.x - from.x, tip.y - from.y) || 1;
  const ux = (tip.x - from.x) / d, uy = (tip.y - from.y) / d;
  const bx = tip.x - ux * length, by = tip.y - uy * length;
  return `M${round(tip.x)} ${round(tip.y)}L${round(bx - uy * halfWidth)} ${
    round(by + ux * halfWidth)
  }L${round(bx + uy * halfWidth)} ${round(by - ux * halfWidth)}Z`;
}

/**
 * Where an edge's label goes: near the start for a gateway's outflows (so "yes"/"no" sit by
 * their gateway), otherwise in the middle of the longest segment. `vertical`: the segment
 * runs up or down, so the label goes beside it rather than above.
 */
export function labelAnchor(points: Point[], fromGateway: boolean): Point & { vertical: boolean } {
  if (points.length < 2) return { ...(points[0] ?? { x: 0, y: 0 }), vertical: false };
  let best = 0;
  if (!fromGateway) {
    let bestLength = -1;
    for (let i = 0; i < points.length - 1; i++) {
      const l = Math.hypot(points[i + 1].x - points[i].x, points[i + 1].y - points[i].y);
      if (l > bestLength) [best, bestLength] = [i, l];
    }
  }
  const a = points[best], b = points[best + 1];
  const d = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  const along = fromGateway ? Math.min(20, d / 2) : d / 2;
  return {
    x: a.x + (b.x - a.x) * along / d,
    y: a.y + (b.y - a.y) * along / d,
    vertical: Math.abs(b.x - a.x) < Math.abs(b.y - a.y),
  };
}

export type Direction = "left" | "right" | "up" | "down";

/**
 * The node to move to from `from` in a direction: among the nodes whose centre lies that way
 * (within 60° of it), the closest, preferring those straight ahead.
 */
export function nearestInDirection(
  nodes: readonly ProcessNode[],
  from: ProcessNode,
  dir: Direction,
): ProcessNode | undefined {
  const c = centreOf(from);
  const [ax, ay] = { left: [-1, 0], right: [1, 0], up: [0, -1], down: [0, 1] }[dir];
  let best: ProcessNode | undefined;
  let bestScore = Infinity;
  for (const n of nodes) {
    if (n === from) continue;
    const p = centreOf(n);
    const dx = p.x - c.x, dy = p.y - c.y;
    const ahead = dx * ax + dy * ay;
    const side = Math.abs(dx * ay - dy * ax);
    if (ahead <= 0 || side > ahead * 1.8) continue;
    const score = ahead + 2 * side;
    if (score < bestScore) [best, bestScore] = [n, score];
  }
  return best;
}

/** Nodes in reading order: lane by lane (annotations outside lanes last), then left to right. */
export function readingOrder(graph: Graph): ProcessNode[] {
  const laneIndex = new Map(graph.lanes.map((l, i) => [l.id, i]));
  const rank = (n: ProcessNode) => n.laneId === null ? Infinity : laneIndex.get(n.laneId) ?? -1;
  return [...graph.nodes].sort((a, b) => rank(a) - rank(b) || a.x - b.x || a.y - b.y);
}

const round = (v: number) => Math.round(v * 10) / 10;
