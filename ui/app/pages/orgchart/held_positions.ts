// <procedo-orgchart-held-positions .held=${list} .tree=${tree} ?editable>: the positions a
// person holds, one of them primary. Editable: a radio picks the primary one, a button
// removes one, a picker adds a position of this chart; each change fires `change` with the
// new list. Positions in other charts are listed and kept, as this chart cannot show them.
import { css, html, LitElement, nothing } from "lit";
import { live } from "lit/directives/live.js";
import { icon } from "../../../components/icons.ts";
import { base, controls } from "../../../components/styles.ts";
import type { Schemas } from "../../../lib/api/client.ts";
import { LocaleController, t } from "../../../lib/i18n.ts";
import { type ChartTree, positionChoices } from "./tree_model.ts";

type Holding = Schemas["Employee"]["positions"][number];
export type Held = Pick<Holding, "positionId" | "chartId" | "title" | "since" | "primary">;

export class ProcedoOrgchartHeldPositions extends LitElement {
  static override properties = {
    held: { attribute: false },
    tree: { attribute: false },
    editable: { type: Boolean },
  };
  static override styles = [
    base,
    controls,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalS);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li {
        display: flex;
        align-items: center;
        gap: var(--spacingHorizontalS);
        min-height: 32px;
      }
      .title {
        flex: 1;
      }
      .add {
        display: flex;
        align-items: flex-end;
        gap: var(--spacingHorizontalS);
      }
      .add .control {
        flex: 1;
        min-width: 0;
      }
    `,
  ];
  declare held: Held[];
  declare tree: ChartTree | undefined;
  declare editable: boolean;

  constructor() {
    super();
    this.held = [];
    this.editable = false;
    new LocaleController(this);
  }

  override render() {
    return html`${this.#list()}${this.editable ? this.#adder() : nothing}`;
  }

  #list() {
    if (!this.held.length) return html`<p class="muted">${t("orgchart.employee.noPositions")}</p>`;
    const here = this.tree?.chart.id;
    const edit = this.editable;
    return html`
      <ul>
        ${this.held.map((h) =>
          html`<li>
            ${
            edit
              ? html`
                <input type="radio" name="primary" .checked=${live(h.primary)}
                  aria-label=${t("orgchart.employee.primaryOf", { title: h.title })}
                  @change=${() => this.#setPrimary(h.positionId)}>
              `
              : nothing
          }
            <span class="title">${h.title}
              ${
            h.chartId === here
              ? nothing
              : html`<span class="muted">${t("orgchart.employee.otherChart")}</span>`
          }
              ${
            !edit && h.primary
              ? html`<span class="muted">${t("orgchart.employee.primary")}</span>`
              : nothing
          }</span>
            ${
            edit
              ? html`
                <fluent-button size="small" appearance="subtle" icon-only
                  aria-label=${t("orgchart.employee.remove", { title: h.title })}
                  @click=${() => this.#remove(h.positionId)}>${icon("dismiss", 16)}</fluent-button>
              `
              : nothing
          }
          </li>`
        )}
      </ul>
    `;
  }

  #adder() {
    const taken = new Set(this.held.map((h) => h.positionId));
    const free = this.#choices().filter((c) => !taken.has(c.id));
    if (!free.length) return nothing;
    return html`
      <div class="add">
        <label class="control">
          <span>${t("orgchart.employee.addPosition")}</span>
          <select name="addPosition">
            ${free.map((c) =>
              html`<option value=${c.id}>${
                t("orgchart.position.choice", { title: c.title, unit: c.unitPath })
              }</option>`
            )}
          </select>
        </label>
        <fluent-button data-testid="add-held" @click=${this.#add}>${icon("add", 20, "start")}${t(
          "orgchart.employee.add",
        )}</fluent-button>
      </div>
    `;
  }

  #choices() {
    return this.tree ? positionChoices(this.tree) : [];
  }

  #add = () => {
    const select = this.renderRoot.querySelector<HTMLSelectElement>("[name=addPosition]");
    const pos = this.#choices().find((c) => c.id === select?.value);
    if (!pos || !this.tree) return;
    this.#change([...this.held, {
      positionId: pos.id,
      chartId: this.tree.chart.id,
      title: pos.title,
      since: null,
      primary: this.held.length === 0,
    }]);
  };

  #remove(positionId: string) {
    const rest = this.held.filter((h) => h.positionId !== positionId);
    if (rest.length && !rest.some((h) => h.primary)) rest[0] = { ...rest[0], primary: true };
    this.#change(rest);
  }

  #setPrimary(positionId: string) {
    this.#change(this.held.map((h) => ({ ...h, primary: h.positionId === positionId })));
  }

  #change(held: Held[]) {
    this.held = held;
    this.dispatchEvent(new CustomEvent<Held[]>("change", { detail: held }));
  }
}

customElements.define("procedo-orgchart-held-positions", ProcedoOrgchartHeldPositions);
