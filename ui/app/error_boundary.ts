// <procedo-error-boundary>: the last line against a blank screen. Whatever goes wrong that
// no component handled (a render that throws, a rejected promise nobody awaited) shows up
// as a message with "Reload page" above the app, which stays as it was.
import { css, html, LitElement, nothing } from "lit";
import { base } from "../components/styles.ts";
import { LocaleController, t } from "../lib/i18n.ts";

/** Browser noise that is not an error of ours. */
const BENIGN = [/ResizeObserver loop/i];

export class ProcedoErrorBoundary extends LitElement {
  static override properties = { failure: { state: true } };
  static override styles = [
    base,
    css`
      :host {
        display: block;
      }
      fluent-message-bar {
        position: fixed;
        inset: var(--spacingVerticalS) var(--spacingHorizontalS) auto;
        z-index: 1000;
        box-shadow: var(--shadow16);
      }
    `,
  ];
  declare failure: string | undefined;

  constructor() {
    super();
    new LocaleController(this);
  }

  override connectedCallback() {
    super.connectedCallback();
    addEventListener("error", this.#onError);
    addEventListener("unhandledrejection", this.#onRejection);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    removeEventListener("error", this.#onError);
    removeEventListener("unhandledrejection", this.#onRejection);
  }

  #onError = (e: ErrorEvent) => this.#fail(e.error ?? e.message);
  #onRejection = (e: PromiseRejectionEvent) => this.#fail(e.reason);

  #fail(reason: unknown) {
    const text = reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
    if (BENIGN.some((re) => re.test(text))) return;
    console.error("Procedo:", reason);
    this.failure = text;
  }

  override render() {
    return html`
      ${this.failure
        ? html`
          <fluent-message-bar intent="error" layout="multiline" data-testid="error-boundary">
            <span>${t("problem.unexpected")}</span>
            <fluent-button slot="actions" size="small" @click=${() => location.reload()}>
                      ${t("action.reloadPage")}
                    </fluent-button>
            <fluent-button slot="actions" size="small" appearance="transparent"
              @click=${() => (this.failure = undefined)}>${t("action.dismiss")}</fluent-button>
          </fluent-message-bar>
        `
        : nothing}
      <slot></slot>
    `;
  }
}

customElements.define("procedo-error-boundary", ProcedoErrorBoundary);
