// <procedo-orgchart-position-panel .tree=${tree}>: a position's details in a panel — title,
// unit, reports-to line, holders, and what processes make it responsible for. Modelers
// create, change and delete it; a position processes use is listed and can be unlinked
// everywhere and deleted. Fires `saved`/`deleted` ({ kind, id }) and `open-node` for a holder.
import { html, LitElement, nothing } from "lit";
import { icon } from "../../../components/icons.ts";
import { base, controls } from "../../../components/styles.ts";
import { type Schemas, unwrap } from "../../../lib/api/client.ts";
import { LocaleController, t } from "../../../lib/i18n.ts";
import { session } from "../../session.ts";
import { fieldError, formErrors } from "../../../components/form_errors.ts";
import { panelStyles } from "../../../components/panel_styles.ts";
import { EditPanelController, ifMatch } from "./edit_panel_controller.ts";
import "./responsibilities.ts";
import { type ChartTree, positionChoices, unitChoices } from "./tree_model.ts";

type Position = Schemas["Position"];
const FIELDS = ["body.title", "body.unitId", "body.reportsToId", "body.externalKey"];

export class ProcedoOrgchartPositionPanel extends LitElement {
  static override properties = {
    tree: { attribute: false },
  };
  static override styles = [base, controls, panelStyles];
  declare tree: ChartTree | undefined;
  #unitId: string | undefined;
  #edit = new EditPanelController<Position>(this, {
    kind: "position",
    get: async (id) =>
      unwrap(
        await session().api.GET("/api/v1/orgchart/positions/{id}", { params: { path: { id } } }),
      ),
    remove: async (p, unlink) => {
      unwrap(
        await session().api.DELETE("/api/v1/orgchart/positions/{id}", {
          params: {
            path: { id: p.id },
            header: { "if-match": ifMatch(p) },
            query: { unlink: unlink ? "true" : "false" },
          },
        }),
      );
    },
    confirm: (p) => ({
      title: t("orgchart.position.deleteTitle"),
      message: t("orgchart.position.deleteText", { title: p.title }),
    }),
    fill: () => this.#fill(),
  });

  constructor() {
    super();
    new LocaleController(this);
  }

  /** The position shown; undefined while creating one. */
  get position(): Position | undefined {
    return this.#edit.item;
  }

  /** Opens the panel for a new position in unit `unitId` (or the first unit). */
  async openNew(unitId?: string) {
    await this.#edit.openNew(() => (this.#unitId = unitId));
  }

  /** Opens the panel for position `id`. */
  async openPosition(id: string) {
    await this.#edit.open(id);
  }

  #fill() {
    const p = this.position;
    const set = (name: string, value: string) => this.#edit.setValue(name, value);
    set("title", p?.title ?? "");
    set("unit", p?.unitId ?? this.#unitId ?? "");
    set("reportsTo", p?.reportsToId ?? "");
    set("externalKey", p?.externalKey ?? "");
  }

  override render() {
    const p = this.position;
    const heading = this.#edit.creating
      ? t("orgchart.position.new")
      : p
      ? t("orgchart.position.heading", { title: p.title })
      : t("orgchart.kind.position");
    return html`
      <procedo-panel heading=${heading} data-testid="position-panel">
        ${this.#edit.canEdit ? this.#form() : this.#readOnly()}
        ${p ? this.#holders(p) : nothing}
        ${p
          ? html`
            <section>
              <h3>${t("orgchart.resp.title")}</h3>
              <procedo-orgchart-responsibilities kind="position"
                target=${p.id}></procedo-orgchart-responsibilities>
            </section>
          `
          : nothing}
        ${this.#edit.footer("position", this.#save)}
      </procedo-panel>
      <procedo-confirm></procedo-confirm>
    `;
  }

  #form() {
    const errors = formErrors(this.#edit.error, FIELDS);
    const units = this.tree ? unitChoices(this.tree) : [];
    const others = this.tree
      ? positionChoices(this.tree).filter((c) => c.id !== this.position?.id)
      : [];
    return html`
      <form @submit=${this.#save} novalidate>
        <div class="control">
          <fluent-text-input name="title" required maxlength="200" autofocus>
            ${t("orgchart.position.title")}
          </fluent-text-input>
          ${fieldError(this.#edit.missing ? t("form.required") : errors.fields["body.title"])}
        </div>
        <label class="control">
          <span>${t("orgchart.position.unit")}</span>
          <select name="unit">
            ${units.map((u) => html`<option value=${u.id}>${u.path}</option>`)}
          </select>
          ${fieldError(errors.fields["body.unitId"])}
        </label>
        <label class="control">
          <span>${t("orgchart.position.reportsTo")}</span>
          <select name="reportsTo">
            <option value="">${t("orgchart.position.reportsToNobody")}</option>
            ${others.map((o) =>
              html`<option value=${o.id}>${
                t("orgchart.position.choice", {
                  title: o.title,
                  unit: o.unitPath,
                })
              }</option>`
            )}
          </select>
          ${fieldError(errors.fields["body.reportsToId"])}
        </label>
        <div class="control">
          <fluent-text-input name="externalKey" maxlength="100">
            ${t("orgchart.position.externalKey")}
          </fluent-text-input>
          ${fieldError(errors.fields["body.externalKey"])}
        </div>
        ${this.#edit.feedback(errors.rest, this.position?.title ?? "")}
      </form>
    `;
  }

  #readOnly() {
    const p = this.position;
    if (!p) return html`<procedo-problem .error=${this.#edit.error}></procedo-problem>`;
    const unit = this.tree ? unitChoices(this.tree).find((u) => u.id === p.unitId) : undefined;
    const manager = this.tree && p.reportsToId
      ? positionChoices(this.tree).find((o) => o.id === p.reportsToId)
      : undefined;
    return html`
      <dl>
        <dt>${t("orgchart.position.title")}</dt>
        <dd>${p.title}</dd>
        <dt>${t("orgchart.position.unit")}</dt>
        <dd>${unit?.path ?? "—"}</dd>
        <dt>${t("orgchart.position.reportsTo")}</dt>
        <dd>${manager?.title ?? t("orgchart.position.reportsToNobody")}</dd>
        ${p.externalKey
          ? html`
            <dt>${t("orgchart.position.externalKey")}</dt>
            <dd>${p.externalKey}</dd>
          `
          : nothing}
      </dl>
    `;
  }

  #holders(p: Position) {
    return html`
      <section>
        <h3>${t("orgchart.position.holders")}</h3>
        ${p.holders.length
          ? html`
            <ul class="plain">
              ${p.holders.map((h) =>
                html`<li>
                  <fluent-button appearance="transparent" size="small" @click=${() =>
                  this.#openHolder(h.employeeId)}>${
                  icon("person", 16, "start")
                }${h.name}</fluent-button>
                  ${
                  h.primary ? nothing : html`<span class="muted">${
                    t(
                      "orgchart.tree.notPrimary",
                    )
                  }</span>`
                }
                </li>`
              )}
            </ul>
          `
          : html`<p class="muted">${t("orgchart.tree.vacant")}</p>`}
      </section>
    `;
  }

  #openHolder(employeeId: string) {
    this.#edit.panel.hide();
    this.dispatchEvent(
      new CustomEvent("open-node", { detail: { kind: "holder", id: employeeId } }),
    );
  }

  #save = async (e: Event) => {
    e.preventDefault();
    const body = {
      title: this.#edit.value("title"),
      unitId: this.#edit.value("unit"),
      reportsToId: this.#edit.value("reportsTo") || null,
      externalKey: this.#edit.value("externalKey") || null,
    };
    if (!this.#edit.required(body.title)) return;
    await this.#edit.save(async (p) => {
      const { api } = session();
      return p
        ? unwrap(
          await api.PATCH("/api/v1/orgchart/positions/{id}", {
            params: { path: { id: p.id }, header: { "if-match": ifMatch(p) } },
            body,
          }),
        )
        : unwrap(await api.POST("/api/v1/orgchart/positions", { body }));
    });
  };
}

customElements.define("procedo-orgchart-position-panel", ProcedoOrgchartPositionPanel);
