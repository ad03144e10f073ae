// <procedo-select label="…" .options=${[{ value, label }]} value="…">: one choice out of a few,
// as Fluent's dropdown (button, listbox and options, with the label tied to the button)
// instead of the browser's own select, so it looks and behaves like the rest of the app in
// light, dark and high contrast. Fires `change` with the chosen value in `detail`.
import { css, html, LitElement } from "lit";
import "@fluentui/web-components/dropdown.js";
import "@fluentui/web-components/listbox.js";
import "@fluentui/web-components/option.js";
import { base, controls } from "./styles.ts";

export interface SelectOption {
  value: string;
  label: string;
}

let serial = 0;

export class ProcedoSelect extends LitElement {
  static override properties = {
    label: {},
    value: {},
    name: {},
    options: { attribute: false },
    disabled: { type: Boolean },
    labelHidden: { type: Boolean, attribute: "label-hidden" },
  };
  static override styles = [
    base,
    controls,
    css`
      :host {
        display: inline-flex;
        flex-direction: column;
        gap: var(--spacingVerticalXXS);
        min-width: 10rem;
      }
      fluent-dropdown {
        min-width: 100%;
      }
      /* In a table row the column head says it; the label stays the button's name. */
      :host([label-hidden]) .label {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
    `,
  ];
  declare label: string;
  declare value: string;
  declare name: string;
  declare options: SelectOption[];
  declare disabled: boolean;
  declare labelHidden: boolean;
  readonly #id = `select-${++serial}`;

  constructor() {
    super();
    this.label = "";
    this.value = "";
    this.name = "";
    this.options = [];
    this.disabled = false;
    this.labelHidden = false;
  }

  override render() {
    return html`
      <span class="label" id=${`${this.#id}-label`}>${this.label}</span>
      <fluent-dropdown aria-labelledby=${`${this.#id}-label`} ?disabled=${this.disabled}
        data-name=${this.name} @change=${this.#changed}>
        <fluent-listbox>${this.options.map((o) =>
          html`<fluent-option value=${o.value} ?selected=${
            o.value === this.value
          }>${o.label}</fluent-option>`
        )}</fluent-listbox>
      </fluent-dropdown>
    `;
  }

  protected override updated(changed: Map<string, unknown>) {
    // The dropdown keeps the person's last choice itself: told again what is chosen (after a
    // refused change the page sets the value back).
    const dropdown = this.renderRoot.querySelector("fluent-dropdown") as
      | (HTMLElement & { value: string | null })
      | null;
    if (changed.has("value") && dropdown && dropdown.value !== this.value) {
      dropdown.value = this.value;
    }
    this.#patchControl();
    // Fluent inserts its button a moment after the dropdown is connected.
    requestAnimationFrame(() => this.#patchControl());
  }

  /**
   * Fluent names its button by the chosen option only and leaves aria-expanded out until
   * the list was opened once: the label goes in front of the name, the state is said.
   */
  #patchControl() {
    const control = this.renderRoot.querySelector<HTMLElement>("fluent-dropdown [slot=control]");
    if (!control) return;
    if (!control.id) control.id = `${this.#id}-control`;
    control.setAttribute("aria-labelledby", `${this.#id}-label ${control.id}`);
    if (!control.hasAttribute("aria-expanded")) control.setAttribute("aria-expanded", "false");
    const listbox = this.renderRoot.querySelector("fluent-listbox");
    if (listbox && !control.hasAttribute("aria-controls")) {
      if (!listbox.id) listbox.id = `${this.#id}-listbox`;
      control.setAttribute("aria-controls", listbox.id);
    }
  }

  #changed = (e: Event) => {
    e.stopPropagation();
    const value = (e.currentTarget as HTMLElement & { value: string | null }).value ?? "";
    if (value === this.value) return;
    this.value = value;
    this.dispatchEvent(new CustomEvent("change", { detail: value, bubbles: true, composed: true }));
  };
}

customElements.define("procedo-select", ProcedoSelect);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-select": ProcedoSelect;
  }
}
