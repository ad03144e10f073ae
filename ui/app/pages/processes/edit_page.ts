// <procedo-process-edit-page> (/processes/:id/edit): the process editor on a page of its own,
// so editing has an address (a reload or a shared link comes back into the editor) and the
// page chunk is the editor's: one request after the shell, none of the viewer's loading.
// Leaving — "Done editing", the rail, back — first saves what is unsaved; when that fails
// (a conflict, offline, a refusal) the person is asked before the work is left behind (it
// stays on this device and is offered on the next visit either way).
import { css, html, LitElement, type PropertyValues } from "lit";
import "../../../components/confirm_dialog.ts";
import type { ProcedoConfirm } from "../../../components/confirm_dialog.ts";
import "../../../components/process_editor/mod.ts";
import type { ProcedoProcessEditor } from "../../../components/process_editor/process_editor.ts";
import { base, page } from "../../../components/styles.ts";
import { LocaleController, t } from "../../../lib/i18n.ts";
import { router } from "../../../lib/router.ts";

export class ProcedoProcessEditPage extends LitElement {
  static override properties = {
    params: { attribute: false },
    title: { state: true },
  };
  static override styles = [
    base,
    page,
    css`
      :host {
        box-sizing: border-box;
        height: 100%;
        min-height: 0;
        gap: var(--spacingVerticalS);
      }
      header {
        display: flex;
        align-items: center;
        gap: var(--spacingHorizontalM);
        flex-wrap: wrap;
      }
      h1 {
        margin: 0;
        font-size: var(--fontSizeBase500);
        line-height: var(--lineHeightBase500);
        font-weight: var(--fontWeightSemibold);
      }
      a.done {
        min-height: 32px;
        display: inline-flex;
        align-items: center;
        padding: 0 var(--spacingHorizontalM);
        border: var(--strokeWidthThin) solid var(--colorNeutralStroke1);
        border-radius: var(--borderRadiusMedium);
        background: var(--colorNeutralBackground1);
        color: var(--colorNeutralForeground1);
        font-weight: var(--fontWeightSemibold);
        text-decoration: none;
      }
      a.done:hover {
        background: var(--colorNeutralBackground1Hover);
      }
      procedo-process-editor {
        flex: 1 1 0;
        min-height: 480px;
      }
    `,
  ];
  declare params: { id: string };
  declare title: string;
  #unguard?: () => void;

  constructor() {
    super();
    this.params = { id: "" };
    this.title = "";
    new LocaleController(this);
  }

  override connectedCallback() {
    super.connectedCallback();
    this.#unguard = router.guard(this.#mayLeave);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#unguard?.();
  }

  protected override willUpdate(changed: PropertyValues) {
    if (changed.has("params")) this.title = "";
  }

  override render() {
    const id = this.params.id;
    return html`
      <header>
        <h1 data-testid="process-title">${this.title
          ? t("processes.edit.heading", { title: this.title })
          : t("processes.edit.title")}</h1>
        <a class="done" data-testid="stop-editing" href=${`/processes/${id}?source=draft`}>${t(
          "processes.page.doneEditing",
        )}</a>
      </header>
      <procedo-process-editor process-id=${id} @process-loaded=${this
        .#loaded}></procedo-process-editor>
      <procedo-confirm></procedo-confirm>
    `;
  }

  #loaded = (e: CustomEvent<{ process: { title: string } }>) => {
    this.title = e.detail.process.title;
  };

  get #editor(): ProcedoProcessEditor | null {
    return this.renderRoot?.querySelector("procedo-process-editor") ?? null;
  }

  /** Saves unsaved work before the app leaves; asks when it cannot be saved. */
  #mayLeave = async (): Promise<boolean> => {
    const save = this.#editor?.save;
    if (!save?.hasUnsavedWork) return true;
    if (await save.save().catch(() => false)) return true;
    const confirm = this.renderRoot.querySelector("procedo-confirm") as ProcedoConfirm;
    return await confirm.ask({
      title: t("processes.edit.leaveTitle"),
      message: t("processes.edit.leaveText"),
      confirmLabel: t("processes.edit.leave"),
      destructive: true,
    });
  };
}

customElements.define("procedo-process-edit-page", ProcedoProcessEditPage);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-process-edit-page": ProcedoProcessEditPage;
  }
}
