// <procedo-list-picker label="…" .search=${fn}>: picks one object out of many by typing, as
// an ARIA 1.2 combobox (input + listbox, options reached with the arrow keys, Enter picks,
// Escape closes). Used for the owner position and the parent process, where a select with
// every position of a large org chart would be unusable. Fires `pick` with the chosen
// option (or null when cleared) in `detail`.
import { css, html, LitElement, nothing } from "lit";
import {
  ComboboxController,
  comboboxStyles,
  type ComboOption,
  type ComboSearch,
} from "../../../components/combobox.ts";
import { icon } from "../../../components/icons.ts";
import { base, controls } from "../../../components/styles.ts";
import { LocaleController, t } from "../../../lib/i18n.ts";

export type PickerOption = ComboOption;
export type PickerSearch = ComboSearch;

let serial = 0;

export class ProcedoListPicker extends LitElement {
  static override properties = {
    label: {},
    hint: {},
    error: {},
    value: {},
    text: {},
    search: { attribute: false },
  };
  static override styles = [
    base,
    controls,
    comboboxStyles,
    css`
      :host {
        display: block;
        position: relative;
      }
      .field {
        display: flex;
        align-items: center;
        gap: var(--spacingHorizontalXXS);
      }
      /* controls' ".control > span" would otherwise paint the error in the text colour */
      .control > .field-error {
        color: var(--colorPaletteRedForeground1);
      }
      input.native {
        flex: 1;
        min-width: 0;
        width: 100%;
      }
      [role="option"][aria-selected="true"] {
        font-weight: var(--fontWeightSemibold);
      }
      .hint {
        font-size: var(--fontSizeBase200);
        color: var(--colorNeutralForeground3);
      }
    `,
  ];
  declare label: string;
  declare hint: string;
  declare error: string;
  /** The id of the chosen object; "" when none. */
  declare value: string;
  /** The text in the input: the chosen object's label, or what the person is typing. */
  declare text: string;
  declare search: PickerSearch | undefined;
  #id = `picker-${++serial}`;
  #list = new ComboboxController<PickerOption>(this, {
    id: this.#id,
    search: (q, signal) => this.search?.(q, signal) ?? Promise.resolve([]),
    activeAfter: (options) => options.findIndex((o) => o.id === this.value),
    pick: (o) => this.#pick(o),
  });

  constructor() {
    super();
    this.label = "";
    this.hint = "";
    this.error = "";
    this.value = "";
    this.text = "";
    new LocaleController(this);
  }

  /** Shows `option` as chosen without firing `pick` (filling a form, reading the URL). */
  set(option: PickerOption | null) {
    this.value = option?.id ?? "";
    this.text = option?.label ?? "";
  }

  override focus() {
    this.renderRoot.querySelector("input")?.focus();
  }

  override render() {
    const id = this.#id;
    const list = this.#list;
    const described = [this.hint ? `${id}-hint` : "", this.error ? `${id}-error` : ""]
      .filter(Boolean).join(" ");
    return html`
      <div class="control">
        <label id="${id}-label" for="${id}-input">${this.label}</label>
        <div class="field">
          <input
            id="${id}-input"
            class="native"
            role="combobox"
            autocomplete="off"
            aria-autocomplete="list"
            aria-expanded=${list.open ? "true" : "false"}
            aria-controls="${id}-list"
            aria-activedescendant=${list.activeId ?? nothing}
            aria-describedby=${described || nothing}
            aria-invalid=${this.error ? "true" : nothing}
            placeholder=${t("processes.list.picker.hint")}
            .value=${this.text}
            @input=${this.#onInput}
            @keydown=${this.#onKey}
            @click=${() => list.open || list.query(this.#reopenQuery, 0)}
            @blur=${this.#onBlur}
          >
          ${this.value
            ? html`
              <fluent-button size="small" appearance="subtle" icon-only
                aria-label=${t("processes.list.picker.clear", { label: this.label })}
                @click=${this.#clear}>${icon("dismiss", 16)}</fluent-button>
            `
            : nothing}
        </div>
        ${this.hint ? html`<span class="hint" id="${id}-hint">${this.hint}</span>` : nothing}
        ${this.error
          ? html`<span class="field-error" id="${id}-error" role="alert">${this.error}</span>`
          : nothing}
      </div>
      <ul id="${id}-list" role="listbox" aria-labelledby="${id}-label" ?hidden=${!list.open}>
        ${list.items((o) => o.id === this.value, {
          searching: t("processes.list.picker.searching"),
          noMatch: t("processes.list.picker.noMatch"),
        })}
      </ul>
    `;
  }

  /** What reopening the list searches: all options when one is chosen, else the text typed. */
  get #reopenQuery() {
    return this.value ? "" : this.text;
  }

  #onInput = (e: Event) => {
    this.text = (e.target as HTMLInputElement).value;
    // Typing over a choice undoes it: the field no longer shows what was picked.
    if (this.value) this.#emit(null);
    this.#list.query(this.text, 200);
  };

  #onKey = (e: KeyboardEvent) => {
    this.#list.keydown(e, this.#reopenQuery);
  };

  #onBlur = () => {
    // Leaving with half-typed text and nothing picked leaves the field empty, as it is.
    if (!this.value) this.text = "";
    this.#list.close();
  };

  #pick(option: PickerOption) {
    this.text = option.label;
    this.#list.close();
    this.#emit(option);
  }

  #clear = () => {
    this.text = "";
    this.#emit(null);
    this.focus();
  };

  #emit(option: PickerOption | null) {
    this.value = option?.id ?? "";
    this.dispatchEvent(new CustomEvent("pick", { detail: option }));
  }
}

customElements.define("procedo-list-picker", ProcedoListPicker);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-list-picker": ProcedoListPicker;
  }
}
