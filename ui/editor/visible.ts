// What the canvas shows of a graph: the main plane (without the inside of closed
// subprocesses), or, opened (drilled down), the inside of one closed subprocess on its own
// plane, without lanes. Commands still run on the whole graph; they address elements by id.
// Memoized per graph value, so an unchanged graph gives the identical view.
import { planeOf } from "../../plugins/processes/graph_core/structure.ts";
import type { Graph } from "./model.ts";

const views = new WeakMap<Graph, Map<string, Graph>>();

/** The graph as drawn on the plane of `scope` (null: the main plane). */
export function visibleGraph(g: Graph, scope: string | null = null): Graph {
  if (scope === null && !g.nodes.some((n) => n.collapsed)) return g;
  const key = scope ?? "";
  const known = views.get(g)?.get(key);
  if (known) return known;
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  const nodes = g.nodes.filter((n) => planeOf(byId, n) === scope);
  const ids = new Set(nodes.map((n) => n.id));
  const edges = g.edges.filter((e) => ids.has(e.from) && ids.has(e.to));
  const view: Graph = {
    ...g,
    lanes: scope === null ? g.lanes : [],
    nodes: nodes.length === g.nodes.length ? g.nodes : nodes,
    edges: edges.length === g.edges.length ? g.edges : edges,
  };
  if (!views.has(g)) views.set(g, new Map());
  views.get(g)!.set(key, view);
  return view;
}

/** Whether the node lies on a closed subprocess's own plane (not on the main one). */
export function onOwnPlane(g: Graph, id: string): boolean {
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  const node = byId.get(id);
  return !!node && planeOf(byId, node) !== null;
}
