// <procedo-process-list>: every process of the workspace as a compact table — filters
// (category, owner position, status, review due), text search, sortable columns and pages,
// all kept in the URL query so a link shows the same rows and back/forward step through
// earlier views. Modelers and executives get "New process" (a panel); readers do not.
import { css, html, LitElement, nothing } from "lit";
import { live } from "lit/directives/live.js";
import { icon } from "../../../components/icons.ts";
import "../../../components/pager.ts";
import "../../../components/problem_bar.ts";
import { base, controls, page, table } from "../../../components/styles.ts";
import { type Schemas, unwrap } from "../../../lib/api/client.ts";
import { ApiData } from "../../../lib/api_data.ts";
import { formatDate, formatDateTime, LocaleController, t } from "../../../lib/i18n.ts";
import { UrlListController } from "../../../lib/url_list.ts";
import { roleAllows, session } from "../../session.ts";
import "../../../components/ai/from_text.ts";
import "./create_panel.ts";
import type { ProcedoProcessCreatePanel } from "./create_panel.ts";
import { categoryName, cellStyles, reviewMarker, statusBadge } from "./list_cells.ts";
import { type FilterHandlers, filterStyles, renderFilters } from "./list_filters.ts";
import { OwnerNames } from "./list_owner_names.ts";
import type { ProcedoListPicker } from "./list_picker.ts";
import {
  ariaSort,
  isFiltered,
  type ListState,
  listStateQuery,
  nextSort,
  PAGE_SIZES,
  readListState,
  type SortColumn,
} from "./list_query.ts";

type Process = Schemas["Process"];
const PATH = "/processes";

export class ProcedoProcessList extends LitElement {
  static override properties = { actionError: { state: true } };
  static override styles = [
    base,
    page,
    table,
    controls,
    cellStyles,
    filterStyles,
    css`
      .search {
        width: min(100%, 20rem);
      }
      th button.sort {
        display: inline-flex;
        align-items: center;
        gap: var(--spacingHorizontalXXS);
        padding: 0;
        border: none;
        background: none;
        font: inherit;
        font-weight: var(--fontWeightSemibold);
        color: inherit;
        cursor: pointer;
      }
      th button.sort:hover {
        color: var(--colorNeutralForeground1);
      }
      td.title a {
        color: var(--colorBrandForegroundLink);
        text-decoration: none;
      }
      td.title a:hover {
        text-decoration: underline;
      }
      td.title {
        max-width: 28rem;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .footer {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: var(--spacingHorizontalM);
      }
      .footer .control {
        flex-direction: row;
        align-items: center;
        gap: var(--spacingHorizontalS);
      }
      .results[aria-busy="true"] tbody {
        opacity: 0.6;
      }
    `,
  ];
  declare actionError: unknown;
  #list = new UrlListController<ListState>(this, { read: readListState, write: listStateQuery });
  #owners = new OwnerNames();
  /** The query the rows on screen were asked for; undefined forces a load. */
  #loaded?: string;
  #processes = new ApiData(this, async (signal) => {
    const s = this.#state;
    const result = unwrap(
      await session().api.GET("/api/v1/processes", {
        params: {
          query: {
            q: s.q || undefined,
            category: s.category,
            ownerPositionId: s.owner,
            status: s.status,
            reviewDue: s.reviewDue,
            sort: s.sort,
            limit: s.limit,
            offset: s.offset,
          },
        },
        signal,
      }),
    );
    // The rows show at once; owner names follow as they arrive.
    void this.#owners.resolve(result.items.map((p) => p.ownerPositionId), signal)
      .then((learnt) => learnt && this.requestUpdate());
    return result;
  }, { auto: false });

  constructor() {
    super();
    new LocaleController(this);
  }

  get #state(): ListState {
    return this.#list.state;
  }

  get #canCreate() {
    return roleAllows(session().me.user.role, "modeler");
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#loaded = undefined;
  }

  override willUpdate() {
    // The page stays mounted for a moment while the shell moves to another path.
    if (this.#list.location.path !== PATH) return;
    const key = this.#list.key;
    if (key === this.#loaded) return;
    this.#loaded = key;
    void this.#processes.reload();
  }

  override updated() {
    if (this.#list.location.path !== PATH) return;
    const s = this.#state;
    // Back/forward and deep links: the owner picker shows what the URL says (the search box
    // is the list controller's).
    const owner = this.renderRoot.querySelector<ProcedoListPicker>("procedo-list-picker");
    if (owner && owner.value !== (s.owner ?? "")) {
      owner.set(s.owner ? { id: s.owner, label: this.#owners.get(s.owner) ?? "" } : null);
      if (s.owner && this.#owners.get(s.owner) === undefined) {
        void this.#owners.resolve([s.owner]).then(() => {
          if (owner.value === s.owner) owner.set({ id: s.owner, label: this.#ownerName(s.owner) });
        });
      }
    }
  }

  override render() {
    const s = this.#state;
    const data = this.#processes;
    return html`
      <h1>${t("processes.list.title")}</h1>
      <div class="commandbar" role="toolbar" aria-label=${t("processes.list.commands")}>
        ${this.#canCreate
          ? html`
            <fluent-button appearance="primary" data-testid="new-process"
              @click=${() => this.#panel.open(s.category)}>${icon("add", 20, "start")}${t(
                "processes.list.new",
              )}</fluent-button>
            <procedo-ai-from-text></procedo-ai-from-text>
          `
          : nothing}
        <fluent-button appearance="subtle" @click=${() => data.reload()}>
          ${icon("refresh", 20, "start")}${t("action.refresh")}
        </fluent-button>
        <span class="grow"></span>
        <fluent-text-input class="search" type="search" data-testid="process-search"
          placeholder=${t("processes.list.searchPlaceholder")} @input=${this.#list.onSearch}
        ><span class="visually-hidden">${t("processes.list.search")}</span>
          <span slot="start">${icon("search", 16)}</span></fluent-text-input>
      </div>
      ${renderFilters(s, this.#filterHandlers)}
      <procedo-problem .error=${this.actionError}></procedo-problem>
      ${data.error
        ? html`<procedo-problem .error=${data.error} @retry=${() =>
          data.reload()}></procedo-problem>`
        : nothing}
      <div class="results" aria-busy=${data.loading ? "true" : "false"}>
        ${data.value ? this.#table(data.value.items, s) : nothing}
        ${!data.value && data.loading
          ? html`<fluent-spinner aria-label=${t("app.loading")}></fluent-spinner>`
          : nothing}
      </div>
      ${data.value ? this.#footer(data.value.total, s) : nothing}
      ${this.#canCreate
        ? html`<procedo-process-create-panel></procedo-process-create-panel>`
        : nothing}
    `;
  }

  #table(items: Process[], s: ListState) {
    if (items.length === 0) {
      return html`<p class="empty">${
        isFiltered(s) ? t("processes.list.noMatch") : t("processes.list.empty")
      }</p>`;
    }
    const sortable = (column: SortColumn, label: string) => {
      const sorted = ariaSort(s.sort, column);
      return html`
        <th scope="col" aria-sort=${sorted === "none" ? nothing : sorted}>
          <button class="sort" data-sort=${column} @click=${() =>
            this.#list.go({ sort: nextSort(s.sort, column) })}>${label}${sorted === "none"
            ? nothing
            : icon(sorted === "ascending" ? "chevronUp" : "chevronDown", 12)}</button>
        </th>
      `;
    };
    return html`
      <div class="table-wrap">
        <table data-testid="process-table">
          <caption class="visually-hidden">${t("processes.list.title")}</caption>
          <thead>
            <tr>
              ${sortable("title", t("processes.list.col.title"))}
              ${sortable("category", t("processes.list.col.category"))}
              <th scope="col">${t("processes.list.col.owner")}</th>
              <th scope="col">${t("processes.list.col.status")}</th>
              ${sortable("nextReview", t("processes.list.col.nextReview"))}
              ${sortable("updated", t("processes.list.col.updated"))}
            </tr>
          </thead>
          <tbody>${items.map((p) => this.#row(p))}</tbody>
        </table>
      </div>
    `;
  }

  #row(p: Process) {
    return html`
      <tr data-process=${p.title}>
        <td class="title" title=${p.title}><a href="/processes/${p.id}">${p.title}</a></td>
        <td>${categoryName(p.category)}</td>
        <td>${this.#ownerName(p.ownerPositionId)}</td>
        <td>${statusBadge(p.publishedVersion)}</td>
        <td>${formatDate(p.nextReviewAt)} ${reviewMarker(p.reviewDue, p.nextReviewAt)}</td>
        <td>${formatDateTime(p.updatedAt)}</td>
      </tr>
    `;
  }

  #ownerName(id: string | null): string {
    if (!id) return "—";
    const name = this.#owners.get(id);
    return name === undefined ? "…" : name ?? t("processes.map.unknownOwner");
  }

  #footer(total: number, s: ListState) {
    return html`
      <div class="footer">
        <label class="control">
          <span>${t("processes.list.pageSize")}</span>
          <select class="small" name="limit" data-testid="page-size" .value=${live(
            String(s.limit),
          )}
            @change=${(e: Event) =>
              this.#list.go({ limit: Number((e.target as HTMLSelectElement).value) })}>
                ${PAGE_SIZES.map((n) =>
                  html`<option value=${n} ?selected=${n === s.limit}>${n}</option>`
                )}
              </select>
        </label>
        <procedo-pager total=${total} offset=${s.offset} limit=${s.limit}
          @page=${(e: CustomEvent<number>) => this.#list.go({ offset: e.detail }, true)}
        ></procedo-pager>
      </div>
    `;
  }

  get #panel() {
    return this.renderRoot.querySelector(
      "procedo-process-create-panel",
    ) as ProcedoProcessCreatePanel;
  }

  #filterHandlers: FilterHandlers = {
    change: (patch) => this.#list.go(patch),
    owner: (option) => {
      if (option) this.#owners.set(option.id, option.label);
      this.#list.go({ owner: option?.id });
    },
    clear: () =>
      this.#list.go({
        q: "",
        category: undefined,
        owner: undefined,
        status: undefined,
        reviewDue: undefined,
      }),
  };
}

customElements.define("procedo-process-list", ProcedoProcessList);
