// <procedo-editor-canvas>: the editing canvas of the process editor. It draws `stack.graph`
// (lanes, steps, flows; the viewer's shapes and styles), runs every change as a command on
// `.stack` and re-renders on its changes, and owns the selection (`selection-change`).
// Properties: stack, selection, findings (markers with their messages), readonly,
// positionLabels (id → label of lane bindings), peers (other people in a live draft, drawn
// in their colour). Methods: fit, zoomIn, zoomOut, focusNode, copySelection, cutSelection,
// paste, deleteSelection, align, distribute. Events: selection-change ({ selection }),
// request-properties ({ id }), canvas-error ({ message }), canvas-pointer ({ x, y } | null).
//
// Speed: the layers are guarded by the graph's immutable arrays and each element by its own
// value, so a change re-renders only what it touched; a node drag moves transforms and
// commits one command on pointer up (pointer_tool.ts); hit tests use a spatial index. What
// it renders is in canvas_view.ts; this file holds its state, API and lifecycle.
import { LitElement, type PropertyValues } from "lit";
import { LocaleController, t } from "../../lib/i18n.ts";
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
  type Lane,
  pruneSelection,
  selectIds,
  type Selection,
  visibleGraph,
} from "../../editor/mod.ts";
import { canvasStyles } from "./canvas_styles.ts";
import { HoverTracker } from "./canvas_controls.ts";
import { FarView, Markers, renderCanvas } from "./canvas_view.ts";
import { emit } from "./canvas_events.ts";
import { elementKind, revealBox, targetLane } from "./canvas_focus.ts";
import { derive, type Derived } from "./derived.ts";
import { ClipboardActions } from "./clipboard_actions.ts";
import { DrawingKeys } from "./drawing_keys.ts";
import type { Finding } from "./findings.ts";
import { InlineEditor } from "./inline_label.ts";
import type { KeyHost } from "./keyboard.ts";
import { BindingLabels } from "./lane_tools.ts";
import { Minimap } from "./minimap.ts";
import type { Preview } from "./overlay.ts";
import "./palette.ts";
import { PointerTool } from "./pointer_tool.ts";
import { StackBinding } from "./stack_binding.ts";
import { StructureActions } from "./structure_actions.ts";
import { type PeerView, PointerReporter } from "./peers_layer.ts";
import type { ToolHost } from "./tool_host.ts";

const FIT_PADDING = 24;
const NO_LABELS: ReadonlyMap<string, string> = new Map();

export class ProcedoEditorCanvas extends LitElement implements ToolHost, KeyHost {
  static override properties = {
    stack: { attribute: false, noAccessor: true },
    selection: { attribute: false },
    findings: { attribute: false },
    readonly: { type: Boolean, reflect: true },
    positionLabels: { attribute: false },
    peers: { attribute: false },
    snap: { type: Boolean },
    preview: { state: true },
    bindingLane: { state: true },
    status: { state: true },
    tabStop: { state: true },
    hoverNode: { state: true },
    scope: {},
  };
  static override styles = canvasStyles;

  declare selection: Selection;
  declare findings: readonly Finding[];
  declare readonly: boolean;
  declare positionLabels: ReadonlyMap<string, string>;
  /** Other people in a live draft (their pointers and selections); undefined: alone. */
  declare peers: readonly PeerView[] | undefined;
  /** Snap to the grid (and show it). */
  declare snap: boolean;
  declare preview: Preview | null;
  declare bindingLane: string | null;
  declare status: string;
  declare tabStop: string | null;
  declare hoverNode: string | null;
  /** The closed subprocess opened for drawing (its own plane), or null for the process. */
  declare scope: string | null;

  readonly viewport = new ViewportController(this);
  readonly tool = new PointerTool(this);
  readonly inline = new InlineEditor(this);
  readonly #hover = new HoverTracker(this);
  readonly #minimap = new Minimap(this.viewport);
  readonly #clipboard = new ClipboardActions(this);
  readonly structure = new StructureActions(this);
  readonly #keys = new DrawingKeys(this);
  readonly #markers = new Markers();
  readonly #far = new FarView();
  readonly #binding = new StackBinding(this, (e) => this.#onStackChange(e));
  #derived?: Derived;
  #fonts?: Fonts;
  #fitPending = false;
  #confirmWanted = false;
  readonly #bindingLabels = new BindingLabels();
  readonly #pointer = new PointerReporter(this, (x, y) => this.tool.toDiagram(x, y));

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
    this.scope = null;
    new LocaleController(this);
    this.addEventListener("pointermove", this.#pointer.onMove);
    this.addEventListener("pointerleave", this.#pointer.onLeave);
  }

  get stack(): CommandStack | undefined {
    return this.#binding.stack;
  }

  set stack(value: CommandStack | undefined) {
    const old = this.#stack;
    if (!this.#binding.set(value)) return;
    this.#fitPending = true;
    this.requestUpdate("stack", old);
  }

  get #stack(): CommandStack | undefined {
    return this.#binding.stack;
  }

  /** What is drawn: the stack's graph on the plane of `scope` (see editor/visible.ts). */
  get graph(): Graph {
    return visibleGraph(this.#stack?.graph ?? EMPTY_GRAPH, this.scope);
  }

  get spaceDown(): boolean {
    return this.#keys.spaceDown;
  }

  get surface(): HTMLElement {
    return this.renderRoot.querySelector<HTMLElement>(".canvas")!;
  }

  override connectedCallback() {
    super.connectedCallback();
    const family = getComputedStyle(this).getPropertyValue("--fontFamilyBase").trim() ||
      "'Segoe UI', system-ui, sans-serif";
    this.#fonts = fontsFor(family);
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
    emit(this, "selection-change", { selection: sel });
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
    emit(this, "canvas-error", { message, reason });
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
    const el = this.drawn(elementKind(this.#derive(), id), id);
    if (!el) return;
    this.reveal(id);
    el.focus({ preventScroll: true });
  }

  /** Scrolls a node, lane header or flow into view. */
  reveal(id: string) {
    const box = revealBox(this.#derive(), id);
    if (box) this.viewport.reveal(box);
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
    emit(this, "request-properties", { id });
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
    return targetLane(this.#derive(), this.selection, this.tabStop);
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

  /**
   * A new graph waits for the first fit before it is drawn: drawn at 100 % first, a large one
   * would lay out every label only to drop them a frame later, zoomed out (and be styled and
   * laid out twice). The wait is one update: updated() measures the empty canvas and fits.
   */
  get #unmeasured(): boolean {
    return this.#fitPending && this.viewport.width <= 0;
  }

  override render() {
    return renderCanvas(this, {
      d: this.#derive(),
      markers: this.#markers.of(this.findings),
      far: this.#far.at(this.viewport.scale),
      labelsKey: this.#bindingLabels.version,
      unmeasured: this.#unmeasured,
      keys: this.#keys,
      hover: this.#hover,
      minimap: this.#minimap,
      confirmWanted: this.#confirmWanted,
    });
  }
}

customElements.define("procedo-editor-canvas", ProcedoEditorCanvas);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-editor-canvas": ProcedoEditorCanvas;
  }
}
