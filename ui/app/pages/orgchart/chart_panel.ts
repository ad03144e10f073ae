// <procedo-orgchart-chart-panel>: creates an org chart or renames one (name, description) in
// a panel. A rename names the version read (If-Match); a 412 offers the latest version.
// Fires `saved` with the chart.
import { html, LitElement, nothing } from "lit";
import type { TextArea, TextInput } from "@fluentui/web-components";
import "../../../components/problem_bar.ts";
import "../../../components/side_panel.ts";
import type { ProcedoPanel } from "../../../components/side_panel.ts";
import { base, controls } from "../../../components/styles.ts";
import { type Schemas, unwrap } from "../../../lib/api/client.ts";
import { LocaleController, t } from "../../../lib/i18n.ts";
import { session } from "../../session.ts";
import { fieldError, formErrors } from "../../../components/form_errors.ts";
import { panelStyles } from "../../../components/panel_styles.ts";

type OrgChart = Schemas["OrgChart"];

export class ProcedoOrgchartChartPanel extends LitElement {
  static override properties = {
    chart: { state: true },
    error: { state: true },
    notice: { state: true },
    busy: { state: true },
    nameMissing: { state: true },
  };
  static override styles = [base, controls, panelStyles];
  declare chart: OrgChart | undefined;
  declare error: unknown;
  declare notice: string | undefined;
  declare busy: boolean;
  declare nameMissing: boolean;

  constructor() {
    super();
    this.busy = false;
    this.nameMissing = false;
    new LocaleController(this);
  }

  /** Opens the panel for a new chart, or to rename `chart`. */
  async open(chart?: OrgChart) {
    this.chart = chart;
    this.error = undefined;
    this.notice = undefined;
    this.nameMissing = false;
    await this.updateComplete;
    this.renderRoot.querySelector("form")?.reset();
    this.#fill();
    await this.#panel.show();
  }

  #fill() {
    this.#input<TextInput>("name").value = this.chart?.name ?? "";
    this.#input<TextArea>("description").value = this.chart?.description ?? "";
  }

  #input<T extends Element>(name: string): T {
    return this.renderRoot.querySelector(`[name=${name}]`) as T;
  }

  get #panel() {
    return this.renderRoot.querySelector("procedo-panel") as ProcedoPanel;
  }

  override render() {
    const errors = formErrors(this.error, ["body.name", "body.description"]);
    const heading = this.chart
      ? t("orgchart.chart.renameTitle", { name: this.chart.name })
      : t("orgchart.chart.new");
    return html`
      <procedo-panel heading=${heading} data-testid="chart-panel">
        <form @submit=${this.#save} novalidate>
          <div class="control">
            <fluent-text-input name="name" required maxlength="200" autofocus>
              ${t("orgchart.chart.name")}
            </fluent-text-input>
            ${fieldError(this.nameMissing ? t("form.required") : errors.fields["body.name"])}
          </div>
          <div class="control">
            <fluent-textarea name="description" maxlength="2000" resize="vertical" block
              ><span slot="label">${t("orgchart.chart.description")}</span></fluent-textarea>
            ${fieldError(errors.fields["body.description"])}
          </div>
          ${this.notice
            ? html`<fluent-message-bar intent="info">${this.notice}</fluent-message-bar>`
            : nothing}
          <procedo-problem .error=${errors.rest} @reload=${this.#loadLatest}></procedo-problem>
        </form>
        <fluent-button slot="footer" appearance="primary" ?disabled=${this.busy}
          data-testid="save-chart" @click=${this.#save}>${t("action.save")}</fluent-button>
        <fluent-button slot="footer" @click=${() => this.#panel.hide()}>${t(
          "action.cancel",
        )}</fluent-button>
      </procedo-panel>
    `;
  }

  #save = async (e: Event) => {
    e.preventDefault();
    const body = {
      name: (this.#input<TextInput>("name").value ?? "").trim(),
      description: this.#input<TextArea>("description").value ?? "",
    };
    this.nameMissing = !body.name;
    if (this.nameMissing) return;
    this.busy = true;
    this.error = undefined;
    this.notice = undefined;
    try {
      const { api } = session();
      const c = this.chart;
      const saved = c
        ? unwrap(
          await api.PATCH("/api/v1/orgchart/charts/{id}", {
            params: { path: { id: c.id }, header: { "if-match": `W/"${c.version}"` } },
            body,
          }),
        )
        : unwrap(await api.POST("/api/v1/orgchart/charts", { body }));
      this.#panel.hide();
      this.dispatchEvent(new CustomEvent("saved", { detail: saved }));
    } catch (err) {
      this.error = err;
    } finally {
      this.busy = false;
    }
  };

  #loadLatest = async () => {
    if (!this.chart) return;
    try {
      this.chart = unwrap(
        await session().api.GET("/api/v1/orgchart/charts/{id}", {
          params: { path: { id: this.chart.id } },
        }),
      );
      this.error = undefined;
      this.#fill();
      this.notice = t("conflict.reloaded");
    } catch (err) {
      this.error = err;
    }
  };
}

customElements.define("procedo-orgchart-chart-panel", ProcedoOrgchartChartPanel);
