// Auto-layout and validation of generated process graphs (issue: "Auto-layout of a 500-node
// process < 200 ms"). Pure computation, no database: bench/main.ts adds the rows it returns.
// `deno run -A bench/processes_layout.ts` prints them on their own.
import type { Edge, Graph, NodeType, ProcessNode } from "../plugins/processes/graph_schema.ts";
import { validateGraph } from "../plugins/processes/graph_validate.ts";
import { layoutGraph } from "../plugins/processes/layout.ts";
import { type BenchResult, measure } from "./stats.ts";

/** A small seeded PRNG (mulberry32), so generated graphs are the same on every run. */
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
 * A process of about `nodeCount` nodes over `laneCount` lanes that looks like a real one:
 * chains of tasks moving between lanes, exclusive and parallel splits with merges, rework
 * loops back to earlier steps, annotations; one start, one end. Positions are scrambled.
 */
export function generateProcessGraph(nodeCount: number, laneCount = 6, seed = 1): Graph {
  const rnd = random(seed);
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
  const lanes = Array.from({ length: laneCount }, (_, i) => ({
    id: `lane_${i + 1}`,
    name: `Role ${i + 1}`,
    positionId: null,
    orgUnitId: null,
    size: 160,
  }));
  const nodes: ProcessNode[] = [];
  const edges: Edge[] = [];
  const position = () =>
    `00000000-0000-4000-8000-${String(Math.floor(rnd() * 1e12)).padStart(12, "0")}`;
  const node = (type: NodeType, lane: string | null): string => {
    const id = `n${String(nodes.length + 1).padStart(4, "0")}`;
    nodes.push({
      id,
      type,
      label: `${type} ${nodes.length + 1}`,
      laneId: lane,
      x: Math.floor(rnd() * 5000),
      y: Math.floor(rnd() * 800),
      width: 10,
      height: 10,
      ...(type === "task"
        ? { raci: { responsible: [position()], accountable: [], consulted: [], informed: [] } }
        : {}),
    });
    return id;
  };
  const edge = (from: string, to: string, condition: string | null = null) => {
    edges.push({
      id: `e${String(edges.length + 1).padStart(4, "0")}`,
      from,
      to,
      label: condition ?? "",
      condition,
      waypoints: [],
    });
  };
  const laneOf = (id: string) => nodes.find((n) => n.id === id)!.laneId!;
  const move = (from: string) => rnd() < 0.6 ? laneOf(from) : pick(lanes).id;

  let current = node("start", lanes[0].id);
  const history: string[] = [];
  const budget = nodeCount - 1; // room for the end event
  while (nodes.length < budget) {
    const left = budget - nodes.length;
    const r = rnd();
    if (r < 0.55 || left < 8) {
      const task = node("task", move(current));
      edge(current, task);
      history.push(task);
      current = task;
      if (rnd() < 0.05 && nodes.length < budget) {
        const note = node("annotation", null);
        edge(task, note);
      }
    } else if (r < 0.85) {
      const type: NodeType = r < 0.72 ? "xor" : "and";
      const split = node(type, laneOf(current));
      edge(current, split);
      const branches = 2 + Math.floor(rnd() * 2);
      const ends: string[] = [];
      for (let b = 0; b < branches; b++) {
        let prev = split;
        const length = 1 + Math.floor(rnd() * 3);
        for (let k = 0; k < length; k++) {
          const task = node("task", k === 0 ? pick(lanes).id : move(prev));
          edge(prev, task, prev === split && type === "xor" ? `case ${b + 1}` : null);
          history.push(task);
          prev = task;
        }
        ends.push(prev);
      }
      const merge = node(type, move(ends[0]));
      for (const e of ends) edge(e, merge);
      current = merge;
    } else {
      const check = node("task", move(current));
      edge(current, check);
      const decide = node("xor", laneOf(check));
      edge(check, decide);
      const back = history.length
        ? history[Math.max(0, history.length - 1 - Math.floor(rnd() * 6))]
        : check;
      edge(decide, back, "rework");
      history.push(check);
      const next = node("task", move(decide));
      edge(decide, next, "accepted");
      current = next;
    }
  }
  edge(current, node("end", move(current)));
  return { schemaVersion: 1, lanes, nodes, edges };
}

/** Layout and validation timings over generated graphs (ms). */
export async function benchLayout(): Promise<BenchResult[]> {
  const g500 = generateProcessGraph(500, 6, 500);
  const g2000 = generateProcessGraph(2000, 10, 2000);
  const none = { existing: () => Promise.resolve(new Set<string>()) };
  return [
    await measure(
      `Auto-layout of a 500-node process (${g500.edges.length} edges, 6 lanes)`,
      100,
      () => layoutGraph(g500),
    ),
    await measure(
      `Auto-layout of a 2,000-node process (${g2000.edges.length} edges, 10 lanes)`,
      20,
      () => layoutGraph(g2000),
    ),
    await measure(
      "Validation of a 2,000-node process (lookups answered at once)",
      50,
      () => validateGraph(g2000, none),
    ),
  ];
}

if (import.meta.main) {
  for (const r of await benchLayout()) {
    console.log(
      `${r.name}: p50 ${r.p50.toFixed(2)} ms, p95 ${r.p95.toFixed(2)} ms, max ${
        r.max.toFixed(2)
      } ms (n=${r.n})`,
    );
  }
}
