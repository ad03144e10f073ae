// <procedo-process-header>: the process's title (the page's h1, which the shell focuses
// after navigating), its category, publication status, draft state, review marker, owner
// and the version being shown.
import { css, html, LitElement, nothing } from "lit";
import { icon } from "../../../components/icons.ts";
import { base } from "../../../components/styles.ts";
import { formatDate, LocaleController, type MessageKey, t } from "../../../lib/i18n.ts";
import { type Model, personName, type Process } from "./page_model.ts";

export class ProcedoProcessHeader extends LitElement {
  static override properties = {
    process: { attribute: false },
    model: { attribute: false },
    names: { attribute: false },
    people: { attribute: false },
  };
  static override styles = [
    base,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalXS);
      }
      .eyebrow {
        display: flex;
        align-items: center;
        gap: var(--spacingHorizontalXS);
        color: var(--colorNeutralForeground3);
        font-size: var(--fontSizeBase200);
      }
      .eyebrow a {
        color: inherit;
      }
      .facts {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--spacingVerticalXS) var(--spacingHorizontalM);
        margin: 0;
        padding: 0;
        list-style: none;
        color: var(--colorNeutralForeground2);
        font-size: var(--fontSizeBase200);
      }
      .facts li {
        display: flex;
        align-items: center;
        gap: var(--spacingHorizontalXS);
      }
      .label {
        color: var(--colorNeutralForeground3);
      }
    `,
  ];
  declare process: Process;
  declare model: Model | null | undefined;
  declare names: ReadonlyMap<string, string>;
  declare people: ReadonlyMap<string, string>;

  constructor() {
    super();
    this.names = new Map();
    this.people = new Map();
    new LocaleController(this);
  }

  override render() {
    const p = this.process;
    const m = this.model;
    const ownerPosition = p.ownerPositionId
      ? this.names.get(p.ownerPositionId) ?? p.ownerPositionId
      : undefined;
    const ownerUser = p.ownerUserId ? personName(p.ownerUserId, this.people) : undefined;
    // Never "no owner": while none is named, the person who created the process answers.
    const owner = [ownerPosition, ownerUser].filter(Boolean).join(" · ") ||
      t("processes.owner.creator", { name: personName(p.createdBy, this.people) });
    return html`
      <div class="eyebrow">
        <a href="/processes">${t("processes.list.title")}</a><span aria-hidden="true">›</span>
        <span>${t(`processes.category.${p.category}` as MessageKey)}</span>
      </div>
      <h1 data-testid="process-title">${p.title}</h1>
      <ul class="facts" data-testid="process-facts">
        <li>
          ${p.publishedVersion > 0
            ? html`<fluent-badge appearance="tint" color="success">${
              t("processes.status.published", { version: p.publishedVersion })
            }</fluent-badge>`
            : html`<fluent-badge appearance="tint" color="subtle">${
              t("processes.status.unpublished")
            }</fluent-badge>`}
        </li>
        ${m?.draft?.state === "in_review"
          ? html`
            <li>
              <fluent-badge appearance="tint" color="warning">${t(
                "processes.page.inReview",
              )}</fluent-badge>
            </li>
          `
          : nothing}
        ${p.reviewDue
          ? html`
            <li data-testid="review-due">
              <fluent-badge appearance="tint" color="danger">${icon(
                "calendarClock",
                16,
                "start",
              )}${t("processes.status.reviewDue")}</fluent-badge>
            </li>
          `
          : nothing}
        <li><span class="label">${t("processes.page.owner")}:</span>
          <span data-testid="process-owner">${owner}</span></li>
        ${m
          ? html`<li data-testid="shown-version"><span class="label">${
            t("processes.page.showing")
          }:</span> ${
            m.source === "draft"
              ? t("processes.page.draftVersion", { version: m.version })
              : t("processes.page.version", { version: m.version })
          }${
            m.source === "published" && p.publishedAt
              ? html`<span class="label">(${formatDate(p.publishedAt)})</span>`
              : nothing
          }</li>`
          : nothing}
      </ul>
    `;
  }
}

customElements.define("procedo-process-header", ProcedoProcessHeader);
