// <procedo-orgchart-employee-panel .tree=${tree}>: a person's details in a panel — name,
// contact, location, the positions held (one primary) and what they are responsible for
// through them. Modelers create, change and delete; positions in other charts are kept as
// they are. Fires `saved`/`deleted` ({ kind: "holder", id, label }).
import { html, LitElement, nothing } from "lit";
import { base, controls } from "../../../components/styles.ts";
import { type Schemas, unwrap } from "../../../lib/api/client.ts";
import { LocaleController, t } from "../../../lib/i18n.ts";
import { session } from "../../session.ts";
import { fieldError, formErrors } from "../../../components/form_errors.ts";
import { panelStyles } from "../../../components/panel_styles.ts";
import { EditPanelController, ifMatch } from "./edit_panel_controller.ts";
import "./held_positions.ts";
import type { Held } from "./held_positions.ts";
import "./responsibilities.ts";
import { type ChartTree, positionChoices } from "./tree_model.ts";

type Employee = Schemas["Employee"];
const TEXT_FIELDS = ["name", "email", "phone", "location", "externalKey"] as const;
const FIELDS = [...TEXT_FIELDS.map((f) => `body.${f}`), "body.positions"];

export class ProcedoOrgchartEmployeePanel extends LitElement {
  static override properties = {
    tree: { attribute: false },
    held: { state: true },
  };
  static override styles = [base, controls, panelStyles];
  declare tree: ChartTree | undefined;
  declare held: Held[];
  #edit = new EditPanelController<Employee>(this, {
    kind: "holder",
    label: (e) => e.name,
    get: async (id) =>
      unwrap(
        await session().api.GET("/api/v1/orgchart/employees/{id}", { params: { path: { id } } }),
      ),
    remove: async (e) => {
      unwrap(
        await session().api.DELETE("/api/v1/orgchart/employees/{id}", {
          params: { path: { id: e.id }, header: { "if-match": ifMatch(e) } },
        }),
      );
    },
    confirm: (e) => ({
      title: t("orgchart.employee.deleteTitle"),
      message: t("orgchart.employee.deleteText", { name: e.name }),
    }),
    fill: () => {
      for (const f of TEXT_FIELDS) this.#edit.setValue(f, this.employee?.[f] ?? "");
    },
    loaded: (e) => (this.held = e?.positions.map((h) => ({ ...h })) ?? []),
  });

  constructor() {
    super();
    this.held = [];
    new LocaleController(this);
  }

  /** The person shown; undefined while creating one. */
  get employee(): Employee | undefined {
    return this.#edit.item;
  }

  /** Opens the panel for a new employee, holding `positionId` when given. */
  async openNew(positionId?: string) {
    const pos = positionId && this.#choices().find((c) => c.id === positionId);
    await this.#edit.openNew(() => {
      this.held = pos
        ? [{
          positionId: pos.id,
          chartId: this.tree!.chart.id,
          title: pos.title,
          since: null,
          primary: true,
        }]
        : [];
    });
  }

  /** Opens the panel for employee `id`. */
  async openEmployee(id: string) {
    await this.#edit.open(id);
  }

  #choices() {
    return this.tree ? positionChoices(this.tree) : [];
  }

  override render() {
    const e = this.employee;
    const heading = this.#edit.creating
      ? t("orgchart.employee.new")
      : e
      ? t("orgchart.employee.heading", { name: e.name })
      : t("orgchart.kind.holder");
    return html`
      <procedo-panel heading=${heading} data-testid="employee-panel">
        ${this.#edit.canEdit ? this.#form() : this.#readOnly()}
        ${e
          ? html`
            <section>
              <h3>${t("orgchart.resp.title")}</h3>
              <procedo-orgchart-responsibilities kind="employee" target=${e.id}
                .titles=${new Map(
                  e.positions.map((h) => [h.positionId, h.title]),
                )}></procedo-orgchart-responsibilities>
            </section>
          `
          : nothing}
        ${this.#edit.footer("employee", this.#save)}
      </procedo-panel>
      <procedo-confirm></procedo-confirm>
    `;
  }

  #form() {
    const errors = formErrors(this.#edit.error, FIELDS);
    const input = (name: (typeof TEXT_FIELDS)[number], type: string, max: number) =>
      html`<div class="control">
        <fluent-text-input name=${name} type=${type} maxlength=${max} ?required=${name === "name"}
          ?autofocus=${name === "name"}>${t(`orgchart.employee.${name}`)}</fluent-text-input>
        ${
        fieldError(
          name === "name" && this.#edit.missing
            ? t("form.required")
            : errors.fields[`body.${name}`],
        )
      }
      </div>`;
    return html`
      <form @submit=${this.#save} novalidate>
        ${input("name", "text", 200)} ${input("email", "email", 254)} ${input("phone", "tel", 50)}
        ${input("location", "text", 200)} ${input("externalKey", "text", 100)}
        <fieldset>
          <legend>${t("orgchart.employee.positions")}</legend>
          <procedo-orgchart-held-positions editable .held=${this.held} .tree=${this.tree}
            @change=${(e: CustomEvent<Held[]>) => (this.held = e.detail)}>
          </procedo-orgchart-held-positions>
          ${fieldError(errors.fields["body.positions"])}
        </fieldset>
        ${this.#edit.feedback(errors.rest)}
      </form>
    `;
  }

  #readOnly() {
    const e = this.employee;
    if (!e) return html`<procedo-problem .error=${this.#edit.error}></procedo-problem>`;
    return html`
      <dl>
        ${TEXT_FIELDS.map((f) =>
          e[f]
            ? html`
              <dt>${t(`orgchart.employee.${f}`)}</dt>
              <dd>${e[f]}</dd>
            `
            : nothing
        )}
      </dl>
      <section>
        <h3>${t("orgchart.employee.positions")}</h3>
        <procedo-orgchart-held-positions .held=${this.held}
          .tree=${this.tree}></procedo-orgchart-held-positions>
      </section>
    `;
  }

  #save = async (ev: Event) => {
    ev.preventDefault();
    const value = (name: string) => this.#edit.value(name);
    const name = value("name");
    if (!this.#edit.required(name)) return;
    const body = {
      name,
      email: value("email") || null,
      phone: value("phone") || null,
      location: value("location") || null,
      externalKey: value("externalKey") || null,
      positions: this.held.map((h) => ({
        positionId: h.positionId,
        primary: h.primary,
        since: h.since,
      })),
    };
    await this.#edit.save(async (e) => {
      const { api } = session();
      return e
        ? unwrap(
          await api.PATCH("/api/v1/orgchart/employees/{id}", {
            params: { path: { id: e.id }, header: { "if-match": ifMatch(e) } },
            body,
          }),
        )
        : unwrap(await api.POST("/api/v1/orgchart/employees", { body }));
    });
  };
}

customElements.define("procedo-orgchart-employee-panel", ProcedoOrgchartEmployeePanel);
