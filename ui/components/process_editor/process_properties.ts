// <procedo-process-properties .process .etag .names>: what the panel shows with nothing
// selected — the process's title, description, tags, category, owner position and review
// interval. These are
// process metadata, not part of the graph: no command, no undo, not saved with the draft.
// They are saved on their own (PATCH with If-Match) by an explicit button, and the panel says
// so. Fires `process-saved` with { process, etag }.
import { html, LitElement, nothing, type PropertyValues } from "lit";
import { base, controls } from "../styles.ts";
import "../problem_bar.ts";
import { LocaleController, t } from "../../lib/i18n.ts";
import { session } from "../../app/session.ts";
import { loadProcess, type Process, type ProcessUpdate, updateProcess } from "./editor_api.ts";
import { fieldStyles } from "./fields.ts";
import "./markdown_field.ts";
import "./picker.ts";
import type { PickerChangeDetail } from "./picker.ts";
import type { NameCache } from "./picker_sources.ts";

const CATEGORIES = ["management", "core", "support"] as const;

export interface ProcessSavedDetail {
  process: Process;
  etag: string;
}

export class ProcedoProcessProperties extends LitElement {
  static override properties = {
    process: { attribute: false },
    etag: {},
    names: { attribute: false },
    readonly: { type: Boolean },
    form: { state: true },
    busy: { state: true },
    error: { state: true },
    notice: { state: true },
  };
  static override styles = [base, controls, fieldStyles];
  declare process: Process;
  declare etag: string;
  declare names: NameCache | undefined;
  declare readonly: boolean;
  /** The values being edited (a copy of the process's until saved). */
  declare form:
    & Required<Pick<ProcessUpdate, "title" | "category" | "reviewIntervalMonths">>
    & { ownerPositionId: string | null; description: string; tagIds: string[] };
  declare busy: boolean;
  declare error: unknown;
  declare notice: string;

  constructor() {
    super();
    this.etag = "";
    this.readonly = false;
    this.busy = false;
    this.notice = "";
    new LocaleController(this);
  }

  protected override willUpdate(changed: PropertyValues) {
    if (changed.has("process") && this.process) this.#fill(this.process);
  }

  #fill(p: Process) {
    this.form = {
      title: p.title,
      category: p.category,
      reviewIntervalMonths: p.reviewIntervalMonths,
      ownerPositionId: p.ownerPositionId,
      description: p.description,
      tagIds: [...p.tagIds],
    };
  }

  override render() {
    if (!this.process || !this.form) return nothing;
    const f = this.form;
    // aria-disabled repeats the state Fluent keeps in ElementInternals, for tools reading attributes.
    const canSave = !this.readonly && !this.busy && this.#changed();
    const fieldError = (name: string) => {
      const problem = this.error as { fieldError?: (f: string) => string | undefined };
      const message = problem?.fieldError?.(`body.${name}`);
      return message ? html`<span class="field-error" role="alert">${message}</span>` : nothing;
    };
    return html`
      <div>
        <h3>${t("editor.process.heading")}</h3>
        <p class="hint">${t("editor.process.note")}</p>
      </div>
      <form @submit=${this.#save} novalidate data-testid="process-properties">
        <section>
          <label class="control">
            <span>${t("editor.process.title")}</span>
            <input class="native" name="title" required maxlength="200" ?disabled=${this.readonly}
              .value=${f.title} @input=${(e: Event) =>
                this.#set({ title: (e.target as HTMLInputElement).value })}>
          </label>
          ${fieldError("title")}
          <procedo-markdown-field
            label=${t("processes.page.description")}
            maxlength="20000"
            ?disabled=${this.readonly}
            .value=${f.description}
            data-field="process-description"
            @value-input=${(e: CustomEvent<string>) => this.#set({ description: e.detail })}
          ></procedo-markdown-field>
          ${fieldError("description")}
          <procedo-editor-picker
            data-field="tags"
            label=${t("processes.page.tags")}
            kind="tags"
            max="50"
            ?disabled=${this.readonly}
            .values=${f.tagIds}
            .names=${this.names}
            @picker-change=${(e: CustomEvent<PickerChangeDetail>) =>
              this.#set({ tagIds: [...e.detail.values] })}
          ></procedo-editor-picker>
          ${fieldError("tagIds")}
          <label class="control">
            <span>${t("editor.process.category")}</span>
            <select name="category" ?disabled=${this.readonly}
              @change=${(e: Event) =>
                this.#set({
                  category: (e.target as HTMLSelectElement).value as Process["category"],
                })}>
              ${CATEGORIES.map((c) =>
                html`<option value=${c} ?selected=${c === f.category}>${
                  t(
                    `editor.process.category.${c}`,
                  )
                }</option>`
              )}
            </select>
          </label>
          <procedo-editor-picker
            data-field="owner"
            label=${t("editor.process.owner")}
            kind="positions"
            max="1"
            ?disabled=${this.readonly}
            .values=${f.ownerPositionId ? [f.ownerPositionId] : []}
            .names=${this.names}
            @picker-change=${(e: CustomEvent<PickerChangeDetail>) =>
              this.#set({ ownerPositionId: e.detail.values[0] ?? null })}
          ></procedo-editor-picker>
          ${fieldError("ownerPositionId")}
          <label class="control">
            <span>${t("editor.process.reviewInterval")}</span>
            <input class="native" name="reviewIntervalMonths" type="number" min="1" max="60"
              step="1" ?disabled=${this.readonly} .value=${String(f.reviewIntervalMonths)}
              @input=${(e: Event) =>
                this.#set({ reviewIntervalMonths: Number((e.target as HTMLInputElement).value) })}>
          </label>
          ${fieldError("reviewIntervalMonths")}
        </section>
        ${this.notice
          ? html`<fluent-message-bar intent="success">${this.notice}</fluent-message-bar>`
          : nothing}
        <procedo-problem .error=${this.error} @reload=${this.#reload}></procedo-problem>
        <fluent-button appearance="secondary" ?disabled=${!canSave}
          aria-disabled=${canSave ? "false" : "true"} data-testid="save-process"
          @click=${this.#save}>${t("editor.process.save")}</fluent-button>
      </form>
    `;
  }

  #set(patch: Partial<typeof this.form>) {
    this.form = { ...this.form, ...patch };
    this.notice = "";
  }

  #changed(): boolean {
    const p = this.process, f = this.form;
    return f.title !== p.title || f.category !== p.category ||
      f.reviewIntervalMonths !== p.reviewIntervalMonths ||
      f.ownerPositionId !== p.ownerPositionId || f.description !== p.description ||
      f.tagIds.join() !== p.tagIds.join();
  }

  #save = async (e: Event) => {
    e.preventDefault();
    if (this.busy || !this.#changed()) return;
    const p = this.process, f = this.form;
    const body: ProcessUpdate = {};
    if (f.title.trim() !== p.title) body.title = f.title.trim();
    if (f.category !== p.category) body.category = f.category;
    if (f.ownerPositionId !== p.ownerPositionId) body.ownerPositionId = f.ownerPositionId;
    if (f.description !== p.description) body.description = f.description;
    if (f.tagIds.join() !== p.tagIds.join()) body.tagIds = f.tagIds;
    if (f.reviewIntervalMonths !== p.reviewIntervalMonths) {
      body.reviewIntervalMonths = f.reviewIntervalMonths;
    }
    this.busy = true;
    this.error = undefined;
    try {
      const saved = await updateProcess(session().api, p.id, body, this.etag);
      this.notice = t("editor.process.saved");
      this.#emit(saved);
    } catch (err) {
      this.error = err;
    } finally {
      this.busy = false;
    }
  };

  /** After a 412: shows the other person's version; the person applies their change again. */
  #reload = async () => {
    try {
      const latest = await loadProcess(session().api, this.process.id);
      this.error = undefined;
      this.#emit(latest);
      this.notice = t("editor.process.reloaded");
    } catch (err) {
      this.error = err;
    }
  };

  #emit(detail: ProcessSavedDetail) {
    this.dispatchEvent(new CustomEvent<ProcessSavedDetail>("process-saved", { detail }));
  }
}

customElements.define("procedo-process-properties", ProcedoProcessProperties);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-process-properties": ProcedoProcessProperties;
  }
}
