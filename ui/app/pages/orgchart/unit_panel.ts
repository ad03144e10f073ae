// <procedo-orgchart-unit-panel .tree=${tree}>: a unit's details in a panel. Modelers create,
// rename, move (under another unit — a cycle is refused by the API and shown) and delete it;
// readers see where it sits. Writes name the version read (If-Match); a 412 offers the
// latest version. Fires `saved` ({ kind, id }) and `deleted`.
import { html, LitElement } from "lit";
import { icon } from "../../../components/icons.ts";
import { base, controls } from "../../../components/styles.ts";
import { type Schemas, unwrap } from "../../../lib/api/client.ts";
import { LocaleController, t } from "../../../lib/i18n.ts";
import { session } from "../../session.ts";
import { fieldError, formErrors } from "../../../components/form_errors.ts";
import { panelStyles } from "../../../components/panel_styles.ts";
import { EditPanelController, ifMatch } from "./edit_panel_controller.ts";
import { type ChartTree, unitChoices } from "./tree_model.ts";

type OrgUnit = Schemas["OrgUnit"];
const TOP = "";

export class ProcedoOrgchartUnitPanel extends LitElement {
  static override properties = {
    tree: { attribute: false },
    parentId: { state: true },
    moveError: { state: true },
  };
  static override styles = [base, controls, panelStyles];
  declare tree: ChartTree | undefined;
  /** New units: the parent chosen when the panel opened. */
  declare parentId: string | null;
  declare moveError: unknown;
  #edit = new EditPanelController<OrgUnit>(this, {
    kind: "unit",
    get: async (id) =>
      unwrap(
        await session().api.GET("/api/v1/orgchart/units/{id}", { params: { path: { id } } }),
      ),
    remove: async (u, unlink) => {
      unwrap(
        await session().api.DELETE("/api/v1/orgchart/units/{id}", {
          params: {
            path: { id: u.id },
            header: { "if-match": ifMatch(u) },
            query: { unlink: unlink ? "true" : "false" },
          },
        }),
      );
    },
    confirm: (u) => ({
      title: t("orgchart.unit.deleteTitle"),
      message: t("orgchart.unit.deleteText", { name: u.name }),
    }),
    fill: () => this.#fill(),
  });

  constructor() {
    super();
    this.parentId = null;
    new LocaleController(this);
  }

  /** The unit shown; undefined while creating one. */
  get unit(): OrgUnit | undefined {
    return this.#edit.item;
  }

  /** Opens the panel for a new unit under `parentId` (null: a top unit). */
  async openNew(parentId: string | null) {
    this.moveError = undefined;
    await this.#edit.openNew(() => (this.parentId = parentId));
  }

  /** Opens the panel for unit `id`. */
  async openUnit(id: string) {
    this.moveError = undefined;
    await this.#edit.open(id);
  }

  #fill() {
    this.#edit.setValue("name", this.unit?.name ?? "");
    this.#edit.setValue(
      "parent",
      (this.#edit.creating ? this.parentId : this.unit?.parentId) ?? TOP,
    );
  }

  override render() {
    const u = this.unit;
    const heading = this.#edit.creating
      ? t("orgchart.unit.new")
      : u
      ? t("orgchart.unit.heading", { name: u.name })
      : t("orgchart.kind.unit");
    return html`
      <procedo-panel heading=${heading} data-testid="unit-panel">
        ${this.#edit.canEdit ? this.#form() : this.#readOnly()}
        ${this.#edit.footer("unit", this.#save)}
      </procedo-panel>
      <procedo-confirm></procedo-confirm>
    `;
  }

  #form() {
    const errors = formErrors(this.#edit.error, ["body.name", "body.parentId"]);
    const u = this.unit;
    return html`
      <form @submit=${this.#save} novalidate>
        <div class="control">
          <fluent-text-input name="name" required maxlength="200" autofocus>
            ${t("orgchart.unit.name")}
          </fluent-text-input>
          ${fieldError(this.#edit.missing ? t("form.required") : errors.fields["body.name"])}
        </div>
        ${u
          ? html`
            <fieldset>
              <legend>${t("orgchart.unit.moveLegend")}</legend>
              ${this.#parentSelect(t("orgchart.unit.moveTo"))}
              <div class="actions">
                <fluent-button ?disabled=${this.#edit.busy} data-testid="move-unit"
                  @click=${this.#move}>${icon("move", 20, "start")}${t("orgchart.unit.move")}
                </fluent-button>
              </div>
              <procedo-problem .error=${this.moveError}></procedo-problem>
            </fieldset>
          `
          : html`${this.#parentSelect(t("orgchart.unit.parent"))}${
            fieldError(
              errors.fields["body.parentId"],
            )
          }`}
        ${this.#edit.feedback(errors.rest, u?.name ?? "")}
      </form>
    `;
  }

  /** Units to choose as the parent: all but this one (the API refuses its sub-units: a cycle). */
  #parentSelect(label: string) {
    const units = this.tree ? unitChoices(this.tree) : [];
    return html`
      <label class="control">
        <span>${label}</span>
        <select name="parent">
          <option value=${TOP}>${t("orgchart.unit.top")}</option>
          ${units.filter((c) => c.id !== this.unit?.id).map((c) =>
            html`<option value=${c.id}>${c.path}</option>`
          )}
        </select>
      </label>
    `;
  }

  #readOnly() {
    const u = this.unit;
    if (!u) return html`<procedo-problem .error=${this.#edit.error}></procedo-problem>`;
    const parent = this.tree && u.parentId
      ? unitChoices(this.tree).find((c) => c.id === u.parentId)?.path
      : undefined;
    return html`
      <dl>
        <dt>${t("orgchart.unit.name")}</dt>
        <dd>${u.name}</dd>
        <dt>${t("orgchart.unit.parent")}</dt>
        <dd>${parent ?? t("orgchart.unit.top")}</dd>
      </dl>
    `;
  }

  #save = async (e: Event) => {
    e.preventDefault();
    const name = this.#edit.value("name");
    if (!this.#edit.required(name) || !this.tree) return;
    const chartId = this.tree.chart.id;
    await this.#edit.save(async (u) => {
      const { api } = session();
      return u
        ? unwrap(
          await api.PATCH("/api/v1/orgchart/units/{id}", {
            params: { path: { id: u.id }, header: { "if-match": ifMatch(u) } },
            body: { name },
          }),
        )
        : unwrap(
          await api.POST("/api/v1/orgchart/units", {
            body: { chartId, parentId: this.#edit.value("parent") || null, name },
          }),
        );
    });
  };

  #move = async () => {
    const u = this.unit;
    if (!u) return;
    this.moveError = undefined;
    const parentId = this.#edit.value("parent") || null;
    await this.#edit.run(async () => {
      const moved = unwrap(
        await session().api.POST("/api/v1/orgchart/units/{id}/move", {
          params: { path: { id: u.id }, header: { "if-match": ifMatch(u) } },
          body: { parentId },
        }),
      );
      this.#edit.done("saved", moved);
    }, (err) => (this.moveError = err));
  };
}

customElements.define("procedo-orgchart-unit-panel", ProcedoOrgchartUnitPanel);
