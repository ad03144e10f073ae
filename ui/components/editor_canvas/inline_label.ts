// Editing a label where it is drawn: an HTML textarea laid over the node, the flow's label
// or the lane's header, in screen coordinates from the view's transform (no layout read).
// Enter commits, Escape cancels, Shift+Enter starts a new line in steps that show several
// lines (tasks, subprocesses, annotations); leaving the field commits too.
import { html, nothing, type TemplateResult } from "lit";
import { t } from "../../lib/i18n.ts";
import { labelOutside } from "../diagram/geometry.ts";
import { nodeName } from "../diagram/layers.ts";
import {
  type Box,
  type Command,
  type Graph,
  LANE_HEADER_WIDTH,
  laneBands,
  renameLane,
  setEdgeLabel,
  setLabel,
} from "../../editor/mod.ts";
import type { CanvasHost } from "./canvas_host.ts";
import { edgeGeometry } from "./layers.ts";

export interface Editing {
  kind: "node" | "edge" | "lane";
  id: string;
  /** The text when editing started. */
  initial: string;
  multiline: boolean;
  /** Where the field goes, in diagram units. */
  box: Box;
  label: string;
}

const MULTILINE = new Set(["task", "subprocess", "annotation"]);

/** What editing element `id` means, or null if there is no such element. */
export function startEditing(g: Graph, id: string): Editing | null {
  const n = g.nodes.find((x) => x.id === id);
  if (n) {
    const box = labelOutside(n.type)
      ? { x: n.x + n.width / 2 - 80, y: n.y + n.height + 2, width: 160, height: 48 }
      : { x: n.x, y: n.y, width: Math.max(n.width, 120), height: Math.max(n.height, 36) };
    return {
      kind: "node",
      id,
      initial: n.label,
      multiline: MULTILINE.has(n.type),
      box,
      label: t("editorCanvas.edit.node", { name: nodeName(n) }),
    };
  }
  const e = g.edges.find((x) => x.id === id);
  if (e) {
    const from = g.nodes.find((x) => x.id === e.from), to = g.nodes.find((x) => x.id === e.to);
    if (!from || !to) return null;
    const a = edgeGeometry(e, from, to).anchor;
    return {
      kind: "edge",
      id,
      initial: e.label,
      multiline: false,
      box: { x: a.x - 80, y: a.y - 18, width: 160, height: 32 },
      label: t("editorCanvas.edit.edge"),
    };
  }
  const band = laneBands(g.lanes).find((b) => b.lane.id === id);
  if (band) {
    return {
      kind: "lane",
      id,
      initial: band.lane.name,
      multiline: false,
      box: { x: LANE_HEADER_WIDTH + 4, y: band.top + 4, width: 240, height: 32 },
      label: t("editorCanvas.edit.lane"),
    };
  }
  return null;
}

/** The command that stores the edited text. */
export function commitCommand(e: Editing, value: string): Command {
  switch (e.kind) {
    case "node":
      return setLabel(e.id, value.trim());
    case "edge":
      return setEdgeLabel(e.id, value.trim());
    case "lane":
      return renameLane(e.id, value);
  }
}

export function inlineEditor(
  e: Editing,
  view: { x: number; y: number; scale: number },
  on: { commit: (value: string) => void; cancel: () => void },
): TemplateResult {
  const left = e.box.x * view.scale + view.x, top = e.box.y * view.scale + view.y;
  const scale = Math.max(0.75, Math.min(1.5, view.scale));
  const style = `left:${left}px;top:${top}px;width:${e.box.width * scale}px;` +
    `min-height:${e.box.height * scale}px;font-size:${12 * scale}px`;
  const finish = (commit: boolean, field: HTMLTextAreaElement) =>
    commit ? on.commit(field.value) : on.cancel();
  // The value is set when the field appears, not kept "live": a re-render while someone
  // types (new findings, the container's props) must not reset what they typed.
  return html`
    <textarea class="inline-edit" data-testid="inline-edit" style=${style} aria-label=${e.label}
      title=${t(e.multiline ? "editorCanvas.edit.hintMultiline" : "editorCanvas.edit.hint")}
      rows=${e.multiline ? 3 : 1} .value=${e.initial}
      @keydown=${(ev: KeyboardEvent) => {
        ev.stopPropagation();
        const field = ev.target as HTMLTextAreaElement;
        if (ev.key === "Escape") {
          ev.preventDefault();
          finish(false, field);
        } else if (ev.key === "Enter" && !(ev.shiftKey && e.multiline)) {
          ev.preventDefault();
          finish(true, field);
        }
      }}
      @blur=${(ev: FocusEvent) => finish(true, ev.target as HTMLTextAreaElement)}
    ></textarea>
  `;
}

/** The label being edited; the canvas re-renders when it starts and ends. */
export class InlineEditor {
  editing: Editing | null = null;

  constructor(private canvas: CanvasHost) {}

  /** Starts editing element `id`; false if there is no such element. */
  start(id: string): boolean {
    const editing = startEditing(this.canvas.graph, id);
    if (!editing) return false;
    this.editing = editing;
    this.canvas.requestUpdate();
    this.canvas.updateComplete.then(() => {
      const field = this.canvas.renderRoot.querySelector<HTMLTextAreaElement>(".inline-edit");
      field?.focus();
      field?.select();
    });
    return true;
  }

  /** Stops editing an element that is gone (undo, a merge). */
  prune(g: Graph) {
    if (this.editing && !startEditing(g, this.editing.id)) this.#close();
  }

  render(view: { x: number; y: number; scale: number }) {
    const editing = this.editing;
    if (!editing) return nothing;
    return inlineEditor(editing, view, {
      commit: (value) => this.#finish(editing, value),
      cancel: () => this.#finish(editing, null),
    });
  }

  #finish(editing: Editing, value: string | null) {
    // Enter and then the blur of the removed field both end the edit: only the first counts.
    if (this.editing !== editing) return;
    this.#close();
    const c = this.canvas;
    if (value !== null && value !== editing.initial) c.execute(commitCommand(editing, value));
    c.endBurst();
    void c.focusElement(editing.id);
  }

  #close() {
    this.editing = null;
    this.canvas.requestUpdate();
  }
}
