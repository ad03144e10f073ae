// <procedo-diff-pane>: one side of the visual diff — a version's diagram drawn with the
// viewer's own scene and layers (ui/components/diagram/), the diff marks over it in the same
// transform (diff_overlay.ts), and its own zoom and pan. Composed here rather than by
// wrapping <procedo-diagram>, which has no way to add marks or to report its view.
//
// Properties: graph, highlights, selected (an ElementRef), name (what this side shows, e.g.
// "Version 3"), frame (the box Fit shows; the parent passes both sides' union so synchronised
// views line up), names (lane binding names). Events: `view-change` ({ scale, x, y }) after a
// person zoomed or panned, `element-select` (ElementRef) on a click or Enter on an element.
import { html, LitElement, nothing, type PropertyValues } from "lit";
import { guard } from "lit/directives/guard.js";
import { language, LocaleController, type MessageKey, t } from "../../lib/i18n.ts";
import { icon, type IconName } from "../icons.ts";
import { diagramStyles } from "../diagram/diagram_styles.ts";
import type { Box, Graph } from "../diagram/geometry.ts";
import { drawScene } from "../diagram/layers.ts";
import { buildScene, type Scene } from "../diagram/scene.ts";
import { type Fonts, fontsFor } from "../diagram/shapes.ts";
import { ViewportController } from "../diagram/viewport.ts";
import { elementBox, type ElementRef, type Highlights } from "./diff_model.ts";
import { diffOverlay } from "./diff_overlay.ts";
import { overlayStyles } from "./diff_styles.ts";

export interface View {
  scale: number;
  x: number;
  y: number;
}

/** Labels are 12 px: below this zoom a revealed element could not be read. */
const READABLE_SCALE = 0.8;
const NO_HIGHLIGHTS: Highlights = { lane: new Map(), node: new Map(), edge: new Map() };
const NO_NAMES: ReadonlyMap<string, string> = new Map();

export class ProcedoDiffPane extends LitElement {
  static override properties = {
    graph: { attribute: false },
    highlights: { attribute: false },
    selected: { attribute: false },
    name: {},
    frame: { attribute: false },
    names: { attribute: false },
  };
  static override styles = [diagramStyles, overlayStyles];
  declare graph: Graph | undefined;
  declare highlights: Highlights;
  declare selected: ElementRef | null;
  declare name: string;
  declare frame: Box | undefined;
  declare names: ReadonlyMap<string, string>;
  readonly viewport = new ViewportController(this);
  #scene?: Scene;
  #fonts?: Fonts;
  #reported: View = { scale: 1, x: 0, y: 0 };
  #refit = false;

  constructor() {
    super();
    this.highlights = NO_HIGHLIGHTS;
    this.selected = null;
    this.name = "";
    this.names = NO_NAMES;
    new LocaleController(this);
  }

  /** The drawing of the current graph (for the parent: which elements this side has). */
  get scene(): Scene | undefined {
    return this.#scene;
  }

  get view(): View {
    const { scale, x, y } = this.viewport;
    return { scale, x, y };
  }

  /** Takes the other side's view (synchronised zoom and pan); reports nothing back. */
  setView(v: View) {
    const vp = this.viewport;
    if (vp.scale === v.scale && vp.x === v.x && vp.y === v.y) return;
    vp.scale = v.scale;
    vp.x = v.x;
    vp.y = v.y;
    this.#reported = { ...v };
    this.requestUpdate();
  }

  /** Shows the frame (or the whole drawing). */
  fit() {
    const box = this.frame ?? this.#scene?.bounds;
    if (box) this.viewport.fit(box);
  }

  /** Brings an element into view, zoomed in far enough to read; false when it is not here. */
  reveal(ref: ElementRef): boolean {
    const box = this.#scene && elementBox(this.#scene, ref);
    if (!box) return false;
    const vp = this.viewport;
    if (vp.scale < READABLE_SCALE) vp.zoomTo(READABLE_SCALE);
    vp.reveal(box, 48);
    return true;
  }

  override connectedCallback() {
    super.connectedCallback();
    // The font family is a theme token; measuring label widths needs it resolved.
    const family = getComputedStyle(this).getPropertyValue("--fontFamilyBase").trim() ||
      "'Segoe UI', system-ui, sans-serif";
    this.#fonts = fontsFor(family);
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has("graph")) this.#scene = this.graph ? buildScene(this.graph) : undefined;
    if (changed.has("graph") || changed.has("frame")) this.#refit = true;
  }

  protected override firstUpdated() {
    this.viewport.observe(this.renderRoot.querySelector(".canvas")!);
  }

  protected override updated() {
    if (this.#refit) {
      this.#refit = false;
      this.fit();
    }
    const now = this.view, was = this.#reported;
    if (now.scale === was.scale && now.x === was.x && now.y === was.y) return;
    this.#reported = now;
    this.dispatchEvent(new CustomEvent<View>("view-change", { detail: now }));
  }

  override render() {
    const scene = this.#scene;
    const vp = this.viewport;
    const selectedNode = this.selected?.element === "node" ? this.selected.id : null;
    return html`
      <div class="toolbar" role="toolbar" aria-label=${t("diff.pane.toolbar", { name: this.name })}>
        <h3 class="pane-name">${this.name}</h3>
        <span class="grow"></span>
        ${this.#button("zoom-out", "processes.diagram.zoomOut", "zoomOut", () => vp.zoomOut())}
        <span class="zoom"><span class="visually-hidden">${t(
          "processes.diagram.zoomLevel",
        )} </span>${vp.percent} %</span>
        ${this.#button("zoom-in", "processes.diagram.zoomIn", "zoomIn", () => vp.zoomIn())}
        ${this.#button("fit", "processes.diagram.fit", "fit", () => this.fit())}
      </div>
      <div
        class="canvas"
        @pointerdown=${vp.onPointerDown}
        @pointermove=${vp.onPointerMove}
        @pointerup=${vp.onPointerUp}
        @pointercancel=${vp.onPointerUp}
        @wheel=${{ handleEvent: vp.onWheel, passive: false }}
      >
        <svg
          class="drawing"
          role="graphics-document"
          aria-label=${t("diff.pane", { name: this.name })}
          tabindex="0"
          @click=${this.#onClick}
          @keydown=${this.#onKey}
        >
          <g class="view" transform=${vp.transform}>
            ${guard(
              [scene, selectedNode, this.names, language()],
              () =>
                scene
                  ? drawScene(scene, {
                    fonts: this.#fonts!,
                    selected: selectedNode,
                    names: this.names,
                  })
                  : nothing,
            )}
            ${guard(
              [scene, this.highlights, this.selected],
              () => scene ? diffOverlay(scene, this.highlights, this.selected) : nothing,
            )}
          </g>
        </svg>
        ${scene && scene.order.length === 0
          ? html`<p class="empty">${t("processes.diagram.empty")}</p>`
          : nothing}
        <slot name="note"></slot>
      </div>
    `;
  }

  #button(testId: string, label: MessageKey, name: IconName, fn: () => void) {
    return html`
      <fluent-button size="small" appearance="subtle" icon-only data-testid=${testId}
        aria-label=${t(label)} title=${t(label)} @click=${fn}>${icon(name, 20)}</fluent-button>
    `;
  }

  /** The element under a click or key: a step, a flow, or a mark's badge. */
  #elementOf(e: Event): ElementRef | undefined {
    const target = e.target as Element | null;
    const node = target?.closest?.("[data-node-id]")?.getAttribute("data-node-id");
    if (node) return { element: "node", id: node };
    const edge = target?.closest?.("[data-edge-id]")?.getAttribute("data-edge-id");
    if (edge) return { element: "edge", id: edge };
    const mark = target?.closest?.(".mark[data-element]");
    const kind = mark?.getAttribute("data-element");
    const id = mark?.getAttribute("data-id");
    if (id && (kind === "lane" || kind === "node" || kind === "edge")) return { element: kind, id };
  }

  #select(ref: ElementRef) {
    this.dispatchEvent(
      new CustomEvent<ElementRef>("element-select", { detail: ref, bubbles: true, composed: true }),
    );
  }

  #onClick = (e: MouseEvent) => {
    if (this.viewport.consumeDragClick()) return;
    const ref = this.#elementOf(e);
    if (ref) this.#select(ref);
  };

  #onKey = (e: KeyboardEvent) => {
    const ref = this.#elementOf(e);
    if (ref && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      this.#select(ref);
      return;
    }
    if (this.viewport.onKey(e, () => this.fit(), !ref)) e.preventDefault();
  };
}

customElements.define("procedo-diff-pane", ProcedoDiffPane);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-diff-pane": ProcedoDiffPane;
  }
}
