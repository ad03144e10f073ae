// <procedo-orgchart-position-panel .tree=${tree}>: a position's details in a panel — title,
// unit, reports-to line, holders, and what processes make it responsible for. Modelers
// create, change and delete it; a position processes use is listed and can be unlinked
// everywhere and deleted. Fires `saved`/`deleted` ({ kind, id }) and `open-node` for a holder.
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
import { panelStyles } from "../../../components/panel_styles.ts";
import { localized, type UsedIn, usedIn } from "./problems.ts";
import "./responsibilities.ts";
import { type ChartTree, positionChoices, unitChoices } from "./tree_model.ts";

type Position = Schemas["Position"];
const FIELDS = ["body.title", "body.unitId", "body.reportsToId", "body.externalKey"];

export class ProcedoOrgchartPositionPanel extends LitElement {
  static override properties = {
    tree: { attribute: false },
    position: { state: true },
    creating: { state: true },
    error: { state: true },
    inUse: { state: true },
    notice: { state: true },
    busy: { state: true },
    titleMissing: { state: true },
  };
  static override styles = [base, controls, panelStyles];
  declare tree: ChartTree | undefined;
  declare position: Position | undefined;
  declare creating: boolean;
  declare error: unknown;
  declare inUse: UsedIn[] | undefined;
  declare notice: string | undefined;
  declare busy: boolean;
  declare titleMissing: boolean;
  #unitId: string | undefined;

  constructor() {
    super();
    this.creating = false;
    this.busy = false;
    this.titleMissing = false;
    new LocaleController(this);
  }

  get #canEdit() {
    return roleAllows(session().me.user.role, "modeler");
  }

  /** Opens the panel for a new position in unit `unitId` (or the first unit). */
  async openNew(unitId?: string) {
    this.#reset();
    this.creating = true;
    this.position = undefined;
    this.#unitId = unitId;
    await this.#show();
  }

  /** Opens the panel for position `id`. */
  async openPosition(id: string) {
    this.#reset();
    this.creating = false;
    try {
      this.position = await this.#get(id);
    } catch (e) {
      this.position = undefined;
      this.error = e;
    }
    await this.#show();
  }

  async #get(id: string): Promise<Position> {
    return unwrap(
      await session().api.GET("/api/v1/orgchart/positions/{id}", { params: { path: { id } } }),
    );
  }

  #reset() {
    this.error = undefined;
    this.inUse = undefined;
    this.notice = undefined;
    this.titleMissing = false;
  }

  async #show() {
    await this.updateComplete;
    this.renderRoot.querySelector("form")?.reset();
    this.#fill();
    await this.#panel.show();
  }

  #fill() {
    const p = this.position;
    const set = (name: string, value: string) => {
      const el = this.renderRoot.querySelector<HTMLInputElement | TextInput>(`[name=${name}]`);
      if (el) el.value = value;
    };
    set("title", p?.title ?? "");
    set("unit", p?.unitId ?? this.#unitId ?? "");
    set("reportsTo", p?.reportsToId ?? "");
    set("externalKey", p?.externalKey ?? "");
  }

  get #panel() {
    return this.renderRoot.querySelector("procedo-panel") as ProcedoPanel;
  }

  override render() {
    const p = this.position;
    const heading = this.creating
      ? t("orgchart.position.new")
      : p
      ? t("orgchart.position.heading", { title: p.title })
      : t("orgchart.kind.position");
    return html`
      <procedo-panel heading=${heading} data-testid="position-panel">
        ${this.#canEdit ? this.#form() : this.#readOnly()}
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
        ${this.#canEdit && (this.creating || p)
          ? html`
            <fluent-button slot="footer" appearance="primary" ?disabled=${this.busy}
              data-testid="save-position" @click=${this.#save}>${t("action.save")}</fluent-button>
          `
          : nothing}
        ${this.#canEdit && p
          ? html`
            <fluent-button slot="footer" ?disabled=${this.busy} data-testid="delete-position"
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
    const errors = formErrors(this.error, FIELDS);
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
          ${fieldError(this.titleMissing ? t("form.required") : errors.fields["body.title"])}
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
        ${this.notice
          ? html`<fluent-message-bar intent="info">${this.notice}</fluent-message-bar>`
          : nothing}
        <procedo-problem .error=${errors.rest} @reload=${this.#loadLatest}></procedo-problem>
        <procedo-in-use .processes=${this.inUse} name=${this.position?.title ?? ""}
          ?busy=${this.busy} @unlink=${() => this.#delete(true)}></procedo-in-use>
      </form>
    `;
  }

  #readOnly() {
    const p = this.position;
    if (!p) return html`<procedo-problem .error=${this.error}></procedo-problem>`;
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
    this.#panel.hide();
    this.dispatchEvent(
      new CustomEvent("open-node", { detail: { kind: "holder", id: employeeId } }),
    );
  }

  #value(name: string): string {
    const el = this.renderRoot.querySelector<HTMLInputElement | TextInput>(`[name=${name}]`);
    return (el?.value ?? "").trim();
  }

  #save = async (e: Event) => {
    e.preventDefault();
    const body = {
      title: this.#value("title"),
      unitId: this.#value("unit"),
      reportsToId: this.#value("reportsTo") || null,
      externalKey: this.#value("externalKey") || null,
    };
    this.titleMissing = !body.title;
    if (this.titleMissing) return;
    await this.#run(async () => {
      const { api } = session();
      const p = this.position;
      const saved = p
        ? unwrap(
          await api.PATCH("/api/v1/orgchart/positions/{id}", {
            params: { path: { id: p.id }, header: { "if-match": `W/"${p.version}"` } },
            body,
          }),
        )
        : unwrap(await api.POST("/api/v1/orgchart/positions", { body }));
      this.#done("saved", saved.id);
    });
  };

  async #delete(unlink: boolean) {
    const p = this.position;
    if (!p) return;
    if (!unlink) {
      const ok = await (this.renderRoot.querySelector("procedo-confirm") as ProcedoConfirm).ask({
        title: t("orgchart.position.deleteTitle"),
        message: t("orgchart.position.deleteText", { title: p.title }),
        confirmLabel: t("action.delete"),
        destructive: true,
      });
      if (!ok) return;
    }
    await this.#run(async () => {
      unwrap(
        await session().api.DELETE("/api/v1/orgchart/positions/{id}", {
          params: {
            path: { id: p.id },
            header: { "if-match": `W/"${p.version}"` },
            query: { unlink: unlink ? "true" : "false" },
          },
        }),
      );
      this.#done("deleted", p.id);
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
    this.dispatchEvent(new CustomEvent(type, { detail: { kind: "position", id } }));
  }

  /** After a 412: the version someone else saved; the person applies their change again. */
  #loadLatest = async () => {
    if (!this.position) return;
    try {
      this.position = await this.#get(this.position.id);
      this.error = undefined;
      await this.updateComplete;
      this.#fill();
      this.notice = t("conflict.reloaded");
    } catch (err) {
      this.error = err;
    }
  };
}

customElements.define("procedo-orgchart-position-panel", ProcedoOrgchartPositionPanel);
