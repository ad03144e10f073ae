// Where the keyboard focus and the view go on the canvas: the one element that takes Tab (a
// roving tab stop that survives undo and deletion), the area to scroll into view for an
// element, and the lane a new step goes to. Pure functions of the graph and selection.
import type { Box, Selection } from "../../editor/mod.ts";
import type { Derived } from "./derived.ts";

/** The tab stop if it still exists, else the primary selection, else the first lane or step. */
export function effectiveTabStop(
  d: Derived,
  tabStop: string | null,
  selection: Selection,
): string | null {
  const g = d.graph;
  const exists = (id: string | null) =>
    !!id && (d.byId.has(id) || d.laneNames.has(id) || g.edges.some((e) => e.id === id));
  if (exists(tabStop)) return tabStop;
  if (exists(selection.primary)) return selection.primary;
  return g.lanes[0]?.id ?? g.nodes[0]?.id ?? null;
}

/** What an id names: a node, a flow, or (anything else) a lane. */
export function elementKind(d: Derived, id: string): "node" | "edge" | "lane" {
  const g = d.graph;
  return g.nodes.some((n) => n.id === id)
    ? "node"
    : g.edges.some((e) => e.id === id)
    ? "edge"
    : "lane";
}

/** The area to bring into view for a node, lane (its header) or flow (its middle); or null. */
export function revealBox(d: Derived, id: string): Box | null {
  const g = d.graph;
  const n = d.byId.get(id);
  if (n) return n;
  const lane = g.lanes.findIndex((l) => l.id === id);
  if (lane >= 0) {
    const top = g.lanes.slice(0, lane).reduce((s, l) => s + l.size, 0);
    return { x: 0, y: top, width: 200, height: g.lanes[lane].size };
  }
  const e = g.edges.find((x) => x.id === id);
  const p = e?.waypoints[Math.floor(e.waypoints.length / 2)];
  return p ? { x: p.x - 20, y: p.y - 20, width: 40, height: 40 } : null;
}

/** The lane a new step goes to: the selected lane, the lane of the selection, the first. */
export function targetLane(d: Derived, sel: Selection, tabStop: string | null): string | null {
  const g = d.graph;
  const lane = g.lanes.find((l) => sel.ids.has(l.id));
  if (lane) return lane.id;
  const node = sel.primary ? d.byId.get(sel.primary) : undefined;
  if (node?.laneId) return node.laneId;
  const focused = tabStop ? g.lanes.find((l) => l.id === tabStop) : undefined;
  return focused?.id ?? g.lanes[0]?.id ?? null;
}
