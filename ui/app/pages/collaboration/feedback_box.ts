// <procedo-feedback-box process-id published>: "Was this process helpful?" — yes or no with
// an optional text, once per person (again replaces it); the tally for everyone and, for
// the process owner and executives, every answer.
import { css, html, LitElement, nothing, type PropertyValues } from "lit";
import type { TextArea } from "@fluentui/web-components";
import "../../../components/problem_bar.ts";
import { base } from "../../../components/styles.ts";
import { type Schemas, unwrap } from "../../../lib/api/client.ts";
import { ApiData } from "../../../lib/api_data.ts";
import { formatDate, LocaleController, t } from "../../../lib/i18n.ts";
import { session } from "../../session.ts";

type Summary = Schemas["ProcessFeedbackSummary"];

export class ProcedoFeedbackBox extends LitElement {
  static override properties = {
    processId: { attribute: "process-id" },
    published: { type: Boolean },
    choice: { state: true },
    busy: { state: true },
    error: { state: true },
    thanks: { state: true },
  };
  static override styles = [
    base,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalM);
        max-width: 48rem;
      }
      .choice {
        display: flex;
        gap: var(--spacingHorizontalS);
      }
      ul {
        margin: 0;
        padding-inline-start: var(--spacingHorizontalL);
      }
      .muted {
        color: var(--colorNeutralForeground3);
      }
    `,
  ];
  declare processId: string;
  declare published: boolean;
  declare choice: boolean | null;
  declare busy: boolean;
  declare error: unknown;
  declare thanks: boolean;
  #summary = new ApiData<Summary>(this, (signal) => this.#load(signal), { auto: false });

  constructor() {
    super();
    this.processId = "";
    this.published = false;
    this.choice = null;
    this.busy = false;
    this.thanks = false;
    new LocaleController(this);
  }

  protected override willUpdate(changed: PropertyValues) {
    if (changed.has("processId") && this.processId) void this.#summary.reload();
  }

  async #load(signal: AbortSignal): Promise<Summary> {
    const s = unwrap(
      await session().api.GET("/api/v1/collaboration/feedback", {
        params: { query: { processId: this.processId } },
        signal,
      }),
    );
    this.choice = s.mine?.helpful ?? null;
    return s;
  }

  override render() {
    if (!this.published) return html`<p class="muted">${t("collab.feedback.unpublished")}</p>`;
    const s = this.#summary.value;
    return html`
      <h2>${t("collab.feedback.title")}</h2>
      <div class="choice" role="group" aria-label=${t("collab.feedback.title")}>
        <fluent-button appearance=${this.choice === true ? "primary" : "secondary"}
          aria-pressed=${this.choice === true ? "true" : "false"} data-testid="feedback-yes"
          @click=${() => (this.choice = true)}>${t("collab.feedback.yes")}</fluent-button>
        <fluent-button appearance=${this.choice === false ? "primary" : "secondary"}
          aria-pressed=${this.choice === false ? "true" : "false"} data-testid="feedback-no"
          @click=${() => (this.choice = false)}>${t("collab.feedback.no")}</fluent-button>
      </div>
      <fluent-textarea name="text" maxlength="2000" resize="vertical" data-testid="feedback-text"
        .value=${s?.mine?.text ?? ""}
      ><span slot="label">${t("collab.feedback.text")}</span></fluent-textarea>
      <div>
        <fluent-button appearance="primary" ?disabled=${this.busy || this.choice === null}
          data-testid="feedback-send" @click=${this.#send}>${t(
            "collab.feedback.send",
          )}</fluent-button>
      </div>
      <div role="status">${this.thanks
        ? html`<fluent-message-bar intent="success">${
          t("collab.feedback.thanks")
        }</fluent-message-bar>`
        : nothing}</div>
      <procedo-problem .error=${this.error ?? this.#summary.error}></procedo-problem>
      ${s
        ? html`<p data-testid="feedback-tally">${
          t("collab.feedback.tally", {
            helpful: s.helpful,
            notHelpful: s.notHelpful,
          })
        }</p>`
        : nothing}
      ${s?.canReadAll
        ? html`
          <h3>${t("collab.feedback.all")}</h3>
          ${s.items.length
            ? html`<ul data-testid="feedback-items">${
              s.items.map((f) =>
                html`<li>${f.user.displayName} (${formatDate(f.updatedAt)}): ${
                  f.helpful ? t("collab.feedback.yes") : t("collab.feedback.no")
                }${
                  f.text
                    ? html`
                      — ${f.text}
                    `
                    : nothing
                }</li>`
              )
            }</ul>`
            : html`<p class="muted">${t("collab.feedback.none")}</p>`}
        `
        : nothing}
    `;
  }

  #send = async () => {
    if (this.choice === null) return;
    const text = (this.renderRoot.querySelector<TextArea>("[name=text]")?.value ?? "").trim();
    this.busy = true;
    this.error = undefined;
    this.thanks = false;
    try {
      unwrap(
        await session().api.POST("/api/v1/collaboration/feedback", {
          body: { processId: this.processId, helpful: this.choice, text: text || null },
        }),
      );
      this.thanks = true;
      await this.#summary.reload();
    } catch (e) {
      this.error = e;
    } finally {
      this.busy = false;
    }
  };
}

customElements.define("procedo-feedback-box", ProcedoFeedbackBox);
