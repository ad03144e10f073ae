// Lanes only have heights and stack in array order, so growing, shrinking, adding, removing
// or reordering a lane moves every lane below it. Nodes belong to their lane, so they move
// with it (by the change of their lane's top); routes move along when both ends moved by
// the same amount, and are routed afresh when their ends moved apart.
import { laneTops } from "./geometry.ts";
import { mapEdges, mapNodes } from "./graph_update.ts";
import type { Graph, Lane } from "./model.ts";
import { rerouteEdgesById } from "./reroute.ts";

/**
 * The graph with `lanes` in place of its lanes, nodes carried along. Nodes must not refer to
 * lanes missing from `lanes` (deleteLane removes them first); annotations outside any lane
 * stay where they are.
 */
export function withLanes(graph: Graph, lanes: Lane[]): Graph {
  const before = laneTops(graph.lanes), after = laneTops(lanes);
  const shift = new Map<string, number>();
  for (const [id, top] of after) {
    const old = before.get(id);
    if (old !== undefined && old !== top) shift.set(id, top - old);
  }
  let g: Graph = { ...graph, lanes };
  if (!shift.size) return g;
  const dy = new Map<string, number>();
  g = mapNodes(g, (n) => {
    const d = n.laneId === null ? undefined : shift.get(n.laneId);
    if (!d) return n;
    dy.set(n.id, d);
    return { ...n, y: n.y + d };
  });
  const apart: string[] = [];
  g = mapEdges(g, (e) => {
    const a = dy.get(e.from) ?? 0, b = dy.get(e.to) ?? 0;
    if (a !== b) apart.push(e.id);
    if (a !== b || !a) return e;
    return { ...e, waypoints: e.waypoints.map((p) => ({ x: p.x, y: p.y + a })) };
  });
  return rerouteEdgesById(g, apart);
}
