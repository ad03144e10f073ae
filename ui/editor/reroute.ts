// Keeps edge routes in step with the nodes: after a move, resize or reconnect, the edges
// touching the changed nodes get fresh orthogonal routes; every other edge is untouched
// (same object), so the graph stays cheap to copy and to compare.
import { boxOf } from "./geometry.ts";
import type { Edge, Graph, Point } from "./model.ts";
import { GRAPH_LIMITS } from "./model.ts";
import { fallbackRoute, Router } from "./routing.ts";

/** New routes for every edge touching one of `nodeIds`. */
export function rerouteEdges(graph: Graph, nodeIds: Iterable<string>): Graph {
  const ids = new Set(nodeIds);
  if (!ids.size) return graph;
  return rerouteWhere(graph, (e) => ids.has(e.from) || ids.has(e.to));
}

/** New routes for the edges `edgeIds`. */
export function rerouteEdgesById(graph: Graph, edgeIds: Iterable<string>): Graph {
  const ids = new Set(edgeIds);
  if (!ids.size) return graph;
  return rerouteWhere(graph, (e) => ids.has(e.id));
}

/** New routes for all edges (after an import without diagram information, say). */
export function rerouteAllEdges(graph: Graph): Graph {
  return rerouteWhere(graph, () => true);
}

function rerouteWhere(graph: Graph, wanted: (e: Edge) => boolean): Graph {
  let router: Router | null = null;
  let index: Map<string, number> | null = null;
  let edges: Edge[] | null = null;
  graph.edges.forEach((e, k) => {
    if (!wanted(e)) return;
    // Built on first need: most calls route a handful of edges or none.
    index ??= new Map(graph.nodes.map((n, i) => [n.id, i]));
    const from = index.get(e.from), to = index.get(e.to);
    if (from === undefined || to === undefined) return;
    router ??= new Router(graph.nodes.map(boxOf));
    let points = router.route(from, to);
    if (points.length > GRAPH_LIMITS.waypointsPerEdge) {
      points = fallbackRoute(boxOf(graph.nodes[from]), boxOf(graph.nodes[to]));
    }
    if (samePoints(points, e.waypoints)) return;
    edges ??= [...graph.edges];
    edges[k] = { ...e, waypoints: points };
  });
  return edges ? { ...graph, edges } : graph;
}

function samePoints(a: readonly Point[], b: readonly Point[]): boolean {
  return a.length === b.length && a.every((p, i) => p.x === b[i].x && p.y === b[i].y);
}
