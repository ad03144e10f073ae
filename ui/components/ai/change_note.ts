// <procedo-ai-change-note process-id=…>: "Propose with AI" beside the change note at submit,
// shown only while AI and change summaries are on. It asks the provider for a change note
// (published → draft; the payload is shown before a person's first request) and fires
// `proposed` with the text, labelled AI-generated until the person submits it.
import { html, LitElement, nothing } from "lit";
import "./payload_preview.ts";
import { previewSeen, type ProcedoAiPreview } from "./payload_preview.ts";
import "../problem_bar.ts";
import { base } from "../styles.ts";
import { unwrap } from "../../lib/api/client.ts";
import { ApiData } from "../../lib/api_data.ts";
import { LocaleController, t } from "../../lib/i18n.ts";
import { session } from "../../app/session.ts";

export class ProcedoAiChangeNote extends LitElement {
  static override properties = {
    processId: { attribute: "process-id" },
    busy: { state: true },
    error: { state: true },
    proposed: { state: true },
  };
  static override styles = [base];
  declare processId: string;
  declare busy: boolean;
  declare error: unknown;
  declare proposed: boolean;
  #status = new ApiData(
    this,
    async (signal) => unwrap(await session().api.GET("/api/v1/ai/status", { signal })),
  );

  constructor() {
    super();
    this.busy = false;
    this.proposed = false;
    new LocaleController(this);
  }

  override render() {
    const s = this.#status.value;
    if (!s?.enabled || !s.features.changeSummary) return nothing;
    return html`
      <procedo-ai-preview></procedo-ai-preview>
      <fluent-button data-testid="ai-change-note" ?disabled=${this.busy}
        @click=${this.#propose}>${t(
          "ai.changeNote.propose",
        )}</fluent-button>
      ${this.proposed
        ? html`<fluent-badge appearance="tint" color="brand">${t("ai.generated")}</fluent-badge>`
        : nothing}
      <procedo-problem .error=${this.error}></procedo-problem>
    `;
  }

  #propose = async () => {
    const preview = this.renderRoot.querySelector("procedo-ai-preview") as ProcedoAiPreview;
    const body = { feature: "changeSummary" as const, processId: this.processId };
    if (!previewSeen() && !await preview.show(body, true)) return;
    this.busy = true;
    this.error = undefined;
    try {
      const result = unwrap(
        await session().api.POST("/api/v1/ai/change-summaries", {
          body: { processId: this.processId },
        }),
      );
      this.proposed = true;
      this.dispatchEvent(
        new CustomEvent("proposed", { detail: String(result.output.changeNote ?? "") }),
      );
    } catch (e) {
      this.error = e;
    } finally {
      this.busy = false;
    }
  };
}

customElements.define("procedo-ai-change-note", ProcedoAiChangeNote);
