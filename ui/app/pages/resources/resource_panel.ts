// <procedo-resource-panel .spec=${spec}>: one resource in a panel — its fields (a form for
// modelers, read-only details for readers) and where processes use it. Modelers create,
// change (If-Match; a change saved meanwhile offers a reload) and delete after one
// confirmation; a resource processes use is listed and can be unlinked everywhere and
// deleted. Fires `saved` and `deleted` with the resource.
import { css, html, LitElement, nothing } from "lit";
import "../../../components/confirm_dialog.ts";
import type { ProcedoConfirm } from "../../../components/confirm_dialog.ts";
import { icon } from "../../../components/icons.ts";
import "../../../components/problem_bar.ts";
import "../../../components/side_panel.ts";
import type { ProcedoPanel } from "../../../components/side_panel.ts";
import { base, controls } from "../../../components/styles.ts";
import { LocaleController, t } from "../../../lib/i18n.ts";
import { roleAllows, session } from "../../session.ts";
import { formErrors } from "../../../components/form_errors.ts";
import "../../../components/in_use.ts";
import { panelStyles } from "../../../components/panel_styles.ts";
import { type UsedIn, usedIn } from "../../../lib/problems.ts";
import { cellStyles } from "./cells.ts";
import { type KindSpec, kindText, nameOf, type Resource } from "./kinds.ts";
import { deleteResource, getResource, saveResource } from "./resource_api.ts";
import {
  detailList,
  errorFields,
  fieldControls,
  fillFields,
  missingFields,
  readFields,
} from "./resource_fields.ts";
import "./where_used.ts";

export class ProcedoResourcePanel extends LitElement {
  static override properties = {
    spec: { attribute: false },
    resource: { state: true },
    creating: { state: true },
    error: { state: true },
    inUse: { state: true },
    notice: { state: true },
    busy: { state: true },
    missing: { state: true },
    opened: { state: true },
  };
  static override styles = [
    base,
    controls,
    panelStyles,
    cellStyles,
    css`
      .hint {
        color: var(--colorNeutralForeground3);
        font-size: var(--fontSizeBase200);
      }
      dd.long {
        white-space: pre-wrap;
      }
    `,
  ];
  declare spec: KindSpec | undefined;
  declare resource: Resource | undefined;
  declare creating: boolean;
  declare error: unknown;
  declare inUse: UsedIn[] | undefined;
  declare notice: string | undefined;
  declare busy: boolean;
  declare missing: Set<string>;
  /** Counts the openings, so where-used asks again each time. */
  declare opened: number;

  constructor() {
    super();
    this.creating = false;
    this.busy = false;
    this.missing = new Set();
    this.opened = 0;
    new LocaleController(this);
  }

  get #canEdit() {
    return roleAllows(session().me.user.role, "modeler");
  }

  get #panel() {
    return this.renderRoot.querySelector("procedo-panel") as ProcedoPanel;
  }

  /** Opens the panel for a new resource. */
  async openNew() {
    this.#reset();
    this.creating = true;
    this.resource = undefined;
    await this.#show();
  }

  /** Opens the panel for `r` (read again, so the form starts from its current version). */
  async open(r: Resource) {
    this.#reset();
    this.creating = false;
    this.resource = r;
    await this.#show();
    try {
      this.resource = await getResource(this.spec!.kind, r.id);
      await this.updateComplete;
      fillFields(this.renderRoot, this.spec!, this.resource);
    } catch (e) {
      this.error = e;
    }
  }

  /** Opens the panel for `r` and asks whether to delete it. */
  async openAndDelete(r: Resource) {
    await this.open(r);
    await this.#delete(false);
  }

  #reset() {
    this.error = undefined;
    this.inUse = undefined;
    this.notice = undefined;
    this.missing = new Set();
    this.opened++;
  }

  async #show() {
    await this.updateComplete;
    this.renderRoot.querySelector("form")?.reset();
    if (this.spec) fillFields(this.renderRoot, this.spec, this.resource);
    await this.#panel.show();
  }

  override render() {
    const spec = this.spec;
    if (!spec) return nothing;
    const r = this.resource;
    const heading = this.creating
      ? kindText(spec.kind, "new")
      : kindText(spec.kind, "heading", { name: r ? nameOf(spec, r) : "" });
    return html`
      <procedo-panel heading=${heading} data-testid="resource-panel">
        ${this.#canEdit ? this.#form(spec) : this.#details(spec)}
        ${r && !this.creating
          ? html`
            <section>
              <h3>${t("resources.whereUsed.title")}</h3>
              <procedo-resource-where-used kind=${spec.kind} target=${r.id}
                generation=${this.opened}></procedo-resource-where-used>
            </section>
          `
          : nothing}
        ${this.#canEdit
          ? html`
            <fluent-button slot="footer" appearance="primary" ?disabled=${this.busy}
              data-testid="save-resource" @click=${this.#save}>${t("action.save")}</fluent-button>
          `
          : nothing}
        ${this.#canEdit && r && !this.creating
          ? html`
            <fluent-button slot="footer" ?disabled=${this.busy} data-testid="delete-resource"
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

  #form(spec: KindSpec) {
    const errors = formErrors(this.error, errorFields(spec));
    return html`
      <form @submit=${this.#save} novalidate>
        ${fieldControls(spec, errors.fields, this.missing)}
        ${this.notice
          ? html`<fluent-message-bar intent="info">${this.notice}</fluent-message-bar>`
          : nothing}
        <procedo-problem .error=${errors.rest} @reload=${this.#loadLatest}></procedo-problem>
        <procedo-in-use .processes=${this.inUse}
          name=${this.resource ? nameOf(spec, this.resource) : ""} ?busy=${this.busy}
          @unlink=${() => this.#delete(true)}></procedo-in-use>
      </form>
    `;
  }

  #details(spec: KindSpec) {
    return html`
      ${this.resource ? detailList(spec, this.resource) : nothing}
      <procedo-problem .error=${this.error}></procedo-problem>
    `;
  }

  #save = async (e: Event) => {
    e.preventDefault();
    const spec = this.spec!;
    const body = readFields(this.renderRoot, spec);
    this.missing = missingFields(spec, body);
    if (this.missing.size) return;
    await this.#run(async () => {
      const saved = await saveResource(spec.kind, body, this.creating ? undefined : this.resource);
      this.#done("saved", saved);
    });
  };

  async #delete(unlink: boolean) {
    const spec = this.spec!;
    const r = this.resource;
    if (!r) return;
    if (!unlink) {
      const ok = await (this.renderRoot.querySelector("procedo-confirm") as ProcedoConfirm).ask({
        title: kindText(spec.kind, "deleteTitle"),
        message: t("resources.deleteText", { name: nameOf(spec, r) }),
        confirmLabel: t("action.delete"),
        destructive: true,
      });
      if (!ok) return;
    }
    await this.#run(async () => {
      await deleteResource(spec.kind, r, unlink);
      this.#done("deleted", r);
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
      this.error = this.inUse ? undefined : err;
    } finally {
      this.busy = false;
    }
  }

  #done(type: "saved" | "deleted", r: Resource) {
    this.#panel.hide();
    this.dispatchEvent(new CustomEvent(type, { detail: r }));
  }

  /** After a 412: the version someone else saved; the person applies their change again. */
  #loadLatest = async () => {
    const r = this.resource;
    if (!r || !this.spec) return;
    try {
      this.resource = await getResource(this.spec.kind, r.id);
      this.error = undefined;
      await this.updateComplete;
      fillFields(this.renderRoot, this.spec, this.resource);
      this.notice = t("conflict.reloaded");
      this.dispatchEvent(new CustomEvent("reloaded", { detail: this.resource }));
    } catch (err) {
      this.error = err;
    }
  };
}

customElements.define("procedo-resource-panel", ProcedoResourcePanel);
