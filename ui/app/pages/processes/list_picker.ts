// <procedo-list-picker label="…" .search=${fn}>: picks one object out of many by typing, as
// an ARIA 1.2 combobox (input + listbox, options reached with the arrow keys, Enter picks,
// Escape closes). Used for the owner position and the parent process, where a select with
// every position of a large org chart would be unusable. Fires `pick` with the chosen
// option (or null when cleared) in `detail`.
import { css, html, LitElement, nothing } from "lit";
import { icon } from "../../../components/icons.ts";
import { base, controls } from "../../../components/styles.ts";
import { LocaleController, t } from "../../../lib/i18n.ts";

export interface PickerOption {
  id: string;
  label: string;
  /** A second line: where the object sits, who holds it. */
  detail?: string;
}

export type PickerSearch = (q: string, signal: AbortSignal) => Promise<PickerOption[]>;

let serial = 0;

export class ProcedoListPicker extends LitElement {
  static override properties = {
    label: {},
    hint: {},
    error: {},
    value: {},
    text: {},
    search: { attribute: false },
    options: { state: true },
    open: { state: true },
    active: { state: true },
    searching: { state: true },
  };
  static override styles = [
    base,
    controls,
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
      [role="listbox"] {
        position: absolute;
        z-index: 5;
        inset-inline: 0;
        max-height: 16rem;
        overflow-y: auto;
        margin: var(--spacingVerticalXXS) 0 0;
        padding: var(--spacingVerticalXS) 0;
        list-style: none;
        background: var(--colorNeutralBackground1);
        border: var(--strokeWidthThin) solid var(--colorNeutralStroke1);
        border-radius: var(--borderRadiusMedium);
        box-shadow: var(--shadow16);
      }
      [role="option"] {
        display: flex;
        flex-direction: column;
        padding: var(--spacingVerticalXS) var(--spacingHorizontalM);
        cursor: pointer;
      }
      [role="option"].active {
        background: var(--colorNeutralBackground1Hover);
        outline: var(--strokeWidthThick) solid var(--colorStrokeFocus2);
        outline-offset: -2px;
      }
      [role="option"][aria-selected="true"] {
        font-weight: var(--fontWeightSemibold);
      }
      .detail,
      .hint,
      .info {
        font-size: var(--fontSizeBase200);
        color: var(--colorNeutralForeground3);
        font-weight: var(--fontWeightRegular);
      }
      .info {
        padding: var(--spacingVerticalXS) var(--spacingHorizontalM);
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
  declare options: PickerOption[];
  declare open: boolean;
  declare active: number;
  declare searching: boolean;
  #id = `picker-${++serial}`;
  #debounce?: ReturnType<typeof setTimeout>;
  #abort?: AbortController;

  constructor() {
    super();
    this.label = "";
    this.hint = "";
    this.error = "";
    this.value = "";
    this.text = "";
    this.options = [];
    this.open = false;
    this.active = -1;
    this.searching = false;
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

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.#debounce);
    this.#abort?.abort();
  }

  override render() {
    const id = this.#id;
    const activeId = this.open && this.active >= 0 ? `${id}-opt-${this.active}` : nothing;
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
            aria-expanded=${this.open ? "true" : "false"}
            aria-controls="${id}-list"
            aria-activedescendant=${activeId}
            aria-describedby=${described || nothing}
            aria-invalid=${this.error ? "true" : nothing}
            placeholder=${t("processes.list.picker.hint")}
            .value=${this.text}
            @input=${this.#onInput}
            @keydown=${this.#onKey}
            @click=${() => this.open || this.#query(this.value ? "" : this.text, 0)}
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
      <ul id="${id}-list" role="listbox" aria-labelledby="${id}-label" ?hidden=${!this.open}>
        ${this.options.map((o, i) =>
          html`
            <li
              id="${id}-opt-${i}"
              role="option"
              class=${i === this.active ? "active" : ""}
              aria-selected=${o.id === this.value ? "true" : "false"}
              @mousedown=${(e: Event) => e.preventDefault()}
              @click=${() => this.#pick(o)}
            >${o.label}${o.detail ? html`<span class="detail">${o.detail}</span>` : nothing}</li>
          `
        )}
        ${this.open && this.options.length === 0
          ? html`<li role="presentation" class="info">${
            this.searching
              ? t("processes.list.picker.searching")
              : t("processes.list.picker.noMatch")
          }</li>`
          : nothing}
      </ul>
    `;
  }

  override updated() {
    if (!this.open || this.active < 0) return;
    this.renderRoot.querySelector(`#${this.#id}-opt-${this.active}`)?.scrollIntoView({
      block: "nearest",
    });
  }

  #onInput = (e: Event) => {
    this.text = (e.target as HTMLInputElement).value;
    // Typing over a choice undoes it: the field no longer shows what was picked.
    if (this.value) this.#emit(null);
    this.#query(this.text, 200);
  };

  #onKey = (e: KeyboardEvent) => {
    const n = this.options.length;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!this.open) {
        this.#query(this.value ? "" : this.text, 0);
        return;
      }
      if (n === 0) return;
      const step = e.key === "ArrowDown" ? 1 : -1;
      this.active = this.active < 0 ? (step > 0 ? 0 : n - 1) : (this.active + step + n) % n;
    } else if (e.key === "Enter" && this.open) {
      e.preventDefault();
      if (this.active >= 0 && this.options[this.active]) this.#pick(this.options[this.active]);
    } else if (e.key === "Escape" && this.open) {
      e.preventDefault();
      e.stopPropagation(); // a picker in a panel closes its list, not the panel
      this.#close();
    }
  };

  #onBlur = () => {
    // Leaving with half-typed text and nothing picked leaves the field empty, as it is.
    if (!this.value) this.text = "";
    this.#close();
  };

  #query(q: string, delay: number) {
    clearTimeout(this.#debounce);
    this.#debounce = setTimeout(() => void this.#run(q.trim()), delay);
  }

  async #run(q: string) {
    if (!this.search) return;
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    this.open = true;
    this.searching = true;
    this.options = [];
    try {
      const options = await this.search(q, abort.signal);
      if (abort.signal.aborted) return;
      this.options = options;
      this.active = options.findIndex((o) => o.id === this.value);
    } catch {
      if (!abort.signal.aborted) this.options = [];
    } finally {
      if (!abort.signal.aborted) this.searching = false;
    }
  }

  #close() {
    clearTimeout(this.#debounce);
    this.#abort?.abort();
    this.open = false;
    this.active = -1;
    this.searching = false;
  }

  #pick(option: PickerOption) {
    this.text = option.label;
    this.#close();
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
