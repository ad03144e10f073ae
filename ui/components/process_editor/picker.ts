// <procedo-editor-picker label="Responsible" kind="positions" .values=${ids} .names=${cache}>:
// picks several objects (or one, with max=1) by typing: the chosen ones as chips with a
// remove button each, and an ARIA 1.2 combobox to add more (arrow keys move through the
// options, Enter adds, Escape closes, Backspace in the empty field removes the last chip).
// Fires `picker-change` with { values } — the parent turns that into a command.
import { css, html, LitElement, nothing, type PropertyValues } from "lit";
import { ComboboxController, comboboxStyles } from "../combobox.ts";
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
  };
  static override styles = [
    base,
    controls,
    comboboxStyles,
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
        top: 100%;
        max-height: 14rem;
      }
      .none {
        font-size: var(--fontSizeBase200);
        color: var(--colorNeutralForeground3);
      }
    `,
  ];
  declare label: string;
  declare kind: SourceKind;
  declare values: readonly string[];
  declare names: NameCache | undefined;
  declare max: number;
  declare disabled: boolean;
  #id = `editor-picker-${++serial}`;
  #list = new ComboboxController<PickerOption>(this, {
    id: this.#id,
    search: async (q, signal) => {
      const found = await searchSource(session().api, this.kind, q, signal);
      const taken = new Set(this.values);
      return found.filter((o) => !taken.has(o.id));
    },
    activeAfter: (options) => (options.length ? 0 : -1),
    pick: (o) => this.#pick(o),
  });
  #offNames?: () => void;

  constructor() {
    super();
    this.label = "";
    this.kind = "positions";
    this.values = [];
    this.max = 100;
    this.disabled = false;
    new LocaleController(this);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#offNames?.();
    this.#offNames = undefined;
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
    const list = this.#list;
    const visible = list.open && !this.disabled && !full;
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
          aria-activedescendant=${(visible && list.activeId) || nothing}
          aria-label=${t("editor.picker.search", { what: this.label })}
          placeholder=${t("editor.picker.placeholder")}
          @focus=${() => list.query("", 0)}
          @input=${(e: Event) => list.query((e.target as HTMLInputElement).value)}
          @keydown=${this.#onKey}
          @blur=${() => setTimeout(() => list.close(), 150)}
        >
        <ul role="listbox" id=${listId} aria-label=${this.label} ?hidden=${!visible}>
          ${list.items((_, i) => i === list.active, {
            searching: t("editor.picker.searching"),
            noMatch: t("editor.picker.noMatch"),
          })}
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

  #onKey = (e: KeyboardEvent) => {
    const input = e.target as HTMLInputElement;
    if (this.#list.keydown(e, input.value)) return;
    if (e.key === "Backspace" && !input.value && this.values.length) {
      this.#remove(this.values[this.values.length - 1]);
    }
  };

  #pick(option: PickerOption) {
    this.names?.remember([option]);
    const values = [...this.values, option.id].slice(0, this.max);
    this.#emit(values);
    const input = this.renderRoot.querySelector("input");
    if (input) input.value = "";
    this.#list.close();
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
