// The keyboard on the canvas. Focus moves like in the viewer (arrow keys to the nearest
// step that way, lane headers up and down, Home/End), Enter or Space selects (Shift: adds),
// arrow keys move the selected steps when the focused one is selected (Alt+arrow keys move
// the focus instead), F2 renames, Delete deletes, Ctrl+A selects all, Ctrl+C/X/V copy, cut
// and paste, Escape cancels a drag or clears the selection, Alt+Enter asks for the
// properties, Ctrl+Right/Left go from a step to its flows and from a flow to its ends.
// Undo and redo belong to the container and are left alone.
import {
  clickSelect,
  type Command,
  type Graph,
  GRID_SIZE,
  moveNodes,
  nodeIdsPrimaryFirst,
  type ProcessNode,
  selectIds,
  type Selection,
} from "../../editor/mod.ts";
import { type Direction, nearestInDirection, readingOrder } from "../diagram/geometry.ts";

export interface KeyHost {
  readonly graph: Graph;
  readonly selection: Selection;
  readonly readonly: boolean;
  readonly snap: boolean;
  select(sel: Selection): void;
  focusElement(id: string): void;
  execute(command: Command): boolean;
  edit(id: string): void;
  deleteSelection(): void;
  copySelection(): void;
  cutSelection(): void;
  paste(): void;
  requestProperties(id: string): void;
  cancelGesture(): boolean;
  zoomKey(e: KeyboardEvent): boolean;
}

const DIRECTIONS: Record<string, Direction> = {
  ArrowLeft: "left",
  ArrowRight: "right",
  ArrowUp: "up",
  ArrowDown: "down",
};

/** The element a key event is about: the node, flow or lane header it came from. */
export function elementOf(e: Event): { kind: "node" | "edge" | "lane"; id: string } | null {
  for (const target of e.composedPath()) {
    const t = target as Element;
    if (typeof t.getAttribute !== "function") continue;
    const node = t.getAttribute("data-node-id");
    if (node) return { kind: "node", id: node };
    const edge = t.getAttribute("data-edge-id");
    if (edge) return { kind: "edge", id: edge };
    const lane = t.getAttribute("data-lane-header");
    if (lane) return { kind: "lane", id: lane };
    if (t.localName === "svg") break;
  }
  return null;
}

/** Handles a key on the canvas; returns whether it was used (the caller prevents default). */
export function handleKey(host: KeyHost, e: KeyboardEvent): boolean {
  const g = host.graph;
  const at = elementOf(e);
  const ctrl = e.ctrlKey || e.metaKey;
  const editable = !host.readonly;
  if (ctrl && !e.altKey) {
    switch (e.key.toLowerCase()) {
      case "a":
        host.select(selectIds([...g.nodes.map((n) => n.id), ...g.edges.map((x) => x.id)]));
        return true;
      case "c":
        host.copySelection();
        return true;
      case "x":
        if (editable) host.cutSelection();
        return editable;
      case "v":
        if (editable) host.paste();
        return editable;
    }
  }
  switch (e.key) {
    case "Escape":
      if (host.cancelGesture()) return true;
      if (!host.selection.ids.size) return false;
      host.select(selectIds([]));
      return true;
    case "Enter":
    case " ":
      if (!at) return false;
      if (e.key === "Enter" && e.altKey) {
        if (at.kind === "node") host.requestProperties(at.id);
        return at.kind === "node";
      }
      host.select(clickSelect(host.selection, at.id, e.shiftKey));
      return true;
    case "F2": {
      const id = at?.id ?? host.selection.primary;
      if (!id || !editable) return false;
      host.edit(id);
      return true;
    }
    case "Delete":
    case "Backspace":
      if (!editable || !host.selection.ids.size) return false;
      host.deleteSelection();
      return true;
    case "Home":
    case "End": {
      const order = readingOrder(g);
      const n = e.key === "Home" ? order[0] : order.at(-1);
      if (n) host.focusElement(n.id);
      return !!n;
    }
  }
  const dir = DIRECTIONS[e.key];
  if (!dir) return host.zoomKey(e);
  if (ctrl) return flowKeys(host, at, dir);
  if (!at) return host.zoomKey(e);
  if (at.kind === "node") {
    const node = g.nodes.find((n) => n.id === at.id);
    if (!node) return false;
    if (editable && !e.altKey && host.selection.ids.has(node.id)) {
      return nudge(host, dir, e.shiftKey);
    }
    const next = nearestInDirection(g.nodes, node, dir);
    if (next) host.focusElement(next.id);
    else if (dir === "left" && node.laneId) host.focusElement(node.laneId);
    return true;
  }
  if (at.kind === "lane") {
    const i = g.lanes.findIndex((l) => l.id === at.id);
    if (dir === "up" && i > 0) host.focusElement(g.lanes[i - 1].id);
    if (dir === "down" && i < g.lanes.length - 1) host.focusElement(g.lanes[i + 1].id);
    if (dir === "right") {
      const first = readingOrder(g).find((n) => n.laneId === at.id);
      if (first) host.focusElement(first.id);
    }
    return true;
  }
  // On a flow: up/down go through the flows of the same step.
  const edge = g.edges.find((x) => x.id === at.id);
  if (!edge) return false;
  const siblings = g.edges.filter((x) => x.from === edge.from);
  const k = siblings.indexOf(edge) + (dir === "down" || dir === "right" ? 1 : -1);
  const next = siblings[(k + siblings.length) % siblings.length];
  if (next) host.focusElement(next.id);
  return true;
}

function nudge(host: KeyHost, dir: Direction, big: boolean): boolean {
  const g = host.graph;
  const ids = nodeIdsPrimaryFirst(host.selection, g);
  if (!ids.length) return false;
  const step = (host.snap ? GRID_SIZE : 1) * (big ? 10 : 1);
  const [dx, dy] = { left: [-step, 0], right: [step, 0], up: [0, -step], down: [0, step] }[dir];
  host.execute(moveNodes(ids, dx, dy));
  return true;
}

/** Ctrl+arrows: from a step to its outgoing (right) or incoming (left) flow and back. */
function flowKeys(
  host: KeyHost,
  at: ReturnType<typeof elementOf>,
  dir: Direction,
): boolean {
  if (!at || (dir !== "left" && dir !== "right")) return false;
  const g = host.graph;
  if (at.kind === "node") {
    const flow = g.edges.find((x) => dir === "right" ? x.from === at.id : x.to === at.id);
    if (flow) host.focusElement(flow.id);
    return true;
  }
  if (at.kind === "edge") {
    const flow = g.edges.find((x) => x.id === at.id);
    const end: ProcessNode | undefined = flow &&
      g.nodes.find((n) => n.id === (dir === "right" ? flow.to : flow.from));
    if (end) host.focusElement(end.id);
    return true;
  }
  return false;
}
