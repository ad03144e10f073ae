// <procedo-orgchart-page>: /org-charts and /org-charts/:chartId. A chart picker, the chart
// drawn as the export draws it (org_chart_view.ts) or as a tree (org_tree.ts; ?view=tree),
// and panels for the details. /org-charts opens the first chart, or says there is none yet.
// Modelers add, change, move, delete and import; readers see the same chart and details
// without any of those actions.
import { css, html, LitElement, nothing } from "lit";
import { live } from "lit/directives/live.js";
import "@fluentui/web-components/toggle-button.js";
import "../../../components/export_menu.ts";
import { type ExportItem, listExportItems } from "../../../components/export_menu.ts";
import "../../../components/confirm_dialog.ts";
import type { ProcedoConfirm } from "../../../components/confirm_dialog.ts";
import { icon } from "../../../components/icons.ts";
import "../../../components/import_dialog.ts";
import type { ProcedoImportDialog } from "../../../components/import_dialog.ts";
import "../../../components/problem_bar.ts";
import { base, controls, page } from "../../../components/styles.ts";
import { type Schemas, unwrap } from "../../../lib/api/client.ts";
import { ApiData } from "../../../lib/api_data.ts";
import { formatNumber, LocaleController, t } from "../../../lib/i18n.ts";
import { RouteController, router } from "../../../lib/router.ts";
import { showQuery } from "../../../lib/url_list.ts";
import { roleAllows, session } from "../../session.ts";
import { chartImporter, chartImportKinds, describeChartImport } from "./chart_import.ts";
import "./chart_panel.ts";
import type { ProcedoOrgchartChartPanel } from "./chart_panel.ts";
import "./employee_panel.ts";
import type { ProcedoOrgchartEmployeePanel } from "./employee_panel.ts";
import "./org_chart_view.ts";
import "./org_tree.ts";
import type { OpenNodeDetail } from "./org_tree.ts";
import "./position_panel.ts";
import type { ProcedoOrgchartPositionPanel } from "./position_panel.ts";
import { localized } from "./problems.ts";
import type { ChartTree, NodeKind } from "./tree_model.ts";
import "./unit_panel.ts";
import type { ProcedoOrgchartUnitPanel } from "./unit_panel.ts";

type OrgChart = Schemas["OrgChart"];
type View = "chart" | "tree";

/** What the page asks of the chart or the tree, whichever is shown. */
interface ChartShown extends HTMLElement {
  activeUnitId(): string | undefined;
  activePositionId(): string | undefined;
  revealNode(kind: NodeKind, id: string): Promise<boolean>;
  focusActive(): Promise<void>;
}
/** The picker lists this many charts (a tenant rarely has more than a few). */
const CHARTS = 200;

export class ProcedoOrgchartPage extends LitElement {
  static override properties = {
    params: { attribute: false },
    actionError: { state: true },
    status: { state: true },
  };
  static override styles = [
    base,
    page,
    controls,
    css`
      .picker {
        flex-direction: row;
        align-items: center;
        gap: var(--spacingHorizontalS);
      }
      .picker select {
        max-width: 20rem;
      }
      .sep {
        width: var(--strokeWidthThin);
        align-self: stretch;
        background: var(--colorNeutralStroke2);
      }
      .counts {
        color: var(--colorNeutralForeground3);
        font-size: var(--fontSizeBase200);
      }
      .empty fluent-button {
        margin-top: var(--spacingVerticalM);
      }
      .views {
        display: flex;
        gap: var(--spacingHorizontalXXS);
      }
      .above {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--spacingHorizontalL);
      }
    `,
  ];
  declare params: Record<string, string> | undefined;
  declare actionError: unknown;
  /** What the last change did, when the tree cannot show it. */
  declare status: string | undefined;
  #shown: string | undefined;
  #route = new RouteController(this);
  #charts = new ApiData(this, async (signal) =>
    unwrap(
      await session().api.GET("/api/v1/orgchart/charts", {
        params: { query: { limit: CHARTS } },
        signal,
      }),
    ));
  #tree = new ApiData<ChartTree>(this, async (signal) =>
    unwrap(
      await session().api.GET("/api/v1/orgchart/charts/{id}/tree", {
        params: { path: { id: this.#chartId! } },
        signal,
      }),
    ), { auto: false });

  constructor() {
    super();
    new LocaleController(this);
  }

  get #chartId(): string | undefined {
    return this.params?.chartId;
  }

  get #view(): View {
    return this.#route.location.query.get("view") === "tree" ? "tree" : "chart";
  }

  /** The query to keep when moving to another chart: the view stays as chosen. */
  get #keep(): string {
    return this.#view === "tree" ? "?view=tree" : "";
  }

  /** The drawn chart, positions for everyone, employees (personal data) for executives. */
  #exportItems(): ExportItem[] {
    const id = this.#chartId;
    const chart: ExportItem[] = id
      ? [
        {
          label: "exports.orgPdf",
          path: "/api/v1/exports/orgcharts/{id}.pdf",
          path_params: { id },
          testid: "export-org-pdf",
        },
        {
          label: "exports.orgSvg",
          path: "/api/v1/exports/orgcharts/{id}.svg",
          path_params: { id },
          testid: "export-org-svg",
        },
      ]
      : [];
    // Two lists in one menu: each item names its list ("Positions (Excel)").
    const named = (list: "positions" | "employees", name: string) =>
      listExportItems(list, {}, name).map((i) => ({ ...i, testid: `${i.testid}-${list}` }));
    const people = roleAllows(session().me.user.role, "executive")
      ? named("employees", t("exports.employeeList"))
      : [];
    return [...chart, ...named("positions", t("exports.positionList")), ...people];
  }

  get #canEdit() {
    return roleAllows(session().me.user.role, "modeler");
  }

  override willUpdate() {
    // The shell reuses this element for every chart: load when the chart in the URL changes.
    if (this.#chartId === this.#shown) return;
    this.#shown = this.#chartId;
    this.actionError = undefined;
    this.#tree.value = undefined;
    this.#tree.error = undefined;
    if (this.#chartId) void this.#tree.reload();
  }

  override updated() {
    const first = this.#charts.value?.items[0];
    if (!this.#chartId && first) {
      router.navigate(`/org-charts/${first.id}${this.#keep}`, { replace: true });
    }
  }

  override render() {
    const charts = this.#charts;
    const tree = this.#tree;
    const none = charts.value?.items.length === 0 && !this.#chartId;
    return html`
      <h1>${t("orgchart.title")}</h1>
      ${none ? nothing : this.#commands(charts.value?.items ?? [], tree.value)}
      <procedo-problem .error=${this.actionError} @reload=${this.#reloadAll}></procedo-problem>
      ${charts.error
        ? html`<procedo-problem .error=${charts.error} @retry=${() =>
          charts.reload()}></procedo-problem>`
        : nothing}
      ${tree.error
        ? html`<procedo-problem .error=${tree.error} @retry=${() =>
          tree.reload()}></procedo-problem>`
        : nothing}
      ${none ? this.#empty() : nothing}
      ${(tree.loading && !tree.value) || (charts.loading && !charts.value)
        ? html`<fluent-spinner aria-label=${t("app.loading")}></fluent-spinner>`
        : nothing}
      ${tree.value ? this.#body(tree.value) : nothing}
      <procedo-orgchart-unit-panel .tree=${tree.value} @saved=${this.#saved}
        @deleted=${this.#deleted}></procedo-orgchart-unit-panel>
      <procedo-orgchart-position-panel .tree=${tree.value} @saved=${this.#saved}
        @deleted=${this.#deleted} @open-node=${this.#open}></procedo-orgchart-position-panel>
      <procedo-orgchart-employee-panel .tree=${tree.value} @saved=${this.#saved}
        @deleted=${this.#deleted}></procedo-orgchart-employee-panel>
      <procedo-orgchart-chart-panel @saved=${this.#chartSaved}></procedo-orgchart-chart-panel>
      ${this.#canEdit && tree.value
        ? html`
          <procedo-import-dialog heading=${t("orgchart.import.title")}
            .kinds=${chartImportKinds()} .run=${chartImporter(tree.value.chart.id)}
            .describe=${describeChartImport} @imported=${() =>
              tree.reload()}></procedo-import-dialog>
        `
        : nothing}
      <procedo-confirm></procedo-confirm>
    `;
  }

  #commands(charts: OrgChart[], tree: ChartTree | undefined) {
    const edit = this.#canEdit;
    const button = (
      testId: string,
      name: Parameters<typeof icon>[0],
      label: string,
      on: () => void,
    ) =>
      html`
        <fluent-button appearance="subtle" data-testid=${testId} ?disabled=${!tree}
          @click=${on}>${icon(name, 20, "start")}${label}</fluent-button>
      `;
    return html`
      <div class="commandbar" role="toolbar" aria-label=${t("orgchart.commands")}>
        <label class="control picker">
          <span>${t("orgchart.chart.pick")}</span>
          <select data-testid="chart-picker" @change=${this.#pick}>
            ${charts.map((c) =>
              html`<option value=${c.id} ?selected=${c.id === this.#chartId}>${c.name}</option>`
            )}
          </select>
        </label>
        ${edit
          ? html`
            ${button("new-unit", "add", t("orgchart.unit.new"), () =>
              this.#unitPanel.openNew(this.#orgTree?.activeUnitId() ?? null))}
            ${button("new-position", "people", t("orgchart.position.new"), () =>
              this.#positionPanel.openNew(this.#orgTree?.activeUnitId()))}
            ${button("new-employee", "personAdd", t("orgchart.employee.new"), () =>
              this.#employeePanel.openNew(this.#orgTree?.activePositionId()))}
            ${button("import", "upload", t("orgchart.import.button"), () =>
              this.#importDialog.open())}
          `
          : nothing}
        <fluent-button appearance="subtle" @click=${this.#reloadAll}>
          ${icon("refresh", 20, "start")}${t("action.refresh")}
        </fluent-button>
        <procedo-export-menu .items=${this.#exportItems()} what=${tree?.chart.name ??
          t("orgchart.title")}
        ></procedo-export-menu>
        <span class="status grow" role="status" data-testid="status">${this.status ?? ""}</span>
        ${edit
          ? html`
            <fluent-button appearance="subtle" data-testid="new-chart"
              @click=${() => this.#chartPanel.open()}>${icon("add", 20, "start")}${t(
                "orgchart.chart.new",
              )}</fluent-button>
            ${button("rename-chart", "edit", t("orgchart.chart.rename"), () =>
              this.#chartPanel.open(tree?.chart))}
            ${button("delete-chart", "delete", t("orgchart.chart.delete"), () =>
              this.#deleteChart())}
          `
          : nothing}
      </div>
    `;
  }

  #empty() {
    return html`
      <div class="empty" data-testid="no-charts">
        <p>${t("orgchart.chart.none")}</p>
        ${this.#canEdit
          ? html`
            <fluent-button appearance="primary" data-testid="create-first-chart"
              @click=${() => this.#chartPanel.open()}>${icon("add", 20, "start")}${t(
                "orgchart.chart.create",
              )}</fluent-button>
          `
          : html`<p>${t("orgchart.chart.noneReader")}</p>`}
      </div>
    `;
  }

  #body(tree: ChartTree) {
    const n = (x: number) => formatNumber(x);
    const view = this.#view;
    return html`
      ${tree.chart.description ? html`<p class="muted">${tree.chart.description}</p>` : nothing}
      <div class="above">
        <div class="views" role="group" aria-label=${t("orgchart.view.switch")}
          @click=${this.#onViewClick}>
          ${this.#viewButton("chart", "organization", t("orgchart.view.chart"), view)}
          ${this.#viewButton("tree", "tree", t("orgchart.view.tree"), view)}
        </div>
        <p class="counts">${t("orgchart.counts", {
          units: n(tree.counts.units),
          positions: n(tree.counts.positions),
          holders: n(tree.counts.holders),
        })}</p>
      </div>
      ${view === "tree"
        ? html`<procedo-org-tree .tree=${tree} @open-node=${this.#open}></procedo-org-tree>`
        : html`
          <procedo-org-chart-view .tree=${tree} @open-node=${this.#open}></procedo-org-chart-view>
        `}
    `;
  }

  #viewButton(value: View, name: "organization" | "tree", label: string, current: View) {
    // A toggle button flips itself on click; live() puts back what the URL says.
    return html`
      <fluent-toggle-button appearance="subtle" .pressed=${live(value === current)}
        data-view=${value}>${icon(name, 20, "start")}${label}</fluent-toggle-button>
    `;
  }

  /** On the group: a click reaches it after the button flipped itself (see map.ts). */
  #onViewClick = (e: Event) => {
    const view = (e.target as Element).closest?.("[data-view]")?.getAttribute("data-view");
    if (view !== "chart" && view !== "tree") return;
    const query = new URLSearchParams(location.search);
    if (view === "tree") query.set("view", "tree");
    else query.delete("view");
    const s = query.toString();
    showQuery(s ? `?${s}` : "");
    this.requestUpdate();
  };

  /** The chart or the tree, whichever is shown. */
  get #orgTree(): ChartShown | null {
    return this.renderRoot.querySelector<ChartShown>("procedo-org-chart-view, procedo-org-tree");
  }
  get #unitPanel() {
    return this.renderRoot.querySelector(
      "procedo-orgchart-unit-panel",
    ) as ProcedoOrgchartUnitPanel;
  }
  get #positionPanel() {
    return this.renderRoot.querySelector(
      "procedo-orgchart-position-panel",
    ) as ProcedoOrgchartPositionPanel;
  }
  get #employeePanel() {
    return this.renderRoot.querySelector(
      "procedo-orgchart-employee-panel",
    ) as ProcedoOrgchartEmployeePanel;
  }
  get #chartPanel() {
    return this.renderRoot.querySelector(
      "procedo-orgchart-chart-panel",
    ) as ProcedoOrgchartChartPanel;
  }
  get #importDialog() {
    return this.renderRoot.querySelector("procedo-import-dialog") as ProcedoImportDialog;
  }

  #pick = (e: Event) => {
    router.navigate(`/org-charts/${(e.target as HTMLSelectElement).value}${this.#keep}`);
  };

  #open = (e: CustomEvent<OpenNodeDetail>) => {
    const { kind, id } = e.detail;
    if (kind === "unit") void this.#unitPanel.openUnit(id);
    else if (kind === "position") void this.#positionPanel.openPosition(id);
    else void this.#employeePanel.openEmployee(id);
  };

  /** After a save: the tree again, with the focus on what was saved. */
  #saved = async (e: CustomEvent<OpenNodeDetail & { label?: string }>) => {
    this.status = undefined;
    await this.#tree.reload();
    const shown = await this.#orgTree?.revealNode(e.detail.kind, e.detail.id);
    if (!shown && e.detail.kind === "holder") {
      this.status = t("orgchart.employee.notInTree", { name: e.detail.label ?? "" });
    }
  };

  #deleted = async () => {
    this.status = undefined;
    await this.#tree.reload();
    await this.#orgTree?.focusActive();
  };

  #chartSaved = async (e: CustomEvent<OrgChart>) => {
    await this.#charts.reload();
    if (e.detail.id === this.#chartId) await this.#tree.reload();
    else router.navigate(`/org-charts/${e.detail.id}${this.#keep}`);
  };

  async #deleteChart() {
    const chart = this.#tree.value?.chart;
    if (!chart) return;
    const confirm = this.renderRoot.querySelector("procedo-confirm") as ProcedoConfirm;
    const ok = await confirm.ask({
      title: t("orgchart.chart.deleteTitle"),
      message: t("orgchart.chart.deleteText", { name: chart.name }),
      confirmLabel: t("action.delete"),
      destructive: true,
    });
    if (!ok) return;
    this.actionError = undefined;
    try {
      unwrap(
        await session().api.DELETE("/api/v1/orgchart/charts/{id}", {
          params: { path: { id: chart.id }, header: { "if-match": `W/"${chart.version}"` } },
        }),
      );
      await this.#charts.reload();
      router.navigate(`/org-charts${this.#keep}`, { replace: true });
    } catch (err) {
      this.actionError = localized(err);
    }
  }

  #reloadAll = async () => {
    this.actionError = undefined;
    await Promise.all([this.#charts.reload(), this.#chartId ? this.#tree.reload() : undefined]);
  };
}

customElements.define("procedo-orgchart-page", ProcedoOrgchartPage);
