// Dragging steps: a press on a step selects it (or keeps the selection it is part of, to
// drag all of it), and a move drags the selected steps. While the pointer moves, the dragged
// nodes and the flows among them only change their transform attributes (nothing
// re-renders), the flows to the rest of the diagram fade and get a routed preview, and the
// lane the primary node will land in is highlighted. `restore` puts every attribute back
// before the one command commits on pointer up.
import { carriedWith } from "../../../plugins/processes/graph_core/structure.ts";
import {
  clickSelect,
  laneBands,
  moveNodes,
  type Point,
  type ProcessNode,
  selectIds,
  type Selection,
} from "../../editor/mod.ts";
import { boxOf, inflate } from "../../editor/geometry.ts";
import { routeOrthogonal } from "../../editor/routing.ts";
import { pathData } from "../diagram/geometry.ts";
import type { Graph } from "../../editor/mod.ts";
import { nodeIndexOf } from "./node_index.ts";
import type { Preview } from "./overlay.ts";
import { dragOffset, laneWidth } from "./placement.ts";
import type { ToolHost } from "./tool_host.ts";

/** Flows dragged along get real routes in the preview up to this many; others a Z shape. */
const ROUTED_PREVIEWS = 6;

export interface NodeDrag {
  kind: "node";
  ids: string[];
  primary: ProcessNode;
  start: Point;
  moving: boolean;
  /** What a click without moving does on pointer up. */
  onClick: Selection | null;
  dx: number;
  dy: number;
  /** The dragged nodes' elements, once the drag has started. */
  view: DraggedNodes | null;
}

/**
 * A press on node `id` at `p`: selects as a click does and returns the drag of the
 * selection, or null on a read-only canvas (where a click only selects).
 */
export function startNodeDrag(
  host: ToolHost,
  id: string,
  p: Point,
  shift: boolean,
): NodeDrag | null {
  const sel = host.selection;
  const g = host.graph;
  let onClick: Selection | null = null;
  if (!sel.ids.has(id)) host.select(clickSelect(sel, id, shift));
  else if (shift) onClick = clickSelect(sel, id, true);
  else if (sel.ids.size > 1 || sel.primary !== id) onClick = selectIds(sel.ids, id);
  if (host.readonly) {
    if (onClick) host.select(onClick);
    return null;
  }
  const now = host.selection;
  const primary = g.nodes.find((n) => n.id === id)!;
  const ids = [id, ...g.nodes.filter((n) => n.id !== id && now.ids.has(n.id)).map((n) => n.id)];
  // An open embedded subprocess carries its inside along (moveNodes does the same).
  for (const sub of ids.filter((i) => g.nodes.some((n) => n.parentId === i))) {
    for (const inner of carriedWith(g.nodes, sub)) if (!ids.includes(inner)) ids.push(inner);
  }
  return { kind: "node", ids, primary, start: p, moving: false, onClick, dx: 0, dy: 0, view: null };
}

export function moveNodeDrag(host: ToolHost, g: NodeDrag, p: Point) {
  const d = dragOffset(boxOf(g.primary), p.x - g.start.x, p.y - g.start.y, host.snap);
  if (d.dx === g.dx && d.dy === g.dy) return;
  g.dx = d.dx;
  g.dy = d.dy;
  g.view ??= new DraggedNodes(host, g.ids, g.primary);
  host.setPreview(g.view.show(d.dx, d.dy));
}

/** A click selects as it was deferred to; a drag moves the nodes in one command. */
export function finishNodeDrag(host: ToolHost, g: NodeDrag) {
  if (!g.moving) {
    if (g.onClick) host.select(g.onClick);
  } else if (g.dx || g.dy) {
    host.execute(moveNodes(g.ids, g.dx, g.dy, { snap: host.snap }));
  }
}

export interface DragHost {
  readonly graph: Graph;
  drawn(kind: "node" | "edge", id: string): Element | null;
}

export class DraggedNodes {
  readonly #moving: Set<string>;
  readonly #primary: ProcessNode;
  #nodes: { el: Element; original: string | null; x: number; y: number }[] = [];
  #inner: Element[] = [];
  #crossing: { id: string; el: Element | null }[] = [];
  /** What each frame needs of the whole graph, worked out once (it does not change meanwhile). */
  readonly #whole: {
    bands: ReturnType<typeof laneBands>;
    width: number;
    byId: Map<string, ProcessNode>;
    edges: Map<string, Graph["edges"][number]>;
    index: ReturnType<typeof nodeIndexOf>;
  };

  constructor(host: DragHost, ids: readonly string[], primary: ProcessNode) {
    const graph = host.graph;
    const moving = this.#moving = new Set(ids);
    this.#primary = primary;
    this.#whole = {
      bands: laneBands(graph.lanes),
      width: laneWidth(graph),
      byId: new Map(graph.nodes.map((n) => [n.id, n])),
      edges: new Map(graph.edges.map((e) => [e.id, e])),
      index: nodeIndexOf(graph.nodes),
    };
    for (const n of graph.nodes) {
      if (!moving.has(n.id)) continue;
      const el = host.drawn("node", n.id);
      if (el) this.#nodes.push({ el, original: el.getAttribute("transform"), x: n.x, y: n.y });
    }
    for (const e of graph.edges) {
      const a = moving.has(e.from), b = moving.has(e.to);
      if (!a && !b) continue;
      const el = host.drawn("edge", e.id);
      if (a && b) {
        if (el) this.#inner.push(el);
      } else {
        el?.classList.add("stale");
        this.#crossing.push({ id: e.id, el });
      }
    }
  }

  /** Shows the nodes moved by (dx, dy); returns the preview to draw. */
  show(dx: number, dy: number): Preview {
    for (const { el, x, y } of this.#nodes) {
      el.setAttribute("transform", `translate(${x + dx} ${y + dy})`);
    }
    for (const el of this.#inner) el.setAttribute("transform", `translate(${dx} ${dy})`);
    const p = this.#primary, w = this.#whole;
    const cy = p.y + dy + p.height / 2;
    const band = w.bands.find((b) => cy >= b.top && cy < b.bottom);
    const lane = band ? { x: 0, y: band.top, width: w.width, height: band.lane.size } : null;
    return { kind: "move", dx, dy, lane, routes: this.#routes(dx, dy) };
  }

  /** Puts every attribute back as the last render left it. */
  restore() {
    for (const { el, original } of this.#nodes) {
      if (original === null) el.removeAttribute("transform");
      else el.setAttribute("transform", original);
    }
    for (const el of this.#inner) el.removeAttribute("transform");
    for (const { el } of this.#crossing) el?.classList.remove("stale");
  }

  #routes(dx: number, dy: number): string[] {
    if (!this.#crossing.length) return [];
    const moving = this.#moving, { byId, edges, index } = this.#whole;
    const placed = (n: ProcessNode) =>
      moving.has(n.id) ? { ...boxOf(n), x: n.x + dx, y: n.y + dy } : boxOf(n);
    return this.#crossing.map(({ id }, k) => {
      const e = edges.get(id)!;
      const a = placed(byId.get(e.from)!), b = placed(byId.get(e.to)!);
      if (k >= ROUTED_PREVIEWS) return pathData(zRoute(a, b));
      const x = Math.min(a.x, b.x), y = Math.min(a.y, b.y);
      const area = inflate({
        x,
        y,
        width: Math.max(a.x + a.width, b.x + b.width) - x,
        height: Math.max(a.y + a.height, b.y + b.height) - y,
      }, 60);
      const obstacles = index.within(area)
        .filter((n) => !moving.has(n.id) && n.id !== e.from && n.id !== e.to).map(boxOf);
      return pathData(routeOrthogonal(a, b, obstacles));
    });
  }
}

/** A cheap Z-shaped route for previews of many flows. */
function zRoute(a: ReturnType<typeof boxOf>, b: ReturnType<typeof boxOf>): Point[] {
  const s = { x: a.x + a.width, y: a.y + a.height / 2 };
  const t = { x: b.x, y: b.y + b.height / 2 };
  const mx = (s.x + t.x) / 2;
  return [s, { x: mx, y: s.y }, { x: mx, y: t.y }, t];
}
