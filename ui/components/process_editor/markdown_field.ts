// <procedo-markdown-field label="Description" .value=${md}>: a Markdown text with a
// Write/Preview switch. The preview goes through the safe renderer (markdown.ts). Fires
// `value-input` with the text on every keystroke (the parent executes setDescription, which
// merges the typing into one undo step) and `value-done` when the field loses focus.
import { css, html, LitElement } from "lit";
import { live } from "lit/directives/live.js";
import { base, controls } from "../styles.ts";
import { LocaleController, t } from "../../lib/i18n.ts";
import { fieldStyles } from "./fields.ts";
import { renderMarkdown } from "./markdown.ts";

let serial = 0;

export class ProcedoMarkdownField extends LitElement {
  static override properties = {
    label: {},
    value: {},
    maxlength: { type: Number },
    disabled: { type: Boolean },
    mode: { state: true },
  };
  static override styles = [
    base,
    controls,
    fieldStyles,
    css`
      :host {
        gap: var(--spacingVerticalXS);
      }
      .head {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: var(--spacingHorizontalS);
        flex-wrap: wrap;
      }
      label,
      .label {
        font-weight: var(--fontWeightSemibold);
      }
      [role="group"] {
        display: inline-flex;
        border: var(--strokeWidthThin) solid var(--colorNeutralStroke1);
        border-radius: var(--borderRadiusMedium);
        overflow: hidden;
      }
      [role="group"] button {
        min-height: 24px;
        padding: 0 var(--spacingHorizontalS);
        border: none;
        background: var(--colorNeutralBackground1);
        color: var(--colorNeutralForeground2);
        font: inherit;
        font-size: var(--fontSizeBase200);
        cursor: pointer;
      }
      [role="group"] button[aria-pressed="true"] {
        background: var(--colorBrandBackground);
        color: var(--colorNeutralForegroundOnBrand);
      }
      .preview {
        min-height: 8rem;
        padding: var(--spacingVerticalS) var(--spacingHorizontalS);
        border: var(--strokeWidthThin) dashed var(--colorNeutralStroke2);
        border-radius: var(--borderRadiusMedium);
        overflow-wrap: anywhere;
      }
      .preview p,
      .preview ul,
      .preview ol {
        margin: 0 0 var(--spacingVerticalS);
      }
      .preview a {
        color: var(--colorBrandForegroundLink);
      }
      .preview code {
        font-family: var(--fontFamilyMonospace);
        background: var(--colorNeutralBackground3);
        padding: 0 var(--spacingHorizontalXXS);
        border-radius: var(--borderRadiusSmall);
      }
    `,
  ];
  declare label: string;
  declare value: string;
  declare maxlength: number;
  declare disabled: boolean;
  declare mode: "write" | "preview";
  #id = `markdown-${++serial}`;

  constructor() {
    super();
    this.label = "";
    this.value = "";
    this.maxlength = 20_000;
    this.disabled = false;
    this.mode = "write";
    new LocaleController(this);
  }

  override render() {
    const preview = this.mode === "preview";
    return html`
      <div class="head">
        ${preview
          ? html`<span class="label">${this.label}</span>`
          : html`<label for=${this.#id}>${this.label}</label>`}
        <div role="group" aria-label=${t("editor.markdown.mode")}>
          ${(["write", "preview"] as const).map((m) =>
            html`
              <button type="button" aria-pressed=${this.mode === m ? "true" : "false"}
                data-mode=${m} @click=${() => (this.mode = m)}>${t(
                  m === "write" ? "editor.markdown.write" : "editor.markdown.preview",
                )}</button>
            `
          )}
        </div>
      </div>
      ${preview
        ? html`
          <div class="preview" id=${this.#id} role="region" aria-label=${this.label}
            tabindex="0">${this.value.trim()
              ? renderMarkdown(this.value)
              : html`<span class="hint">${t("editor.markdown.empty")}</span>`}</div>
        `
        : html`
          <textarea
            class="native"
            id=${this.#id}
            maxlength=${this.maxlength}
            ?disabled=${this.disabled}
            aria-describedby="${this.#id}-hint"
            .value=${live(this.value)}
            @input=${(e: Event) =>
              this.#fire("value-input", (e.target as HTMLTextAreaElement).value)}
            @blur=${() => this.#fire("value-done", this.value)}
          ></textarea>
          <span class="hint" id="${this.#id}-hint">${t("editor.markdown.hint")}</span>
        `}
    `;
  }

  #fire(type: string, value: string) {
    this.dispatchEvent(new CustomEvent(type, { detail: value }));
  }
}

customElements.define("procedo-markdown-field", ProcedoMarkdownField);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-markdown-field": ProcedoMarkdownField;
  }
}
