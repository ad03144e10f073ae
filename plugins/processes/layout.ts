// Auto-layout of a process graph: layered left to right, nodes kept in their lanes, edges
// routed orthogonally around the nodes. Pure and deterministic: the result depends only on
// the graph's content, never on the order of its node and edge arrays or of object keys
// (everything is ordered by id), and repeated runs give identical output.
//
// The steps (a Sugiyama layout adapted to swimlanes):
// 1. Ranking. Cycles are broken by a depth-first search from the start events (edges to a
//    node on the search stack are back edges and count reversed); ranks are longest paths
//    from the sources, then sources that are not start events (e.g. annotations, stray
//    tasks) are pulled next to their first successor. Annotations without edges go to the
//    end, one column after the last.
// 2. Long forward edges get a chain of dummy items in the source's lane, one per rank they
//    skip, so they run in a free track instead of through nodes.
// 3. Ordering. Each (rank, lane) cell is ordered by a few barycenter sweeps (left to right
//    on predecessors, right to left on successors); nodes never leave their lane.
// 4. Tracks. Within a lane, items sit on horizontal tracks; an item takes the median track
//    of its same-lane predecessors when free, so chains of steps are straight lines. A
//    lane's height grows to fit its tracks (and its back-edge corridors), at least
//    MIN_LANE_HEIGHT.
// 5. Routing. Columns are separated by vertical channels; every vertical segment of an edge
//    lies in a channel (at its own slot when it overlaps another edge's), every horizontal
//    one on a track or a corridor, so no segment crosses a node box. Forward edges leave
//    the source's right side and enter the target's left side; back edges and self loops
//    leave to the right, run left along a corridor below the lowest lane they touch, and
//    come back up into the target's left side. Waypoints include both end points.
import type { Edge, Graph, NodeType, ProcessNode } from "./graph_schema.ts";

/** Standard sizes per node type (width × height). */
export const NODE_SIZES: Record<NodeType, { width: number; height: number }> = {
  start: { width: 36, height: 36 },
  end: { width: 36, height: 36 },
  intermediate: { width: 36, height: 36 },
  xor: { width: 50, height: 50 },
  and: { width: 50, height: 50 },
  task: { width: 120, height: 80 },
  subprocess: { width: 140, height: 90 },
  annotation: { width: 120, height: 60 },
};

/** Spacing constants in diagram units. */
export const LAYOUT_SPACING = {
  /** Room at the left of every lane for its vertical name. */
  laneHeader: 30,
  /** The narrowest gap between two columns (the channel for vertical edge segments). */
  columnGap: 60,
  /** Distance between parallel vertical segments in a channel. */
  slotSpacing: 12,
  /** Vertical gap between nodes stacked in one lane. */
  trackGap: 40,
  /** Free space above and below the tracks of a lane. */
  lanePadding: 20,
  /** No lane is laid out lower than this. */
  minLaneHeight: 160,
  /** Distance between back-edge corridors at the bottom of a lane. */
  corridorSpacing: 12,
  /** Space between the lowest track and the first corridor. */
  corridorPadding: 8,
} as const;

/** Beyond this many dummy items, long edges are routed straight through their channels. */
const DUMMY_BUDGET_PER_NODE = 20;
const MAX_WAYPOINTS = 50;

interface Item {
  /** The node, or null for a dummy of a long edge. */
  node: ProcessNode | null;
  key: string;
  band: number;
  rank: number;
  width: number;
  height: number;
  /** Neighbours one rank to the left / right (through dummies), for ordering and tracks. */
  preds: number[];
  succs: number[];
  /** Initial order: depth-first discovery. */
  seq: number;
  order: number;
  track: number;
}

interface Move {
  channel: number;
  y1: number;
  y2: number;
  /** The items left and right of the move (null: a corridor end). */
  left: number | null;
  right: number | null;
  /** Segments with the same key share a slot (a fork from one node, a merge into one). */
  key: string;
  slot: number;
}

interface Route {
  edge: Edge;
  from: number;
  to: number;
  /** Back edge: its corridor (band and slot). */
  corridor?: { band: number; slot: number };
  /** The items a forward edge passes: source, dummies, target. */
  chain: number[];
  moves: Move[];
}

const byId = (a: { id: string }, b: { id: string }) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
const cmp = (a: string, b: string) => a < b ? -1 : a > b ? 1 : 0;

/** A deterministic left-to-right layered layout within lanes, with orthogonal edge routes. */
export function layoutGraph(graph: Graph): Graph {
  const S = LAYOUT_SPACING;
  const lanes = graph.lanes ?? [];
  const laneIndex = new Map<string, number>();
  lanes.forEach((l, i) => {
    if (!laneIndex.has(l.id)) laneIndex.set(l.id, i);
  });
  const orphanBand = lanes.length;

  // Nodes by id (first occurrence wins in raw graphs with duplicates), processed in id order.
  const nodeById = new Map<string, ProcessNode>();
  for (const n of graph.nodes ?? []) if (!nodeById.has(n.id)) nodeById.set(n.id, n);
  const nodes = [...nodeById.values()].sort(byId);
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const edges = (graph.edges ?? []).filter((e) => index.has(e.from) && index.has(e.to))
    .sort((a, b) => cmp(a.id, b.id) || cmp(a.from, b.from) || cmp(a.to, b.to));
  const N = nodes.length;

  // The band (lane index) of each node; annotations without a lane join a neighbour's.
  const band = nodes.map((n) => n.laneId != null ? laneIndex.get(n.laneId) ?? -1 : -1);
  nodes.forEach((n, i) => {
    if (band[i] >= 0 || n.type === "annotation") return;
    band[i] = orphanBand;
  });
  for (const e of edges) {
    for (const [a, b] of [[e.from, e.to], [e.to, e.from]]) {
      const i = index.get(a)!, j = index.get(b)!;
      if (band[i] < 0 && band[j] >= 0 && band[j] < orphanBand) band[i] = band[j];
    }
  }
  nodes.forEach((_, i) => {
    if (band[i] < 0) band[i] = lanes.length ? 0 : orphanBand;
  });

  // 1. Break cycles with a depth-first search from the start events.
  const out: number[][] = nodes.map(() => []);
  const outEdge: Edge[][] = nodes.map(() => []);
  const indeg = new Array<number>(N).fill(0);
  for (const e of edges) {
    const f = index.get(e.from)!, t = index.get(e.to)!;
    if (f === t) continue;
    out[f].push(t);
    outEdge[f].push(e);
    indeg[t]++;
  }
  const reversed = new Set<Edge>();
  const state = new Uint8Array(N); // 0 new, 1 on the stack, 2 done
  const seq = new Array<number>(N).fill(-1);
  let counter = 0;
  const roots = [
    ...nodes.map((n, i) => n.type === "start" ? i : -1).filter((i) => i >= 0),
    ...nodes.map((_, i) => indeg[i] === 0 ? i : -1).filter((i) => i >= 0),
    ...nodes.map((_, i) => i),
  ];
  const stack: [number, number][] = [];
  for (const root of roots) {
    if (state[root]) continue;
    state[root] = 1;
    seq[root] = counter++;
    stack.push([root, 0]);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const [v, k] = top;
      if (k >= out[v].length) {
        state[v] = 2;
        stack.pop();
        continue;
      }
      top[1]++;
      const w = out[v][k];
      if (state[w] === 1) reversed.add(outEdge[v][k]);
      else if (state[w] === 0) {
        state[w] = 1;
        seq[w] = counter++;
        stack.push([w, 0]);
      }
    }
  }

  // Longest-path ranks over the acyclic graph (Kahn's order).
  const dagSucc: number[][] = nodes.map(() => []);
  const dagPred: number[][] = nodes.map(() => []);
  for (const e of edges) {
    const f = index.get(e.from)!, t = index.get(e.to)!;
    if (f === t) continue;
    if (reversed.has(e)) {
      dagSucc[t].push(f);
      dagPred[f].push(t);
    } else {
      dagSucc[f].push(t);
      dagPred[t].push(f);
    }
  }
  const rank = new Array<number>(N).fill(0);
  const remaining = dagPred.map((p) => p.length);
  const queue: number[] = [];
  for (let i = 0; i < N; i++) if (remaining[i] === 0) queue.push(i);
  for (let q = 0; q < queue.length; q++) {
    const v = queue[q];
    for (const w of dagSucc[v]) {
      if (rank[v] + 1 > rank[w]) rank[w] = rank[v] + 1;
      if (--remaining[w] === 0) queue.push(w);
    }
  }
  // Sources other than start events sit just before their nearest successor.
  for (let i = 0; i < N; i++) {
    if (dagPred[i].length || !dagSucc[i].length || nodes[i].type === "start") continue;
    rank[i] = Math.min(...dagSucc[i].map((w) => rank[w])) - 1;
  }
  const connected = new Uint8Array(N);
  for (const e of edges) connected[index.get(e.from)!] = connected[index.get(e.to)!] = 1;
  let minRank = Infinity, maxRank = 0;
  for (let i = 0; i < N; i++) {
    if (nodes[i].type === "annotation" && !connected[i]) continue;
    minRank = Math.min(minRank, rank[i]);
  }
  if (!Number.isFinite(minRank)) minRank = 0;
  for (let i = 0; i < N; i++) {
    rank[i] -= minRank;
    if (!(nodes[i].type === "annotation" && !connected[i])) maxRank = Math.max(maxRank, rank[i]);
  }
  const hasFlow = nodes.some((n, i) => !(n.type === "annotation" && !connected[i]));
  for (let i = 0; i < N; i++) {
    if (nodes[i].type === "annotation" && !connected[i]) rank[i] = hasFlow ? maxRank + 1 : 0;
  }
  maxRank = Math.max(0, ...rank);

  // 2. Items: the nodes, and dummies along long forward edges.
  const items: Item[] = nodes.map((n, i) => {
    const size = NODE_SIZES[n.type] ?? NODE_SIZES.task;
    return {
      node: n,
      key: n.id,
      band: band[i],
      rank: rank[i],
      width: size.width,
      height: size.height,
      preds: [],
      succs: [],
      seq: seq[i],
      order: 0,
      track: 0,
    };
  });
  const link = (a: number, b: number) => {
    items[a].succs.push(b);
    items[b].preds.push(a);
  };
  const routes: Route[] = [];
  let budget = DUMMY_BUDGET_PER_NODE * N + 2000;
  const chains = new Map<string, number[]>(); // parallel edges share one chain
  for (const e of edges) {
    const f = index.get(e.from)!, t = index.get(e.to)!;
    const route: Route = { edge: e, from: f, to: t, chain: [], moves: [] };
    routes.push(route);
    if (f === t || reversed.has(e)) continue;
    const pair = `${f} ${t}`;
    if (chains.has(pair)) {
      route.chain = chains.get(pair)!;
      continue;
    }
    const span = rank[t] - rank[f];
    if (span > 1 && span - 1 > budget) continue; // routed without dummies (see below)
    const chain = [f];
    for (let r = rank[f] + 1; r < rank[t]; r++) {
      budget--;
      items.push({
        node: null,
        key: `${e.id}#${r}`,
        band: band[f],
        rank: r,
        width: 0,
        height: 0,
        preds: [],
        succs: [],
        seq: seq[f] + 0.5,
        order: 0,
        track: 0,
      });
      chain.push(items.length - 1);
    }
    chain.push(t);
    for (let k = 1; k < chain.length; k++) link(chain[k - 1], chain[k]);
    route.chain = chain;
    chains.set(pair, chain);
  }

  // 3. Order each (rank, band) cell by barycenter sweeps.
  const bands = lanes.length + 1;
  const cells: number[][][] = Array.from({ length: maxRank + 1 }, () => []);
  const initial = items.map((_, i) => i).sort((a, b) =>
    items[a].seq - items[b].seq || cmp(items[a].key, items[b].key)
  );
  for (const i of initial) (cells[items[i].rank][items[i].band] ??= []).push(i);
  const pos = new Float64Array(items.length);
  const setOrder = (cell: number[]) => {
    cell.forEach((i, k) => {
      items[i].order = k;
      pos[i] = items[i].band * 1e6 + k;
    });
  };
  for (const rankCells of cells) for (const cell of rankCells) if (cell) setOrder(cell);
  const bary = new Float64Array(items.length);
  const isNote = items.map((it) => it.node?.type === "annotation" ? 1 : 0);
  const sweep = (r: number, side: "preds" | "succs") => {
    for (const cell of cells[r]) {
      if (!cell || cell.length < 2) continue;
      for (const i of cell) {
        const nb = items[i][side];
        let sum = 0;
        for (const j of nb) sum += pos[j];
        bary[i] = nb.length ? sum / nb.length : pos[i];
      }
      // Ties: flow nodes before annotations, so notes do not push the flow off its line.
      cell.sort((a, b) =>
        bary[a] - bary[b] || isNote[a] - isNote[b] || items[a].order - items[b].order
      );
      setOrder(cell);
    }
  };
  for (let iteration = 0; iteration < 2; iteration++) {
    for (let r = 1; r <= maxRank; r++) sweep(r, "preds");
    for (let r = maxRank - 1; r >= 0; r--) sweep(r, "succs");
  }

  // 4. Tracks: the median track of same-lane predecessors when free, else the next free one.
  const tracks = new Array<number>(bands).fill(0);
  const tallest = new Array<number>(bands).fill(0);
  for (let r = 0; r <= maxRank; r++) {
    for (const cell of cells[r]) {
      if (!cell) continue;
      let previous = -1;
      for (const i of cell) {
        const it = items[i];
        const same = it.preds.filter((j) => items[j].band === it.band).map((j) => items[j].track)
          .sort((a, b) => a - b);
        const wanted = same.length ? same[(same.length - 1) >> 1] : 0;
        it.track = Math.max(wanted, previous + 1);
        previous = it.track;
        tracks[it.band] = Math.max(tracks[it.band], it.track + 1);
        tallest[it.band] = Math.max(tallest[it.band], it.height);
      }
    }
  }

  // Back edges (and self loops) run along corridors at the bottom of the lower lane they
  // touch; nested ones inside, each corridor shared only by edges whose spans do not meet.
  const back = routes.filter((r) => r.from === r.to || reversed.has(r.edge));
  const corridorSlots: [number, number][][][] = Array.from({ length: bands }, () => []);
  const span = (r: Route) => [rank[r.to] - 1, rank[r.from]] as [number, number];
  back.sort((a, b) => {
    const [a0, a1] = span(a), [b0, b1] = span(b);
    return (a1 - a0) - (b1 - b0) || a0 - b0 || cmp(a.edge.id, b.edge.id);
  });
  for (const r of back) {
    const b = Math.max(band[r.from], band[r.to]);
    const [lo, hi] = span(r);
    const slots = corridorSlots[b];
    let slot = slots.findIndex((used) => used.every(([l, h]) => hi < l || lo > h));
    if (slot < 0) slot = slots.push([]) - 1;
    slots[slot].push([lo, hi]);
    r.corridor = { band: b, slot };
  }

  // Lane heights and the y of every track and corridor.
  const pitch = tallest.map((h) => h + S.trackGap);
  const corridorBlock = corridorSlots.map((s) =>
    s.length ? s.length * S.corridorSpacing + S.corridorPadding : 0
  );
  const bandUsed = (b: number) => tracks[b] > 0 || corridorBlock[b] > 0;
  const sizes = Array.from(
    { length: bands },
    (_, b) =>
      b === orphanBand && !bandUsed(b) ? 0 : Math.max(
        S.minLaneHeight,
        tracks[b] * pitch[b] + 2 * S.lanePadding + corridorBlock[b],
      ),
  );
  const tops: number[] = [];
  let yAcc = 0;
  for (let b = 0; b < bands; b++) {
    tops.push(yAcc);
    yAcc += sizes[b];
  }
  const trackOffset = sizes.map((size, b) =>
    Math.floor((size - corridorBlock[b] - tracks[b] * pitch[b]) / 2)
  );
  const trackY = (b: number, t: number) =>
    Math.round(tops[b] + trackOffset[b] + t * pitch[b] + pitch[b] / 2);
  const corridorY = (b: number, slot: number) =>
    tops[b] + sizes[b] - corridorBlock[b] + S.corridorPadding + slot * S.corridorSpacing;
  const cy = items.map((it) => trackY(it.band, it.track));

  // 5. Vertical moves of every route, by channel (channel r lies right of column r).
  const channelMoves: Move[][] = Array.from({ length: maxRank + 2 }, () => []);
  const addMove = (
    route: Route,
    channel: number,
    y1: number,
    y2: number,
    left: number | null,
    right: number | null,
  ) => {
    if (y1 === y2) return;
    const move: Move = { channel, y1, y2, left, right, key: "", slot: 0 };
    route.moves.push(move);
    channelMoves[channel + 1].push(move);
  };
  for (const route of routes) {
    const { from: f, to: t } = route;
    if (route.corridor) {
      const yc = corridorY(route.corridor.band, route.corridor.slot);
      addMove(route, rank[f], cy[f], yc, f, null);
      addMove(route, rank[t] - 1, yc, cy[t], null, t);
    } else if (route.chain.length) {
      const c = route.chain;
      for (let k = 0; k + 1 < c.length; k++) {
        addMove(route, items[c[k]].rank, cy[c[k]], cy[c[k + 1]], c[k], c[k + 1]);
      }
    } else {
      // Over the dummy budget: one bend in the channel before the target.
      addMove(route, rank[t] - 1, cy[f], cy[t], null, t);
    }
  }

  // Slots: moves sharing an end node share a slot; overlapping groups get their own.
  const gap: number[] = [];
  const slotCount: number[] = [];
  for (const moves of channelMoves) {
    const count = new Map<string, number>();
    for (const m of moves) {
      if (m.left !== null && items[m.left].node) {
        count.set(`L${m.left}`, (count.get(`L${m.left}`) ?? 0) + 1);
      }
      if (m.right !== null && items[m.right].node) {
        count.set(`R${m.right}`, (count.get(`R${m.right}`) ?? 0) + 1);
      }
    }
    const groups = new Map<string, { lo: number; hi: number; moves: Move[] }>();
    moves.forEach((m, k) => {
      const left = m.left !== null && (count.get(`L${m.left}`) ?? 0) > 1 ? `L${m.left}` : null;
      const right = m.right !== null && (count.get(`R${m.right}`) ?? 0) > 1 ? `R${m.right}` : null;
      m.key = left ?? right ?? `M${k}`;
      const lo = Math.min(m.y1, m.y2), hi = Math.max(m.y1, m.y2);
      const g = groups.get(m.key);
      if (g) {
        g.lo = Math.min(g.lo, lo);
        g.hi = Math.max(g.hi, hi);
        g.moves.push(m);
      } else groups.set(m.key, { lo, hi, moves: [m] });
    });
    const sorted = [...groups.entries()].sort(([ka, a], [kb, b]) =>
      a.lo - b.lo || a.hi - b.hi || cmp(ka, kb)
    );
    const ends: number[] = [];
    for (const [, g] of sorted) {
      let slot = ends.findIndex((end) => end < g.lo - S.slotSpacing / 2);
      if (slot < 0) slot = ends.push(0) - 1;
      ends[slot] = g.hi;
      for (const m of g.moves) m.slot = slot;
    }
    slotCount.push(ends.length);
    gap.push(Math.max(S.columnGap, (ends.length + 1) * S.slotSpacing));
  }

  // Column x positions: header, channel -1, column 0, channel 0, …
  const colWidth = new Array<number>(maxRank + 1).fill(0);
  for (const it of items) colWidth[it.rank] = Math.max(colWidth[it.rank], it.width);
  const channelLeft: number[] = [];
  const colLeft: number[] = [];
  let x = S.laneHeader;
  for (let r = -1; r <= maxRank; r++) {
    if (r >= 0) {
      colLeft[r] = x;
      x += colWidth[r];
    }
    channelLeft[r + 1] = x;
    x += gap[r + 1];
  }
  const slotX = (m: Move) => {
    const c = m.channel + 1;
    const n = slotCount[c];
    return Math.round(channelLeft[c] + gap[c] * (m.slot + 1) / (n + 1));
  };

  const placed = new Map<ProcessNode, { x: number; y: number; width: number; height: number }>();
  for (let i = 0; i < N; i++) {
    const it = items[i];
    placed.set(nodes[i], {
      x: colLeft[it.rank] + Math.round((colWidth[it.rank] - it.width) / 2),
      y: cy[i] - it.height / 2,
      width: it.width,
      height: it.height,
    });
  }

  const waypoints = new Map<Edge, { x: number; y: number }[]>();
  for (const route of routes) {
    const s = placed.get(nodes[route.from])!, t = placed.get(nodes[route.to])!;
    const points = [{ x: s.x + s.width, y: cy[route.from] }];
    for (const m of route.moves) {
      const mx = slotX(m);
      points.push({ x: mx, y: m.y1 }, { x: mx, y: m.y2 });
    }
    points.push({ x: t.x, y: cy[route.to] });
    let simple = simplify(points);
    if (simple.length > MAX_WAYPOINTS) {
      const c = rank[route.to]; // the channel left of the target
      const mx = Math.round(channelLeft[c] + gap[c] / 2);
      simple = simplify([
        points[0],
        { x: mx, y: points[0].y },
        { x: mx, y: cy[route.to] },
        points[points.length - 1],
      ]);
    }
    waypoints.set(route.edge, simple);
  }

  return {
    ...graph,
    lanes: lanes.map((l, i) => ({ ...l, size: sizes[i] })),
    nodes: (graph.nodes ?? []).map((n) => {
      const p = placed.get(n);
      return p ? { ...n, ...p } : { ...n };
    }),
    edges: (graph.edges ?? []).map((e) => {
      const w = waypoints.get(e);
      return w ? { ...e, waypoints: w } : { ...e };
    }),
  };
}

/** Drops repeated points and the middle of three collinear ones. */
function simplify(points: { x: number; y: number }[]): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && last.x === p.x && last.y === p.y) continue;
    if (out.length >= 2) {
      const a = out[out.length - 2];
      if ((a.x === last.x && last.x === p.x) || (a.y === last.y && last.y === p.y)) {
        out[out.length - 1] = p;
        continue;
      }
    }
    out.push({ x: p.x, y: p.y });
  }
  return out;
}
