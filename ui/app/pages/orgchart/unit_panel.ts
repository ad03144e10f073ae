// <procedo-orgchart-unit-panel .tree=${tree}>: a unit's details in a panel. Modelers create,
// rename, move (under another unit — a cycle is refused by the API and shown) and delete it;
// readers see where it sits. Writes name the version read (If-Match); a 412 offers the
// latest version. Fires `saved` ({ kind, id }) and `deleted`.
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
import "../../../components/in_use.ts";
import { localized, type UsedIn, usedIn } from "./problems.ts";
import { panelStyles } from "../../../components/panel_styles.ts";
import { type ChartTree, unitChoices } from "./tree_model.ts";

type OrgUnit = Schemas["OrgUnit"];
const TOP = "";

export class ProcedoOrgchartUnitPanel extends LitElement {
  static override properties = {
    tree: { attribute: false },
    unit: { state: true },
    creating: { state: true },
    parentId: { state: true },
    error: { state: true },
    moveError: { state: true },
    inUse: { state: true },
    notice: { state: true },
    busy: { state: true },
    nameMissing: { state: true },
  };
  static override styles = [base, controls, panelStyles];
  declare tree: ChartTree | undefined;
  declare unit: OrgUnit | undefined;
  declare creating: boolean;
  /** New units: the parent chosen when the panel opened. */
  declare parentId: string | null;
  declare error: unknown;
  declare moveError: unknown;
  declare inUse: UsedIn[] | undefined;
  declare notice: string | undefined;
  declare busy: boolean;
  declare nameMissing: boolean;

  constructor() {
    super();
    this.creating = false;
    this.parentId = null;
    this.busy = false;
    this.nameMissing = false;
    new LocaleController(this);
  }

  get #canEdit() {
    return roleAllows(session().me.user.role, "modeler");
  }

  /** Opens the panel for a new unit under `parentId` (null: a top unit). */
  async openNew(parentId: string | null) {
    this.#reset();
    this.creating = true;
    this.unit = undefined;
    this.parentId = parentId;
    await this.#show();
  }

  /** Opens the panel for unit `id`. */
  async openUnit(id: string) {
    this.#reset();
    this.creating = false;
    try {
      this.unit = unwrap(
        await session().api.GET("/api/v1/orgchart/units/{id}", { params: { path: { id } } }),
      );
    } catch (e) {
      this.unit = undefined;
      this.error = e;
    }
    await this.#show();
  }

  #reset() {
    this.error = undefined;
    this.moveError = undefined;
    this.inUse = undefined;
    this.notice = undefined;
    this.nameMissing = false;
  }

  async #show() {
    await this.updateComplete;
    this.renderRoot.querySelector("form")?.reset();
    this.#fill();
    await this.#panel.show();
  }

  #fill() {
    const name = this.renderRoot.querySelector<TextInput>("[name=name]");
    if (name) name.value = this.unit?.name ?? "";
    const parent = this.renderRoot.querySelector<HTMLSelectElement>("[name=parent]");
    if (parent) parent.value = (this.creating ? this.parentId : this.unit?.parentId) ?? TOP;
  }

  get #panel() {
    return this.renderRoot.querySelector("procedo-panel") as ProcedoPanel;
  }

  override render() {
    const u = this.unit;
    const heading = this.creating
      ? t("orgchart.unit.new")
      : u
      ? t("orgchart.unit.heading", { name: u.name })
      : t("orgchart.kind.unit");
    return html`
      <procedo-panel heading=${heading} data-testid="unit-panel">
        ${this.#canEdit ? this.#form() : this.#readOnly()}
        ${this.#canEdit && (this.creating || u)
          ? html`
            <fluent-button slot="footer" appearance="primary" ?disabled=${this.busy}
              data-testid="save-unit" @click=${this.#save}>${t("action.save")}</fluent-button>
          `
          : nothing}
        ${this.#canEdit && u
          ? html`
            <fluent-button slot="footer" ?disabled=${this.busy} data-testid="delete-unit"
              @click=${() => this.#delete(false)}>${icon("delete", 20, "start")}${t(
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
    const errors = formErrors(this.error, ["body.name", "body.parentId"]);
    const u = this.unit;
    return html`
      <form @submit=${this.#save} novalidate>
        <div class="control">
          <fluent-text-input name="name" required maxlength="200" autofocus>
            ${t("orgchart.unit.name")}
          </fluent-text-input>
          ${fieldError(this.nameMissing ? t("form.required") : errors.fields["body.name"])}
        </div>
        ${u
          ? html`
            <fieldset>
              <legend>${t("orgchart.unit.moveLegend")}</legend>
              ${this.#parentSelect(t("orgchart.unit.moveTo"))}
              <div class="actions">
                <fluent-button ?disabled=${this.busy} data-testid="move-unit"
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
        ${this.notice
          ? html`<fluent-message-bar intent="info">${this.notice}</fluent-message-bar>`
          : nothing}
        <procedo-problem .error=${errors.rest} @reload=${this.#loadLatest}></procedo-problem>
        <procedo-in-use .processes=${this.inUse} name=${u?.name ?? ""}
          ?busy=${this.busy} @unlink=${() => this.#delete(true)}></procedo-in-use>
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
    if (!u) return html`<procedo-problem .error=${this.error}></procedo-problem>`;
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

  #value(name: string): string {
    const el = this.renderRoot.querySelector<HTMLInputElement | TextInput>(`[name=${name}]`);
    return (el?.value ?? "").trim();
  }

  #save = async (e: Event) => {
    e.preventDefault();
    const name = this.#value("name");
    this.nameMissing = !name;
    if (this.nameMissing || !this.tree) return;
    await this.#run(async () => {
      const { api } = session();
      const saved = this.unit
        ? unwrap(
          await api.PATCH("/api/v1/orgchart/units/{id}", {
            params: {
              path: { id: this.unit.id },
              header: { "if-match": `W/"${this.unit.version}"` },
            },
            body: { name },
          }),
        )
        : unwrap(
          await api.POST("/api/v1/orgchart/units", {
            body: { chartId: this.tree!.chart.id, parentId: this.#value("parent") || null, name },
          }),
        );
      this.#done("saved", saved.id);
    });
  };

  #move = async () => {
    const u = this.unit;
    if (!u) return;
    this.moveError = undefined;
    const parentId = this.#value("parent") || null;
    this.busy = true;
    try {
      const moved = unwrap(
        await session().api.POST("/api/v1/orgchart/units/{id}/move", {
          params: { path: { id: u.id }, header: { "if-match": `W/"${u.version}"` } },
          body: { parentId },
        }),
      );
      this.#done("saved", moved.id);
    } catch (err) {
      this.moveError = localized(err);
    } finally {
      this.busy = false;
    }
  };

  async #delete(unlink: boolean) {
    const u = this.unit;
    if (!u) return;
    if (!unlink) {
      const ok = await (this.renderRoot.querySelector("procedo-confirm") as ProcedoConfirm).ask({
        title: t("orgchart.unit.deleteTitle"),
        message: t("orgchart.unit.deleteText", { name: u.name }),
        confirmLabel: t("action.delete"),
        destructive: true,
      });
      if (!ok) return;
    }
    await this.#run(async () => {
      const res = await session().api.DELETE("/api/v1/orgchart/units/{id}", {
        params: {
          path: { id: u.id },
          header: { "if-match": `W/"${u.version}"` },
          query: { unlink: unlink ? "true" : "false" },
        },
      });
      unwrap(res);
      this.#done("deleted", u.id);
    });
  }

  /** Runs a write: busy meanwhile, its problem shown (a 409 "in-use" as the list of processes). */
  async #run(write: () => Promise<void>) {
    this.busy = true;
    this.error = undefined;
    this.inUse = undefined;
    this.notice = undefined;
    try {
      await write();
    } catch (err) {
      this.inUse = usedIn(err);
      this.error = this.inUse ? undefined : localized(err);
    } finally {
      this.busy = false;
    }
  }

  #done(type: "saved" | "deleted", id: string) {
    this.#panel.hide();
    this.dispatchEvent(new CustomEvent(type, { detail: { kind: "unit", id } }));
  }

  /** After a 412: the version someone else saved; the person applies their change again. */
  #loadLatest = async () => {
    if (!this.unit) return;
    try {
      this.unit = unwrap(
        await session().api.GET("/api/v1/orgchart/units/{id}", {
          params: { path: { id: this.unit.id } },
        }),
      );
      this.error = undefined;
      await this.updateComplete;
      this.#fill();
      this.notice = t("conflict.reloaded");
    } catch (err) {
      this.error = err;
    }
  };
}

customElements.define("procedo-orgchart-unit-panel", ProcedoOrgchartUnitPanel);
