// The pointer on the canvas: one gesture at a time, chosen by what the pointer went down on
// (resize handle, flow end, connection handle, lane border, lane header, node, flow, empty
// space) or how (middle button or Space: pan; two touches: pinch). Moves are handled once
// per animation frame; a node drag only changes the transform attributes of the dragged
// nodes and of the flows inside the group, and the one command runs on pointer up. No
// layout is read while the pointer moves: the canvas' position is read once per gesture.
import {
  addEdge,
  boxFromCorners,
  clickSelect,
  type Command,
  connectRefusal,
  edgeAt,
  type Graph,
  type HandleKind,
  laneBands,
  type Point,
  type ProcessNode,
  reconnectEdge,
  reorderLane,
  resizeByHandle,
  resizeLane,
  resizeNode,
  rubberBandSelect,
  selectIds,
  type Selection,
} from "../../editor/mod.ts";
import { minLaneSize, moveNodes } from "../../editor/mod.ts";
import { boxOf, inflate } from "../../editor/geometry.ts";
import { snapResizedBox, snapToGrid } from "../../editor/snap.ts";
import { routeOrthogonal } from "../../editor/routing.ts";
import { pathData } from "../diagram/geometry.ts";
import type { ViewportController } from "../diagram/viewport.ts";
import { t } from "../../lib/i18n.ts";
import { DraggedNodes } from "./node_drag.ts";
import { nodeIndexOf } from "./node_index.ts";
import type { Preview } from "./overlay.ts";
import { dragOffset, laneDropIndex, laneWidth } from "./placement.ts";

const DRAG_THRESHOLD = 3;
/** How near (in screen pixels) a press must be to a flow to pick it. */
export const EDGE_TOLERANCE = 6;

export interface ToolHost {
  readonly graph: Graph;
  readonly readonly: boolean;
  readonly snap: boolean;
  readonly selection: Selection;
  readonly viewport: ViewportController;
  readonly spaceDown: boolean;
  /** The element the pointer works on (captures the pointer during drags). */
  readonly surface: HTMLElement;
  select(sel: Selection): void;
  /** Runs a command; a refusal is reported by the host. */
  execute(command: Command): boolean;
  /** Ends the undo burst: the next drag or nudge is an undo step of its own. */
  endBurst(): void;
  setPreview(p: Preview | null): void;
  /** The drawn element of a node or edge. */
  drawn(kind: "node" | "edge", id: string): SVGGraphicsElement | null;
}

interface NodeDrag {
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

type Gesture =
  | { kind: "pan"; x: number; y: number }
  | NodeDrag
  | { kind: "band"; start: Point; shift: boolean; moving: boolean }
  | {
    kind: "resize";
    node: ProcessNode;
    handle: HandleKind;
    start: Point;
    box?: ReturnType<typeof boxOf>;
  }
  | {
    kind: "connect";
    from: string;
    edge?: { id: string; end: "from" | "to" };
    start: Point;
    target: ProcessNode | null;
  }
  | { kind: "lane-size"; laneId: string; top: number; start: Point; size: number; min: number }
  | { kind: "lane-head"; laneId: string; start: Point; moving: boolean; index: number };

export class PointerTool {
  #gesture: Gesture | null = null;
  #pointerId = -1;
  #rect: DOMRect | null = null;
  #last: PointerEvent | null = null;
  #frame = 0;
  /** Touch pointers down, for pinch zoom. */
  #touches = new Map<number, Point>();
  #pinch: { distance: number; scale: number } | null = null;

  constructor(private host: ToolHost) {}

  get active(): boolean {
    return this.#gesture !== null;
  }

  /** Where a client point lies in diagram units (the canvas rect read at gesture start). */
  toDiagram(clientX: number, clientY: number): Point {
    const r = this.#rect ?? this.host.surface.getBoundingClientRect();
    const vp = this.host.viewport;
    return { x: (clientX - r.left - vp.x) / vp.scale, y: (clientY - r.top - vp.y) / vp.scale };
  }

  onPointerDown = (e: PointerEvent) => {
    if (e.pointerType === "touch") {
      this.#touches.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (this.#touches.size === 2) {
        this.cancel();
        const [a, b] = [...this.#touches.values()];
        this.#pinch = {
          distance: Math.hypot(a.x - b.x, a.y - b.y),
          scale: this.host.viewport.scale,
        };
        this.#rect = this.host.surface.getBoundingClientRect();
        return;
      }
    }
    if (this.#gesture || this.#pinch) return;
    const target = e.composedPath()[0] as Element;
    if (target.closest?.("input, textarea, button, .controls, .minimap, .popover")) return;
    this.#rect = this.host.surface.getBoundingClientRect();
    this.#pointerId = e.pointerId;
    if (e.button === 1 || (e.button === 0 && this.host.spaceDown)) {
      e.preventDefault();
      this.#begin({ kind: "pan", x: e.clientX, y: e.clientY }, e, true);
      return;
    }
    if (e.button !== 0) return;
    const p = this.toDiagram(e.clientX, e.clientY);
    const g = this.host.graph;
    const sel = this.host.selection;
    const ro = this.host.readonly;
    const hit = (attr: string) => target.closest?.(`[${attr}]`)?.getAttribute(attr) ?? null;
    const handle = hit("data-handle") as HandleKind | null;
    if (handle && !ro && sel.primary) {
      const node = g.nodes.find((n) => n.id === sel.primary);
      if (node) return this.#begin({ kind: "resize", node, handle, start: p }, e, true);
    }
    const end = hit("data-edge-end") as "from" | "to" | null;
    if (end && !ro && sel.primary) {
      const edge = g.edges.find((x) => x.id === sel.primary);
      if (edge) {
        const from = end === "from" ? edge.to : edge.from;
        const gesture = {
          kind: "connect",
          from,
          edge: { id: edge.id, end },
          start: p,
          target: null,
        };
        return this.#begin(gesture as Gesture, e, true);
      }
    }
    const connect = hit("data-connect");
    if (connect && !ro) {
      return this.#begin({ kind: "connect", from: connect, start: p, target: null }, e, true);
    }
    const border = hit("data-lane-border");
    if (border && !ro) {
      const band = laneBands(g.lanes).find((b) => b.lane.id === border)!;
      const min = minLaneSize(g, border);
      const gesture = {
        kind: "lane-size",
        laneId: border,
        top: band.top,
        start: p,
        size: band.lane.size,
        min,
      };
      return this.#begin(gesture as Gesture, e, true);
    }
    const header = hit("data-lane-header");
    if (header) {
      this.host.select(clickSelect(sel, header, e.shiftKey));
      if (ro) return;
      return this.#begin(
        { kind: "lane-head", laneId: header, start: p, moving: false, index: -1 },
        e,
      );
    }
    const nodeId = hit("data-node-id");
    if (nodeId) return this.#nodeDown(nodeId, p, e);
    const edgeId = hit("data-edge-id");
    if (edgeId) {
      this.host.select(clickSelect(sel, edgeId, e.shiftKey));
      return;
    }
    // Flows are thin lines: a press near one selects it.
    const near = edgeAt(g, p, EDGE_TOLERANCE / this.host.viewport.scale);
    if (near) {
      this.host.select(clickSelect(sel, near.id, e.shiftKey));
      return;
    }
    this.#begin({ kind: "band", start: p, shift: e.shiftKey, moving: false }, e);
  };

  #nodeDown(id: string, p: Point, e: PointerEvent) {
    const sel = this.host.selection;
    const g = this.host.graph;
    let onClick: Selection | null = null;
    if (!sel.ids.has(id)) this.host.select(clickSelect(sel, id, e.shiftKey));
    else if (e.shiftKey) onClick = clickSelect(sel, id, true);
    else if (sel.ids.size > 1 || sel.primary !== id) onClick = selectIds(sel.ids, id);
    if (this.host.readonly) {
      if (onClick) this.host.select(onClick);
      return;
    }
    const now = this.host.selection;
    const primary = g.nodes.find((n) => n.id === id)!;
    const ids = [id, ...g.nodes.filter((n) => n.id !== id && now.ids.has(n.id)).map((n) => n.id)];
    const drag: NodeDrag = {
      kind: "node",
      ids,
      primary,
      start: p,
      moving: false,
      onClick,
      dx: 0,
      dy: 0,
      view: null,
    };
    this.#begin(drag, e);
  }

  #begin(gesture: Gesture, e: PointerEvent, capture = false) {
    this.#gesture = gesture;
    this.#pointerId = e.pointerId;
    if (capture) this.host.surface.setPointerCapture?.(e.pointerId);
  }

  onPointerMove = (e: PointerEvent) => {
    if (this.#touches.has(e.pointerId)) {
      this.#touches.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (this.#pinch && this.#touches.size === 2) return this.#schedule(e);
    }
    if (!this.#gesture || e.pointerId !== this.#pointerId) return;
    this.#schedule(e);
  };

  #schedule(e: PointerEvent) {
    this.#last = e;
    if (!this.#frame) this.#frame = requestAnimationFrame(() => this.#flush());
  }

  #flush() {
    this.#frame = 0;
    const e = this.#last;
    if (!e) return;
    if (this.#pinch) return this.#pinchMove();
    const g = this.#gesture;
    if (!g) return;
    const vp = this.host.viewport;
    if (g.kind === "pan") {
      vp.panBy(e.clientX - g.x, e.clientY - g.y);
      g.x = e.clientX;
      g.y = e.clientY;
      return;
    }
    const p = this.toDiagram(e.clientX, e.clientY);
    const start = g.start;
    if (
      (g.kind === "node" || g.kind === "band" || g.kind === "lane-head") && !g.moving
    ) {
      if (Math.hypot(p.x - start.x, p.y - start.y) * vp.scale < DRAG_THRESHOLD) return;
      g.moving = true;
      this.host.surface.setPointerCapture?.(e.pointerId);
    }
    switch (g.kind) {
      case "node":
        return this.#moveNodes(g, p);
      case "band":
        return this.host.setPreview({ kind: "band", box: boxFromCorners(start, p) });
      case "resize": {
        let box = resizeByHandle(boxOf(g.node), g.handle, p.x - start.x, p.y - start.y);
        if (this.host.snap) box = snapResizedBox(boxOf(g.node), box);
        g.box = box;
        return this.host.setPreview({ kind: "resize", box: normalised(box) });
      }
      case "connect":
        return this.#moveConnect(g, p);
      case "lane-size": {
        const size = p.y - g.top;
        g.size = Math.max(g.min, Math.round(this.host.snap ? snapToGrid(size) : size));
        return this.host.setPreview({
          kind: "lane-size",
          y: g.top + g.size,
          width: laneWidth(this.host.graph),
        });
      }
      case "lane-head": {
        const drop = laneDropIndex(this.host.graph, g.laneId, p.y);
        g.index = drop.index;
        return this.host.setPreview({
          kind: "lane-order",
          y: drop.y,
          width: laneWidth(this.host.graph),
        });
      }
    }
  }

  #moveNodes(g: NodeDrag, p: Point) {
    const d = dragOffset(boxOf(g.primary), p.x - g.start.x, p.y - g.start.y, this.host.snap);
    if (d.dx === g.dx && d.dy === g.dy) return;
    g.dx = d.dx;
    g.dy = d.dy;
    g.view ??= new DraggedNodes(this.host, g.ids, g.primary);
    this.host.setPreview(g.view.show(d.dx, d.dy));
  }

  #moveConnect(g: Extract<Gesture, { kind: "connect" }>, p: Point) {
    const graph = this.host.graph;
    const source = graph.nodes.find((n) => n.id === g.from);
    if (!source) return;
    const target = nodeIndexOf(graph.nodes).at(p, 4);
    g.target = target;
    const [from, to] = g.edge?.end === "from" ? [target?.id, g.from] : [g.from, target?.id];
    const refusal = target ? connectRefusal(graph, from!, to!, g.edge?.id) : null;
    let points: Point[];
    if (target && !refusal) {
      const [a, b] = g.edge?.end === "from" ? [target, source] : [source, target];
      const near = nodeIndexOf(graph.nodes).within(inflate(boxOf(a), 300))
        .filter((n) => n !== a && n !== b).map(boxOf);
      points = routeOrthogonal(boxOf(a), boxOf(b), near);
    } else {
      const c = { x: source.x + source.width / 2, y: source.y + source.height / 2 };
      points = g.edge?.end === "from" ? [p, c] : [c, p];
    }
    const reason = refusal ? t(`editorCanvas.error.${refusal.reason}`) : null;
    this.host.setPreview({ kind: "connect", d: pathData(points), target, refusal: reason });
    this.host.surface.toggleAttribute("data-refused", !!refusal);
  }

  #pinchMove() {
    const [a, b] = [...this.#touches.values()];
    if (!a || !b || !this.#pinch) return;
    const r = this.#rect!;
    const ratio = Math.hypot(a.x - b.x, a.y - b.y) / (this.#pinch.distance || 1);
    const around = { x: (a.x + b.x) / 2 - r.left, y: (a.y + b.y) / 2 - r.top };
    this.host.viewport.zoomTo(this.#pinch.scale * ratio, around);
  }

  onPointerUp = (e: PointerEvent) => {
    if (this.#touches.delete(e.pointerId) && this.#pinch) {
      if (this.#touches.size < 2) this.#pinch = null;
      return;
    }
    const g = this.#gesture;
    if (!g || e.pointerId !== this.#pointerId) return;
    if (this.#frame) {
      cancelAnimationFrame(this.#frame);
      this.#frame = 0;
    }
    if (e.type !== "pointercancel") {
      this.#last = e;
      if (g.kind !== "pan") this.#flush();
    }
    this.#finish(e.type === "pointercancel" ? null : e);
  };

  /** Ends the gesture without changing anything (Escape, a second finger). */
  cancel(): boolean {
    if (!this.#gesture) return false;
    this.#finish(null);
    return true;
  }

  #finish(e: PointerEvent | null) {
    const g = this.#gesture!;
    this.#gesture = null;
    this.#last = null;
    this.host.setPreview(null);
    this.host.surface.removeAttribute("data-refused");
    if (this.host.surface.hasPointerCapture?.(this.#pointerId)) {
      this.host.surface.releasePointerCapture(this.#pointerId);
    }
    if (g.kind === "node") g.view?.restore();
    if (!e) return;
    const host = this.host;
    switch (g.kind) {
      case "node":
        if (!g.moving) {
          if (g.onClick) host.select(g.onClick);
        } else if (g.dx || g.dy) {
          host.execute(moveNodes(g.ids, g.dx, g.dy, { snap: host.snap }));
        }
        break;
      case "band":
        if (g.moving) {
          const p = this.toDiagram(e.clientX, e.clientY);
          host.select(rubberBandSelect(host.selection, host.graph, boxFromCorners(g.start, p), {
            shift: g.shift,
          }));
        } else if (!g.shift) host.select(selectIds([]));
        break;
      case "resize":
        if (g.box) host.execute(resizeNode(g.node.id, normalised(g.box), { snap: host.snap }));
        break;
      case "connect":
        if (g.target) {
          if (g.edge) host.execute(reconnectEdge(g.edge.id, g.edge.end, g.target.id));
          else {
            const command = addEdge(g.from, g.target.id);
            if (host.execute(command)) host.select(selectIds([command.id]));
          }
        }
        break;
      case "lane-size":
        if (g.size !== host.graph.lanes.find((l) => l.id === g.laneId)?.size) {
          host.execute(resizeLane(g.laneId, g.size));
        }
        break;
      case "lane-head":
        if (g.moving && g.index >= 0) host.execute(reorderLane(g.laneId, g.index));
        break;
    }
    host.endBurst();
  }
}

function normalised(b: { x: number; y: number; width: number; height: number }) {
  const x = Math.min(b.x, b.x + b.width), y = Math.min(b.y, b.y + b.height);
  return { x, y, width: Math.abs(b.width), height: Math.abs(b.height) };
}
