// <procedo-editor-picker label="Responsible" kind="positions" .values=${ids} .names=${cache}>:
// picks several objects (or one, with max=1) by typing: the chosen ones as chips with a
// remove button each, and an ARIA 1.2 combobox to add more (arrow keys move through the
// options, Enter adds, Escape closes, Backspace in the empty field removes the last chip).
// Fires `picker-change` with { values } — the parent turns that into a command.
import { css, html, LitElement, nothing, type PropertyValues } from "lit";
import { icon } from "../icons.ts";
import { base, controls } from "../styles.ts";
import { LocaleController, t } from "../../lib/i18n.ts";
import { session } from "../../app/session.ts";
import {
  type NameCache,
  type PickerOption,
  searchSource,
  type SourceKind,
} from "./picker_sources.ts";

export interface PickerChangeDetail {
  values: string[];
}

let serial = 0;

export class ProcedoEditorPicker extends LitElement {
  static override properties = {
    label: {},
    kind: {},
    values: { attribute: false },
    names: { attribute: false },
    max: { type: Number },
    disabled: { type: Boolean, reflect: true },
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
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalXS);
        position: relative;
      }
      .label {
        font-weight: var(--fontWeightSemibold);
      }
      ul.chips {
        display: flex;
        flex-wrap: wrap;
        gap: var(--spacingHorizontalXS);
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .chip {
        display: inline-flex;
        align-items: center;
        gap: var(--spacingHorizontalXXS);
        max-width: 100%;
        padding-inline-start: var(--spacingHorizontalS);
        border-radius: var(--borderRadiusMedium);
        background: var(--colorNeutralBackground3);
        border: var(--strokeWidthThin) solid var(--colorNeutralStroke2);
      }
      .chip span {
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .chip.missing span {
        color: var(--colorPaletteRedForeground1);
      }
      .chip button {
        display: inline-grid;
        place-items: center;
        width: 24px;
        height: 24px;
        padding: 0;
        border: none;
        border-radius: var(--borderRadiusMedium);
        background: transparent;
        color: var(--colorNeutralForeground2);
        cursor: pointer;
      }
      .chip button:hover {
        background: var(--colorSubtleBackgroundHover);
        color: var(--colorNeutralForeground1);
      }
      input.native {
        width: 100%;
      }
      [role="listbox"] {
        position: absolute;
        z-index: 5;
        inset-inline: 0;
        top: 100%;
        max-height: 14rem;
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
      .detail,
      .info,
      .none {
        font-size: var(--fontSizeBase200);
        color: var(--colorNeutralForeground3);
      }
      .info {
        padding: var(--spacingVerticalXS) var(--spacingHorizontalM);
      }
    `,
  ];
  declare label: string;
  declare kind: SourceKind;
  declare values: readonly string[];
  declare names: NameCache | undefined;
  declare max: number;
  declare disabled: boolean;
  declare options: PickerOption[];
  declare open: boolean;
  declare active: number;
  declare searching: boolean;
  #id = `editor-picker-${++serial}`;
  #debounce?: ReturnType<typeof setTimeout>;
  #abort?: AbortController;
  #offNames?: () => void;

  constructor() {
    super();
    this.label = "";
    this.kind = "positions";
    this.values = [];
    this.max = 100;
    this.disabled = false;
    this.options = [];
    this.open = false;
    this.active = -1;
    this.searching = false;
    new LocaleController(this);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#offNames?.();
    this.#offNames = undefined;
    this.#abort?.abort();
  }

  protected override willUpdate(changed: PropertyValues) {
    if (changed.has("names")) {
      this.#offNames?.();
      this.#offNames = this.names?.onChange(() => this.requestUpdate());
    }
    if ((changed.has("values") || changed.has("names") || changed.has("kind")) && this.names) {
      void this.names.want(this.kind, this.values);
    }
  }

  override render() {
    const full = this.values.length >= this.max;
    const listId = `${this.#id}-list`;
    const visible = this.open && !this.disabled && !full;
    return html`
      <span class="label" id="${this.#id}-label">${this.label}</span>
      ${this.values.length
        ? html`<ul class="chips" aria-labelledby="${this.#id}-label">
          ${this.values.map((id) => this.#chip(id))}
        </ul>`
        : html`<span class="none">${t("editor.picker.none")}</span>`}
      ${full || this.disabled ? nothing : html`
        <input
          class="native"
          type="text"
          role="combobox"
          autocomplete="off"
          aria-autocomplete="list"
          aria-expanded=${visible ? "true" : "false"}
          aria-controls=${listId}
          aria-activedescendant=${visible && this.active >= 0
            ? `${this.#id}-opt-${this.active}`
            : nothing}
          aria-label=${t("editor.picker.search", { what: this.label })}
          placeholder=${t("editor.picker.placeholder")}
          @focus=${() => this.#search("", 0)}
          @input=${(e: Event) => this.#search((e.target as HTMLInputElement).value)}
          @keydown=${this.#onKey}
          @blur=${() => setTimeout(() => (this.open = false), 150)}
        >
        <ul role="listbox" id=${listId} aria-label=${this.label} ?hidden=${!visible}>
          ${this.#listContent()}
        </ul>
      `}
    `;
  }

  #chip(id: string) {
    const name = this.names?.get(id);
    const text = name === null ? t("editor.picker.missing") : name ?? t("editor.picker.unknown");
    return html`<li class="chip ${name === null ? "missing" : ""}" data-id=${id}>
      <span title=${text}>${text}</span>
      ${
      this.disabled ? nothing : html`
        <button
          type="button"
          aria-label=${t("editor.picker.remove", { name: text })}
          @click=${() => this.#remove(id)}
        >${icon("dismiss", 16)}</button>
      `
    }
    </li>`;
  }

  #listContent() {
    if (this.searching && !this.options.length) {
      return html`<li class="info" role="presentation">${t("editor.picker.searching")}</li>`;
    }
    if (!this.options.length) {
      return html`<li class="info" role="presentation">${t("editor.picker.noMatch")}</li>`;
    }
    return this.options.map((o, i) =>
      html`
        <li
          role="option"
          id="${this.#id}-opt-${i}"
          class=${i === this.active ? "active" : ""}
          aria-selected=${i === this.active ? "true" : "false"}
          @mousedown=${(e: Event) => e.preventDefault()}
          @click=${() => this.#pick(o)}
        >
                <span>${o.label}</span>
                ${o.detail ? html`<span class="detail">${o.detail}</span>` : nothing}
              </li>
      `
    );
  }

  #search(q: string, delay = 200) {
    clearTimeout(this.#debounce);
    this.open = true;
    // Options of an older query must not be picked by an Enter while this one is pending.
    this.options = [];
    this.active = -1;
    this.searching = true;
    this.#abort?.abort();
    this.#debounce = setTimeout(async () => {
      const abort = new AbortController();
      this.#abort = abort;
      this.searching = true;
      try {
        const found = await searchSource(session().api, this.kind, q, abort.signal);
        if (abort.signal.aborted) return;
        const taken = new Set(this.values);
        this.options = found.filter((o) => !taken.has(o.id));
        this.active = this.options.length ? 0 : -1;
      } catch {
        if (!abort.signal.aborted) this.options = [];
      } finally {
        if (!abort.signal.aborted) this.searching = false;
      }
    }, delay);
  }

  #onKey = (e: KeyboardEvent) => {
    const input = e.target as HTMLInputElement;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!this.open) return this.#search(input.value, 0);
      const n = this.options.length;
      if (!n) return;
      this.active = (this.active + (e.key === "ArrowDown" ? 1 : n - 1)) % n;
      this.renderRoot.querySelector(`#${this.#id}-opt-${this.active}`)?.scrollIntoView({
        block: "nearest",
      });
    } else if (e.key === "Enter") {
      const option = this.open ? this.options[this.active] : undefined;
      if (option) {
        e.preventDefault();
        this.#pick(option);
      }
    } else if (e.key === "Escape" && this.open) {
      e.stopPropagation();
      this.open = false;
    } else if (e.key === "Backspace" && !input.value && this.values.length) {
      this.#remove(this.values[this.values.length - 1]);
    }
  };

  #pick(option: PickerOption) {
    this.names?.remember([option]);
    const values = [...this.values, option.id].slice(0, this.max);
    this.#emit(values);
    const input = this.renderRoot.querySelector("input");
    if (input) input.value = "";
    this.open = false;
    this.options = [];
  }

  #remove(id: string) {
    this.#emit(this.values.filter((v) => v !== id));
    // The chip is gone: keep the focus in the picker.
    void this.updateComplete.then(() =>
      (this.renderRoot.querySelector("input, .chip button") as HTMLElement | null)?.focus()
    );
  }

  #emit(values: string[]) {
    this.dispatchEvent(
      new CustomEvent<PickerChangeDetail>("picker-change", { detail: { values } }),
    );
  }
}

customElements.define("procedo-editor-picker", ProcedoEditorPicker);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-editor-picker": ProcedoEditorPicker;
  }
}
