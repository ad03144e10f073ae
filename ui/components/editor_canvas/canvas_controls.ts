// The HTML controls over the canvas: zoom and grid buttons, the tools beside the selected
// lane's header, the binding picker and the connection handle of the hovered or selected
// step. Positions come from the view's transform, so nothing reads the layout.
import { html, nothing } from "lit";
import { t } from "../../lib/i18n.ts";
import { icon } from "../icons.ts";
import { laneBands } from "../../editor/mod.ts";
import type { CanvasHost } from "./canvas_host.ts";
import type { StructureActions } from "./structure_actions.ts";

import type { Derived } from "./derived.ts";
import { laneToolbar } from "./lane_tools.ts";
import { connectHandle } from "./overlay.ts";

/** The canvas as its controls see it. */
export interface ControlsHost extends CanvasHost {
  readonly structure: StructureActions;
  snap: boolean;
}

export function viewTools(c: ControlsHost) {
  const button = (
    testId: string,
    label: string,
    name: Parameters<typeof icon>[0],
    fn: () => void,
    pressed?: boolean,
  ) =>
    html`
      <button type="button" class="tool" data-testid=${testId} aria-label=${label}
        title=${label} aria-pressed=${pressed === undefined ? nothing : String(pressed)}
        @click=${fn}>${icon(name, 20)}</button>
    `;
  return html`
    <div class="controls view-tools" role="toolbar" aria-label=${t("editorCanvas.view")}>
      ${button("zoom-out", t("editorCanvas.zoomOut"), "zoomOut", () => c.zoomOut())}
      <span class="zoom" data-testid="zoom-level"><span class="visually-hidden">${t(
        "editorCanvas.zoomLevel",
      )} </span>${c.viewport.percent} %</span>
      ${button("zoom-in", t("editorCanvas.zoomIn"), "zoomIn", () => c.zoomIn())}
      ${button("fit", t("editorCanvas.fit"), "fit", () => c.fit())}
      ${button("snap", t("editorCanvas.snap"), "grid", () => (c.snap = !c.snap), c.snap)}
    </div>
  `;
}

/** Where a lane's tools and picker go: beside its header, in the canvas' pixels. */
function besideHeader(c: ControlsHost, d: Derived, laneId: string) {
  const band = laneBands(d.graph.lanes).find((b) => b.lane.id === laneId);
  if (!band) return null;
  const vp = c.viewport;
  return {
    lane: band.lane,
    left: Math.max(0, vp.x + 34 * vp.scale),
    top: Math.max(0, vp.y + band.top * vp.scale + 4),
  };
}

export function laneTools(c: ControlsHost, d: Derived) {
  const sel = c.selection;
  if (c.readonly || c.editing || c.bindingLane || sel.ids.size !== 1 || !sel.primary) {
    return nothing;
  }
  const at = besideHeader(c, d, sel.primary);
  if (!at) return nothing;
  const lane = at.lane;
  return laneToolbar(lane.name, at, {
    rename: () => c.edit(lane.id),
    bind: () => c.openBinding(lane.id),
    remove: () => void c.structure.deleteLanes([lane.id]),
  });
}

export function bindingPopover(c: ControlsHost, d: Derived) {
  const at = c.bindingLane && !c.readonly ? besideHeader(c, d, c.bindingLane) : null;
  if (!at) return nothing;
  const lane = at.lane;
  const bound = lane.positionId || lane.orgUnitId;
  return html`
    <procedo-lane-binding class="popover" style=${`left:${at.left}px;top:${at.top}px`}
      .laneName=${lane.name}
      .current=${c.bindingLabel(lane) || (bound ? t("editorCanvas.bind.unknown") : "")}
      @lane-bind=${c.structure.onLaneBind}
      @picker-close=${() => c.closeBinding()}></procedo-lane-binding>
  `;
}

/** The hovered step's connection handle, else the single selected step's. */
export function connectHandleOf(c: ControlsHost, d: Derived) {
  if (c.readonly || c.tool.active) return nothing;
  const sel = c.selection;
  const id = c.hoverNode ?? (sel.ids.size === 1 ? sel.primary : null);
  const n = id ? d.byId.get(id) : undefined;
  return n ? connectHandle(n, c.viewport.scale) : nothing;
}

/** The node under the pointer shows its connection handle, kept a moment after leaving. */
export class HoverTracker {
  #timer?: ReturnType<typeof setTimeout>;

  constructor(private canvas: ControlsHost) {}

  onPointerOver = (e: PointerEvent) => {
    const target = e.composedPath()[0] as Element;
    clearTimeout(this.#timer);
    if (target.closest?.("[data-connect]")) return;
    const id = target.closest?.("[data-node-id]")?.getAttribute("data-node-id") ?? null;
    const c = this.canvas;
    if (id) c.hoverNode = id;
    else if (c.hoverNode) this.#timer = setTimeout(() => (c.hoverNode = null), HOVER_GRACE_MS);
  };
}

const HOVER_GRACE_MS = 600;
