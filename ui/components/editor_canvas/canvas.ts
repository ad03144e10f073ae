// <procedo-editor-canvas>: the editing canvas of the process editor. It draws `stack.graph`
// (lanes, steps, flows; the viewer's shapes and styles), runs every change as a command on
// `.stack` and re-renders on its changes, and owns the selection (`selection-change`).
// Properties: stack, selection, findings (markers with their messages), readonly,
// positionLabels (id → label of lane bindings). Methods: fit, zoomIn, zoomOut, focusNode,
// copySelection, cutSelection, paste, deleteSelection, align, distribute. Events:
// selection-change ({ selection }), request-properties ({ id }), canvas-error ({ message }).
//
// Speed: the layers are guarded by the graph's immutable arrays and each element by its own
// value, so a change re-renders only what it touched; a node drag moves transforms and
// commits one command on pointer up (pointer_tool.ts); hit tests use a spatial index.
import { html, LitElement, nothing, type PropertyValues, svg } from "lit";
import { guard } from "lit/directives/guard.js";
import { language, LocaleController, t } from "../../lib/i18n.ts";
import "../confirm_dialog.ts";
import type { ConfirmOptions, ProcedoConfirm } from "../confirm_dialog.ts";
import { ViewportController } from "../diagram/viewport.ts";
import { type Fonts, fontsFor } from "../diagram/shapes.ts";
import {
  type Alignment,
  type Axis,
  type ChangeEvent,
  type Command,
  CommandStack,
  EMPTY_GRAPH,
  EMPTY_SELECTION,
  type Graph,
  GRID_SIZE,
  type Lane,
  pruneSelection,
  selectIds,
  type Selection,
} from "../../editor/mod.ts";
import { canvasStyles } from "./canvas_styles.ts";
import {
  bindingPopover,
  connectHandleOf,
  HoverTracker,
  laneTools,
  viewTools,
} from "./canvas_controls.ts";
import { derive, type Derived } from "./derived.ts";
import { ClipboardActions } from "./clipboard_actions.ts";
import { type ElementFindings, type Finding, findingsByElement } from "./findings.ts";
import { InlineEditor } from "./inline_label.ts";
import { handleKey, type KeyHost } from "./keyboard.ts";
import { edgesLayer, lanesLayer, type LayerState, nodesLayer } from "./layers.ts";
import { BindingLabels } from "./lane_tools.ts";
import { Minimap, needsMinimap } from "./minimap.ts";
import { type Preview, previewLayer, refusalTip, selectionHandles } from "./overlay.ts";
import "./palette.ts";
import { PointerTool, type ToolHost } from "./pointer_tool.ts";
import { StructureActions } from "./structure_actions.ts";

export interface SelectionChangeDetail {
  selection: Selection;
}
export interface RequestPropertiesDetail {
  id: string;
}
export interface CanvasErrorDetail {
  message: string;
  reason?: string;
}

const FIT_PADDING = 24;
/** Below this zoom labels are too small to read and are not laid out. */
const FAR_SCALE = 0.4;
/** Hysteresis, so a zoom around the threshold does not redraw every label back and forth. */
const FAR_BAND = 0.03;
const NO_LABELS: ReadonlyMap<string, string> = new Map();

export class ProcedoEditorCanvas extends LitElement implements ToolHost, KeyHost {
  static override properties = {
    stack: { attribute: false, noAccessor: true },
    selection: { attribute: false },
    findings: { attribute: false },
    readonly: { type: Boolean, reflect: true },
    positionLabels: { attribute: false },
    snap: { type: Boolean },
    preview: { state: true },
    bindingLane: { state: true },
    status: { state: true },
    tabStop: { state: true },
    hoverNode: { state: true },
  };
  static override styles = canvasStyles;

  declare selection: Selection;
  declare findings: readonly Finding[];
  declare readonly: boolean;
  declare positionLabels: ReadonlyMap<string, string>;
  /** Snap to the grid (and show it). */
  declare snap: boolean;
  declare preview: Preview | null;
  declare bindingLane: string | null;
  declare status: string;
  declare tabStop: string | null;
  declare hoverNode: string | null;

  readonly viewport = new ViewportController(this);
  readonly tool = new PointerTool(this);
  readonly inline = new InlineEditor(this);
  readonly #hover = new HoverTracker(this);
  readonly #minimap = new Minimap(this.viewport);
  readonly #clipboard = new ClipboardActions(this);
  readonly structure = new StructureActions(this);
  #stack?: CommandStack;
  #unsubscribe?: () => void;
  #derived?: Derived;
  #fonts?: Fonts;
  #fitPending = false;
  #confirmWanted = false;
  #space = false;
  readonly #bindingLabels = new BindingLabels();

  constructor() {
    super();
    this.selection = EMPTY_SELECTION;
    this.findings = [];
    this.readonly = false;
    this.positionLabels = NO_LABELS;
    this.snap = true;
    this.preview = null;
    this.bindingLane = null;
    this.status = "";
    this.tabStop = null;
    this.hoverNode = null;
    new LocaleController(this);
  }

  get stack(): CommandStack | undefined {
    return this.#stack;
  }

  set stack(value: CommandStack | undefined) {
    const old = this.#stack;
    if (value === old) return;
    this.#unsubscribe?.();
    this.#stack = value;
    this.#unsubscribe = value?.onChange((e) => this.#onStackChange(e));
    this.#fitPending = true;
    this.requestUpdate("stack", old);
  }

  get graph(): Graph {
    return this.#stack?.graph ?? EMPTY_GRAPH;
  }

  get spaceDown(): boolean {
    return this.#space;
  }

  get surface(): HTMLElement {
    return this.renderRoot.querySelector<HTMLElement>(".canvas")!;
  }

  override connectedCallback() {
    super.connectedCallback();
    if (this.#stack && !this.#unsubscribe) {
      this.#unsubscribe = this.#stack.onChange((e) => this.#onStackChange(e));
    }
    const family = getComputedStyle(this).getPropertyValue("--fontFamilyBase").trim() ||
      "'Segoe UI', system-ui, sans-serif";
    this.#fonts = fontsFor(family);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  #onStackChange(_e: ChangeEvent) {
    const pruned = pruneSelection(this.selection, this.graph);
    if (pruned !== this.selection) this.select(pruned);
    this.inline.prune(this.graph);
    this.requestUpdate();
  }

  // ---- Public methods -----------------------------------------------------------------

  /** Shows the whole process, from its top left corner (where a process grows from). */
  fit() {
    const vp = this.viewport;
    const b = this.#derive().bounds;
    if (vp.width <= 0 || vp.height <= 0) {
      this.#fitPending = true;
      return;
    }
    vp.fit(b, FIT_PADDING);
    vp.panBy(FIT_PADDING - (b.x * vp.scale + vp.x), FIT_PADDING - (b.y * vp.scale + vp.y));
  }

  zoomIn() {
    this.viewport.zoomIn();
  }

  zoomOut() {
    this.viewport.zoomOut();
  }

  /** Selects the node (or flow, or lane) and brings it into view with the focus on it. */
  focusNode(id: string) {
    this.select(selectIds([id]));
    this.focusElement(id);
  }

  copySelection() {
    this.#clipboard.copy();
  }

  cutSelection() {
    this.#clipboard.cut();
  }

  paste(): Promise<void> {
    return this.#clipboard.paste();
  }

  /** Deletes the selected steps and flows; selected lanes after a confirmation. */
  deleteSelection(): Promise<void> {
    return this.structure.deleteSelection();
  }

  align(kind: Alignment) {
    this.structure.align(kind);
  }

  distribute(axis: Axis) {
    this.structure.distribute(axis);
  }

  // ---- What the tools call ------------------------------------------------------------

  select(sel: Selection) {
    if (sel === this.selection) return;
    const same = sel.primary === this.selection.primary &&
      sel.ids.size === this.selection.ids.size &&
      [...sel.ids].every((id) => this.selection.ids.has(id));
    if (same) return;
    this.selection = sel;
    if (sel.ids.size > 1) this.announce(t("editorCanvas.status.selected", { count: sel.ids.size }));
    this.dispatchEvent(
      new CustomEvent<SelectionChangeDetail>("selection-change", {
        detail: { selection: sel },
        bubbles: true,
        composed: true,
      }),
    );
  }

  execute(command: Command): boolean {
    const stack = this.#stack;
    if (!stack || this.readonly) return false;
    const result = stack.execute(command);
    if (!result.ok) {
      const reason = result.refusal.reason;
      this.error(t(`editorCanvas.error.${reason}`), reason);
      return false;
    }
    return true;
  }

  endBurst() {
    this.#stack?.endBurst();
  }

  error(message: string, reason?: string) {
    this.dispatchEvent(
      new CustomEvent<CanvasErrorDetail>("canvas-error", {
        detail: { message, reason },
        bubbles: true,
        composed: true,
      }),
    );
  }

  announce(text: string) {
    this.status = text;
  }

  setPreview(p: Preview | null) {
    this.preview = p;
  }

  drawn(kind: "node" | "edge" | "lane", id: string): SVGGraphicsElement | null {
    const attr = kind === "lane" ? "data-lane-header" : `data-${kind}-id`;
    return this.renderRoot.querySelector(`[${attr}="${CSS.escape(id)}"]`);
  }

  /** Moves the keyboard focus (the roving tab stop) to a node, flow or lane header. */
  async focusElement(id: string) {
    this.tabStop = id;
    await this.updateComplete;
    const g = this.graph;
    const kind = g.nodes.some((n) => n.id === id)
      ? "node"
      : g.edges.some((e) => e.id === id)
      ? "edge"
      : "lane";
    const el = this.drawn(kind, id);
    if (!el) return;
    this.reveal(id);
    el.focus({ preventScroll: true });
  }

  reveal(id: string) {
    const d = this.#derive();
    const n = d.byId.get(id);
    if (n) return this.viewport.reveal(n);
    const lane = this.graph.lanes.findIndex((l) => l.id === id);
    if (lane >= 0) {
      const top = this.graph.lanes.slice(0, lane).reduce((s, l) => s + l.size, 0);
      return this.viewport.reveal({
        x: 0,
        y: top,
        width: 200,
        height: this.graph.lanes[lane].size,
      });
    }
    const e = this.graph.edges.find((x) => x.id === id);
    const p = e?.waypoints[Math.floor(e.waypoints.length / 2)];
    if (p) this.viewport.reveal({ x: p.x - 20, y: p.y - 20, width: 40, height: 40 });
  }

  /** Edits the label of a node or flow, or the name of a lane, where it is drawn. */
  edit(id: string) {
    if (this.readonly || !this.inline.start(id)) return;
    this.reveal(id);
  }

  /** Whether a label is being edited (the lane tools stay out of the way then). */
  get editing(): boolean {
    return this.inline.editing !== null;
  }

  requestProperties(id: string) {
    this.dispatchEvent(
      new CustomEvent<RequestPropertiesDetail>("request-properties", {
        detail: { id },
        bubbles: true,
        composed: true,
      }),
    );
  }

  cancelGesture(): boolean {
    if (this.bindingLane) {
      this.bindingLane = null;
      return true;
    }
    return this.tool.cancel();
  }

  zoomKey(e: KeyboardEvent): boolean {
    return this.viewport.onKey(
      e,
      () => this.fit(),
      !(e.target as Element)?.closest?.("[tabindex='0'][role=button]"),
    );
  }

  openBinding(laneId: string) {
    this.bindingLane = laneId;
  }

  closeBinding() {
    const lane = this.bindingLane;
    this.bindingLane = null;
    if (lane) void this.focusElement(lane);
  }

  learnLabel(id: string, label: string) {
    this.#bindingLabels.learn(id, label);
  }

  /** What a lane is bound to: the container's label for it, or the picker's. */
  bindingLabel(lane: Lane): string {
    return this.#bindingLabels.of(lane, this.positionLabels);
  }

  /** The lane a new step goes to: the selected lane, the lane of the selection, the first. */
  targetLane(): string | null {
    const g = this.graph;
    const sel = this.selection;
    const lane = g.lanes.find((l) => sel.ids.has(l.id));
    if (lane) return lane.id;
    const node = sel.primary ? this.#derive().byId.get(sel.primary) : undefined;
    if (node?.laneId) return node.laneId;
    const focused = this.tabStop ? g.lanes.find((l) => l.id === this.tabStop) : undefined;
    return focused?.id ?? g.lanes[0]?.id ?? null;
  }

  /** Asks before something destructive, in a dialog made on first use. */
  async confirm(options: ConfirmOptions): Promise<boolean> {
    if (!this.#confirmWanted) {
      this.#confirmWanted = true;
      this.requestUpdate();
      await this.updateComplete;
    }
    return this.renderRoot.querySelector<ProcedoConfirm>("procedo-confirm")!.ask(options);
  }

  get fonts(): Fonts {
    return this.#fonts ??= fontsFor("'Segoe UI', system-ui, sans-serif");
  }

  #derive(): Derived {
    return this.#derived = derive(this.#derived, this.graph);
  }

  derived(): Derived {
    return this.#derive();
  }

  // ---- Lifecycle and rendering --------------------------------------------------------

  protected override firstUpdated() {
    this.viewport.observe(this.surface);
  }

  protected override updated(changed: PropertyValues) {
    if (this.#fitPending && this.#stack && this.viewport.measure()) {
      this.#fitPending = false;
      this.fit(); // draws the graph (see #unmeasured), in the update this one asks for
    }
    if (this.#stack && this.#markedDrawn !== this.#stack && !this.#unmeasured) {
      // A User Timing mark for real-user monitoring and the bench: the graph is in the DOM.
      this.#markedDrawn = this.#stack;
      performance.mark?.("procedo:editor-drawn", { detail: { nodes: this.graph.nodes.length } });
    }
    super.updated(changed);
  }

  #markedDrawn?: CommandStack;

  #markersOf: { findings: readonly Finding[]; map: ReadonlyMap<string, ElementFindings> } = {
    findings: [],
    map: new Map(),
  };

  #far = false;

  /** Whether the view is zoomed out too far for labels (with some hysteresis). */
  #isFar(): boolean {
    const scale = this.viewport.scale;
    if (this.#far && scale > FAR_SCALE + FAR_BAND) this.#far = false;
    else if (!this.#far && scale < FAR_SCALE - FAR_BAND) this.#far = true;
    return this.#far;
  }

  /** Markers by element; the same map while the findings say the same (see findings.ts). */
  #markers(): ReadonlyMap<string, ElementFindings> {
    const known = this.#markersOf;
    if (known.findings === this.findings) return known.map;
    const map = findingsByElement(this.findings, known.map);
    this.#markersOf = { findings: this.findings, map };
    return map;
  }

  #effectiveTabStop(d: Derived): string | null {
    const g = d.graph;
    const exists = (id: string | null) =>
      !!id && (d.byId.has(id) || d.laneNames.has(id) || g.edges.some((e) => e.id === id));
    if (exists(this.tabStop)) return this.tabStop;
    if (exists(this.selection.primary)) return this.selection.primary;
    return g.lanes[0]?.id ?? g.nodes[0]?.id ?? null;
  }

  /**
   * A new graph waits for the first fit before it is drawn: drawn at 100 % first, a large one
   * would lay out every label only to drop them a frame later, zoomed out (and be styled and
   * laid out twice). The wait is one update: updated() measures the empty canvas and fits.
   */
  get #unmeasured(): boolean {
    return this.#fitPending && this.viewport.width <= 0;
  }

  override render() {
    const d = this.#derive();
    const g = d.graph;
    const vp = this.viewport;
    const sel = this.selection;
    const markers = this.#markers();
    const stop = this.#effectiveTabStop(d);
    const lang = language();
    const state: LayerState = {
      fonts: this.fonts,
      selected: sel.ids,
      tabStop: stop,
      findings: markers,
      readonly: this.readonly,
      far: this.#isFar(),
    };
    const labelsKey = this.#bindingLabels.version;
    return html`
      ${this.readonly ? nothing : html`
        <procedo-editor-palette
          @palette-add=${this.structure.onPaletteAdd}></procedo-editor-palette>
      `}
      <div
        class="canvas"
        ?data-space=${this.#space}
        @pointerdown=${this.tool.onPointerDown}
        @pointerover=${this.#hover.onPointerOver}
        @pointermove=${this.tool.onPointerMove}
        @pointerup=${this.tool.onPointerUp}
        @pointercancel=${this.tool.onPointerUp}
        @wheel=${{ handleEvent: vp.onWheel, passive: false }}
        @dragenter=${this.structure.onDragEnter}
        @dragover=${this.structure.onDragOver}
        @dragleave=${this.structure.onDragLeave}
        @drop=${this.structure.onDrop}
      >
        <svg
          class=${state.far ? "drawing far" : "drawing"}
          role="application"
          aria-label=${t("editorCanvas.label")}
          aria-describedby="help"
          tabindex=${stop ? -1 : 0}
          @keydown=${this.#onKeyDown}
          @keyup=${this.#onKeyUp}
          @focusout=${this.#onFocusOut}
          @dblclick=${this.structure.onDoubleClick}
          @focusin=${this.#onFocusIn}
        >
          <defs>
            <marker id="arrow" viewBox="0 0 10 8" refX="10" refY="4" markerWidth="10"
              markerHeight="8" markerUnits="userSpaceOnUse" orient="auto"><path
              d="M0 0L10 4L0 8Z"></path></marker>
            <marker id="arrow-selected" viewBox="0 0 10 8" refX="10" refY="4" markerWidth="10"
              markerHeight="8" markerUnits="userSpaceOnUse" orient="auto"><path
              d="M0 0L10 4L0 8Z"></path></marker>
            <pattern id="grid" width=${GRID_SIZE * 2} height=${GRID_SIZE * 2}
              patternUnits="userSpaceOnUse"><circle class="grid-dot" cx="0.75" cy="0.75"
              r="0.75"></circle></pattern>
          </defs>
          <g class="view" transform=${vp.transform}>
            ${this.snap
              ? svg`
                <rect class="grid" x=${d.bounds.x - 400} y=${d.bounds.y - 400}
                  width=${d.bounds.width + 800} height=${d.bounds.height + 800}></rect>
              `
              : nothing}
            ${this.#unmeasured ? nothing : svg`
              <g class="lanes">${guard(
                [
                  g.lanes,
                  d.width,
                  labelsKey,
                  this.positionLabels,
                  sel,
                  stop,
                  markers,
                  this.readonly,
                  lang,
                ],
                () => lanesLayer(g, d.width, (l) => this.bindingLabel(l), state),
              )}</g>
              <g class="edges">${guard(
                [g.edges, g.nodes, sel, stop, markers, lang, state.far],
                () => edgesLayer(g, d.byId, state),
              )}</g>
              <g class="nodes">${guard(
                [g.nodes, d.laneNames, sel, stop, markers, this.readonly, lang, state.far],
                () => nodesLayer(g, d.laneNames, state),
              )}</g>
              ${guard(
                [g, sel, this.readonly],
                () => selectionHandles(g, d.byId, sel, this.readonly),
              )}
              ${connectHandleOf(this, d)}
            `}
            <g class="preview">${previewLayer(this.preview)}</g>
          </g>
        </svg>
        ${g.lanes.length === 0 && g.nodes.length === 0
          ? html`<p class="empty">${
            t(this.readonly ? "processes.diagram.empty" : "editorCanvas.empty")
          }</p>`
          : nothing}
        ${viewTools(this)}
        ${laneTools(this, d)}
        ${bindingPopover(this, d)}
        ${this.inline.render(vp)} ${refusalTip(this.preview, vp)}
        ${needsMinimap(d.bounds, vp) && g.nodes.length
          ? this.#minimap.render(g, d.bounds, d.width)
          : nothing}
      </div>
      <p id="help" class="visually-hidden">${t(
        this.readonly ? "editorCanvas.helpReadonly" : "editorCanvas.help",
      )}</p>
      <div class="visually-hidden" role="status" aria-live="polite">${this.status}</div>
      ${this.#confirmWanted ? html`<procedo-confirm></procedo-confirm>` : nothing}
    `;
  }

  #onFocusIn = (e: FocusEvent) => {
    const el = (e.target as Element).closest?.("[data-node-id],[data-edge-id],[data-lane-header]");
    const id = el?.getAttribute("data-node-id") ?? el?.getAttribute("data-edge-id") ??
      el?.getAttribute("data-lane-header");
    if (id && id !== this.tabStop) this.tabStop = id;
  };

  #onKeyDown = (e: KeyboardEvent) => {
    if (e.key === " " && !e.repeat) {
      this.#space = true;
      this.requestUpdate();
    }
    if (handleKey(this, e)) {
      e.preventDefault();
      e.stopPropagation();
    }
  };

  /** Space released elsewhere (another window) must not leave the canvas panning. */
  #onFocusOut = (e: FocusEvent) => {
    const to = e.relatedTarget as Node | null;
    if (!this.#space || (to && this.renderRoot.contains(to))) return;
    this.#space = false;
    this.requestUpdate();
  };

  #onKeyUp = (e: KeyboardEvent) => {
    if (e.key === " ") {
      this.#space = false;
      this.requestUpdate();
    }
    if (e.key.startsWith("Arrow")) this.endBurst();
  };
}

customElements.define("procedo-editor-canvas", ProcedoEditorCanvas);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-editor-canvas": ProcedoEditorCanvas;
  }
}
