// <procedo-ai-preview>: exactly what an AI feature sends (POST /api/v1/ai/preview), shown
// before a person's first request and on demand. `confirm(body)` resolves true when the
// person chose to send, false when they closed the dialog.
import { css, html, LitElement, nothing } from "lit";
import type { Dialog } from "@fluentui/web-components";
import "../problem_bar.ts";
import { base } from "../styles.ts";
import { type Schemas, unwrap } from "../../lib/api/client.ts";
import { LocaleController, t } from "../../lib/i18n.ts";
import { session } from "../../app/session.ts";

type PreviewInput = Schemas["AiPreviewInput"];
const SEEN = "procedo.ai.previewSeen";

/** Whether this person has seen a preview before their first request (in this browser). */
export function previewSeen(): boolean {
  try {
    return localStorage.getItem(`${SEEN}.${session().me.user.id}`) === "1";
  } catch {
    return false;
  }
}

function markSeen() {
  try {
    localStorage.setItem(`${SEEN}.${session().me.user.id}`, "1");
  } catch { /* private mode: the preview shows again next time */ }
}

export class ProcedoAiPreview extends LitElement {
  static override properties = {
    preview: { state: true },
    error: { state: true },
    asking: { state: true },
  };
  static override styles = [
    base,
    css`
      pre {
        max-height: 50vh;
        overflow: auto;
        white-space: pre-wrap;
        word-break: break-word;
        font-family: var(--fontFamilyMonospace);
        font-size: var(--fontSizeBase200);
        background: var(--colorNeutralBackground3);
        padding: var(--spacingVerticalS) var(--spacingHorizontalM);
        border-radius: var(--borderRadiusMedium);
      }
      h3 {
        font-size: var(--fontSizeBase300);
        margin: var(--spacingVerticalM) 0 var(--spacingVerticalXS);
      }
    `,
  ];
  declare preview: Schemas["AiPreview"] | undefined;
  declare error: unknown;
  declare asking: boolean;
  #answer?: (send: boolean) => void;

  constructor() {
    super();
    this.asking = false;
    new LocaleController(this);
  }

  /** Shows the payload of `body`; with `ask`, offers Send and resolves with the choice. */
  async show(body: PreviewInput, ask = false): Promise<boolean> {
    this.preview = undefined;
    this.error = undefined;
    this.asking = ask;
    await this.updateComplete;
    this.#dialog.show();
    try {
      this.preview = unwrap(await session().api.POST("/api/v1/ai/preview", { body }));
      markSeen();
    } catch (e) {
      this.error = e;
    }
    return await new Promise<boolean>((resolve) => (this.#answer = resolve));
  }

  get #dialog() {
    return this.renderRoot.querySelector("fluent-dialog") as Dialog;
  }

  #close(send: boolean) {
    this.#answer?.(send);
    this.#answer = undefined;
    this.#dialog.hide();
  }

  override render() {
    const p = this.preview;
    const title = p?.provider
      ? t("ai.preview.title", { provider: p.provider })
      : t("ai.preview.offline");
    return html`
      <fluent-dialog aria-label=${title} data-testid="ai-preview" @toggle=${(
        e: CustomEvent<{ newState: string }>,
      ) => {
        if (e.detail?.newState === "closed") this.#answer?.(false);
      }}>
        <fluent-dialog-body>
          <h2 slot="title">${title}</h2>
          <procedo-problem .error=${this.error}></procedo-problem>
          ${p
            ? html`
              <p>${t("ai.preview.intro")}</p>
              <p data-testid="ai-redactions">${t("ai.preview.redactions", {
                person: p.redactions.PERSON,
                email: p.redactions.EMAIL,
                phone: p.redactions.PHONE,
                iban: p.redactions.IBAN,
              })}</p>
              <h3>${t("ai.preview.instructions")}</h3>
              <pre>${p.instructions}</pre>
              <h3>${t("ai.preview.input")}</h3>
              <pre data-testid="ai-payload">${JSON.stringify(p.input, null, 2)}</pre>
            `
            : this.error
            ? nothing
            : html`<fluent-spinner aria-label=${t("app.loading")}></fluent-spinner>`}
          ${this.asking
            ? html`
              <fluent-button slot="action" appearance="primary" data-testid="ai-send"
                ?disabled=${!p} @click=${() => this.#close(true)}>${t(
                  "ai.preview.send",
                )}</fluent-button>
            `
            : nothing}
          <fluent-button slot="action" data-testid="ai-preview-close" @click=${() =>
            this.#close(false)}>${this.asking
            ? t("action.cancel")
            : t("action.done")}</fluent-button>
        </fluent-dialog-body>
      </fluent-dialog>
    `;
  }
}

customElements.define("procedo-ai-preview", ProcedoAiPreview);
