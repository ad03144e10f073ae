// <procedo-org-chart chart="…" api-base="…">: an org chart — units, their positions and the
// people holding them — as the app's accessible tree (filter, arrow keys, expand/collapse).
// Read-only.
import { css, html, LitElement, type PropertyValues } from "lit";
import "@fluentui/web-components/text-input.js";
import "../app/pages/orgchart/org_tree.ts";
import type { ChartTree } from "../app/pages/orgchart/tree_model.ts";
import { unwrap } from "../lib/api/client.ts";
import { LocaleController, t } from "../lib/i18n.ts";
import type { EmbedConnection, TokenProvider } from "./connection.ts";
import { EMBED_PROPERTIES, EmbedController, type EmbedTheme } from "./controller.ts";
import { embedStyles } from "./styles.ts";

export class ProcedoEmbedOrgChart extends LitElement {
  static override properties = { ...EMBED_PROPERTIES, chart: {} };
  static override styles = [
    embedStyles,
    css`
      .content {
        flex: 1 1 0;
        overflow: auto;
        padding: var(--spacingVerticalM) var(--spacingHorizontalM);
      }
    `,
  ];
  declare apiBase: string | null;
  declare clientId: string | null;
  declare authority: string | null;
  declare redirectUri: string | null;
  declare theme: EmbedTheme | null;
  declare tokenProvider: TokenProvider | undefined;
  /** The org chart's id. */
  declare chart: string | null;
  readonly embed = new EmbedController<{ name: string; tree: ChartTree }>(
    this,
    (c, signal) => this.#load(c, signal),
  );

  constructor() {
    super();
    this.apiBase = null;
    this.clientId = null;
    this.authority = null;
    this.redirectUri = null;
    this.theme = null;
    this.tokenProvider = undefined;
    this.chart = null;
    new LocaleController(this);
  }

  protected override willUpdate(changed: PropertyValues) {
    if (this.hasUpdated && changed.has("chart")) void this.embed.reload();
  }

  async #load(connection: EmbedConnection, signal: AbortSignal) {
    const id = this.chart?.trim();
    const api = connection.api;
    const chartId = id || unwrap(
      await api.GET("/api/v1/orgchart/charts", { params: { query: { limit: 1 } }, signal }),
    ).items[0]?.id;
    if (!chartId) throw new Error("no chart");
    const tree = unwrap(
      await api.GET("/api/v1/orgchart/charts/{id}/tree", {
        params: { path: { id: chartId } },
        signal,
      }),
    );
    return { name: tree.chart.name, tree };
  }

  override render() {
    return this.embed.render(({ name, tree }) =>
      html`
        <div class="frame" part="frame" role="region" aria-label=${t("embed.orgChartLabel", {
          name,
        })}>
          <header part="header">
            <h2 part="title">${name}</h2>
          </header>
          <div class="content" part="body">
            <procedo-org-tree .tree=${tree}></procedo-org-tree>
          </div>
        </div>
      `
    );
  }
}

customElements.define("procedo-org-chart", ProcedoEmbedOrgChart);
