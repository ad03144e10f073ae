// BPMN export and import of a 500-node process (issue: "BPMN export + import round trip of
// a 500-node process < 300 ms"). Pure computation, no database: bench/main.ts adds the rows
// it returns. `deno run -A bench/processes_bpmn.ts` prints them on their own.
import assert from "node:assert/strict";
import { exportBpmn } from "../plugins/processes/bpmn_export.ts";
import { importBpmn } from "../plugins/processes/bpmn_import.ts";
import {
  type Edge,
  type Graph,
  GraphSchema,
  type NodeType,
  type ProcessNode,
} from "../plugins/processes/graph_schema.ts";
import { layoutGraph } from "../plugins/processes/layout.ts";
import { type BenchResult, measure } from "./stats.ts";

/** mulberry32: the same graph on every run. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A laid-out process of `nodeCount` nodes over `laneCount` lanes with everything BPMN export
 * carries: tasks with RACI, links, durations and Markdown descriptions, subprocesses,
 * exclusive and parallel gateways with conditions, intermediate events, annotations.
 */
export function bpmnBenchGraph(nodeCount = 500, laneCount = 6, seed = 7): Graph {
  const rnd = random(seed);
  const uuid = () =>
    `0190${Math.floor(rnd() * 0xffff).toString(16).padStart(4, "0")}-0000-7000-8000-${
      Math.floor(rnd() * 0xffffffffffff).toString(16).padStart(12, "0")
    }`;
  const positions = Array.from({ length: 30 }, uuid);
  const docs = Array.from({ length: 50 }, uuid);
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
  const lanes = Array.from({ length: laneCount }, (_, i) => ({
    id: `lane_${i + 1}`,
    name: `Rolle ${i + 1} – Prüfung`,
    positionId: pick(positions),
    orgUnitId: null,
    size: 160,
  }));
  const nodes: ProcessNode[] = [];
  const edges: Edge[] = [];
  const add = (type: NodeType, lane: string | null, extra: Partial<ProcessNode> = {}) => {
    const id = `${type}_${nodes.length + 1}`;
    nodes.push({
      id,
      type,
      label: `${type === "task" ? "Prüfung → Freigabe" : type} ${nodes.length + 1}`,
      laneId: lane,
      x: 0,
      y: 0,
      width: 100,
      height: 80,
      ...extra,
    });
    return id;
  };
  const link = (from: string, to: string, label = "", condition: string | null = null) => {
    edges.push({ id: `flow_${edges.length + 1}`, from, to, label, condition, waypoints: [] });
  };
  const task = (lane: string) =>
    add("task", lane, {
      raci: {
        responsible: [pick(positions)],
        accountable: [pick(positions)],
        consulted: rnd() < 0.5 ? [pick(positions), pick(positions)] : [],
        informed: [],
      },
      links: {
        documents: [pick(docs), pick(docs)],
        systems: rnd() < 0.3 ? [pick(docs)] : [],
        requirements: [],
        locations: [],
      },
      durationMinutes: Math.floor(rnd() * 480),
      description: `## Schritt\n\n- prüfen *sorgfältig*\n- freigeben <b>&</b> melden`,
    });
  let last = add("start", lanes[0].id);
  while (nodes.length < nodeCount - 5) {
    const lane = pick(lanes).id;
    const r = rnd();
    if (r < 0.12) {
      const split = add(rnd() < 0.5 ? "xor" : "and", lane);
      link(last, split);
      const type = nodes.at(-1)!.type;
      const a = task(pick(lanes).id);
      const b = task(pick(lanes).id);
      link(split, a, type === "xor" ? "ja" : "", type === "xor" ? "betrag > 5000" : null);
      link(split, b, type === "xor" ? "nein" : "", type === "xor" ? "betrag <= 5000" : null);
      const join = add(type, lane);
      link(a, join);
      link(b, join);
      last = join;
    } else if (r < 0.17) {
      const sub = add("subprocess", lane, { processId: uuid() });
      link(last, sub);
      last = sub;
    } else if (r < 0.2) {
      const ev = add("intermediate", lane);
      link(last, ev);
      last = ev;
    } else if (r < 0.23) {
      const note = add("annotation", null, { width: 120, height: 60 });
      link(note, last);
    } else {
      const t = task(lane);
      link(last, t);
      last = t;
    }
  }
  while (nodes.length < nodeCount - 1) {
    const t = task(pick(lanes).id);
    link(last, t);
    last = t;
  }
  const end = add("end", lanes.at(-1)!.id);
  link(last, end);
  const graph = GraphSchema.parse({ lanes, nodes, edges });
  return GraphSchema.parse(layoutGraph(graph));
}

export async function benchBpmn(): Promise<BenchResult[]> {
  const graph = bpmnBenchGraph(500);
  const meta = { processId: "0190aaaa-0000-7000-8000-000000000001", title: "Bench" };
  const xml = await exportBpmn(graph, meta);
  // The measurement is only worth something if the round trip is exact.
  assert.deepEqual((await importBpmn(xml)).graph, graph);
  const size = `${graph.nodes.length} nodes, ${graph.edges.length} edges, ${
    Math.round(xml.length / 1024)
  } KiB`;
  // Five untimed rounds first: each one exports or imports the whole file.
  const FIVE_WARM_UPS = { warmUp: 5 };
  return [
    await measure(`BPMN export of a 500-node process (${size})`, 50, async () => {
      await exportBpmn(graph, meta);
    }, FIVE_WARM_UPS),
    await measure("BPMN import of the same file", 50, async () => {
      await importBpmn(xml);
    }, FIVE_WARM_UPS),
    await measure("BPMN export + import round trip, 500 nodes", 50, async () => {
      await importBpmn(await exportBpmn(graph, meta));
    }, FIVE_WARM_UPS),
  ];
}

if (import.meta.main) await benchBpmn();
