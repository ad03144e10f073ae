// What <procedo-editor-canvas> renders: the palette, the canvas with its <svg> drawing and
// the HTML controls over it, the help text, the status line and the confirmation dialog.
// In the drawing, each layer is guarded by the values it is drawn from (the graph's
// immutable arrays, the selection, the tab stop, the markers…), so a change re-renders only
// the layers it touched. Zoomed out far, labels are left out (with some hysteresis).
import type { PeerView } from "./peers_layer.ts";
import { html, nothing, svg } from "lit";
import { guard } from "lit/directives/guard.js";
import { language, t } from "../../lib/i18n.ts";
import { GRID_SIZE } from "../../editor/mod.ts";
import type { ControlsHost } from "./canvas_controls.ts";
import type { InlineEditor } from "./inline_label.ts";

import {
  bindingPopover,
  connectHandleOf,
  type HoverTracker,
  laneTools,
  viewTools,
} from "./canvas_controls.ts";
import { effectiveTabStop } from "./canvas_focus.ts";
import type { Derived } from "./derived.ts";
import type { DrawingKeys } from "./drawing_keys.ts";
import { type ElementFindings, type Finding, findingsByElement } from "./findings.ts";
import { edgesLayer, lanesLayer, type LayerState, nodesLayer } from "./layers.ts";
import { type Minimap, needsMinimap } from "./minimap.ts";
import { previewLayer, refusalTip, selectionHandles } from "./overlay.ts";
import { peersLayer } from "./peers_layer.ts";

/** The canvas as its view sees it. */
export interface ViewHost extends ControlsHost {
  readonly inline: InlineEditor;
  /** Other people in a live draft: their selections and pointers. */
  readonly peers: readonly PeerView[] | undefined;
}

/** Below this zoom labels are too small to read and are not laid out. */
const FAR_SCALE = 0.4;
/** Hysteresis, so a zoom around the threshold does not redraw every label back and forth. */
const FAR_BAND = 0.03;

/** Whether the view is zoomed out too far for labels (with some hysteresis). */
export class FarView {
  #far = false;

  at(scale: number): boolean {
    if (this.#far && scale > FAR_SCALE + FAR_BAND) this.#far = false;
    else if (!this.#far && scale < FAR_SCALE - FAR_BAND) this.#far = true;
    return this.#far;
  }
}

/** Markers by element; the same map while the findings say the same (see findings.ts). */
export class Markers {
  #of: { findings: readonly Finding[]; map: ReadonlyMap<string, ElementFindings> } = {
    findings: [],
    map: new Map(),
  };

  of(findings: readonly Finding[]): ReadonlyMap<string, ElementFindings> {
    const known = this.#of;
    if (known.findings === findings) return known.map;
    const map = findingsByElement(findings, known.map);
    this.#of = { findings, map };
    return map;
  }
}

const drawingDefs = svg`
  <defs>
    <marker id="arrow" viewBox="0 0 10 8" refX="10" refY="4" markerWidth="10"
      markerHeight="8" markerUnits="userSpaceOnUse" orient="auto">
      <path
        d="M0 0L10 4L0 8Z"></path>
    </marker>
    <marker id="arrow-selected" viewBox="0 0 10 8" refX="10" refY="4" markerWidth="10"
      markerHeight="8" markerUnits="userSpaceOnUse" orient="auto">
      <path
        d="M0 0L10 4L0 8Z"></path>
    </marker>
    <pattern id="grid" width=${GRID_SIZE * 2} height=${GRID_SIZE * 2}
      patternUnits="userSpaceOnUse">
      <circle class="grid-dot" cx="0.75" cy="0.75"
        r="0.75"></circle>
    </pattern>
  </defs>
`;

interface DrawingInput {
  d: Derived;
  state: LayerState;
  /** The roving tab stop (see canvas_focus.ts). */
  stop: string | null;
  markers: ReadonlyMap<string, ElementFindings>;
  lang: string;
  /** Changes when a lane binding's label is learnt. */
  labelsKey: number;
  /** The graph waits for the first fit (see the canvas' #unmeasured): only the grid. */
  unmeasured: boolean;
}

/** The view group: everything drawn in diagram units. */
function drawingView(c: ViewHost, input: DrawingInput) {
  const { d, state, stop, markers, lang, labelsKey } = input;
  const g = d.graph;
  const sel = c.selection;
  return svg`
    <g class="view" transform=${c.viewport.transform}>
      ${c.snap
        ? svg`
          <rect class="grid" x=${d.bounds.x - 400} y=${d.bounds.y - 400}
            width=${d.bounds.width + 800} height=${d.bounds.height + 800}></rect>
        `
        : nothing}
      ${input.unmeasured ? nothing : svg`
        <g class="lanes">${guard(
          [
            g.lanes,
            d.width,
            labelsKey,
            c.positionLabels,
            sel,
            stop,
            markers,
            c.readonly,
            lang,
          ],
          () => lanesLayer(g, d.width, (l) => c.bindingLabel(l), state),
        )}</g>
        <g class="edges">${guard(
          [g.edges, g.nodes, sel, stop, markers, lang, state.far],
          () => edgesLayer(g, d.byId, state),
        )}</g>
        <g class="nodes">${guard(
          [g.nodes, d.laneNames, sel, stop, markers, c.readonly, lang, state.far],
          () => nodesLayer(g, d.laneNames, state),
        )}</g>
        ${guard(
          [g, sel, c.readonly],
          () => selectionHandles(g, d.byId, sel, c.readonly),
        )}
        ${connectHandleOf(c, d)}
        ${guard(
          [c.peers, g, d.width, c.viewport.scale],
          () => peersLayer(c.peers, d, c.viewport.scale),
        )}
      `}
      <g class="preview">${previewLayer(c.preview)}</g>
    </g>
  `;
}

/** What render() needs beyond the element's public state: its private parts. */
export interface CanvasParts {
  d: Derived;
  markers: ReadonlyMap<string, ElementFindings>;
  far: boolean;
  /** Changes when a lane binding's label is learnt. */
  labelsKey: number;
  /** See the canvas' #unmeasured. */
  unmeasured: boolean;
  keys: DrawingKeys;
  hover: HoverTracker;
  minimap: Minimap;
  /** The confirmation dialog is made on first use. */
  confirmWanted: boolean;
}

export function renderCanvas(c: ViewHost, parts: CanvasParts) {
  const { d, markers, labelsKey, unmeasured, keys } = parts;
  const g = d.graph;
  const vp = c.viewport;
  const sel = c.selection;
  const stop = effectiveTabStop(d, c.tabStop, sel);
  const lang = language();
  const state: LayerState = {
    fonts: c.fonts,
    selected: sel.ids,
    tabStop: stop,
    findings: markers,
    readonly: c.readonly,
    far: parts.far,
  };
  return html`
    ${c.readonly ? nothing : html`
      <procedo-editor-palette
        @palette-add=${c.structure.onPaletteAdd}></procedo-editor-palette>
    `}
    <div
      class="canvas"
      ?data-space=${keys.spaceDown}
      @pointerdown=${c.tool.onPointerDown}
      @pointerover=${parts.hover.onPointerOver}
      @pointermove=${c.tool.onPointerMove}
      @pointerup=${c.tool.onPointerUp}
      @pointercancel=${c.tool.onPointerUp}
      @wheel=${{ handleEvent: vp.onWheel, passive: false }}
      @dragenter=${c.structure.onDragEnter}
      @dragover=${c.structure.onDragOver}
      @dragleave=${c.structure.onDragLeave}
      @drop=${c.structure.onDrop}
    >
      <svg
        class=${state.far ? "drawing far" : "drawing"}
        role="application"
        aria-label=${t("editorCanvas.label")}
        aria-describedby="help"
        tabindex=${stop ? -1 : 0}
        @keydown=${keys.onKeyDown}
        @keyup=${keys.onKeyUp}
        @focusout=${keys.onFocusOut}
        @dblclick=${c.structure.onDoubleClick}
        @focusin=${keys.onFocusIn}
      >${drawingDefs}${drawingView(c, { d, state, stop, markers, lang, labelsKey, unmeasured })}
      </svg>
      ${g.lanes.length === 0 && g.nodes.length === 0
        ? html`<p class="empty">${
          t(c.readonly ? "processes.diagram.empty" : "editorCanvas.empty")
        }</p>`
        : nothing}
      ${viewTools(c)}
      ${laneTools(c, d)}
      ${bindingPopover(c, d)}
      ${c.inline.render(vp)} ${refusalTip(c.preview, vp)}
      ${needsMinimap(d.bounds, vp) && g.nodes.length
        ? parts.minimap.render(g, d.bounds, d.width)
        : nothing}
    </div>
    <p id="help" class="visually-hidden">${t(
      c.readonly ? "editorCanvas.helpReadonly" : "editorCanvas.help",
    )}</p>
    <div class="visually-hidden" role="status" aria-live="polite">${c.status}</div>
    ${parts.confirmWanted ? html`<procedo-confirm></procedo-confirm>` : nothing}
  `;
}
