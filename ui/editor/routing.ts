// Orthogonal edge routing around nodes. A route leaves a side of the source (a short stub
// straight out), runs horizontally and vertically, and enters a side of the target; it
// keeps ROUTE_PADDING away from every other node box.
//
// How: the x and y lines of the obstacle boxes (grown by the padding), of the end points
// and of the gap between source and target form a sparse grid (an orthogonal visibility
// graph); A* over (grid point, heading) finds the shortest route with a penalty per bend.
// Only obstacles inside a window around source and target take part (SpatialIndex), the
// window grows when no route fits, and a plain Z-shaped route is the last resort. So one
// route costs roughly the square of the obstacles near it, not of the whole diagram.
import { boundsOf, inflate } from "./geometry.ts";
import type { Box, Point } from "./model.ts";
import { SpatialIndex } from "./spatial_index.ts";

/** Distance a route keeps from node boxes (and the length of the stub out of a side). */
export const ROUTE_PADDING = 12;
/** A bend costs as much as this many units of length: fewer bends beat slightly shorter. */
const BEND_PENALTY = 30;
/** Margins of the search windows tried one after the other. */
const WINDOW_MARGINS = [60, 240, 960];
/** Larger grids are not searched (the Z-shaped fallback is used instead). */
const MAX_GRID_POINTS = 160_000;

// Headings: 0 east, 1 south, 2 west, 3 north; (d + 2) % 4 is the opposite.
const DX = [1, 0, -1, 0];
const DY = [0, 1, 0, -1];

interface Port {
  point: Point;
  stub: Point;
  /** The heading out of the box. */
  out: number;
}

/** The side midpoints of a box with their stubs: right, bottom, left, top. */
function portsOf(b: Box, pad: number): Port[] {
  const cx = b.x + b.width / 2, cy = b.y + b.height / 2;
  const r = b.x + b.width, bottom = b.y + b.height;
  return [
    { point: { x: r, y: cy }, stub: { x: r + pad, y: cy }, out: 0 },
    { point: { x: cx, y: bottom }, stub: { x: cx, y: bottom + pad }, out: 1 },
    { point: { x: b.x, y: cy }, stub: { x: b.x - pad, y: cy }, out: 2 },
    { point: { x: cx, y: b.y }, stub: { x: cx, y: b.y - pad }, out: 3 },
  ];
}

export interface RouteOptions {
  padding?: number;
}

/** Routes many edges among the same boxes (the nodes of one graph). */
export class Router {
  readonly #index: SpatialIndex;
  readonly #pad: number;
  readonly #buffers = new SearchBuffers();

  constructor(boxes: readonly Box[], options: RouteOptions = {}) {
    this.#index = new SpatialIndex(boxes);
    this.#pad = options.padding ?? ROUTE_PADDING;
  }

  /** Waypoints (both end points included) from box `from` to box `to`, by index. */
  route(from: number, to: number): Point[] {
    const boxes = this.#index.boxes;
    const source = boxes[from], target = boxes[to];
    if (from === to) return selfLoop(source, this.#pad);
    for (const margin of WINDOW_MARGINS) {
      const area = inflate(boundsOf([source, target])!, margin + this.#pad);
      const obstacles = this.#index.query(area).filter((i) => i !== from && i !== to)
        .map((i) => boxes[i]);
      const found = searchRoute(source, target, obstacles, area, this.#pad, this.#buffers);
      if (found) return found;
    }
    return fallbackRoute(source, target, this.#pad);
  }
}

/** One route from `source` to `target` around `obstacles`. */
export function routeOrthogonal(
  source: Box,
  target: Box,
  obstacles: readonly Box[],
  options: RouteOptions = {},
): Point[] {
  const router = new Router([source, target, ...obstacles], options);
  return router.route(0, 1);
}

/** A* over the sparse grid inside `area`; null when no route fits or the grid is too big. */
function searchRoute(
  source: Box,
  target: Box,
  obstacles: readonly Box[],
  area: Box,
  pad: number,
  buffers: SearchBuffers,
): Point[] | null {
  const blockers = [source, target, ...obstacles].map((b) => inflate(b, pad));
  const from = portsOf(source, pad), to = portsOf(target, pad);
  const xs = gridLines(area.x, area.width, blockers, from, to, "x", source, target, pad);
  const ys = gridLines(area.y, area.height, blockers, from, to, "y", source, target, pad);
  const nx = xs.length, ny = ys.length;
  if (nx * ny > MAX_GRID_POINTS) return null;

  // Bits per grid point: 1 inside an obstacle, 2 the segment east blocked, 4 south blocked.
  const bits = buffers.blockedBits(nx * ny);
  for (const b of blockers) markBlocked(bits, xs, ys, b);

  const indexOf = (p: Point) => {
    const i = lowerBound(xs, p.x), j = lowerBound(ys, p.y);
    return i < nx && j < ny && xs[i] === p.x && ys[j] === p.y ? j * nx + i : -1;
  };
  const goals = new Map<number, Port>();
  for (const port of to) {
    const p = indexOf(port.stub);
    if (p >= 0 && !(bits[p] & 1)) goals.set(p, port);
  }
  if (!goals.size) return null;
  const goalPoints = [...goals.values()].map((g) => g.stub);
  const heuristic = (x: number, y: number) => {
    let best = Infinity;
    for (const g of goalPoints) {
      const dx = Math.abs(x - g.x), dy = Math.abs(y - g.y);
      best = Math.min(best, dx + dy + (dx && dy ? BEND_PENALTY : 0));
    }
    return best;
  };

  const buf = buffers.prepare(nx * ny * 4);
  const { cost, parent, stamp, heap } = buf;
  const gen = buf.generation;
  const costOf = (t: number) => stamp[t] === gen ? cost[t] : Infinity;
  const starts = new Map<number, Port>();
  for (const port of from) {
    const p = indexOf(port.stub);
    if (p < 0 || bits[p] & 1) continue;
    const s = p * 4 + port.out;
    cost[s] = 0;
    stamp[s] = gen;
    parent[s] = -1;
    starts.set(s, port);
    heap.push(s, heuristic(port.stub.x, port.stub.y), 0);
  }

  let best = Infinity, bestState = -1;
  while (heap.size > 0) {
    const s = heap.pop(), f = heap.key, g = heap.depth;
    if (f >= best) break;
    if (g > cost[s]) continue; // superseded by a cheaper way to the same state
    const p = s >> 2, d = s & 3;
    const goal = goals.get(p);
    if (goal) {
      const total = g + (d === (goal.out + 2) % 4 ? 0 : BEND_PENALTY);
      if (total < best) [best, bestState] = [total, s];
    }
    const i = p % nx, j = (p / nx) | 0;
    for (let nd = 0; nd < 4; nd++) {
      if (nd === (d + 2) % 4) continue;
      const ni = i + DX[nd], nj = j + DY[nd];
      if (ni < 0 || nj < 0 || ni >= nx || nj >= ny) continue;
      const q = nj * nx + ni;
      if (bits[q] & 1) continue;
      if (nd === 0 && bits[p] & 2 || nd === 2 && bits[q] & 2) continue;
      if (nd === 1 && bits[p] & 4 || nd === 3 && bits[q] & 4) continue;
      const ng = g + Math.abs(xs[ni] - xs[i]) + Math.abs(ys[nj] - ys[j]) +
        (nd === d ? 0 : BEND_PENALTY);
      const t = q * 4 + nd;
      if (ng >= costOf(t)) continue;
      cost[t] = ng;
      stamp[t] = gen;
      parent[t] = s;
      heap.push(t, ng + heuristic(xs[ni], ys[nj]), ng);
    }
  }
  if (bestState < 0) return null;

  const path: Point[] = [];
  let s = bestState;
  while (s >= 0) {
    const p = s >> 2;
    path.push({ x: xs[p % nx], y: ys[(p / nx) | 0] });
    if (starts.has(s)) break;
    s = parent[s];
  }
  path.reverse();
  const start = starts.get(s)!, end = goals.get(bestState >> 2)!;
  return simplifyRoute([start.point, ...path, end.point]);
}

/** Sorted, distinct lines on one axis, within the window. */
function gridLines(
  lo: number,
  extent: number,
  blockers: readonly Box[],
  from: readonly Port[],
  to: readonly Port[],
  axis: "x" | "y",
  source: Box,
  target: Box,
  pad: number,
): Float64Array {
  const size = axis === "x" ? "width" : "height";
  const values = [lo, lo + extent];
  for (const b of blockers) values.push(b[axis], b[axis] + b[size]);
  for (const port of [...from, ...to]) values.push(port.stub[axis], port.point[axis]);
  // The middle of the gap between source and target: where a Z-shaped route turns.
  const s1 = source[axis] + source[size], t1 = target[axis] + target[size];
  if (s1 + pad <= target[axis] - pad) values.push((s1 + target[axis]) / 2);
  if (t1 + pad <= source[axis] - pad) values.push((t1 + source[axis]) / 2);
  const sorted = Float64Array.from(values.filter((v) => v >= lo && v <= lo + extent)).sort();
  let n = 0;
  for (let k = 0; k < sorted.length; k++) {
    if (n === 0 || sorted[n - 1] !== sorted[k]) sorted[n++] = sorted[k];
  }
  return sorted.subarray(0, n);
}

/** Marks grid points strictly inside `b` and grid segments running through its inside. */
function markBlocked(bits: Uint8Array, xs: Float64Array, ys: Float64Array, b: Box) {
  const nx = xs.length;
  const L = b.x, R = b.x + b.width, T = b.y, B = b.y + b.height;
  const i0 = upperBound(xs, L), i1 = lowerBound(xs, R); // columns strictly inside: [i0, i1)
  const j0 = upperBound(ys, T), j1 = lowerBound(ys, B);
  const iL = lowerBound(xs, L), iR = upperBound(xs, R); // columns on or inside: [iL, iR)
  const jT = lowerBound(ys, T), jB = upperBound(ys, B);
  for (let j = j0; j < j1; j++) {
    // Horizontal segments from column i to i + 1 inside [L, R] on a row strictly inside.
    for (let i = iL; i < iR - 1; i++) bits[j * nx + i] |= 2;
    for (let i = i0; i < i1; i++) bits[j * nx + i] |= 1;
  }
  for (let i = i0; i < i1; i++) {
    for (let j = jT; j < jB - 1; j++) bits[j * nx + i] |= 4;
  }
}

/** First index with a[i] >= v. */
function lowerBound(a: Float64Array, v: number): number {
  let lo = 0, hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index with a[i] > v. */
function upperBound(a: Float64Array, v: number): number {
  let lo = 0, hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Out of the right side, up over the box, down into its top. */
function selfLoop(b: Box, pad: number): Point[] {
  const r = b.x + b.width + pad, top = b.y - pad, cx = b.x + b.width / 2;
  const cy = b.y + b.height / 2;
  return [{ x: b.x + b.width, y: cy }, { x: r, y: cy }, { x: r, y: top }, { x: cx, y: top }, {
    x: cx,
    y: b.y,
  }];
}

/**
 * Right side to left side, ignoring obstacles: one vertical run halfway when the target is
 * to the right, else around below both boxes.
 */
export function fallbackRoute(source: Box, target: Box, pad = ROUTE_PADDING): Point[] {
  const a = { x: source.x + source.width, y: source.y + source.height / 2 };
  const b = { x: target.x, y: target.y + target.height / 2 };
  if (a.x + pad <= b.x - pad) {
    const mx = (a.x + b.x) / 2;
    return simplifyRoute([a, { x: mx, y: a.y }, { x: mx, y: b.y }, b]);
  }
  const below = Math.max(source.y + source.height, target.y + target.height) + pad;
  return simplifyRoute([
    a,
    { x: a.x + pad, y: a.y },
    { x: a.x + pad, y: below },
    { x: b.x - pad, y: below },
    { x: b.x - pad, y: b.y },
    b,
  ]);
}

/** Drops repeated points and the middle one of three on a line. */
export function simplifyRoute(points: readonly Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && last.x === p.x && last.y === p.y) continue;
    if (out.length >= 2) {
      const a = out[out.length - 2];
      if ((a.x === last.x && last.x === p.x) || (a.y === last.y && last.y === p.y)) {
        out[out.length - 1] = { x: p.x, y: p.y };
        continue;
      }
    }
    out.push({ x: p.x, y: p.y });
  }
  return out;
}

/**
 * Arrays reused from one search to the next (a Router routes many edges): costs are valid
 * only where their stamp equals the current generation, so nothing is cleared per search.
 */
class SearchBuffers {
  cost = new Float64Array(0);
  parent = new Int32Array(0);
  stamp = new Uint32Array(0);
  generation = 0;
  heap = new StateHeap();
  #bits = new Uint8Array(0);

  prepare(states: number): this {
    if (this.cost.length < states) {
      this.cost = new Float64Array(states);
      this.parent = new Int32Array(states);
      this.stamp = new Uint32Array(states);
      this.generation = 0;
    }
    this.generation++;
    this.heap.size = 0;
    return this;
  }

  blockedBits(points: number): Uint8Array {
    if (this.#bits.length < points) this.#bits = new Uint8Array(points);
    const bits = this.#bits.subarray(0, points);
    bits.fill(0);
    return bits;
  }
}

/** A binary min-heap of search states; ties prefer the deeper state (larger cost so far). */
class StateHeap {
  #states = new Int32Array(256);
  #keys = new Float64Array(256);
  #depth = new Float64Array(256);
  size = 0;

  push(state: number, key: number, depth: number) {
    if (this.size === this.#states.length) this.#grow();
    const s = this.#states, k = this.#keys, g = this.#depth;
    // Sift the hole up, then drop the entry in.
    let i = this.size++;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (k[up] < key || (k[up] === key && g[up] >= depth)) break;
      s[i] = s[up], k[i] = k[up], g[i] = g[up];
      i = up;
    }
    s[i] = state, k[i] = key, g[i] = depth;
  }

  /** Key and depth of the state popped last. */
  key = 0;
  depth = 0;

  /** Removes the state with the smallest key (its key and depth go to `key`, `depth`). */
  pop(): number {
    const s = this.#states, k = this.#keys, g = this.#depth;
    const top = s[0];
    this.key = k[0];
    this.depth = g[0];
    const n = --this.size;
    const state = s[n], key = k[n], depth = g[n];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && (k[c + 1] < k[c] || (k[c + 1] === k[c] && g[c + 1] > g[c]))) c++;
      if (key < k[c] || (key === k[c] && depth >= g[c])) break;
      s[i] = s[c], k[i] = k[c], g[i] = g[c];
      i = c;
    }
    s[i] = state, k[i] = key, g[i] = depth;
    return top;
  }

  #grow() {
    const n = this.#states.length * 2;
    const s = new Int32Array(n), k = new Float64Array(n), g = new Float64Array(n);
    s.set(this.#states), k.set(this.#keys), g.set(this.#depth);
    this.#states = s, this.#keys = k, this.#depth = g;
  }
}
