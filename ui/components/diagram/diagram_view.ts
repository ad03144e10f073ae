// <procedo-diagram .graph=${g}>: a process graph as one SVG — swimlanes, BPMN-like nodes,
// routed edges — that can be zoomed, panned and fitted, with focusable, selectable nodes.
// Read-only; the process editor builds on it. Fires `node-select` ({ id }) when a person
// clicks a node or presses Enter/Space on it; `selected` highlights a node.
//
// Keyboard: Tab walks the nodes lane by lane, arrow keys on a node move to the nearest node
// that way, Home/End to the first/last; on the canvas arrow keys pan; + / - zoom, 0 fits.
//
// Rendering a new graph is measured: performance mark "procedo-diagram-graph" when it is
// set, measure "procedo-diagram-update" when the DOM is updated and "procedo-diagram-render"
// once the frame after the update has been drawn (`rendered` resolves then). Zoom and pan
// only change one transform.
import { html, LitElement, nothing, type PropertyValues } from "lit";
import { guard } from "lit/directives/guard.js";
import { language, LocaleController, t } from "../../lib/i18n.ts";
import { icon } from "../icons.ts";
import { diagramStyles } from "./diagram_styles.ts";
import {
  type Box,
  type Direction,
  type Graph,
  nearestInDirection,
  type ProcessNode,
} from "./geometry.ts";
import { drawScene } from "./layers.ts";
import { buildScene, type Scene } from "./scene.ts";
import { type Fonts, fontsFor } from "./shapes.ts";
import { ViewportController } from "./viewport.ts";

export interface NodeSelectDetail {
  id: string;
}

const MARK = "procedo-diagram-graph";
export const RENDER_MEASURE = "procedo-diagram-render";
/** From setting the graph to the end of the DOM update (script only, before style and paint). */
export const UPDATE_MEASURE = "procedo-diagram-update";
const NO_NAMES: ReadonlyMap<string, string> = new Map();
const KEY_DIRECTIONS: Record<string, Direction> = {
  ArrowLeft: "left",
  ArrowRight: "right",
  ArrowUp: "up",
  ArrowDown: "down",
};

export class ProcedoDiagram extends LitElement {
  static override properties = {
    graph: { attribute: false, noAccessor: true },
    selected: {},
    names: { attribute: false },
    label: {},
  };
  static override styles = [diagramStyles];
  declare selected: string | null;
  declare names: ReadonlyMap<string, string>;
  /** The accessible name of the diagram (e.g. the process title). */
  declare label: string;
  readonly viewport = new ViewportController(this);
  #graph?: Graph;
  #scene?: Scene;
  #fonts?: Fonts;
  #rendered: Promise<void> = Promise.resolve();
  #resolveRendered?: () => void;
  #fitPending = false;

  constructor() {
    super();
    this.selected = null;
    this.names = NO_NAMES;
    this.label = "";
    new LocaleController(this);
  }

  get graph(): Graph | undefined {
    return this.#graph;
  }

  set graph(value: Graph | undefined) {
    const old = this.#graph;
    if (value === old) return;
    this.#graph = value;
    performance.mark(MARK);
    this.#rendered = new Promise((resolve) => (this.#resolveRendered = resolve));
    this.requestUpdate("graph", old);
  }

  /** Resolves once the current graph has been drawn (the frame after its update). */
  get rendered(): Promise<void> {
    return this.#rendered;
  }

  /** The prepared scene of the current graph (bounds, lanes, routes), for hosts and tests. */
  get scene(): Scene | undefined {
    return this.#scene;
  }

  override connectedCallback() {
    super.connectedCallback();
    // The font family is a theme token; canvas measuring needs it resolved.
    const family = getComputedStyle(this).getPropertyValue("--fontFamilyBase").trim() ||
      "'Segoe UI', system-ui, sans-serif";
    this.#fonts = fontsFor(family);
  }

  protected override willUpdate(changed: PropertyValues) {
    if (!changed.has("graph")) return;
    const before = this.#scene?.bounds;
    this.#scene = this.#graph ? buildScene(this.#graph) : undefined;
    // A new model is fitted; the same model reloaded (same extent) keeps the person's view.
    this.#fitPending = !!this.#scene && !(before && sameBox(before, this.#scene.bounds));
  }

  protected override firstUpdated() {
    this.viewport.observe(this.renderRoot.querySelector(".canvas")!);
  }

  protected override updated(changed: PropertyValues) {
    if (!changed.has("graph")) return;
    try {
      performance.measure(UPDATE_MEASURE, MARK);
    } catch { /* the mark was cleared by someone measuring */ }
    if (this.#fitPending) this.fit();
    this.#fitPending = false;
    const resolve = this.#resolveRendered;
    this.#resolveRendered = undefined;
    // rAF runs before the frame is drawn; the task after it runs once it has been.
    requestAnimationFrame(() =>
      setTimeout(() => {
        try {
          performance.measure(RENDER_MEASURE, MARK);
        } catch { /* the mark was cleared by someone measuring */ }
        resolve?.();
        this.dispatchEvent(new Event("diagram-rendered"));
      })
    );
  }

  /** Shows the whole diagram. */
  fit() {
    if (this.#scene) this.viewport.fit(this.#scene.bounds);
  }

  /** Brings the node into view and gives it the keyboard focus. */
  async focusNode(id: string) {
    await this.updateComplete;
    const n = this.#scene?.byId.get(id);
    if (!n) return;
    this.viewport.reveal(n);
    this.#nodeElement(id)?.focus({ preventScroll: true });
  }

  /** Brings the node into view without moving the focus. */
  revealNode(id: string) {
    const n = this.#scene?.byId.get(id);
    if (n) this.viewport.reveal(n);
  }

  override render() {
    const scene = this.#scene;
    const vp = this.viewport;
    return html`
      <div class="toolbar" role="toolbar" aria-label=${t("processes.diagram.toolbar")}>
        <slot name="toolbar"></slot>
        <span class="grow"></span>
        ${this.#button("zoom-out", "processes.diagram.zoomOut", "zoomOut", () => vp.zoomOut())}
        <span class="zoom" data-testid="zoom-level"><span class="visually-hidden">${t(
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
          aria-label=${this.label || t("processes.diagram.label")}
          tabindex="0"
          @click=${this.#onClick}
          @keydown=${this.#onKey}
          @focusin=${this.#onFocusIn}
        >
          <g class="view" transform=${vp.transform}>${guard(
            [scene, this.selected, this.names, language()],
            () =>
              scene
                ? drawScene(scene, {
                  fonts: this.#fonts!,
                  selected: this.selected,
                  names: this.names,
                })
                : nothing,
          )}</g>
        </svg>
        ${scene && scene.order.length === 0
          ? html`<p class="empty">${t("processes.diagram.empty")}</p>`
          : nothing}
      </div>
    `;
  }

  #button(
    testId: string,
    label: Parameters<typeof t>[0],
    name: Parameters<typeof icon>[0],
    fn: () => void,
  ) {
    return html`
      <fluent-button size="small" appearance="subtle" icon-only data-testid=${testId}
        aria-label=${t(label)} title=${t(label)} @click=${fn}>${icon(name, 20)}</fluent-button>
    `;
  }

  #nodeElement(id: string): SVGGElement | null {
    return this.renderRoot.querySelector(`[data-node-id="${CSS.escape(id)}"]`);
  }

  #nodeOf(e: Event): ProcessNode | undefined {
    const el = (e.target as Element | null)?.closest?.("[data-node-id]");
    const id = el?.getAttribute("data-node-id");
    return id ? this.#scene?.byId.get(id) : undefined;
  }

  #select(n: ProcessNode) {
    this.selected = n.id;
    this.dispatchEvent(
      new CustomEvent<NodeSelectDetail>("node-select", {
        detail: { id: n.id },
        bubbles: true,
        composed: true,
      }),
    );
  }

  #onClick = (e: MouseEvent) => {
    if (this.viewport.consumeDragClick()) return;
    const n = this.#nodeOf(e);
    if (n) this.#select(n);
  };

  #onFocusIn = (e: FocusEvent) => {
    const n = this.#nodeOf(e);
    if (n) this.viewport.reveal(n);
  };

  #onKey = (e: KeyboardEvent) => {
    const n = this.#nodeOf(e);
    const scene = this.#scene;
    if (n && scene) {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        this.#select(n);
        return;
      }
      const dir = KEY_DIRECTIONS[e.key];
      const next = dir && !e.ctrlKey && !e.altKey
        ? nearestInDirection(scene.order, n, dir)
        : e.key === "Home"
        ? scene.order[0]
        : e.key === "End"
        ? scene.order[scene.order.length - 1]
        : undefined;
      if (next) {
        e.preventDefault();
        void this.focusNode(next.id);
        return;
      }
      if (dir) {
        e.preventDefault(); // nothing that way: stay, rather than scrolling the page
        return;
      }
    }
    if (this.viewport.onKey(e, () => this.fit(), !n)) e.preventDefault();
  };
}

const sameBox = (a: Box, b: Box) =>
  a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

customElements.define("procedo-diagram", ProcedoDiagram);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-diagram": ProcedoDiagram;
  }
}
