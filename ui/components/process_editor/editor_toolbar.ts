// <procedo-editor-toolbar>: the editor's command bar. It only shows state and fires
// `editor-action` with the action's name; the editor runs it (the same names as the keyboard
// shortcuts). Actions that cannot run now stay focusable and say why in their tooltip
// (Fluent's disabled-focusable), so keyboard users learn it too. Arrow keys move between the
// controls, as in any toolbar; Tab reaches each of them as well.
import { css, html, LitElement, nothing } from "lit";
import "@fluentui/web-components/toggle-button.js";
import { icon, type IconName } from "../icons.ts";
import { base } from "../styles.ts";
import { hasMessage, LocaleController, type MessageKey, t } from "../../lib/i18n.ts";
import type { EditorAction } from "./keyboard.ts";
import type { SaveStatus } from "./save_controller.ts";
import { ToolbarFit } from "./toolbar_fit.ts";

export interface ToolbarState {
  readonly: boolean;
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | null;
  redoLabel: string | null;
  /** Elements selected on the canvas, and how many of them are steps. */
  selected: number;
  selectedSteps: number;
  status: SaveStatus;
  findingsOpen: boolean;
  errors: number;
  warnings: number;
  busy: boolean;
}

const ALIGN: EditorAction[] = [
  "alignLeft",
  "alignCenterX",
  "alignRight",
  "alignTop",
  "alignCenterY",
  "alignBottom",
];
const DISTRIBUTE: EditorAction[] = ["distributeHorizontal", "distributeVertical"];

/** The undo step's name for a tooltip ("Undo: responsibilities"). */
function stepName(label: string | null): string {
  return label && hasMessage(label) ? t(label) : "";
}

export class ProcedoEditorToolbar extends LitElement {
  static override properties = { state: { attribute: false } };
  static override styles = [
    base,
    css`
      :host {
        display: block;
      }
      [role="toolbar"] {
        display: flex;
        flex-wrap: nowrap;
        overflow: hidden;
        align-items: center;
        gap: var(--spacingHorizontalXS);
        padding: var(--spacingVerticalXS) var(--spacingHorizontalS);
        border-bottom: var(--strokeWidthThin) solid var(--colorNeutralStroke2);
        background: var(--colorNeutralBackground1);
      }
      .sep {
        width: var(--strokeWidthThin);
        align-self: stretch;
        margin: var(--spacingVerticalXS) var(--spacingHorizontalXS);
        background: var(--colorNeutralStroke2);
      }
      [role="toolbar"].compact {
        flex-wrap: wrap;
      }
      /* Icons only: the words stay as the buttons' accessible names. */
      .compact .text {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
      .grow {
        flex: 1 1 0;
      }
      fluent-button,
      fluent-menu-button,
      fluent-toggle-button {
        flex: none;
        white-space: nowrap;
      }
      .compact fluent-button,
      .compact fluent-menu-button,
      .compact fluent-toggle-button {
        min-width: 0;
      }
      .status {
        min-width: 0;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .status {
        color: var(--colorNeutralForeground2);
        font-size: var(--fontSizeBase200);
      }
      .status[data-status="offline"],
      .status[data-status="conflict"],
      .status[data-status="failed"] {
        color: var(--colorPaletteRedForeground1);
      }
    `,
  ];
  declare state: ToolbarState;
  readonly #fit: ToolbarFit = new ToolbarFit(
    this,
    () => this.renderRoot?.querySelector("[role=toolbar]"),
  );

  constructor() {
    super();
    new LocaleController(this);
  }

  override render() {
    const s = this.state;
    if (!s) return nothing;
    const edit = !s.readonly;
    const undo = s.canUndo
      ? t("editor.action.undoWhat", { what: stepName(s.undoLabel) })
      : t("editor.action.nothingToUndo");
    const redo = s.canRedo
      ? t("editor.action.redoWhat", { what: stepName(s.redoLabel) })
      : t("editor.action.nothingToRedo");
    const selectionWhy = s.selected ? "" : t("editor.action.needsSelection");
    const readonlyWhy = edit ? "" : t("editor.action.readonly");
    const layout = edit && !s.busy;
    return html`
      <div role="toolbar" aria-label=${t("editor.commands")} @keydown=${this.#arrows}
        class=${this.#fit.compact ? "compact" : ""}>
        <fluent-button appearance=${s.status === "saved" || s.status === "restorable"
          ? "secondary"
          : "primary"}
          data-action="save" ?icon-only=${this.#fit
            .compact} ?disabled-focusable=${!edit} aria-disabled=${edit
            ? nothing
            : "true"} title=${readonlyWhy || nothing}
          @click=${() => edit && this.#fire("save")}>${icon(
            "save",
            20,
            "start",
          )}<span class="text">${t(
            "editor.action.save",
          )}</span></fluent-button>
        ${this.#button("undo", "arrowUndo", "editor.action.undo", edit && s.canUndo, undo)}
        ${this.#button("redo", "arrowRedo", "editor.action.redo", edit && s.canRedo, redo)}
        <span class="sep" role="separator" aria-orientation="vertical"></span>
        ${this.#button("cut", "cut", "editor.action.cut", edit && !selectionWhy, selectionWhy)}
        ${this.#button("copy", "copy", "editor.action.copy", !selectionWhy, selectionWhy)}
        ${this.#button("paste", "clipboardPaste", "editor.action.paste", edit, readonlyWhy)}
        ${this.#button(
          "delete",
          "delete",
          "editor.action.delete",
          edit && !selectionWhy,
          selectionWhy,
        )}
        <span class="sep" role="separator" aria-orientation="vertical"></span>
        ${this.#arrangeMenu(s)}
        <fluent-button appearance="subtle" data-action="layout" ?icon-only=${this.#fit
          .compact} ?disabled-focusable=${!layout}
          aria-disabled=${layout ? nothing : "true"} title=${readonlyWhy || nothing}
          @click=${() => layout && this.#fire("layout")}>${icon(
            "wand",
            20,
            "start",
          )}<span class="text">${t(
            "editor.action.layout",
          )}</span></fluent-button>
        <span class="sep" role="separator" aria-orientation="vertical"></span>
        ${this.#button("zoomIn", "zoomIn", "editor.action.zoomIn", true, "")}
        ${this.#button("zoomOut", "zoomOut", "editor.action.zoomOut", true, "")}
        ${this.#button("fit", "fit", "editor.action.fit", true, "")}
        <span class="grow"></span>
        <slot name="presence"></slot>
        <span class="status" data-status=${s.status} role="status" data-testid="save-status">${t(
          `editor.status.${s.status}`,
        )}</span>
        <fluent-toggle-button role="button" appearance="subtle" data-action="toggleFindings"
          ?icon-only=${this.#fit.compact}
          ?pressed=${s.findingsOpen} aria-pressed=${s.findingsOpen ? "true" : "false"}
          @click=${() => this.#fire("toggleFindings")}>${icon(
            s.errors ? "error" : s.warnings ? "warning" : "ok",
            20,
            "start",
          )}<span class="text">${t("editor.action.findings")}</span> (${s.errors +
            s.warnings})</fluent-toggle-button>
        <slot name="export" @slotchange=${this.#syncSlotted}></slot>
        ${this.#bpmnMenu(edit)}
        ${this.#button("help", "keyboard", "editor.action.help", true, "")}
      </div>
    `;
  }

  /**
   * An icon-only button with its name as tooltip (and the reason when it cannot run). A
   * native title, not fluent-tooltip: that one opens as an "auto" popover after its delay
   * even when the pointer has moved on, and so closes a menu opened meanwhile.
   */
  #button(action: EditorAction, name: IconName, label: MessageKey, enabled: boolean, tip: string) {
    return html`
      <fluent-button appearance="subtle" icon-only data-action=${action}
        aria-label=${t(label)} title=${tip || t(label)} ?disabled-focusable=${!enabled}
        aria-disabled=${enabled ? nothing : "true"}
        @click=${() => enabled && this.#fire(action)}>${icon(name)}</fluent-button>
    `;
  }

  /** What other features slot into the bar (the export menu) follows its icon-only mode. */
  override updated() {
    this.#syncSlotted();
  }

  #syncSlotted = (): void => {
    const slot = this.renderRoot.querySelector<HTMLSlotElement>("slot[name=export]");
    for (const el of slot?.assignedElements() ?? []) {
      if ("compact" in el && el.compact !== this.#fit.compact) el.compact = this.#fit.compact;
    }
  };

  #arrangeMenu(s: ToolbarState) {
    const usable = !s.readonly;
    const item = (a: EditorAction, min: number) =>
      html`
        <fluent-menu-item data-action=${a} ?disabled=${!usable || s.selectedSteps < min}
          @click=${() => usable && s.selectedSteps >= min && this.#fire(a)}>${t(
            `editor.action.${a}` as MessageKey,
          )}</fluent-menu-item>
      `;
    return html`
      <fluent-menu>
        <fluent-menu-button slot="trigger" role="button" appearance="subtle" data-action="arrange"
          ?icon-only=${this.#fit.compact}
          title=${t("editor.action.arrangeHint")}>${icon(
            "alignLeft",
            20,
            "start",
          )}<span class="text">${t(
            "editor.action.arrange",
          )}</span></fluent-menu-button>
        <fluent-menu-list>
          ${ALIGN.map((a) => item(a, 2))}
          <fluent-divider></fluent-divider>
          ${DISTRIBUTE.map((a) => item(a, 3))}
        </fluent-menu-list>
      </fluent-menu>
    `;
  }

  #bpmnMenu(edit: boolean) {
    return html`
      <fluent-menu>
        <fluent-menu-button slot="trigger" role="button" appearance="subtle"
          data-action="bpmn"
          ?icon-only=${this.#fit.compact}>${icon(
            "document",
            20,
            "start",
          )}<span class="text">${t("editor.action.bpmn")}</span></fluent-menu-button>
        <fluent-menu-list>
          <fluent-menu-item data-action="importBpmn" ?disabled=${!edit}
            @click=${() => edit && this.#fire("importBpmn")}>${icon("upload", 20, "start")}${t(
              "editor.action.importBpmn",
            )}</fluent-menu-item>
          <fluent-menu-item data-action="exportBpmn"
            @click=${() => this.#fire("exportBpmn")}>${icon(
              "download",
              20,
              "start",
            )}${t("editor.action.exportBpmn")}</fluent-menu-item>
        </fluent-menu-list>
      </fluent-menu>
    `;
  }

  /** Left/Right (and Home/End) move between the toolbar's controls. */
  #arrows = (e: KeyboardEvent) => {
    if (!["ArrowLeft", "ArrowRight", "Home", "End"].includes(e.key)) return;
    const controls = [...this.renderRoot.querySelectorAll<HTMLElement>(
      "[role=toolbar] > fluent-button, [role=toolbar] > fluent-toggle-button, [role=toolbar] fluent-menu-button",
    )];
    const path = e.composedPath();
    const at = controls.findIndex((c) => path.includes(c));
    if (at < 0) return;
    e.preventDefault();
    const n = controls.length;
    const next = e.key === "Home"
      ? 0
      : e.key === "End"
      ? n - 1
      : (at + (e.key === "ArrowRight" ? 1 : n - 1)) % n;
    controls[next].focus();
  };

  #fire(action: EditorAction) {
    this.dispatchEvent(
      new CustomEvent<EditorAction>("editor-action", { detail: action }),
    );
  }
}

customElements.define("procedo-editor-toolbar", ProcedoEditorToolbar);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-editor-toolbar": ProcedoEditorToolbar;
  }
}
