// How tidy a drawn process is, in numbers a person would notice: flows crossing each other,
// steps overlapping each other, flows running through a step they do not connect, and steps
// sticking out of their lane. Auto-layout is only applied when it makes none of these worse
// (layoutKeepingBetter): a tidy diagram is never made messier by pressing the button.
// Pure and bounded: segments and boxes are bucketed on a grid, so a 2,000-step process is
// measured in milliseconds.
import type { Graph, ProcessNode } from "./graph_schema.ts";
import { planeOf } from "./graph_core/structure.ts";
import { layoutProcess } from "./layout_process.ts";

export interface LayoutMetrics {
  /** Pairs of flows (not sharing a step) whose routes cross. */
  crossings: number;
  /** Pairs of steps whose boxes overlap (a subprocess and its inside do not count). */
  overlaps: number;
  /** Flows whose route runs through a step other than their ends. */
  throughNodes: number;
  /** Steps not wholly inside their lane's band. */
  clipped: number;
  /** Total length of all routes (diagram units), a tie-breaker. */
  length: number;
}

type Point = { x: number; y: number };
interface Segment {
  edge: number;
  a: Point;
  b: Point;
}

const CELL = 200;

/**
 * The measures of a graph as drawn (stored waypoints, else a straight centre line), summed
 * over its planes: the main one and each closed subprocess's own.
 */
export function layoutMetrics(g: Graph): LayoutMetrics {
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  const planes = new Map<string, ProcessNode[]>();
  for (const n of g.nodes) {
    const key = planeOf(byId, n) ?? "";
    planes.set(key, [...(planes.get(key) ?? []), n]);
  }
  const total: LayoutMetrics = {
    crossings: 0,
    overlaps: 0,
    throughNodes: 0,
    clipped: 0,
    length: 0,
  };
  for (const [key, nodes] of planes) {
    const ids = new Set(nodes.map((n) => n.id));
    const m = planeMetrics({
      ...g,
      lanes: key === "" ? g.lanes : [],
      nodes,
      edges: g.edges.filter((e) => ids.has(e.from) && ids.has(e.to)),
    });
    for (const k of Object.keys(total) as (keyof LayoutMetrics)[]) total[k] += m[k];
  }
  return total;
}

function planeMetrics(g: Graph): LayoutMetrics {
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  const centre = (n: ProcessNode) => ({ x: n.x + n.width / 2, y: n.y + n.height / 2 });
  const segments: Segment[] = [];
  let length = 0;
  g.edges.forEach((e, i) => {
    const from = byId.get(e.from), to = byId.get(e.to);
    if (!from || !to) return;
    const points = e.waypoints.length >= 2 ? e.waypoints : [centre(from), centre(to)];
    for (let k = 1; k < points.length; k++) {
      segments.push({ edge: i, a: points[k - 1], b: points[k] });
      length += Math.hypot(points[k].x - points[k - 1].x, points[k].y - points[k - 1].y);
    }
  });

  // Crossings: segment pairs in shared grid cells, each pair of edges counted once.
  const crossingPairs = new Set<string>();
  const grid = bucket(segments, (s) => boxOfSegment(s));
  for (const cell of grid.values()) {
    for (let i = 0; i < cell.length; i++) {
      for (let j = i + 1; j < cell.length; j++) {
        const s = cell[i], t = cell[j];
        if (s.edge === t.edge) continue;
        const key = s.edge < t.edge ? `${s.edge}:${t.edge}` : `${t.edge}:${s.edge}`;
        if (crossingPairs.has(key)) continue;
        const e = g.edges[s.edge], f = g.edges[t.edge];
        if (e.from === f.from || e.from === f.to || e.to === f.from || e.to === f.to) continue;
        if (properlyCross(s.a, s.b, t.a, t.b)) crossingPairs.add(key);
      }
    }
  }

  // Overlaps between steps (annotations included: they hide what is under them).
  const nodes = g.nodes;
  const ancestors = (n: ProcessNode) => {
    const out = new Set<string>();
    for (
      let at = byId.get(n.parentId ?? "");
      at && !out.has(at.id);
      at = byId.get(at.parentId ?? "")
    ) {
      out.add(at.id);
    }
    return out;
  };
  const nodeGrid = bucket(nodes, (n) => n);
  const overlapPairs = new Set<string>();
  for (const cell of nodeGrid.values()) {
    for (let i = 0; i < cell.length; i++) {
      for (let j = i + 1; j < cell.length; j++) {
        const a = cell[i], b = cell[j];
        const key = a.id < b.id ? `${a.id}\u0000${b.id}` : `${b.id}\u0000${a.id}`;
        if (overlapPairs.has(key) || !boxesOverlap(a, b)) continue;
        if (ancestors(a).has(b.id) || ancestors(b).has(a.id)) continue;
        overlapPairs.add(key);
      }
    }
  }

  // Flows through steps they do not connect (containers they run inside do not count).
  const through = new Set<number>();
  for (const s of segments) {
    if (through.has(s.edge)) continue;
    const e = g.edges[s.edge];
    const box = boxOfSegment(s);
    for (const key of cellsOf(box)) {
      for (const n of nodeGrid.get(key) ?? []) {
        if (n.id === e.from || n.id === e.to || n.type === "annotation" || n.embedded) continue;
        if (segmentThroughBox(s.a, s.b, n)) {
          through.add(s.edge);
          break;
        }
      }
      if (through.has(s.edge)) break;
    }
  }

  // Steps outside their lane's band (lanes stack from y = 0).
  const bands = new Map<string, { top: number; bottom: number }>();
  let top = 0;
  for (const lane of g.lanes) {
    bands.set(lane.id, { top, bottom: top + lane.size });
    top += lane.size;
  }
  let clipped = 0;
  for (const n of nodes) {
    if (n.laneId === null || n.parentId || !g.lanes.length) continue;
    const band = bands.get(n.laneId);
    if (band && (n.y < band.top - 0.5 || n.y + n.height > band.bottom + 0.5)) clipped++;
  }
  return {
    crossings: crossingPairs.size,
    overlaps: overlapPairs.size,
    throughNodes: through.size,
    clipped,
    length: Math.round(length),
  };
}

/** True when `after` is no worse than `before` in any measure a person notices. */
export function noWorse(after: LayoutMetrics, before: LayoutMetrics): boolean {
  return after.crossings <= before.crossings && after.overlaps <= before.overlaps &&
    after.throughNodes <= before.throughNodes && after.clipped <= before.clipped;
}

/**
 * Auto-layout that never makes a diagram worse: the laid-out graph when it has no more
 * crossings, overlaps, flows through steps or clipped steps than the graph as it is;
 * otherwise the graph unchanged (`kept`).
 */
export function layoutKeepingBetter(
  g: Graph,
): { graph: Graph; kept: boolean; before: LayoutMetrics; after: LayoutMetrics } {
  const laid = layoutProcess(g);
  const before = layoutMetrics(g);
  const after = layoutMetrics(laid);
  if (!noWorse(after, before)) return { graph: g, kept: true, before, after };
  return { graph: laid, kept: false, before, after };
}

// ---- geometry -------------------------------------------------------------------------

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function boxOfSegment(s: Segment): Box {
  const x = Math.min(s.a.x, s.b.x), y = Math.min(s.a.y, s.b.y);
  return { x, y, width: Math.abs(s.a.x - s.b.x), height: Math.abs(s.a.y - s.b.y) };
}

function* cellsOf(b: Box): Generator<string> {
  const x0 = Math.floor(b.x / CELL), x1 = Math.floor((b.x + b.width) / CELL);
  const y0 = Math.floor(b.y / CELL), y1 = Math.floor((b.y + b.height) / CELL);
  // A box spanning very many cells (a huge container) is put in at most 400 of them.
  if ((x1 - x0 + 1) * (y1 - y0 + 1) > 400) {
    yield "big";
    return;
  }
  for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) yield `${x},${y}`;
}

function bucket<T>(items: readonly T[], boxOf: (t: T) => Box): Map<string, T[]> {
  const grid = new Map<string, T[]>();
  const big: T[] = [];
  for (const item of items) {
    for (const key of cellsOf(boxOf(item))) {
      if (key === "big") big.push(item);
      else grid.set(key, [...(grid.get(key) ?? []), item]);
    }
  }
  // Oversized boxes meet everything.
  if (big.length) { for (const [key, cell] of grid) grid.set(key, [...cell, ...big]); }
  return grid;
}

function boxesOverlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height &&
    b.y < a.y + a.height;
}

const cross = (o: Point, a: Point, b: Point) =>
  (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);

/** The segments cross at a point inside both (touching ends and collinear runs do not). */
function properlyCross(a: Point, b: Point, c: Point, d: Point): boolean {
  const d1 = cross(c, d, a), d2 = cross(c, d, b), d3 = cross(a, b, c), d4 = cross(a, b, d);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

/** The segment passes through the inside of the box (shrunk by 2 units: borders are fine). */
function segmentThroughBox(a: Point, b: Point, n: Box): boolean {
  const x0 = n.x + 2, y0 = n.y + 2, x1 = n.x + n.width - 2, y1 = n.y + n.height - 2;
  if (x1 <= x0 || y1 <= y0) return false;
  // Liang–Barsky clipping of the segment against the box.
  let t0 = 0, t1 = 1;
  const dx = b.x - a.x, dy = b.y - a.y;
  const edges: [number, number][] = [[-dx, a.x - x0], [dx, x1 - a.x], [-dy, a.y - y0], [
    dy,
    y1 - a.y,
  ]];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q <= 0) return false;
    } else {
      const r = q / p;
      if (p < 0) t0 = Math.max(t0, r);
      else t1 = Math.min(t1, r);
      if (t0 >= t1) return false;
    }
  }
  return true;
}
