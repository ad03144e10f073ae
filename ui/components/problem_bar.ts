// <procedo-problem .error=${e}>: a failed call as a Fluent message bar in the person's
// language, with the way on: "Try again" (network, 5xx, 429) fires `retry`, "Reload" (412:
// someone else changed it) fires `reload`, "Sign in again" (401) sends `procedo-sign-in` up to
// the app. Unexpected errors offer reloading the page.
import { css, html, LitElement, nothing } from "lit";
import { LocaleController, t } from "../lib/i18n.ts";
import { explain } from "../lib/problems.ts";
import { base } from "./styles.ts";

export class ProcedoProblem extends LitElement {
  static override properties = { error: { attribute: false } };
  static override styles = [
    base,
    css`
      :host {
        display: block;
      }
      :host([hidden]) {
        display: none;
      }
      .request {
        color: var(--colorNeutralForeground3);
        font-size: var(--fontSizeBase200);
      }
    `,
  ];
  declare error: unknown;

  constructor() {
    super();
    new LocaleController(this);
  }

  /** Takes no room (no flex gap either) while there is nothing to say. */
  override willUpdate() {
    this.hidden = this.error === undefined || this.error === null;
  }

  override render() {
    if (this.error === undefined || this.error === null) return nothing;
    const x = explain(this.error);
    const intent = x.next === "reload" ? "warning" : "error";
    return html`
      <fluent-message-bar intent=${intent} layout="multiline" role="alert">
        <span class="message">${x.message}</span>
        ${x.requestId && (x.status ?? 0) >= 500
          ? html`
            <span class="request">${t("problem.requestId", { id: x.requestId })}</span>
          `
          : nothing}
        ${this.#action(x.next, x.status)}
      </fluent-message-bar>
    `;
  }

  #action(next: string, status?: number) {
    const button = (label: string, onClick: () => void) =>
      html`<fluent-button slot="actions" size="small" @click=${onClick}>${label}</fluent-button>`;
    if (next === "retry") return button(t("action.retry"), () => this.#fire("retry"));
    if (next === "reload" && status === 412) {
      return button(t("action.reload"), () => this.#fire("reload"));
    }
    if (next === "reload") return button(t("action.reloadPage"), () => location.reload());
    if (next === "sign-in") {
      return button(t("action.signInAgain"), () => this.#fire("procedo-sign-in", true));
    }
    return nothing;
  }

  #fire(type: string, toApp = false) {
    this.dispatchEvent(new CustomEvent(type, { bubbles: toApp, composed: toApp }));
  }
}

customElements.define("procedo-problem", ProcedoProblem);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-problem": ProcedoProblem;
  }
}
