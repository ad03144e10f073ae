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
    `,
  ];
  declare label: string;
  declare value: string;
  declare name: string;
  declare options: SelectOption[];
  declare disabled: boolean;
  readonly #id = `select-${++serial}`;

  constructor() {
    super();
    this.label = "";
    this.value = "";
    this.name = "";
    this.options = [];
    this.disabled = false;
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

  protected override updated() {
    // Fluent names its button by the chosen option only: add the label in front of it.
    const control = this.renderRoot.querySelector<HTMLElement>("fluent-dropdown [slot=control]");
    if (control?.id) control.setAttribute("aria-labelledby", `${this.#id}-label ${control.id}`);
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
