// <procedo-resource-list kind="documents">: the list of one kind of resource — search, a
// compact table with the kind's columns (sortable where the API sorts), pages, all kept in
// the URL query. A name opens the resource's panel (details and where used). Modelers and
// above also get "New …", "Import", and edit and delete on each row; readers do not.
import { css, html, LitElement, nothing } from "lit";
import "../../../components/export_menu.ts";
import { listExportItems } from "../../../components/export_menu.ts";
import { icon } from "../../../components/icons.ts";
import "../../../components/import_dialog.ts";
import type { ProcedoImportDialog } from "../../../components/import_dialog.ts";
import "../../../components/pager.ts";
import "../../../components/problem_bar.ts";
import { base, page, table } from "../../../components/styles.ts";
import { ApiData } from "../../../lib/api_data.ts";
import { LocaleController, t } from "../../../lib/i18n.ts";
import { UrlListController } from "../../../lib/url_list.ts";
import { roleAllows, session } from "../../session.ts";
import { cell, cellStyles, excerpt } from "./cells.ts";
import {
  type ColumnSpec,
  kindText,
  type Resource,
  type ResourceKind,
  SPECS,
  valueOf,
} from "./kinds.ts";
import {
  ariaSort,
  type ListState,
  listStateQuery,
  nextSort,
  PAGE,
  readListState,
} from "./list_query.ts";
import { filterStyles, renderFilters } from "./list_filters.ts";
import { listResources, resourceFacets, resourceImporter } from "./resource_api.ts";
import "./resource_panel.ts";
import type { ProcedoResourcePanel } from "./resource_panel.ts";

/** Where a kind's list lives in the app. */
export const listPath = (kind: ResourceKind) =>
  kind === "requirements" ? "/requirements" : `/resources/${kind}`;

export class ProcedoResourceList extends LitElement {
  static override properties = { kind: {} };
  static override styles = [
    base,
    page,
    table,
    filterStyles,
    cellStyles,
    css`
      :host {
        padding: 0;
      }
      .search {
        width: min(100%, 20rem);
      }
      th button.sort,
      td button.open {
        display: inline-flex;
        align-items: center;
        gap: var(--spacingHorizontalXXS);
        padding: 0;
        border: none;
        background: none;
        font: inherit;
        color: inherit;
        cursor: pointer;
        text-align: start;
      }
      th button.sort {
        font-weight: var(--fontWeightSemibold);
      }
      th button.sort:hover {
        color: var(--colorNeutralForeground1);
      }
      td button.open {
        color: var(--colorBrandForegroundLink);
      }
      td button.open:hover {
        text-decoration: underline;
      }
      td.opens {
        max-width: 32rem;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .results[aria-busy="true"] tbody {
        opacity: 0.6;
      }
    `,
  ];
  declare kind: ResourceKind;
  #list = new UrlListController<ListState>(this, {
    read: (query) => readListState(this.#spec, query),
    write: listStateQuery,
  });
  /** The kind and query the rows on screen were asked for; undefined forces a load. */
  #shownKind?: ResourceKind;
  #loaded?: string;
  #rows = new ApiData(this, (signal) => {
    const s = this.#state;
    return listResources(
      this.kind,
      {
        q: s.q || undefined,
        sort: s.sort,
        limit: PAGE,
        offset: s.offset,
      },
      s.filters,
      signal,
    );
  }, { auto: false });
  /** The values the filters offer; loaded per kind and again after changes. */
  #facets = new ApiData(this, (signal) => resourceFacets(this.kind, signal), { auto: false });

  constructor() {
    super();
    this.kind = "documents";
    new LocaleController(this);
  }

  get #spec() {
    return SPECS[this.kind];
  }

  get #state(): ListState {
    return this.#list.state;
  }

  get #canEdit() {
    return roleAllows(session().me.user.role, "modeler");
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#shownKind = undefined;
    this.#loaded = undefined;
  }

  override willUpdate() {
    // The page stays mounted for a moment while the shell moves to another path.
    if (this.#list.location.path !== listPath(this.kind)) return;
    const key = this.#list.key;
    if (this.kind === this.#shownKind && key === this.#loaded) return;
    if (this.kind !== this.#shownKind) {
      this.#rows.value = undefined; // not this kind's rows
      this.#facets.value = undefined;
      void this.#facets.reload();
    }
    this.#shownKind = this.kind;
    this.#loaded = key;
    void this.#rows.reload();
  }

  /** Loads the rows again (after an import elsewhere). */
  reload() {
    return this.#rows.reload();
  }

  override render() {
    const s = this.#state;
    const data = this.#rows;
    const kind = this.kind;
    return html`
      <div class="commandbar" role="toolbar" aria-label=${t("resources.commands")}>
        ${this.#canEdit
          ? html`
            <fluent-button appearance="primary" data-testid="new-resource"
              @click=${() => this.#panel.openNew()}>${icon("add", 20, "start")}${kindText(
                kind,
                "new",
              )}</fluent-button>
            <fluent-button appearance="subtle" data-testid="import-resources"
              @click=${() => this.#importDialog.open()}>${icon("upload", 20, "start")}${t(
                "resources.import",
              )}</fluent-button>
          `
          : nothing}
        <fluent-button appearance="subtle" @click=${() => data.reload()}>
          ${icon("refresh", 20, "start")}${t("action.refresh")}
        </fluent-button>
        <procedo-export-menu .items=${listExportItems(listPath(kind).split("/").pop()!)}
          what=${kindText(kind, "tab")}></procedo-export-menu>
        <span class="grow"></span>
        <fluent-text-input class="search" type="search" data-testid="resource-search"
          placeholder=${t("resources.searchPlaceholder")} @input=${this.#list.onSearch}
        ><span class="visually-hidden">${t("resources.search")}</span>
          <span slot="start">${icon("search", 16)}</span></fluent-text-input>
      </div>
      ${renderFilters(
        this.#spec.filters,
        this.#facets.value,
        s.filters,
        (filters) => this.#list.go({ filters }),
      )}
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
      ${data.value
        ? html`
          <procedo-pager total=${data.value.total} offset=${s.offset} limit=${PAGE}
            @page=${(e: CustomEvent<number>) => this.#list.go({ offset: e.detail }, true)}
          ></procedo-pager>
        `
        : nothing}
      <procedo-resource-panel .spec=${this.#spec} @saved=${this.#changed}
        @deleted=${this.#changed} @reloaded=${this.#changed}></procedo-resource-panel>
      ${this.#canEdit
        ? html`
          <procedo-import-dialog heading=${kindText(kind, "importTitle")}
            .kinds=${[{
              value: kind,
              label: kindText(kind, "tab"),
              hint: kindText(kind, "importHint"),
            }]}
            .run=${resourceImporter(kind)} @imported=${this.#changed}></procedo-import-dialog>
        `
        : nothing}
    `;
  }

  #table(items: Resource[], s: ListState) {
    const spec = this.#spec;
    if (items.length === 0) {
      return html`<p class="empty" data-testid="resources-empty">${
        s.q || Object.keys(s.filters).length ? t("resources.noMatch") : kindText(spec.kind, "empty")
      }</p>`;
    }
    return html`
      <div class="table-wrap">
        <table data-testid="resource-table">
          <caption class="visually-hidden">${kindText(spec.kind, "tab")}</caption>
          <thead>
            <tr>
              ${spec.columns.map((c) => this.#header(c, s.sort))}
              ${this.#canEdit
                ? html`<th scope="col"><span class="visually-hidden">${
                  t(
                    "table.actions",
                  )
                }</span></th>`
                : nothing}
            </tr>
          </thead>
          <tbody>${items.map((r) => this.#row(r))}</tbody>
        </table>
      </div>
    `;
  }

  #header(c: ColumnSpec, sort: string) {
    if (!c.sort) return html`<th scope="col">${t(c.label)}</th>`;
    const sorted = ariaSort(sort, c);
    return html`
      <th scope="col" aria-sort=${sorted === "none" ? nothing : sorted}>
        <button class="sort" data-sort=${c.field} @click=${() =>
          this.#list.go({ sort: nextSort(sort, c) }, true)}>${t(c.label)}${sorted === "none"
          ? nothing
          : icon(sorted === "ascending" ? "chevronUp" : "chevronDown", 12)}</button>
      </th>
    `;
  }

  #row(r: Resource) {
    const spec = this.#spec;
    const name = valueOf(r, spec.nameField) ?? "";
    return html`
      <tr data-resource=${name}>
        ${spec.columns.map((c) =>
          c.opens
            ? html`<td class="opens ${c.cell === "excerpt" ? "wrap" : ""}" title=${name}>
              <button class="open" @click=${() => this.#panel.open(r)}>${name}</button>
              ${c.cell === "excerpt" ? excerpt(r) : nothing}
            </td>`
            : html`<td>${cell(c.cell, r, c.field)}</td>`
        )}
        ${this.#canEdit
          ? html`
            <td class="actions">
              <fluent-button size="small" appearance="subtle" icon-only
                aria-label=${t("resources.edit", { name })}
                @click=${() => this.#panel.open(r)}>${icon("edit", 16)}</fluent-button>
              <fluent-button size="small" appearance="subtle" icon-only
                aria-label=${t("resources.delete", { name })}
                @click=${() => this.#panel.openAndDelete(r)}>${icon("delete", 16)}</fluent-button>
            </td>
          `
          : nothing}
      </tr>
    `;
  }

  get #panel() {
    return this.renderRoot.querySelector("procedo-resource-panel") as ProcedoResourcePanel;
  }

  get #importDialog() {
    return this.renderRoot.querySelector("procedo-import-dialog") as ProcedoImportDialog;
  }

  #changed = () => {
    void this.#rows.reload();
    void this.#facets.reload();
  };
}

customElements.define("procedo-resource-list", ProcedoResourceList);
