// The pointer on the canvas: one gesture at a time, chosen by what the pointer went down on
// (resize handle, flow end, connection handle, lane border, lane header, node, flow, empty
// space) or how (middle button or Space: pan; two touches: pinch). Moves are handled once
// per animation frame; a node drag only changes the transform attributes of the dragged
// nodes and of the flows inside the group, and the one command runs on pointer up. No
// layout is read while the pointer moves: the canvas' position is read once per gesture.
// Panning and pinching live here; each other gesture has its module (node_drag.ts,
// node_resize.ts, connect_gesture.ts, rubber_band.ts, lane_drag.ts) with how it moves and
// what it commits.
import { clickSelect, edgeAt, type HandleKind, type Point } from "../../editor/mod.ts";
import {
  connectFrom,
  type ConnectGesture,
  finishConnect,
  moveConnect,
  reconnectFrom,
} from "./connect_gesture.ts";
import {
  finishLaneHead,
  finishLaneSize,
  type LaneHeadGesture,
  type LaneSizeGesture,
  laneSizeGesture,
  moveLaneHead,
  moveLaneSize,
} from "./lane_drag.ts";
import { nodeIndexOf } from "./node_index.ts";
import { finishNodeDrag, moveNodeDrag, type NodeDrag, startNodeDrag } from "./node_drag.ts";
import { finishResize, moveResize, type ResizeGesture } from "./node_resize.ts";
import { type BandGesture, finishBand, moveBand } from "./rubber_band.ts";
import type { ToolHost } from "./tool_host.ts";

export type { ToolHost } from "./tool_host.ts";

const DRAG_THRESHOLD = 3;
/** How near (in screen pixels) a press must be to a flow to pick it. */
export const EDGE_TOLERANCE = 6;

type Gesture =
  | { kind: "pan"; x: number; y: number }
  | NodeDrag
  | BandGesture
  | ResizeGesture
  | ConnectGesture
  | LaneSizeGesture
  | LaneHeadGesture;

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
      if (edge) return this.#begin(reconnectFrom(edge, end, p), e, true);
    }
    const connect = hit("data-connect");
    if (connect && !ro) {
      return this.#begin(connectFrom(connect, p), e, true);
    }
    const border = hit("data-lane-border");
    if (border && !ro) return this.#begin(laneSizeGesture(g, border, p), e, true);
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
    if (nodeId) {
      const drag = startNodeDrag(this.host, nodeId, p, e.shiftKey);
      if (drag) this.#begin(drag, e);
      return;
    }
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
        return moveNodeDrag(this.host, g, p);
      case "band":
        return moveBand(this.host, g, p);
      case "resize":
        return moveResize(this.host, g, p);
      case "connect":
        return moveConnect(this.host, g, p);
      case "lane-size":
        return moveLaneSize(this.host, g, p);
      case "lane-head":
        return moveLaneHead(this.host, g, p);
    }
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
        finishNodeDrag(host, g);
        break;
      case "band":
        finishBand(host, g, this.toDiagram(e.clientX, e.clientY));
        break;
      case "resize":
        finishResize(host, g);
        break;
      case "connect": {
        // A press and release on a handle without moving is a click: it selects the step
        // under the pointer (zoomed far out, a handle's target covers its neighbours), and
        // never draws a flow.
        const p = this.toDiagram(e.clientX, e.clientY);
        if (Math.hypot(p.x - g.start.x, p.y - g.start.y) * host.viewport.scale < DRAG_THRESHOLD) {
          // A flow's end clicked keeps the flow selected.
          const under = g.edge ? null : nodeIndexOf(host.graph.nodes).at(p, 4)?.id ?? g.from;
          if (under) host.select(clickSelect(host.selection, under, e.shiftKey));
          break;
        }
        finishConnect(host, g);
        break;
      }
      case "lane-size":
        finishLaneSize(host, g);
        break;
      case "lane-head":
        finishLaneHead(host, g);
        break;
    }
    host.endBurst();
  }
}
