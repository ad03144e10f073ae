// <procedo-process-editor process-id=…>: the process editor. It loads the process and its
// draft (with the draft's ETag), keeps the graph in a CommandStack and wires the parts around
// it: the command bar (editor_toolbar.ts), the canvas (<procedo-editor-canvas>, which runs
// every change through the stack), the properties panel on the right, the validation panel
// below, saving with merge on 412 (save_controller.ts, merge_dialog.ts), BPMN import and
// export (graph_actions.ts) and the keyboard (keyboard.ts). Undo and redo are the editor's:
// the canvas leaves those keys alone. The page decides who gets here (modelers); a 403 is
// still shown politely. Where the server offers live co-editing (the live plugin), the draft
// is edited together instead (live_controller.ts): the stack's undo steps live in the shared
// document, other people's changes arrive through it, their presence shows in the toolbar
// and on the canvas, and the server stores the draft.
import { html, LitElement, nothing, type PropertyValues } from "lit";
import "../confirm_dialog.ts";
import "../draft_export_menu.ts";
import "../editor_canvas/mod.ts";
import type { ProcedoEditorCanvas } from "../editor_canvas/mod.ts";
import "../fluent.ts";
import "../problem_bar.ts";
import { base } from "../styles.ts";
import {
  type Alignment,
  type Axis,
  CommandStack,
  EMPTY_SELECTION,
  pruneSelection,
  selectIds,
  type Selection,
} from "../../editor/mod.ts";
import { isApiProblem } from "../../lib/api/client.ts";
import { LocaleController, t } from "../../lib/i18n.ts";
import { session } from "../../app/session.ts";
import { GraphActions } from "./graph_actions.ts";
import type { EditorHost, EditorNotice } from "./editor_host.ts";
import { DrillDown, PanelCollapse } from "./editor_layout.ts";
import "./bpmn_dialog.ts";
import { CanvasInputs } from "./canvas_inputs.ts";
import { editorBars } from "./editor_bars.ts";
import { draftStoreFor, localCopiesFor, saveSignIn } from "./editor_session.ts";
import { LiveController } from "./live_controller.ts";
import { presenceSlot } from "./presence_bar.ts";
import type { EditorSaving } from "./save_types.ts";
import { loadForEditor, type Process } from "./editor_api.ts";
import { editorStyles } from "./editor_styles.ts";
import "./editor_toolbar.ts";
import type { ToolbarState } from "./editor_toolbar.ts";
import "./findings_panel.ts";
import type { FindingSelectDetail } from "./findings_panel.ts";
import { actionFor, type EditorAction, isTextTarget } from "./keyboard.ts";
import "./merge_dialog.ts";
import type { ProcedoMergeDialog } from "./merge_dialog.ts";
import { NameCache } from "./picker_sources.ts";
import type { ProcessSavedDetail } from "./process_properties.ts";
import "./properties_panel.ts";
import { SaveController } from "./save_controller.ts";
import "./shortcuts_dialog.ts";
import type { ProcedoShortcutsDialog } from "./shortcuts_dialog.ts";
import { ValidationController } from "./validation.ts";

type Phase = "loading" | "ready" | "failed";
export type { EditorNotice } from "./editor_host.ts";

const ALIGNMENTS: Partial<Record<EditorAction, Alignment>> = {
  alignLeft: "left",
  alignCenterX: "centerX",
  alignRight: "right",
  alignTop: "top",
  alignCenterY: "centerY",
  alignBottom: "bottom",
};
const AXES: Partial<Record<EditorAction, Axis>> = {
  distributeHorizontal: "horizontal",
  distributeVertical: "vertical",
};

export class ProcedoProcessEditor extends LitElement implements EditorHost {
  static override properties = {
    processId: { attribute: "process-id" },
    phase: { state: true },
    loadError: { state: true },
    process: { state: true },
    processEtag: { state: true },
    inReview: { state: true },
    selection: { state: true },
    findingsOpen: { state: true },
    notice: { state: true },
    actionError: { state: true },
    busy: { state: true },
  };
  static override styles = [base, editorStyles];
  declare processId: string;
  declare phase: Phase;
  declare loadError: unknown;
  declare process: Process | undefined;
  declare processEtag: string;
  /** The draft waits for approval: shown, not editable. */
  declare inReview: boolean;
  declare selection: Selection;
  declare findingsOpen: boolean;
  declare notice: EditorNotice | null;
  declare actionError: unknown;
  declare busy: boolean;
  /** The graph and its history (public for the page and for tests). */
  stack: CommandStack | undefined;
  #save?: SaveController;
  #live?: LiveController;
  /** The draft is edited live (the server has the live plugin). */
  #liveMode = false;
  #validation?: ValidationController;
  #names?: NameCache;
  #actions = new GraphActions(this);
  /** Which plane the canvas shows, and whether the properties panel is collapsed. */
  readonly drill = new DrillDown(this);
  readonly panels = new PanelCollapse(this);
  #offStack?: () => void;
  #loading?: AbortController;
  #merging = false;
  #inputs?: CanvasInputs;

  constructor() {
    super();
    this.processId = "";
    this.phase = "loading";
    this.processEtag = "";
    this.inReview = false;
    this.selection = EMPTY_SELECTION;
    this.findingsOpen = false;
    this.notice = null;
    this.busy = false;
    new LocaleController(this);
    this.addEventListener("keydown", this.#onKey);
  }

  override connectedCallback() {
    super.connectedCallback();
    // The session exists once the app has signed someone in, which is before any editor.
    if (!this.#save) {
      const current = session();
      const { api } = current;
      this.#save = new SaveController(this, {
        api,
        drafts: draftStoreFor(current),
        onConflict: () => void this.resolveConflict(),
        signIn: saveSignIn(current),
      });
      this.#live = new LiveController(this, {
        api,
        signIn: saveSignIn(current),
        copies: localCopiesFor(current),
        events: globalThis,
        online: () => globalThis.navigator?.onLine ?? true,
      });
      this.#validation = new ValidationController(this, api);
      this.#names = new NameCache(api);
      this.#inputs = new CanvasInputs(this.#names);
      this.#names.onChange(() => this.requestUpdate());
    } else if (this.processId && this.hasUpdated) {
      // Moved in the page: the controllers let go of the stack; load again (unsaved work
      // was kept locally on the way out and is offered back).
      void this.#load();
    }
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#loading?.abort();
  }

  protected override willUpdate(changed: PropertyValues) {
    if (changed.has("processId") && this.processId) void this.#load();
    // Live, the room says when the draft goes into review and out of it.
    if (this.#liveMode && this.#live?.session?.server) this.inReview = this.#live.inReview;
  }

  /** Whoever saves the draft: the room (live) or the save controller (PUT). */
  get save(): EditorSaving | undefined {
    return this.#liveMode ? this.#live : this.#save;
  }

  /** Whether the draft is edited live (for the page and for tests). */
  get live(): LiveController | undefined {
    return this.#liveMode ? this.#live : undefined;
  }

  get canvas(): ProcedoEditorCanvas | null {
    return this.renderRoot.querySelector("procedo-editor-canvas");
  }

  /** Who is editing (named when someone else signs in on the sign-in prompt). */
  get signedInName(): string {
    return session().me.user.displayName;
  }

  /** Whether the merge dialog is open right now. */
  get merging(): boolean {
    return this.#merging;
  }

  get editable(): boolean {
    return this.phase === "ready" && !this.inReview && (!this.#liveMode || this.#live!.editable);
  }

  async #load() {
    this.#loading?.abort();
    const abort = new AbortController();
    this.#loading = abort;
    this.phase = "loading";
    this.loadError = undefined;
    try {
      const { api } = session();
      // The first live ticket is asked for while the draft loads.
      const probe = this.#live!.probe(this.processId);
      const [p, d] = await loadForEditor(api, this.processId, abort.signal);
      const mode = await probe;
      if (abort.signal.aborted) return;
      this.process = p.process;
      this.processEtag = p.etag;
      this.inReview = d.draft.state === "in_review";
      this.#offStack?.();
      this.#liveMode = mode.kind === "live";
      let stack: CommandStack;
      if (mode.kind === "live") {
        this.#save!.detach();
        stack = await this.#live!.open(this.processId, mode.url, d.draft.graph);
        if (abort.signal.aborted) return;
      } else {
        this.#live!.detach();
        stack = new CommandStack(d.draft.graph);
      }
      this.stack = stack;
      this.selection = EMPTY_SELECTION;
      this.#offStack = stack.onChange((e) => {
        this.selection = pruneSelection(this.selection, e.graph);
        this.requestUpdate();
      });
      if (!this.#liveMode) {
        this.#save!.attach(this.processId, stack, { etag: d.etag, graph: d.draft.graph }, {
          readonly: this.inReview,
        });
      }
      this.#validation!.attach(stack);
      this.phase = "ready";
      this.#announceProcess();
    } catch (e) {
      if (abort.signal.aborted) return;
      this.loadError = e;
      this.phase = "failed";
    }
  }

  /** Runs a command-bar action or a keyboard shortcut. */
  async run(action: EditorAction): Promise<void> {
    const stack = this.stack;
    const canvas = this.canvas;
    if (!stack || this.phase !== "ready") return;
    const edit = this.editable;
    if (ALIGNMENTS[action]) return edit ? canvas?.align(ALIGNMENTS[action]!) : undefined;
    if (AXES[action]) return edit ? canvas?.distribute(AXES[action]!) : undefined;
    switch (action) {
      case "save":
        if (edit) await this.save!.save();
        return;
      case "undo":
        if (edit) stack.undo();
        return;
      case "redo":
        if (edit) stack.redo();
        return;
      case "help":
        return await this.#dialog<ProcedoShortcutsDialog>("procedo-shortcuts-dialog").show();
      case "toggleFindings":
        this.findingsOpen = !this.findingsOpen;
        return;
      case "copy":
        return canvas?.copySelection();
      case "cut":
        return edit ? canvas?.cutSelection() : undefined;
      case "paste":
        return edit ? await canvas?.paste() : undefined;
      case "delete":
        return edit ? await canvas?.deleteSelection() : undefined;
      case "zoomIn":
        return canvas?.zoomIn();
      case "zoomOut":
        return canvas?.zoomOut();
      case "fit":
        return canvas?.fit();
      case "layout":
        return edit ? await this.#actions.layout() : undefined;
      case "importBpmn":
        return edit ? this.#actions.chooseFile() : undefined;
      case "exportBpmn":
        return await this.#actions.export();
    }
  }

  /** Opens the merge dialog for the pending conflict (again, after "Decide later"). */
  async resolveConflict() {
    const conflict = this.#save?.currentConflict();
    if (!conflict || this.#merging) return;
    this.#merging = true;
    try {
      const decision = await this.#dialog<ProcedoMergeDialog>("procedo-merge-dialog").ask(conflict);
      if (decision.kind === "merge") await this.#save!.applyMerge(decision.graph);
      else if (decision.kind === "theirs") this.#save!.takeTheirs();
    } finally {
      this.#merging = false;
      this.requestUpdate();
    }
  }

  /** Shows a short message above the canvas (a refusal, "layout applied"…). */
  say(notice: EditorNotice | null) {
    this.notice = notice;
  }

  override render() {
    if (this.phase === "failed") return this.#failed();
    if (this.phase === "loading" || !this.stack) {
      return html`
        <div class="loading">
          <fluent-spinner aria-label=${t("app.loading")}></fluent-spinner>
        </div>
      `;
    }
    const stack = this.stack;
    const v = this.#validation!;
    return html`
      <procedo-editor-toolbar .state=${this.#toolbarState()}
        @editor-action=${(e: CustomEvent<EditorAction>) => void this.run(e.detail)}>
        <procedo-draft-export-menu slot="export" process-id=${this.processId}
          process-title=${this.process?.title ?? ""} .save=${this.#saveForExport}
        ></procedo-draft-export-menu>${this.#liveMode
          ? presenceSlot(this.#live!.peers, session().me.user)
          : nothing}
      </procedo-editor-toolbar>
      <div class="bars">${editorBars(this)}</div>
      ${this.drill.bar(stack.graph, this.process?.title ?? "")}
      <div class=${this.panels.collapsed ? "main panel-collapsed" : "main"}>
        <procedo-editor-canvas
          aria-label=${t("editor.canvas")}
          .scope=${this.drill.current(stack.graph)}
          .stack=${stack}
          .selection=${this.selection}
          .findings=${this.#inputs!.markers(v.findings)}
          .positionLabels=${this.#inputs!.laneLabels(stack.graph.lanes)}
          ?readonly=${!this.editable}
          .peers=${this.#liveMode ? this.#live!.peers : undefined}
          @selection-change=${(e: CustomEvent<{ selection: Selection }>) => {
            this.selection = e.detail.selection;
            this.#live?.session?.setPresence({ selection: [...this.selection.ids] });
          }}
          @canvas-pointer=${(e: CustomEvent<{ x: number; y: number } | null>) =>
            this.#live?.session?.setPresence({ pointer: e.detail })}
          @request-properties=${this.#focusProperties}
          @canvas-error=${(e: CustomEvent<{ message: string }>) =>
            this.say({ intent: "error", text: e.detail.message })}
        ></procedo-editor-canvas>
        ${this.panels.button()}
        <procedo-properties-panel
          ?hidden=${this.panels.collapsed}
          aria-labelledby="properties-heading"
          role="complementary"
          .stack=${stack}
          .graph=${stack.graph}
          .selection=${this.selection}
          .names=${this.#names}
          .process=${this.process}
          process-etag=${this.processEtag}
          ?readonly=${!this.editable}
          @process-saved=${(e: CustomEvent<ProcessSavedDetail>) => {
            this.process = e.detail.process;
            this.processEtag = e.detail.etag;
            this.#announceProcess();
          }}
        ></procedo-properties-panel>
      </div>
      <procedo-findings-panel
        ?open=${this.findingsOpen}
        .findings=${v.findings}
        .counts=${v.counts}
        .graph=${stack.graph}
        ?checking=${v.checking}
        ?failed=${v.failed}
        @toggle-findings=${(e: CustomEvent<boolean>) => (this.findingsOpen = e.detail)}
        @finding-select=${(e: CustomEvent<FindingSelectDetail>) => this.#showElement(e.detail.id)}
      ></procedo-findings-panel>
      ${this.#actions.fileInput()}
      <procedo-shortcuts-dialog></procedo-shortcuts-dialog>
      <procedo-merge-dialog></procedo-merge-dialog>
      <procedo-bpmn-dialog></procedo-bpmn-dialog>
      <procedo-confirm></procedo-confirm>
    `;
  }

  /** The exports read the saved draft: save what is shown first (a draft in review is). */
  // Live, the room stores the draft; otherwise the save controller does (PUT).
  #saveForExport = () => this.editable && this.save ? this.save.save() : Promise.resolve(true);

  #failed() {
    const forbidden = isApiProblem(this.loadError) && this.loadError.status === 403;
    return html`<div class="failed">${
      forbidden
        ? html`<fluent-message-bar intent="warning">${t("editor.forbidden")}</fluent-message-bar>`
        : html`
          <procedo-problem .error=${this.loadError} @retry=${() => this.#load()}></procedo-problem>
        `
    }</div>`;
  }

  #toolbarState(): ToolbarState {
    const stack = this.stack!;
    const g = stack.graph;
    const steps = g.nodes.filter((n) => this.selection.ids.has(n.id)).length;
    return {
      readonly: !this.editable,
      canUndo: stack.canUndo,
      canRedo: stack.canRedo,
      undoLabel: stack.undoLabel,
      redoLabel: stack.redoLabel,
      selected: this.selection.ids.size,
      selectedSteps: steps,
      status: this.save!.status,
      findingsOpen: this.findingsOpen,
      errors: this.#validation!.counts.errors,
      warnings: this.#validation!.counts.warnings,
      busy: this.busy,
    };
  }

  /** Tells the page which process is open (its title, after loading and after each save). */
  #announceProcess() {
    this.dispatchEvent(new CustomEvent("process-loaded", { detail: { process: this.process } }));
  }

  #showElement(id: string) {
    this.selection = selectIds([id]);
    this.canvas?.focusNode(id);
  }

  #focusProperties = async () => {
    await this.updateComplete;
    const panel = this.renderRoot.querySelector("procedo-properties-panel");
    await panel?.updateComplete;
    const section = panel?.shadowRoot?.querySelector("procedo-step-properties");
    await section?.updateComplete;
    section?.shadowRoot?.querySelector<HTMLElement>("input, textarea")?.focus();
  };

  #dialog<T extends Element>(tag: string): T {
    return this.renderRoot.querySelector(tag) as T;
  }

  #onKey = (e: KeyboardEvent) => {
    const path = e.composedPath();
    // Keys in a dialog belong to the dialog (no undo behind a modal).
    if (path.some((t) => (t as Element).localName === "fluent-dialog")) return;
    const action = actionFor(e, isTextTarget(path));
    if (!action) return;
    e.preventDefault();
    void this.run(action);
  };
}

customElements.define("procedo-process-editor", ProcedoProcessEditor);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-process-editor": ProcedoProcessEditor;
  }
}
