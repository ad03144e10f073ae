// <procedo-resource-where-used kind="documents" target=${id} generation=${n}>: the processes
// that use a
// resource, each a link to the process with a marker saying whether its published
// version, its draft or both use it, and the steps that do. Readers are answered for
// published versions only (the API decides). A new `generation` asks again.
import { css, html, LitElement, nothing } from "lit";
import "../../../components/problem_bar.ts";
import { base } from "../../../components/styles.ts";
import { ApiData } from "../../../lib/api_data.ts";
import { formatNumber, LocaleController, t } from "../../../lib/i18n.ts";
import type { ResourceKind } from "./kinds.ts";
import { type Usage, whereUsed } from "./resource_api.ts";

/** More processes than this are counted, not listed (the panel is no report). */
const SHOWN = 100;

export class ProcedoResourceWhereUsed extends LitElement {
  static override properties = {
    kind: {},
    target: {},
    generation: { type: Number },
  };
  static override styles = [
    base,
    css`
      :host {
        display: block;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalS);
      }
      li {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalXXS);
      }
      .line {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--spacingHorizontalS);
      }
      a {
        color: var(--colorBrandForegroundLink);
      }
      .steps {
        color: var(--colorNeutralForeground3);
        font-size: var(--fontSizeBase200);
      }
    `,
  ];
  declare kind: ResourceKind;
  declare target: string;
  declare generation: number;
  #loaded?: string;
  #usage = new ApiData(
    this,
    (signal) => whereUsed(this.kind, this.target, SHOWN, signal),
    { auto: false },
  );

  constructor() {
    super();
    this.target = "";
    this.generation = 0;
    new LocaleController(this);
  }

  override willUpdate() {
    const key = `${this.kind}/${this.target}/${this.generation}`;
    if (!this.target || key === this.#loaded) return;
    this.#loaded = key;
    this.#usage.value = undefined;
    void this.#usage.reload();
  }

  override render() {
    const data = this.#usage;
    if (data.error) {
      return html`<procedo-problem .error=${data.error} @retry=${() =>
        data.reload()}></procedo-problem>`;
    }
    if (!data.value) {
      return html`<fluent-spinner size="tiny" aria-label=${t("app.loading")}></fluent-spinner>`;
    }
    const { items, total } = data.value;
    if (total === 0) {
      return html`<p class="muted" data-testid="where-used-none">${
        t("resources.whereUsed.none")
      }</p>`;
    }
    return html`
      <ul data-testid="where-used">
        ${items.map((p) => this.#process(p))}
      </ul>
      ${total > items.length
        ? html`<p class="muted">${
          t("resources.whereUsed.more", {
            count: formatNumber(total - items.length),
          })
        }</p>`
        : nothing}
    `;
  }

  #process(p: Usage) {
    const steps = [...new Set(p.usages.map((u) => u.stepLabel).filter((s): s is string => !!s))];
    return html`
      <li data-process=${p.title}>
        <span class="line">
          <a href="/processes/${p.processId}">${p.title}</a>
          ${this.#marker(p)}
        </span>
        ${steps.length
          ? html`<span class="steps">${
            t("resources.whereUsed.steps", {
              steps: steps.join(", "),
            })
          }</span>`
          : nothing}
      </li>
    `;
  }

  #marker(p: Usage) {
    const text = p.inPublished && p.inDraft
      ? t("resources.whereUsed.publishedAndDraft")
      : p.inPublished
      ? t("resources.whereUsed.published")
      : t("resources.whereUsed.draft");
    return html`
      <fluent-badge appearance="tint" size="small"
        color=${p.inPublished ? "success" : "informative"}>${text}</fluent-badge>
    `;
  }
}

customElements.define("procedo-resource-where-used", ProcedoResourceWhereUsed);
