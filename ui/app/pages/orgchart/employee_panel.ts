// <procedo-orgchart-employee-panel .tree=${tree}>: a person's details in a panel — name,
// contact, location, the positions held (one primary) and what they are responsible for
// through them. Modelers create, change and delete; positions in other charts are kept as
// they are. Fires `saved`/`deleted` ({ kind: "holder", id, label }).
import { html, LitElement, nothing } from "lit";
import type { TextInput } from "@fluentui/web-components";
import "../../../components/confirm_dialog.ts";
import type { ProcedoConfirm } from "../../../components/confirm_dialog.ts";
import { icon } from "../../../components/icons.ts";
import "../../../components/problem_bar.ts";
import "../../../components/side_panel.ts";
import type { ProcedoPanel } from "../../../components/side_panel.ts";
import { base, controls } from "../../../components/styles.ts";
import { type Schemas, unwrap } from "../../../lib/api/client.ts";
import { LocaleController, t } from "../../../lib/i18n.ts";
import { roleAllows, session } from "../../session.ts";
import { fieldError, formErrors } from "../../../components/form_errors.ts";
import { panelStyles } from "../../../components/panel_styles.ts";
import { localized } from "./problems.ts";
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
    employee: { state: true },
    creating: { state: true },
    held: { state: true },
    error: { state: true },
    notice: { state: true },
    busy: { state: true },
    nameMissing: { state: true },
  };
  static override styles = [
    base,
    controls,
    panelStyles,
  ];
  declare tree: ChartTree | undefined;
  declare employee: Employee | undefined;
  declare creating: boolean;
  declare held: Held[];
  declare error: unknown;
  declare notice: string | undefined;
  declare busy: boolean;
  declare nameMissing: boolean;

  constructor() {
    super();
    this.creating = false;
    this.held = [];
    this.busy = false;
    this.nameMissing = false;
    new LocaleController(this);
  }

  get #canEdit() {
    return roleAllows(session().me.user.role, "modeler");
  }

  /** Opens the panel for a new employee, holding `positionId` when given. */
  async openNew(positionId?: string) {
    this.#reset();
    this.creating = true;
    this.employee = undefined;
    const pos = positionId && this.#choices().find((c) => c.id === positionId);
    this.held = pos
      ? [{
        positionId: pos.id,
        chartId: this.tree!.chart.id,
        title: pos.title,
        since: null,
        primary: true,
      }]
      : [];
    await this.#show();
  }

  /** Opens the panel for employee `id`. */
  async openEmployee(id: string) {
    this.#reset();
    this.creating = false;
    try {
      this.#take(await this.#get(id));
    } catch (e) {
      this.employee = undefined;
      this.held = [];
      this.error = e;
    }
    await this.#show();
  }

  async #get(id: string): Promise<Employee> {
    return unwrap(
      await session().api.GET("/api/v1/orgchart/employees/{id}", { params: { path: { id } } }),
    );
  }

  #take(e: Employee) {
    this.employee = e;
    this.held = e.positions.map((h) => ({ ...h }));
  }

  #reset() {
    this.error = undefined;
    this.notice = undefined;
    this.nameMissing = false;
  }

  async #show() {
    await this.updateComplete;
    this.#fill();
    await this.#panel.show();
  }

  #fill() {
    for (const f of TEXT_FIELDS) {
      const el = this.renderRoot.querySelector<TextInput>(`[name=${f}]`);
      if (el) el.value = this.employee?.[f] ?? "";
    }
  }

  get #panel() {
    return this.renderRoot.querySelector("procedo-panel") as ProcedoPanel;
  }

  #choices() {
    return this.tree ? positionChoices(this.tree) : [];
  }

  override render() {
    const e = this.employee;
    const heading = this.creating
      ? t("orgchart.employee.new")
      : e
      ? t("orgchart.employee.heading", { name: e.name })
      : t("orgchart.kind.holder");
    return html`
      <procedo-panel heading=${heading} data-testid="employee-panel">
        ${this.#canEdit ? this.#form() : this.#readOnly()}
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
        ${this.#canEdit && (this.creating || e)
          ? html`
            <fluent-button slot="footer" appearance="primary" ?disabled=${this.busy}
              data-testid="save-employee" @click=${this.#save}>${t("action.save")}</fluent-button>
          `
          : nothing}
        ${this.#canEdit && e
          ? html`
            <fluent-button slot="footer" ?disabled=${this.busy} data-testid="delete-employee"
              @click=${this.#delete}>${icon("delete", 20, "start")}${t(
                "action.delete",
              )}</fluent-button>
          `
          : nothing}
        <fluent-button slot="footer" @click=${() => this.#panel.hide()}>${t(
          "action.close",
        )}</fluent-button>
      </procedo-panel>
      <procedo-confirm></procedo-confirm>
    `;
  }

  #form() {
    const errors = formErrors(this.error, FIELDS);
    const input = (name: (typeof TEXT_FIELDS)[number], type: string, max: number) =>
      html`<div class="control">
        <fluent-text-input name=${name} type=${type} maxlength=${max} ?required=${name === "name"}
          ?autofocus=${name === "name"}>${t(`orgchart.employee.${name}`)}</fluent-text-input>
        ${
        fieldError(
          name === "name" && this.nameMissing ? t("form.required") : errors.fields[`body.${name}`],
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
        ${this.notice
          ? html`<fluent-message-bar intent="info">${this.notice}</fluent-message-bar>`
          : nothing}
        <procedo-problem .error=${errors.rest} @reload=${this.#loadLatest}></procedo-problem>
      </form>
    `;
  }

  #readOnly() {
    const e = this.employee;
    if (!e) return html`<procedo-problem .error=${this.error}></procedo-problem>`;
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

  #value(name: string): string {
    const el = this.renderRoot.querySelector<TextInput>(`[name=${name}]`);
    return (el?.value ?? "").trim();
  }

  #save = async (ev: Event) => {
    ev.preventDefault();
    const name = this.#value("name");
    this.nameMissing = !name;
    if (this.nameMissing) return;
    const body = {
      name,
      email: this.#value("email") || null,
      phone: this.#value("phone") || null,
      location: this.#value("location") || null,
      externalKey: this.#value("externalKey") || null,
      positions: this.held.map((h) => ({
        positionId: h.positionId,
        primary: h.primary,
        since: h.since,
      })),
    };
    this.busy = true;
    this.error = undefined;
    this.notice = undefined;
    try {
      const { api } = session();
      const e = this.employee;
      const saved = e
        ? unwrap(
          await api.PATCH("/api/v1/orgchart/employees/{id}", {
            params: { path: { id: e.id }, header: { "if-match": `W/"${e.version}"` } },
            body,
          }),
        )
        : unwrap(await api.POST("/api/v1/orgchart/employees", { body }));
      this.#done("saved", saved.id, saved.name);
    } catch (err) {
      this.error = localized(err);
    } finally {
      this.busy = false;
    }
  };

  #delete = async () => {
    const e = this.employee;
    if (!e) return;
    const ok = await (this.renderRoot.querySelector("procedo-confirm") as ProcedoConfirm).ask({
      title: t("orgchart.employee.deleteTitle"),
      message: t("orgchart.employee.deleteText", { name: e.name }),
      confirmLabel: t("action.delete"),
      destructive: true,
    });
    if (!ok) return;
    this.busy = true;
    this.error = undefined;
    try {
      unwrap(
        await session().api.DELETE("/api/v1/orgchart/employees/{id}", {
          params: { path: { id: e.id }, header: { "if-match": `W/"${e.version}"` } },
        }),
      );
      this.#done("deleted", e.id, e.name);
    } catch (err) {
      this.error = localized(err);
    } finally {
      this.busy = false;
    }
  };

  #done(type: "saved" | "deleted", id: string, label: string) {
    this.#panel.hide();
    this.dispatchEvent(new CustomEvent(type, { detail: { kind: "holder", id, label } }));
  }

  /** After a 412: the version someone else saved; the person applies their change again. */
  #loadLatest = async () => {
    if (!this.employee) return;
    try {
      this.#take(await this.#get(this.employee.id));
      this.error = undefined;
      await this.updateComplete;
      this.#fill();
      this.notice = t("conflict.reloaded");
    } catch (err) {
      this.error = err;
    }
  };
}

customElements.define("procedo-orgchart-employee-panel", ProcedoOrgchartEmployeePanel);
