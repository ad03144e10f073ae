// <procedo-admin-list>: the frame every administrative list shares (users, API keys, tags):
// heading and intro, a command bar with the primary action, refresh, a status line and the
// search box, the problem bars, the table with its caption and column heads, the empty
// text, the spinner and the pager. The page keeps its data and its rows; it hands them in as
// properties (`row` renders one). Rendered into the page's own shadow root (no shadow of
// its own), so the page's styles reach its rows and tests find them where they were.
import { html, LitElement, nothing, type TemplateResult } from "lit";
import { icon } from "./icons.ts";
import "./pager.ts";
import "./problem_bar.ts";
import { t } from "../lib/i18n.ts";

export interface AdminListColumn {
  label: string;
  /** Read by screen readers only (the actions column). */
  hidden?: boolean;
}

export interface AdminListData<T> {
  value?: { items: T[]; total: number };
  error?: unknown;
  loading: boolean;
}

export class ProcedoAdminList<T = unknown> extends LitElement {
  static override properties = {
    heading: {},
    intro: {},
    commandsLabel: {},
    primaryLabel: {},
    primaryTestId: {},
    searchLabel: {},
    searchPlaceholder: {},
    searchTestId: {},
    status: {},
    tableTestId: {},
    emptyText: {},
    columns: { attribute: false },
    data: { attribute: false },
    row: { attribute: false },
    offset: { type: Number },
    limit: { type: Number },
    actionError: { attribute: false },
    onSearch: { attribute: false },
  };
  declare heading: string;
  declare intro: string;
  declare commandsLabel: string;
  /** The primary command (New …); none when empty. */
  declare primaryLabel: string;
  declare primaryTestId: string;
  /** The search box's name; no search box when empty. */
  declare searchLabel: string;
  declare searchPlaceholder: string;
  declare searchTestId: string;
  declare status: string;
  declare tableTestId: string;
  declare emptyText: string;
  declare columns: AdminListColumn[];
  declare data: AdminListData<T> | undefined;
  declare row: (item: T) => TemplateResult;
  declare offset: number;
  declare limit: number;
  declare actionError: unknown;
  declare onSearch: ((e: Event) => void) | undefined;

  constructor() {
    super();
    this.heading = "";
    this.intro = "";
    this.commandsLabel = "";
    this.primaryLabel = "";
    this.primaryTestId = "";
    this.searchLabel = "";
    this.searchPlaceholder = "";
    this.searchTestId = "";
    this.status = "";
    this.tableTestId = "";
    this.emptyText = "";
    this.columns = [];
    this.offset = 0;
    this.limit = 50;
  }

  protected override createRenderRoot() {
    return this;
  }

  #emit(name: string, detail?: unknown) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  override render() {
    const data = this.data;
    return html`
      <h1>${this.heading}</h1>
      ${this.intro ? html`<p class="muted">${this.intro}</p>` : nothing}
      <div class="commandbar" role="toolbar" aria-label=${this.commandsLabel}>
        ${this.primaryLabel
          ? html`
            <fluent-button appearance="primary" data-testid=${this.primaryTestId || nothing}
              @click=${() => this.#emit("primary")}>${icon("add", 20, "start")}${this
                .primaryLabel}</fluent-button>
          `
          : nothing}
        <fluent-button appearance="subtle" @click=${() => this.#emit("refresh")}>
          ${icon("refresh", 20, "start")}${t("action.refresh")}</fluent-button>
        <span class="status grow" role="status">${this.status}</span>
        ${this.searchLabel
          ? html`
            <fluent-text-input class="search" type="search"
              placeholder=${this.searchPlaceholder || this.searchLabel}
              data-testid=${this.searchTestId || nothing} @input=${(e: Event) =>
                this.onSearch?.(e)}><span class="visually-hidden">${this.searchLabel}</span>
              <span slot="start">${icon("search", 16)}</span></fluent-text-input>
          `
          : nothing}
      </div>
      <procedo-problem .error=${this.actionError}
        @reload=${() => this.#emit("conflict-reload")}></procedo-problem>
      ${data?.error
        ? html`
          <procedo-problem .error=${data.error}
            @retry=${() => this.#emit("refresh")}></procedo-problem>
        `
        : nothing}
      ${data?.value ? this.#table(data.value.items) : nothing}
      ${!data?.value && data?.loading
        ? html`<fluent-spinner aria-label=${t("app.loading")}></fluent-spinner>`
        : nothing}
      ${data?.value
        ? html`
          <procedo-pager total=${data.value.total} offset=${this.offset} limit=${this.limit}
            @page=${(e: CustomEvent<number>) => {
              e.stopPropagation();
              this.#emit("page", e.detail);
            }}></procedo-pager>
        `
        : nothing}
    `;
  }

  #table(items: T[]) {
    if (items.length === 0) return html`<p class="empty">${this.emptyText}</p>`;
    return html`
      <div class="table-wrap">
        <table data-testid=${this.tableTestId || nothing}>
          <caption class="visually-hidden">${this.heading}</caption>
          <thead>
            <tr>${this.columns.map((c) =>
              html`<th scope="col">${
                c.hidden ? html`<span class="visually-hidden">${c.label}</span>` : c.label
              }</th>`
            )}</tr>
          </thead>
          <tbody>${items.map((item) => this.row(item))}</tbody>
        </table>
      </div>
    `;
  }
}

customElements.define("procedo-admin-list", ProcedoAdminList);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-admin-list": ProcedoAdminList;
  }
}
