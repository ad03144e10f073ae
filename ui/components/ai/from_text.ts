// <procedo-ai-from-text>: "Process from text" for modelers while AI and the feature are on.
// Paste a text or upload a .txt, .md or .docx file (converted on the server, nothing sent),
// see what would be sent, and let the provider draft a new process; it opens in the editor
// for review (never published without a person's approval).
import { css, html, LitElement, nothing } from "lit";
import type { TextArea } from "@fluentui/web-components";
import "./payload_preview.ts";
import { previewSeen, type ProcedoAiPreview } from "./payload_preview.ts";
import { icon } from "../icons.ts";
import "../problem_bar.ts";
import "../side_panel.ts";
import type { ProcedoPanel } from "../side_panel.ts";
import { base, controls } from "../styles.ts";
import { unwrap } from "../../lib/api/client.ts";
import { ApiData } from "../../lib/api_data.ts";
import { LocaleController, t } from "../../lib/i18n.ts";
import { router } from "../../lib/router.ts";
import { session } from "../../app/session.ts";

const TYPES: Record<string, string> = {
  txt: "text/plain",
  md: "text/markdown",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

export class ProcedoAiFromText extends LitElement {
  static override properties = { busy: { state: true }, error: { state: true } };
  static override styles = [
    base,
    controls,
    css`
      form {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalL);
      }
      fluent-textarea {
        max-width: none;
      }
    `,
  ];
  declare busy: boolean;
  declare error: unknown;
  #status = new ApiData(
    this,
    async (signal) => unwrap(await session().api.GET("/api/v1/ai/status", { signal })),
  );

  constructor() {
    super();
    this.busy = false;
    new LocaleController(this);
  }

  get #panel() {
    return this.renderRoot.querySelector("procedo-panel") as ProcedoPanel;
  }

  get #text(): string {
    return (this.renderRoot.querySelector<TextArea>("[name=text]")?.value ?? "").trim();
  }

  override render() {
    const s = this.#status.value;
    if (!s?.enabled || !s.features.fromText) return nothing;
    return html`
      <fluent-button data-testid="ai-from-text" @click=${() => this.#panel.show()}>${icon(
        "sparkle",
        20,
        "start",
      )}${t("ai.fromText.title")}</fluent-button>
      <procedo-ai-preview></procedo-ai-preview>
      <procedo-panel heading=${t("ai.fromText.title")}>
        <form @submit=${(e: Event) => e.preventDefault()}>
          <p class="muted">${t("ai.fromText.intro")}</p>
          <label class="control"><span>${t("ai.fromText.file")}</span>
            <input class="native" type="file" accept=".txt,.md,.docx" data-testid="ai-file"
              @change=${this.#upload}></label>
          <fluent-textarea name="text" resize="vertical" rows="12" maxlength="50000"
            data-testid="ai-text"><span slot="label">${t(
              "ai.fromText.text",
            )}</span></fluent-textarea>
          <procedo-problem .error=${this.error}></procedo-problem>
        </form>
        <fluent-button slot="footer" appearance="primary" data-testid="ai-draft"
          ?disabled=${this.busy} @click=${this.#draft}>${t("ai.fromText.create")}</fluent-button>
        <fluent-button slot="footer" @click=${() =>
          this.#preview.show({ feature: "fromText", text: this.#text })}>${t(
            "ai.preview.show",
          )}</fluent-button>
      </procedo-panel>
    `;
  }

  get #preview() {
    return this.renderRoot.querySelector("procedo-ai-preview") as ProcedoAiPreview;
  }

  #upload = async (e: Event) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (!file) return;
    const type = TYPES[file.name.split(".").pop()?.toLowerCase() ?? ""] ?? file.type;
    this.error = undefined;
    try {
      const out = unwrap(
        await session().api.POST("/api/v1/ai/from-text/extract", {
          body: file as unknown as string,
          bodySerializer: (b: unknown) => b as BodyInit,
          headers: { "content-type": type },
        }),
      );
      this.renderRoot.querySelector<TextArea>("[name=text]")!.value = out.text;
    } catch (err) {
      this.error = err;
    }
  };

  #draft = async () => {
    const text = this.#text;
    if (!text) return;
    if (!previewSeen() && !await this.#preview.show({ feature: "fromText", text }, true)) return;
    this.busy = true;
    this.error = undefined;
    try {
      const out = unwrap(await session().api.POST("/api/v1/ai/from-text", { body: { text } }));
      this.#panel.hide();
      router.navigate(`/processes/${out.processId}/edit`);
    } catch (err) {
      this.error = err;
    } finally {
      this.busy = false;
    }
  };
}

customElements.define("procedo-ai-from-text", ProcedoAiFromText);
