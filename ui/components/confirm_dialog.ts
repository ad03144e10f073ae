// <procedo-confirm>: asks once before something destructive. `await confirm.ask({...})`
// resolves true when the person confirms, false when they cancel or press Escape.
import { html, LitElement, nothing } from "lit";
import type { Dialog } from "@fluentui/web-components";
import { LocaleController, t } from "../lib/i18n.ts";
import { base } from "./styles.ts";

export interface ConfirmOptions {
  title: string;
  message: string;
  confirmLabel: string;
  /** Cannot be undone: the focus starts on Cancel, so Enter does not destroy by accident. */
  destructive?: boolean;
}

export class ProcedoConfirm extends LitElement {
  static override properties = { options: { state: true } };
  static override styles = [base];
  declare options: ConfirmOptions | undefined;
  #resolve?: (ok: boolean) => void;

  constructor() {
    super();
    new LocaleController(this);
  }

  /** Opens the dialog; resolves with the answer. */
  async ask(options: ConfirmOptions): Promise<boolean> {
    this.#resolve?.(false);
    this.options = options;
    await this.updateComplete;
    this.#dialog.show();
    return await new Promise<boolean>((resolve) => (this.#resolve = resolve));
  }

  get #dialog(): Dialog {
    return this.renderRoot.querySelector("fluent-dialog") as Dialog;
  }

  #answer(ok: boolean) {
    const resolve = this.#resolve;
    this.#resolve = undefined;
    if (this.#dialog.dialog?.open) this.#dialog.hide();
    resolve?.(ok);
  }

  override render() {
    const o = this.options;
    // Nothing until first asked: a closed dialog's autofocus button would make Fluent measure
    // the page (checkVisibility, a forced layout) while the editor's canvas is first drawn.
    if (!o) return nothing;
    return html`
      <fluent-dialog
        aria-label=${o?.title ?? ""}
        @toggle=${(e: CustomEvent<{ newState: string }>) => {
          if (e.detail?.newState === "closed") this.#answer(false);
        }}
      >
        <fluent-dialog-body>
          <h2 slot="title">${o?.title}</h2>
          <p>${o?.message}</p>
          <fluent-button
            slot="action"
            ?autofocus=${o?.destructive}
            @click=${() => this.#answer(false)}
          >
            ${t("action.cancel")}
          </fluent-button>
          <fluent-button
            slot="action"
            appearance="primary"
            data-confirm
            ?autofocus=${!o?.destructive}
            @click=${() => this.#answer(true)}
          >${o?.confirmLabel}</fluent-button>
        </fluent-dialog-body>
      </fluent-dialog>
    `;
  }
}

customElements.define("procedo-confirm", ProcedoConfirm);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-confirm": ProcedoConfirm;
  }
}
