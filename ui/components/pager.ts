// <procedo-pager total offset limit>: "51–100 of 230" with previous/next; fires `page` with
// the new offset in `detail`.
import { css, html, LitElement } from "lit";
import { formatNumber, LocaleController, t } from "../lib/i18n.ts";
import { icon } from "./icons.ts";
import { base } from "./styles.ts";

export class ProcedoPager extends LitElement {
  static override properties = {
    total: { type: Number },
    offset: { type: Number },
    limit: { type: Number },
  };
  static override styles = [
    base,
    css`
      :host {
        display: flex;
        align-items: center;
        justify-content: flex-end;
        gap: var(--spacingHorizontalS);
        font-size: var(--fontSizeBase200);
        color: var(--colorNeutralForeground2);
      }
    `,
  ];
  declare total: number;
  declare offset: number;
  declare limit: number;

  constructor() {
    super();
    this.total = 0;
    this.offset = 0;
    this.limit = 50;
    new LocaleController(this);
  }

  override render() {
    if (this.total <= this.limit && this.offset === 0) return html``;
    const from = this.total === 0 ? 0 : this.offset + 1;
    const to = Math.min(this.offset + this.limit, this.total);
    return html`
      <span role="status">${t("pager.range", {
        from: formatNumber(from),
        to: formatNumber(to),
        total: formatNumber(this.total),
      })}</span>
      <fluent-button
        size="small"
        appearance="subtle"
        icon-only
        aria-label=${t("pager.previous")}
        ?disabled=${this.offset === 0}
        @click=${() => this.#go(Math.max(0, this.offset - this.limit))}
      >${icon("chevronLeft")}</fluent-button>
      <fluent-button
        size="small"
        appearance="subtle"
        icon-only
        aria-label=${t("pager.next")}
        ?disabled=${to >= this.total}
        @click=${() => this.#go(this.offset + this.limit)}
      >${icon("chevronRight")}</fluent-button>
    `;
  }

  #go(offset: number) {
    this.dispatchEvent(new CustomEvent("page", { detail: offset }));
  }
}

customElements.define("procedo-pager", ProcedoPager);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-pager": ProcedoPager;
  }
}
