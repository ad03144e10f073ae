// <procedo-process-create-panel>: a new process in a panel from the right — title, category,
// parent process and owner position. The API's field errors appear next to their fields
// (an owner position deleted meanwhile, a parent that is gone); anything else in the
// problem bar. On success the panel closes and the new process opens.
import { css, html, LitElement, nothing } from "lit";
import type { TextInput } from "@fluentui/web-components";
import "../../../components/problem_bar.ts";
import "../../../components/side_panel.ts";
import type { ProcedoPanel } from "../../../components/side_panel.ts";
import { base, controls } from "../../../components/styles.ts";
import { unwrap } from "../../../lib/api/client.ts";
import { LocaleController, t } from "../../../lib/i18n.ts";
import { explain } from "../../../lib/problems.ts";
import { router } from "../../../lib/router.ts";
import { session } from "../../session.ts";
import { CATEGORIES, type Category, categoryName, isCategory } from "./list_cells.ts";
import { searchPositions, searchProcesses } from "./list_options.ts";
import "./list_picker.ts";
import type { ProcedoListPicker } from "./list_picker.ts";

/** The fields the form shows errors for; the API names them body.<field>. */
const FIELDS = [
  "title",
  "category",
  "parentId",
  "ownerPositionId",
  "reviewIntervalMonths",
] as const;
/** Reviews once a year unless the person says otherwise (the API's default, too). */
const DEFAULT_INTERVAL = 12;
type Field = typeof FIELDS[number];

export class ProcedoProcessCreatePanel extends LitElement {
  static override properties = {
    error: { state: true },
    missing: { state: true },
    busy: { state: true },
  };
  static override styles = [
    base,
    controls,
    css`
      form {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalL);
      }
      /* controls' ".control > span" would otherwise paint the error in the text colour */
      .control > .field-error {
        color: var(--colorPaletteRedForeground1);
      }
      fluent-text-input {
        max-width: none;
      }
    `,
  ];
  declare error: unknown;
  /** Required fields left empty, checked before sending. */
  declare missing: Set<Field>;
  declare busy: boolean;

  constructor() {
    super();
    this.missing = new Set();
    this.busy = false;
    new LocaleController(this);
  }

  /** Opens an empty form; `category` preselects one (the list's category filter). */
  async open(category?: Category) {
    this.error = undefined;
    this.missing = new Set();
    await this.updateComplete;
    this.#form.reset();
    this.#title.value = "";
    this.#category.value = category ?? "";
    this.#picker("parentId").set(null);
    this.#picker("ownerPositionId").set(null);
    this.#interval.value = String(DEFAULT_INTERVAL);
    await this.#panel.show();
  }

  get #panel() {
    return this.renderRoot.querySelector("procedo-panel") as ProcedoPanel;
  }
  get #form() {
    return this.renderRoot.querySelector("form") as HTMLFormElement;
  }
  get #title() {
    return this.renderRoot.querySelector("fluent-text-input[name=title]") as TextInput;
  }
  get #category() {
    return this.renderRoot.querySelector("select[name=category]") as HTMLSelectElement;
  }
  get #interval() {
    return this.renderRoot.querySelector("input[name=reviewIntervalMonths]") as HTMLInputElement;
  }
  #picker(name: "parentId" | "ownerPositionId") {
    return this.renderRoot.querySelector(`procedo-list-picker[name=${name}]`) as ProcedoListPicker;
  }

  override render() {
    const x = this.error ? explain(this.error) : undefined;
    const fieldError = (f: Field) =>
      this.missing.has(f)
        ? t(
          f === "category"
            ? "processes.create.chooseCategory"
            : f === "reviewIntervalMonths"
            ? "processes.create.intervalRange"
            : "form.required",
        )
        : x?.fields[`body.${f}`];
    const shownInFields = FIELDS.some((f) => x?.fields[`body.${f}`]);
    const categoryError = fieldError("category");
    const intervalError = fieldError("reviewIntervalMonths");
    return html`
      <procedo-panel heading=${t("processes.create.title")}>
        <form @submit=${this.#save} novalidate>
          <div class="control">
            <fluent-text-input name="title" required maxlength="200" autofocus
              aria-invalid=${fieldError("title") ? "true" : "false"}
            >${t("processes.create.name")}</fluent-text-input>
            ${this.#error("title", fieldError("title"))}
          </div>
          <label class="control">
            <span>${t("processes.create.category")}</span>
            <select name="category" required aria-invalid=${categoryError ? "true" : "false"}
              aria-describedby=${categoryError ? "category-error" : nothing}
              @change=${() => this.#forget("category")}>
              <option value="">${t("processes.create.chooseCategory")}</option>
              ${CATEGORIES.map((c) => html`<option value=${c}>${categoryName(c)}</option>`)}
            </select>
            ${categoryError
              ? html`<span class="field-error" id="category-error" role="alert">${categoryError}</span>`
              : ""}
          </label>
          <procedo-list-picker
            name="parentId"
            label=${t("processes.create.parent")}
            hint=${t("processes.create.parentHint")}
            error=${fieldError("parentId") ?? ""}
            .search=${searchProcesses}
            data-testid="parent-picker"
          ></procedo-list-picker>
          <procedo-list-picker
            name="ownerPositionId"
            label=${t("processes.create.owner")}
            error=${fieldError("ownerPositionId") ?? ""}
            .search=${searchPositions}
            data-testid="owner-picker"
          ></procedo-list-picker>
          <label class="control">
            <span>${t("processes.create.interval")}</span>
            <input class="native" type="number" name="reviewIntervalMonths" min="1" max="60"
              step="1" required aria-invalid=${intervalError ? "true" : "false"}
              aria-describedby=${intervalError ? "interval-error" : nothing}>
            ${intervalError
              ? html`<span class="field-error" id="interval-error" role="alert">${intervalError}</span>`
              : ""}
          </label>
          <procedo-problem .error=${shownInFields ? undefined : this.error}></procedo-problem>
        </form>
        <fluent-button slot="footer" appearance="primary" ?disabled=${this.busy}
          data-testid="create-process" @click=${this.#save}
        >${t("processes.create.submit")}</fluent-button>
        <fluent-button slot="footer" @click=${() => this.#panel.hide()}>
          ${t("action.cancel")}
        </fluent-button>
      </procedo-panel>
    `;
  }

  #error(field: Field, message: string | undefined) {
    return message
      ? html`<span class="field-error" role="alert" data-field=${field}>${message}</span>`
      : "";
  }

  #forget(field: Field) {
    if (!this.missing.has(field)) return;
    const next = new Set(this.missing);
    next.delete(field);
    this.missing = next;
  }

  #save = async (e: Event) => {
    e.preventDefault();
    if (this.busy) return;
    const title = (this.#title.value ?? "").trim();
    const category = this.#category.value;
    const missing = new Set<Field>();
    if (!title) missing.add("title");
    if (!isCategory(category)) missing.add("category");
    const interval = Number(this.#interval.value);
    if (!Number.isInteger(interval) || interval < 1 || interval > 60) {
      missing.add("reviewIntervalMonths");
    }
    this.missing = missing;
    if (missing.size || !isCategory(category)) return;
    const parentId = this.#picker("parentId").value || null;
    const ownerPositionId = this.#picker("ownerPositionId").value || null;
    this.busy = true;
    this.error = undefined;
    try {
      const created = unwrap(
        await session().api.POST("/api/v1/processes", {
          body: { title, category, parentId, ownerPositionId, reviewIntervalMonths: interval },
        }),
      );
      this.#panel.hide();
      this.dispatchEvent(new CustomEvent("created", { detail: created }));
      router.navigate(`/processes/${created.id}`);
    } catch (err) {
      this.error = err;
    } finally {
      this.busy = false;
    }
  };
}

customElements.define("procedo-process-create-panel", ProcedoProcessCreatePanel);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-process-create-panel": ProcedoProcessCreatePanel;
  }
}
