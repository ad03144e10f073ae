// When the file has no usable diagram: auto-layout of the top level (layout.ts) and a simple
// grid inside each embedded subprocess, which is then drawn closed (its inside is shown by
// opening it). If auto-layout fails, a deterministic grid places everything.
import { firstLine } from "./bpmn_read.ts";
import type { ImportContext } from "./bpmn_context.ts";
import { POOL_HEADER } from "./bpmn_export.ts";
import { type Graph, GraphSchema, type ProcessNode } from "./graph_schema.ts";
import { layoutGraph } from "./layout.ts";

const DEFAULT_LANE_SIZE = 160;

/** The graph laid out anew; the report says how. */
export function layoutImported(ctx: ImportContext, graph: Graph): Graph {
  const nested = graph.nodes.filter((n) => n.parentId);
  const top: Graph = nested.length ? topLevel(graph) : graph;
  let laid: Graph;
  try {
    laid = GraphSchema.parse(layoutGraph(top));
    ctx.report.layout = "auto";
  } catch (e) {
    ctx.warn(
      "grid-layout",
      `Auto-layout was not available (${firstLine(e)}); the nodes were placed on a simple grid.`,
    );
    ctx.report.layout = "grid";
    laid = gridLayout(top);
  }
  if (nested.length) laid = withInsides(graph, laid);
  return inOrderOf(graph, laid);
}

function topLevel(graph: Graph): Graph {
  const nodes = graph.nodes.filter((n) => !n.parentId);
  const ids = new Set(nodes.map((n) => n.id));
  return { ...graph, nodes, edges: graph.edges.filter((e) => ids.has(e.from) && ids.has(e.to)) };
}

/** Each embedded subprocess closed, its inside on a grid of its own (one row band). */
function withInsides(graph: Graph, laid: Graph): Graph {
  const nodes: ProcessNode[] = laid.nodes.map((n) => n.embedded ? { ...n, collapsed: true } : n);
  const edges = [...laid.edges];
  const parents = new Set(graph.nodes.flatMap((n) => n.parentId ? [n.parentId] : []));
  for (const parent of parents) {
    const inside = graph.nodes.filter((n) => n.parentId === parent);
    const ids = new Set(inside.map((n) => n.id));
    const own = graph.edges.filter((e) => ids.has(e.from) && ids.has(e.to));
    const band = { id: "inside", name: "inside", positionId: null, orgUnitId: null, size: 160 };
    const grid = gridLayout({
      ...graph,
      lanes: [band],
      nodes: inside.map((n) => ({ ...n, laneId: n.type === "annotation" ? null : band.id })),
      edges: own,
    });
    for (const n of grid.nodes) {
      const original = inside.find((o) => o.id === n.id)!;
      nodes.push({
        ...n,
        laneId: original.laneId,
        ...(n.embedded ? { collapsed: true } : {}),
      });
    }
    edges.push(...grid.edges);
  }
  // Associations between levels: drawn straight.
  const placed = new Set(edges.map((e) => e.id));
  for (const e of graph.edges) if (!placed.has(e.id)) edges.push({ ...e, waypoints: [] });
  return { ...laid, nodes, edges };
}

/** `laid` with lanes, nodes and edges in the order `original` has them (the file's order). */
function inOrderOf(original: Graph, laid: Graph): Graph {
  const order = <T extends { id: string }>(before: T[], after: T[]) => {
    const byId = new Map(after.map((x) => [x.id, x]));
    return before.map((x) => byId.get(x.id) ?? x);
  };
  return {
    ...laid,
    lanes: order(original.lanes, laid.lanes),
    nodes: order(original.nodes, laid.nodes),
    edges: order(original.edges, laid.edges),
  };
}

/**
 * A simple deterministic placement when auto-layout is unavailable: columns by distance
 * from the start events along the edges, one row band per lane, annotations above their
 * neighbour.
 */
export function gridLayout(graph: Graph): Graph {
  const depth = new Map<string, number>();
  const out = new Map<string, string[]>();
  for (const e of graph.edges) out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
  const flowNodes = graph.nodes.filter((n) => n.type !== "annotation");
  const incoming = new Set(graph.edges.map((e) => e.to));
  const queue = flowNodes.filter((n) => n.type === "start" || !incoming.has(n.id)).map((n) => n.id);
  for (const id of queue) depth.set(id, 0);
  for (let i = 0; i < queue.length; i++) {
    for (const next of out.get(queue[i]) ?? []) {
      if (!depth.has(next)) {
        depth.set(next, depth.get(queue[i])! + 1);
        queue.push(next);
      }
    }
  }
  let maxDepth = Math.max(0, ...depth.values());
  for (const n of flowNodes) if (!depth.has(n.id)) depth.set(n.id, ++maxDepth);

  const COLUMN = 160;
  const ROW = 110;
  const lanes = graph.lanes.map((l) => ({ ...l }));
  const slots = new Map<string, number>(); // lane|column → nodes stacked there
  const rowsOf = new Map<string, number>();
  for (const n of flowNodes) {
    const key = `${n.laneId}|${depth.get(n.id)}`;
    const row = slots.get(key) ?? 0;
    slots.set(key, row + 1);
    rowsOf.set(n.id, row);
  }
  const laneRows = new Map<string, number>();
  for (const [key, count] of slots) {
    const lane = key.split("|")[0];
    laneRows.set(lane, Math.max(laneRows.get(lane) ?? 1, count));
  }
  const laneTop = new Map<string, number>();
  let top = 0;
  for (const lane of lanes) {
    lane.size = Math.max(DEFAULT_LANE_SIZE, (laneRows.get(lane.id) ?? 1) * ROW + 50);
    laneTop.set(lane.id, top);
    top += lane.size;
  }
  const placed = new Map<string, ProcessNode>();
  const nodes = graph.nodes.map((n) => {
    if (n.type === "annotation") return n;
    const col = depth.get(n.id)!;
    const rows = slots.get(`${n.laneId}|${col}`)!;
    const lane = lanes.find((l) => l.id === n.laneId);
    const bandTop = (laneTop.get(n.laneId ?? "") ?? 0) +
      ((lane?.size ?? DEFAULT_LANE_SIZE) - rows * ROW) / 2;
    const node = {
      ...n,
      x: POOL_HEADER + 50 + col * COLUMN + (100 - n.width) / 2,
      y: bandTop + rowsOf.get(n.id)! * ROW + (ROW - n.height) / 2,
    };
    placed.set(n.id, node);
    return node;
  });
  let free = 0;
  const final = nodes.map((n) => {
    if (n.type !== "annotation") return n;
    const neighbourId = graph.edges.find((e) => e.from === n.id)?.to ??
      graph.edges.find((e) => e.to === n.id)?.from;
    const neighbour = neighbourId ? placed.get(neighbourId) : undefined;
    if (neighbour) {
      return { ...n, x: neighbour.x + neighbour.width / 2, y: neighbour.y - n.height - 30 };
    }
    return { ...n, x: POOL_HEADER + 50 + (free++) * COLUMN, y: -n.height - 30 };
  });
  return {
    ...graph,
    lanes,
    nodes: final,
    edges: graph.edges.map((e) => ({ ...e, waypoints: [] })),
  };
}
