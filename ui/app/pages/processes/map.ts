// <procedo-process-map>: the home page — the workspace's process landscape, as tiles in
// three bands (management, core, support) or as the process hierarchy (a tree), and a
// search across titles, steps, tags and descriptions. The view and the search text live in
// the URL (?view=tree&q=…), so a link or a reload shows the same.
import { css, html, LitElement, nothing } from "lit";
import "../../../components/export_menu.ts";
import type { TextInput } from "@fluentui/web-components";
import "@fluentui/web-components/toggle-button.js";
import { live } from "lit/directives/live.js";
import { icon } from "../../../components/icons.ts";
import "../../../components/problem_bar.ts";
import { base, page } from "../../../components/styles.ts";
import { type Schemas, unwrap } from "../../../lib/api/client.ts";
import { ApiData } from "../../../lib/api_data.ts";
import { formatNumber, LocaleController, t } from "../../../lib/i18n.ts";
import { RouteController } from "../../../lib/router.ts";
import { session } from "../../session.ts";
import { cellStyles } from "./list_cells.ts";
import { OwnerNames } from "./list_owner_names.ts";
import { showQuery } from "../../../lib/url_list.ts";
import "./map_search.ts";
import { renderTiles, tileStyles } from "./map_tiles.ts";
import "./map_tree.ts";

type Node = Schemas["ProcessTreeNode"];
type View = "tiles" | "tree";
const PATH = "/map";

export class ProcedoProcessMap extends LitElement {
  static override styles = [
    base,
    page,
    cellStyles,
    tileStyles,
    css`
      .views {
        display: flex;
        gap: var(--spacingHorizontalXXS);
      }
      .search {
        width: min(100%, 24rem);
      }
    `,
  ];
  #route = new RouteController(this);
  #owners = new OwnerNames();
  #typing?: ReturnType<typeof setTimeout>;
  #tree = new ApiData(this, async (signal) => {
    const tree = unwrap(await session().api.GET("/api/v1/processes/tree", { signal }));
    void this.#owners.resolve(ownerIds(tree.items), signal)
      .then((learnt) => learnt && this.requestUpdate());
    return tree;
  });

  constructor() {
    super();
    new LocaleController(this);
  }

  get #view(): View {
    return this.#route.location.query.get("view") === "tree" ? "tree" : "tiles";
  }

  get #q(): string {
    return (this.#route.location.query.get("q") ?? "").trim().slice(0, 100);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.#typing);
    this.#typing = undefined;
  }

  override updated() {
    if (this.#route.location.path !== PATH || this.#typing !== undefined) return;
    // Back/forward and deep links: the search box shows the URL's search.
    const input = this.renderRoot.querySelector<TextInput>("fluent-text-input.search");
    if (input && (input.value ?? "").trim() !== this.#q) input.value = this.#q;
  }

  override render() {
    const data = this.#tree;
    const view = this.#view;
    return html`
      <h1>${t("processes.map.title")}</h1>
      <div class="commandbar" role="toolbar" aria-label=${t("processes.map.commands")}>
        <div class="views" role="group" aria-label=${t("processes.map.view")}
          @click=${this.#onViewClick}>
          ${this.#viewButton("tiles", "grid", t("processes.map.tiles"), view)}
          ${this.#viewButton("tree", "tree", t("processes.map.tree"), view)}
        </div>
        <procedo-export-menu .items=${[{
          label: "exports.handbookPdf",
          path: "/api/v1/exports/handbook.pdf",
          testid: "export-handbook",
        }]} what=${t("exports.handbook")}></procedo-export-menu>
        <fluent-button appearance="subtle" @click=${() => data.reload()}>
          ${icon("refresh", 20, "start")}${t("action.refresh")}
        </fluent-button>
        <span class="grow"></span>
        ${data.value
          ? html`<span class="status" data-testid="process-count">${
            t("processes.map.total", {
              count: formatNumber(data.value.total),
            })
          }</span>`
          : nothing}
        <fluent-text-input class="search" type="search" data-testid="map-search"
          placeholder=${t("processes.map.searchPlaceholder")} @input=${this.#onSearch}
        ><span class="visually-hidden">${t("processes.map.search")}</span>
          <span slot="start">${icon("search", 16)}</span></fluent-text-input>
      </div>
      <procedo-map-search q=${this.#q}></procedo-map-search>
      ${data.error
        ? html`<procedo-problem .error=${data.error} @retry=${() =>
          data.reload()}></procedo-problem>`
        : nothing}
      ${data.value ? this.#landscape(data.value.items, view) : nothing}
      ${!data.value && data.loading
        ? html`<fluent-spinner aria-label=${t("app.loading")}></fluent-spinner>`
        : nothing}
    `;
  }

  #viewButton(value: View, name: "grid" | "tree", label: string, current: View) {
    const pressed = value === current;
    // A toggle button flips itself on click; live() puts back what the URL says.
    return html`
      <fluent-toggle-button
        appearance="subtle"
        .pressed=${live(pressed)}
        data-view=${value}
      >${icon(name, 20, "start")}${label}</fluent-toggle-button>
    `;
  }

  #landscape(roots: Node[], view: View) {
    if (roots.length === 0) return html`<p class="empty">${t("processes.map.empty")}</p>`;
    if (view === "tree") return html`<procedo-map-tree .roots=${roots}></procedo-map-tree>`;
    return renderTiles(roots, (id) => this.#ownerName(id));
  }

  #ownerName(id: string | null): string {
    if (!id) return t("processes.map.noOwner");
    const name = this.#owners.get(id);
    return name === undefined ? "…" : name ?? t("processes.map.unknownOwner");
  }

  /**
   * On the group, not the buttons: a click reaches it after the button flipped itself, so
   * the render that follows has the last word on which view is pressed.
   */
  #onViewClick = (e: Event) => {
    const button = (e.target as Element).closest?.("[data-view]");
    const view = button?.getAttribute("data-view");
    if (view === "tiles" || view === "tree") this.#setView(view);
  };

  #setView(view: View) {
    const query = new URLSearchParams(location.search);
    if (view === "tree") query.set("view", "tree");
    else query.delete("view");
    const s = query.toString();
    showQuery(s ? `?${s}` : "");
    this.requestUpdate(); // also when unchanged: the button pressed again stays pressed
  }

  #onSearch = (e: Event) => {
    const value = ((e.target as TextInput).value ?? "").trim().slice(0, 100);
    clearTimeout(this.#typing);
    this.#typing = setTimeout(() => {
      this.#typing = undefined;
      const query = new URLSearchParams(location.search);
      if (value) query.set("q", value);
      else query.delete("q");
      const s = query.toString();
      // Typing refines one search: the address changes in place, not once per keystroke.
      if (showQuery(s ? `?${s}` : "", { replace: true })) this.requestUpdate();
    }, 300);
  };
}

function ownerIds(nodes: Node[]): string[] {
  const ids: string[] = [];
  const stack = [...nodes];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.ownerPositionId) ids.push(n.ownerPositionId);
    stack.push(...n.children);
  }
  return ids;
}

customElements.define("procedo-process-map", ProcedoProcessMap);
