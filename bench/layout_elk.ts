// Our auto-layout against elkjs (Eclipse Layout Kernel, layered algorithm, pinned in
// import_map.json) on generated processes and on the BPMN corpus, measured with the same
// quality measures the editor's layout guard uses (layout_quality.ts): flows crossing, steps
// overlapping, flows through steps, steps outside their lane, total route length, and time.
// ELK knows no swimlanes: for one lane its own result is used as it is (routes included);
// with several lanes its layers (x) and order are kept and each step is put into its lane's
// band on the track ELK's order gives it, flows routed with one vertical run between the
// columns. `deno run -A bench/layout_elk.ts` prints the table; the lead copies it to
// RESULTS.md.
import ELK from "elkjs/lib/elk.bundled.js";
import { generateProcessGraph } from "./processes_layout.ts";
import { importBpmn } from "../plugins/processes/bpmn_import.ts";
import type { Graph, ProcessNode } from "../plugins/processes/graph_schema.ts";
import { LAYOUT_SPACING, layoutGraph, NODE_SIZES } from "../plugins/processes/layout.ts";
import { type LayoutMetrics, layoutMetrics } from "../plugins/processes/layout_quality.ts";
import { CORPUS } from "../plugins/processes/testdata/corpus.ts";

interface ElkNode {
  id: string;
  width: number;
  height: number;
  x?: number;
  y?: number;
}
interface ElkEdge {
  id: string;
  sources: string[];
  targets: string[];
  sections?: {
    startPoint: { x: number; y: number };
    endPoint: { x: number; y: number };
    bendPoints?: { x: number; y: number }[];
  }[];
}

const elk = new (ELK as unknown as new () => {
  layout(g: unknown): Promise<{ children: ElkNode[]; edges: ElkEdge[] }>;
})();

/** The graph laid out by ELK (top level only), in our coordinates and lanes. */
export async function elkLayout(g: Graph): Promise<Graph> {
  const nodes = g.nodes.filter((n) => !n.parentId);
  const ids = new Set(nodes.map((n) => n.id));
  const edges = g.edges.filter((e) => ids.has(e.from) && ids.has(e.to));
  const laid = await elk.layout({
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.edgeRouting": "ORTHOGONAL",
      "elk.spacing.nodeNode": "40",
      "elk.layered.spacing.nodeNodeBetweenLayers": String(LAYOUT_SPACING.columnGap),
    },
    children: nodes.map((n) => ({ id: n.id, ...NODE_SIZES[n.type] })),
    edges: edges.map((e) => ({ id: e.id, sources: [e.from], targets: [e.to] })),
  });
  const at = new Map(laid.children.map((c) => [c.id, c]));
  const left = LAYOUT_SPACING.laneHeader + 20;
  if (g.lanes.length <= 1) {
    const placed = nodes.map((n) => {
      const c = at.get(n.id)!;
      return { ...n, ...NODE_SIZES[n.type], x: left + c.x!, y: 20 + c.y! };
    });
    const bottom = Math.max(...placed.map((n) => n.y + n.height), 120) + 20;
    const routes = new Map(laid.edges.map((e) => [e.id, e.sections?.[0]]));
    return {
      ...g,
      lanes: g.lanes.map((l) => ({ ...l, size: bottom })),
      nodes: placed,
      edges: edges.map((e) => {
        const s = routes.get(e.id);
        const points = s ? [s.startPoint, ...(s.bendPoints ?? []), s.endPoint] : [];
        return { ...e, waypoints: points.map((p) => ({ x: left + p.x, y: 20 + p.y })) };
      }),
    };
  }
  // Several lanes: ELK's columns and order, each step on a track of its lane.
  const track = new Map<string, number>();
  const tracks = new Map<string, number>();
  const sorted = [...nodes].sort((a, b) => at.get(a.id)!.y! - at.get(b.id)!.y!);
  for (const n of sorted) {
    const column = `${n.laneId}|${at.get(n.id)!.x}`;
    const t = tracks.get(column) ?? 0;
    tracks.set(column, t + 1);
    track.set(n.id, t);
  }
  const TRACK = 110;
  const laneTracks = new Map<string, number>();
  for (const [key, count] of tracks) {
    const lane = key.split("|")[0];
    laneTracks.set(lane, Math.max(laneTracks.get(lane) ?? 1, count));
  }
  let top = 0;
  const laneTop = new Map<string, number>();
  const lanes = g.lanes.map((l) => {
    laneTop.set(l.id, top);
    const size = Math.max(LAYOUT_SPACING.minLaneHeight, (laneTracks.get(l.id) ?? 1) * TRACK + 40);
    top += size;
    return { ...l, size };
  });
  const placed: ProcessNode[] = nodes.map((n) => {
    const size = NODE_SIZES[n.type];
    const y = (laneTop.get(n.laneId ?? "") ?? top) + 20 + track.get(n.id)! * TRACK +
      (TRACK - 40 - size.height) / 2;
    return { ...n, ...size, x: left + at.get(n.id)!.x!, y };
  });
  const byId = new Map(placed.map((n) => [n.id, n]));
  return {
    ...g,
    lanes,
    nodes: placed,
    edges: edges.map((e) => {
      const s = byId.get(e.from)!, t = byId.get(e.to)!;
      const sy = s.y + s.height / 2, ty = t.y + t.height / 2;
      const mx = (s.x + s.width + t.x) / 2;
      const waypoints = sy === ty
        ? [{ x: s.x + s.width, y: sy }, { x: t.x, y: ty }]
        : [{ x: s.x + s.width, y: sy }, { x: mx, y: sy }, { x: mx, y: ty }, { x: t.x, y: ty }];
      return { ...e, waypoints };
    }),
  };
}

interface Row {
  name: string;
  ours: LayoutMetrics & { ms: number };
  elk: LayoutMetrics & { ms: number };
}

async function compare(name: string, g: Graph): Promise<Row> {
  let t = performance.now();
  const ours = layoutMetrics(layoutGraph(g));
  const oursMs = performance.now() - t;
  t = performance.now();
  const elkGraph = await elkLayout(g);
  const elkMs = performance.now() - t;
  return { name, ours: { ...ours, ms: oursMs }, elk: { ...layoutMetrics(elkGraph), ms: elkMs } };
}

const read = (file: string) =>
  Deno.readTextFile(new URL(`../plugins/processes/testdata/${file}`, import.meta.url));

/** The comparison rows: generated processes (one lane and six) and the BPMN corpus. */
export async function benchLayoutAgainstElk(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const lanes of [1, 6]) {
    for (const size of [20, 60, 200, 500]) {
      for (const seed of [1, 2, 3]) {
        rows.push(
          await compare(`generated ${size} nodes, ${lanes} lane(s), seed ${seed}`, {
            ...generateProcessGraph(size, lanes, seed),
          }),
        );
      }
    }
  }
  for (const { file, pool } of CORPUS) {
    const { graph } = await importBpmn(await read(file), pool ? { pool } : {});
    rows.push(await compare(`${file}${pool ? ` (${pool})` : ""}`, graph));
  }
  return rows;
}

const cell = (m: LayoutMetrics & { ms: number }) =>
  `${m.crossings} / ${m.overlaps} / ${m.throughNodes} / ${m.clipped} / ${m.length} / ${
    m.ms.toFixed(0)
  }`;

/** Which is better: fewer crossings+overlaps+through+clipped first, then shorter routes. */
function winner(r: Row): "ours" | "elk" | "tie" {
  const bad = (m: LayoutMetrics) => m.crossings + m.overlaps + m.throughNodes + m.clipped;
  const a = bad(r.ours), b = bad(r.elk);
  if (a !== b) return a < b ? "ours" : "elk";
  if (r.ours.length !== r.elk.length) return r.ours.length < r.elk.length ? "ours" : "elk";
  return "tie";
}

if (import.meta.main) {
  const rows = await benchLayoutAgainstElk();
  console.log(
    "| diagram | ours: crossings / overlaps / through / clipped / length / ms | elkjs: same | better |",
  );
  console.log("| --- | --- | --- | --- |");
  for (const r of rows) {
    console.log(`| ${r.name} | ${cell(r.ours)} | ${cell(r.elk)} | ${winner(r)} |`);
  }
  const wins = { ours: 0, elk: 0, tie: 0 };
  for (const r of rows) wins[winner(r)]++;
  console.log(`\nbetter: ours ${wins.ours}, elkjs ${wins.elk}, tie ${wins.tie}`);
}
