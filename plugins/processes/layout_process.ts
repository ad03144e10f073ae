// Auto-layout of a process with embedded subprocesses: layout.ts lays out the top level (at
// standard sizes); each open subprocess is then shown closed, its inside kept as it was
// arranged and moved to the top left of its own plane (drill-down shows it), so nothing
// inside is scattered across the lanes.
import type { Graph, ProcessNode } from "./graph_schema.ts";
import { layoutGraph } from "./layout.ts";

export function layoutProcess(g: Graph): Graph {
  if (!g.nodes.some((n) => n.parentId)) return layoutGraph(g);
  const topIds = new Set(g.nodes.filter((n) => !n.parentId).map((n) => n.id));
  const top = layoutGraph({
    ...g,
    nodes: g.nodes.filter((n) => topIds.has(n.id)),
    edges: g.edges.filter((e) => topIds.has(e.from) && topIds.has(e.to)),
  });
  const laid = new Map(top.nodes.map((n) => [n.id, n]));
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  // Insides drawn in the main plane (of open subprocesses) move to the subprocess's plane.
  const shift = new Map<string, { dx: number; dy: number }>();
  for (const sub of g.nodes.filter((n) => n.embedded && !n.collapsed && !n.parentId)) {
    const inside = g.nodes.filter((n) =>
      descends(byId, n, sub.id) && !behindClosed(byId, n, sub.id)
    );
    if (!inside.length) continue;
    const dx = 60 - Math.min(...inside.map((n) => n.x));
    const dy = 40 - Math.min(...inside.map((n) => n.y));
    for (const n of inside) shift.set(n.id, { dx, dy });
  }
  const nodes: ProcessNode[] = g.nodes.map((n) => {
    const placed = laid.get(n.id);
    if (placed) return n.embedded && !n.collapsed ? { ...placed, collapsed: true } : placed;
    const d = shift.get(n.id);
    return d ? { ...n, x: n.x + d.dx, y: n.y + d.dy } : n;
  });
  const laidEdges = new Map(top.edges.map((e) => [e.id, e]));
  const edges = g.edges.map((e) => {
    const placed = laidEdges.get(e.id);
    if (placed) return placed;
    const d = shift.get(e.from);
    if (d && shift.has(e.to)) {
      return { ...e, waypoints: e.waypoints.map((p) => ({ x: p.x + d.dx, y: p.y + d.dy })) };
    }
    return { ...e, waypoints: [] };
  });
  return { ...top, nodes, edges };
}

function descends(byId: Map<string, ProcessNode>, n: ProcessNode, ancestor: string): boolean {
  for (let at = byId.get(n.parentId ?? ""); at; at = byId.get(at.parentId ?? "")) {
    if (at.id === ancestor) return true;
  }
  return false;
}

/** Some subprocess between `n` and `ancestor` is closed: `n` is on that one's plane. */
function behindClosed(byId: Map<string, ProcessNode>, n: ProcessNode, ancestor: string): boolean {
  for (
    let at = byId.get(n.parentId ?? "");
    at && at.id !== ancestor;
    at = byId.get(at.parentId ?? "")
  ) {
    if (at.collapsed) return true;
  }
  return false;
}
