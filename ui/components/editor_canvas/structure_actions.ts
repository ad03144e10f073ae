// Adding, deleting and arranging on the canvas: shapes from the palette (by keyboard into
// the selected lane at a free spot, or dropped where the pointer is), lanes (new, deleted
// after a confirmation, bound to a position or org unit), deleting the selection, align and
// distribute, and what a double click means (edit a label, or ask for the properties).
import { t } from "../../lib/i18n.ts";
import { FONT_SIZE, labelBox } from "../diagram/shapes.ts";
import { nodeName } from "../diagram/layers.ts";
import {
  addLane,
  addNode,
  align,
  type Alignment,
  type Axis,
  bindLane,
  compound,
  deleteElements,
  deleteLane,
  distribute,
  edgeAt,
  laneAt,
  laneIndexAtY,
  type NodeType,
  selectedNodeIds,
  selectIds,
} from "../../editor/mod.ts";
import type { CanvasHost } from "./canvas_host.ts";
import type { LaneBindDetail } from "./lane_tools.ts";
import { PALETTE_MIME, type PaletteAddDetail, type PaletteEntry } from "./palette.ts";
import { dropBox, freeSpot, laneWidth } from "./placement.ts";
import { EDGE_TOLERANCE } from "./pointer_tool.ts";

export class StructureActions {
  #dropRect: DOMRect | null = null;

  constructor(private canvas: CanvasHost) {}

  onPaletteAdd = (e: CustomEvent<PaletteAddDetail>) => {
    this.add(e.detail.type);
  };

  /** Adds a lane below the selected one, or a shape to the target lane at a free spot. */
  add(type: PaletteEntry) {
    const c = this.canvas;
    const g = c.graph;
    if (type === "lane") {
      const selected = g.lanes.findIndex((l) => c.selection.ids.has(l.id));
      const command = addLane(t("editorCanvas.lane.newName", { n: g.lanes.length + 1 }), {
        index: selected >= 0 ? selected + 1 : g.lanes.length,
      });
      if (!c.execute(command)) return;
      c.select(selectIds([command.id]));
      c.announce(t("editorCanvas.status.added", { name: t("editorCanvas.palette.lane") }));
      void c.focusElement(command.id);
      return;
    }
    if (c.scope) {
      // Inside an opened subprocess: right of what is there, on its own plane.
      const right = g.nodes.reduce((m, n) => Math.max(m, n.x + n.width), 100);
      this.#addNode(type, null, right + 60, 160, true);
      return;
    }
    const laneId = c.targetLane();
    if (!laneId) return c.error(t("editorCanvas.error.noLane"));
    const spot = freeSpot(g, laneId, type);
    this.#addNode(type, laneId, spot.x, spot.y, true);
  }

  #addNode(type: NodeType, laneId: string | null, x: number, y: number, focus: boolean) {
    const c = this.canvas;
    const command = addNode(type, laneId, x, y, { snap: c.snap, parentId: c.scope });
    if (!c.execute(command)) return;
    c.select(selectIds([command.id]));
    const node = c.graph.nodes.find((n) => n.id === command.id);
    if (node) c.announce(t("editorCanvas.status.added", { name: nodeName(node) }));
    if (focus) void c.focusElement(command.id);
  }

  // HTML5 drag and drop from the palette. The canvas' position is read once per drag.
  onDragEnter = (e: DragEvent) => {
    if (!this.#accepts(e)) return;
    e.preventDefault();
    this.#dropRect = this.canvas.surface.getBoundingClientRect();
  };

  onDragOver = (e: DragEvent) => {
    if (!this.#accepts(e)) return;
    e.preventDefault();
    e.dataTransfer!.dropEffect = "copy";
    const p = this.#toDiagram(e);
    const g = this.canvas.graph;
    const i = laneIndexAtY(g.lanes, p.y);
    const top = g.lanes.slice(0, Math.max(0, i)).reduce((s, l) => s + l.size, 0);
    const lane = i < 0 ? null : { x: 0, y: top, width: laneWidth(g), height: g.lanes[i].size };
    const prev = this.canvas.preview;
    if (prev?.kind === "drop" && prev.lane?.y === lane?.y) return;
    this.canvas.setPreview({ kind: "drop", lane });
  };

  onDragLeave = (e: DragEvent) => {
    const to = e.relatedTarget as Node | null;
    if (to && this.canvas.surface.contains(to)) return;
    if (this.canvas.preview?.kind === "drop") this.canvas.setPreview(null);
  };

  onDrop = (e: DragEvent) => {
    const c = this.canvas;
    const type = e.dataTransfer?.getData(PALETTE_MIME) as PaletteEntry | "";
    if (c.preview?.kind === "drop") c.setPreview(null);
    if (!type || c.readonly) return;
    e.preventDefault();
    const p = this.#toDiagram(e);
    this.#dropRect = null;
    const g = c.graph;
    if (c.scope) {
      if (type === "lane") return c.error(t("editorCanvas.error.noLane"));
      const box = dropBox(type, p);
      return this.#addNode(type, null, box.x, box.y, false);
    }
    if (type === "lane") {
      const i = laneIndexAtY(g.lanes, p.y);
      const command = addLane(t("editorCanvas.lane.newName", { n: g.lanes.length + 1 }), {
        index: i < 0 ? 0 : i + 1,
      });
      if (c.execute(command)) c.select(selectIds([command.id]));
      return;
    }
    const lane = laneAt(g, p.y) ??
      (type === "annotation" ? null : g.lanes[laneIndexAtY(g.lanes, p.y)]);
    if (lane === undefined) return c.error(t("editorCanvas.error.noLane"));
    const box = dropBox(type, p);
    this.#addNode(type, lane?.id ?? null, box.x, box.y, false);
  };

  #accepts(e: DragEvent): boolean {
    return !this.canvas.readonly && !!e.dataTransfer?.types.includes(PALETTE_MIME);
  }

  #toDiagram(e: DragEvent) {
    const r = this.#dropRect ??= this.canvas.surface.getBoundingClientRect();
    const vp = this.canvas.viewport;
    return { x: (e.clientX - r.left - vp.x) / vp.scale, y: (e.clientY - r.top - vp.y) / vp.scale };
  }

  /**
   * A double click: on a task's or subprocess' body (outside its label) it asks for the
   * properties; on a label, another step, a flow or a lane header it edits the text.
   */
  onDoubleClick = (e: MouseEvent) => {
    const c = this.canvas;
    const target = e.composedPath()[0] as Element;
    const at = target.closest?.("[data-node-id],[data-edge-id],[data-lane-header]");
    if (!at) {
      const p = c.tool.toDiagram(e.clientX, e.clientY);
      const near = edgeAt(c.graph, p, EDGE_TOLERANCE / c.viewport.scale);
      if (near) c.edit(near.id);
      return;
    }
    const laneId = at.getAttribute("data-lane-header");
    if (laneId) return c.edit(laneId);
    const edgeId = at.getAttribute("data-edge-id");
    if (edgeId) return c.edit(edgeId);
    const node = c.graph.nodes.find((n) => n.id === at.getAttribute("data-node-id"));
    if (!node) return;
    if (node.type === "task" || node.type === "subprocess") {
      const p = c.tool.toDiagram(e.clientX, e.clientY);
      const box = labelBox(node, c.fonts);
      const step = FONT_SIZE * 1.25;
      const y = p.y - node.y;
      const onLabel = !node.label ||
        (y >= box.y - FONT_SIZE - 2 && y <= box.y + (box.lines.length - 1) * step + 4);
      if (!onLabel || c.readonly) return c.requestProperties(node.id);
    }
    c.edit(node.id);
  };

  async deleteSelection() {
    const c = this.canvas;
    if (c.readonly) return;
    const g = c.graph;
    const ids = [...c.selection.ids];
    const lanes = g.lanes.filter((l) => c.selection.ids.has(l.id)).map((l) => l.id);
    const elements = ids.filter((id) => !lanes.includes(id));
    if (elements.length) {
      const before = g.nodes.length + g.edges.length;
      if (!c.execute(deleteElements(elements))) return;
      const after = c.graph.nodes.length + c.graph.edges.length;
      c.announce(t("editorCanvas.status.deleted", { count: before - after }));
    }
    if (lanes.length) await this.deleteLanes(lanes);
    else c.select(selectIds([]));
    this.#focusCanvas();
  }

  /** Deletes lanes with their steps, after asking once. */
  async deleteLanes(ids: string[]) {
    const c = this.canvas;
    const g = c.graph;
    const lanes = g.lanes.filter((l) => ids.includes(l.id));
    if (!lanes.length) return;
    const steps = g.nodes.filter((n) => n.laneId !== null && ids.includes(n.laneId)).length;
    const name = lanes.map((l) => l.name).join(", ");
    const ok = await c.confirm({
      title: t("editorCanvas.lane.deleteTitle"),
      message: steps
        ? t("editorCanvas.lane.deleteText", { name, count: steps })
        : t("editorCanvas.lane.deleteEmpty", { name }),
      confirmLabel: t("editorCanvas.lane.delete"),
    });
    if (!ok) return;
    const command = lanes.length === 1
      ? deleteLane(lanes[0].id)
      : compound("editor.command.deleteLane", lanes.map((l) => deleteLane(l.id)));
    if (!c.execute(command)) return;
    c.select(selectIds([]));
    this.#focusCanvas();
  }

  #focusCanvas() {
    const c = this.canvas;
    c.updateComplete.then(() => {
      const first = c.graph.lanes[0]?.id ?? c.graph.nodes[0]?.id;
      if (first) void c.focusElement(first);
      else c.renderRoot.querySelector<SVGElement>("svg.drawing")?.focus();
    });
  }

  onLaneBind = (e: CustomEvent<LaneBindDetail>) => {
    const c = this.canvas;
    const laneId = c.bindingLane;
    if (!laneId) return;
    const { binding, label } = e.detail;
    if (binding) {
      c.learnLabel("positionId" in binding ? binding.positionId : binding.orgUnitId, label);
    }
    c.execute(bindLane(laneId, binding));
    c.closeBinding();
  };

  align(kind: Alignment) {
    const c = this.canvas;
    c.execute(align(selectedNodeIds(c.selection, c.graph), kind));
  }

  distribute(axis: Axis) {
    const c = this.canvas;
    c.execute(distribute(selectedNodeIds(c.selection, c.graph), axis));
  }
}
