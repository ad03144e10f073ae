// What the unit, position and employee panels do alike, as a reactive controller: open an
// object (or a new one) in the panel's form, save it naming the version read (If-Match),
// delete it after asking once, show a refused delete's where-used list with "unlink
// everywhere and delete", and after a 412 load the version someone else saved so the person
// applies their change again. The panel keeps its fields; the controller keeps the flow.
import { html, type LitElement, nothing, type ReactiveController } from "lit";
import "../../../components/confirm_dialog.ts";
import type { ProcedoConfirm } from "../../../components/confirm_dialog.ts";
import { icon } from "../../../components/icons.ts";
import "../../../components/in_use.ts";
import "../../../components/problem_bar.ts";
import "../../../components/side_panel.ts";
import type { ProcedoPanel } from "../../../components/side_panel.ts";
import { t } from "../../../lib/i18n.ts";
import { roleAllows, session } from "../../session.ts";
import { localized, type UsedIn, usedIn } from "./problems.ts";

export interface Versioned {
  id: string;
  version: number;
}

export interface EditPanelOptions<T extends Versioned> {
  /** The panel's `kind` in the `saved`/`deleted` events ("unit", "position", "holder"). */
  kind: string;
  /** A `label` for the events too (the employee panel names the person). */
  label?: (item: T) => string;
  get(id: string): Promise<T>;
  /** Deletes `item` (If-Match from `ifMatch(item)`); `unlink` after a where-used 409. */
  remove(item: T, unlink: boolean): Promise<void>;
  /** The confirmation's title and text. */
  confirm(item: T): { title: string; message: string };
  /** Puts the item (or the new object's defaults) into the form. */
  fill(): void;
  /** Called whenever the item changes, for state derived from it. */
  loaded?(item: T | undefined): void;
}

/** The If-Match header value for `item`'s version. */
export function ifMatch(item: Versioned): string {
  return `W/"${item.version}"`;
}

export class EditPanelController<T extends Versioned> implements ReactiveController {
  item: T | undefined;
  creating = false;
  error: unknown;
  inUse: UsedIn[] | undefined;
  notice: string | undefined;
  busy = false;
  /** The required field was left empty on the last save. */
  missing = false;

  constructor(private host: LitElement, private options: EditPanelOptions<T>) {
    host.addController(this);
  }

  hostConnected() {}

  get canEdit(): boolean {
    return roleAllows(session().me.user.role, "modeler");
  }

  get panel(): ProcedoPanel {
    return this.host.renderRoot.querySelector("procedo-panel") as ProcedoPanel;
  }

  /** Opens the panel for a new object; `defaults` sets the panel's own state for it. */
  async openNew(defaults?: () => void) {
    this.#reset();
    this.creating = true;
    this.#take(undefined);
    defaults?.();
    await this.#show();
  }

  /** Opens the panel for object `id` (a failed read shows its problem in the panel). */
  async open(id: string) {
    this.#reset();
    this.creating = false;
    try {
      this.#take(await this.options.get(id));
    } catch (e) {
      this.#take(undefined);
      this.error = e;
    }
    await this.#show();
  }

  /** The trimmed value of the form field `name`. */
  value(name: string): string {
    const el = this.host.renderRoot.querySelector<HTMLInputElement>(`[name=${name}]`);
    return (el?.value ?? "").trim();
  }

  /** Sets the form field `name` (filling the form). */
  setValue(name: string, value: string) {
    const el = this.host.renderRoot.querySelector<HTMLInputElement>(`[name=${name}]`);
    if (el) el.value = value;
  }

  /** Whether `value` (the required field) is there; marks it missing when not. */
  required(value: string): boolean {
    this.missing = !value;
    this.host.requestUpdate();
    return !this.missing;
  }

  /** Saves through `write` (a POST when creating, else a PATCH with `ifMatch`). */
  async save(write: (item: T | undefined) => Promise<T>) {
    await this.run(async () => this.done("saved", await write(this.item)));
  }

  /** Deletes the object, asking first unless the person chose "unlink everywhere". */
  async delete(unlink = false) {
    const item = this.item;
    if (!item) return;
    if (!unlink) {
      const confirm = this.host.renderRoot.querySelector("procedo-confirm") as ProcedoConfirm;
      const ok = await confirm.ask({
        ...this.options.confirm(item),
        confirmLabel: t("action.delete"),
        destructive: true,
      });
      if (!ok) return;
    }
    await this.run(async () => {
      await this.options.remove(item, unlink);
      this.done("deleted", item);
    });
  }

  /**
   * Runs a write: busy meanwhile, its problem shown (a 409 "in-use" as the list of processes),
   * or handed to `fail` for a write with its own place to show it.
   */
  async run(write: () => Promise<void>, fail?: (err: unknown) => void) {
    this.busy = true;
    if (!fail) {
      this.error = undefined;
      this.inUse = undefined;
      this.notice = undefined;
    }
    this.host.requestUpdate();
    try {
      await write();
    } catch (err) {
      if (fail) fail(localized(err));
      else {
        this.inUse = usedIn(err);
        this.error = this.inUse ? undefined : localized(err);
      }
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  /** Closes the panel and tells the page what changed. */
  done(type: "saved" | "deleted", item: T) {
    this.panel.hide();
    const label = this.options.label?.(item);
    this.host.dispatchEvent(
      new CustomEvent(type, {
        detail: { kind: this.options.kind, id: item.id, ...(label === undefined ? {} : { label }) },
      }),
    );
  }

  /** After a 412: the version someone else saved; the person applies their change again. */
  reloadLatest = async () => {
    if (!this.item) return;
    try {
      this.#take(await this.options.get(this.item.id));
      this.error = undefined;
      this.host.requestUpdate();
      await this.host.updateComplete;
      this.options.fill();
      this.notice = t("conflict.reloaded");
    } catch (err) {
      this.error = err;
    }
    this.host.requestUpdate();
  };

  /** The notice after a reload, the problem bar (its reload offer) and the where-used list. */
  feedback(rest: unknown, inUseName?: string) {
    return html`
      ${this.notice
        ? html`<fluent-message-bar intent="info">${this.notice}</fluent-message-bar>`
        : nothing}
      <procedo-problem .error=${rest} @reload=${this.reloadLatest}></procedo-problem>
      ${inUseName === undefined ? nothing : html`
        <procedo-in-use .processes=${this.inUse} name=${inUseName} ?busy=${this.busy}
          @unlink=${() => this.delete(true)}></procedo-in-use>
      `}
    `;
  }

  /** Save (`save`, also the form's submit) and Delete for modelers, then Close; test ids
   * `save-<name>`, `delete-<name>`. */
  footer(name: string, save: (e: Event) => void) {
    const edit = this.canEdit;
    return html`
      ${edit && (this.creating || this.item)
        ? html`
          <fluent-button slot="footer" appearance="primary" ?disabled=${this.busy}
            data-testid="save-${name}" @click=${save}>${t("action.save")}</fluent-button>
        `
        : nothing}
      ${edit && this.item
        ? html`
          <fluent-button slot="footer" ?disabled=${this.busy} data-testid="delete-${name}"
            @click=${() => this.delete(false)}>${icon("delete", 20, "start")}${t(
              "action.delete",
            )}</fluent-button>
        `
        : nothing}
      <fluent-button slot="footer" @click=${() => this.panel.hide()}>${t(
        "action.close",
      )}</fluent-button>
    `;
  }

  #take(item: T | undefined) {
    this.item = item;
    this.options.loaded?.(item);
  }

  #reset() {
    this.error = undefined;
    this.inUse = undefined;
    this.notice = undefined;
    this.missing = false;
  }

  async #show() {
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.host.renderRoot.querySelector("form")?.reset();
    this.options.fill();
    await this.panel.show();
  }
}
