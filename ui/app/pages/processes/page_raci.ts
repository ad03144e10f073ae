// <procedo-raci-table .matrix=${m}>: who does what, as a compact matrix — steps as rows
// (grouped by lane), positions as columns, R/A/C/I in the cells. A step's name selects it
// in the diagram (`step-select` with { id }).
import { css, html, LitElement, nothing } from "lit";
import { base, table } from "../../../components/styles.ts";
import { LocaleController, t } from "../../../lib/i18n.ts";
import type { RaciMatrix } from "./page_model.ts";

const LETTERS = { R: "responsible", A: "accountable", C: "consulted", I: "informed" } as const;

export class ProcedoRaciTable extends LitElement {
  static override properties = { matrix: { attribute: false } };
  static override styles = [
    base,
    table,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalS);
        min-width: 0;
      }
      th[scope="row"] {
        position: sticky;
        inset-inline-start: 0;
        background: var(--colorNeutralBackground1);
        font-weight: var(--fontWeightRegular);
        color: var(--colorNeutralForeground1);
      }
      thead th {
        vertical-align: bottom;
        white-space: normal;
        min-width: 5rem;
        max-width: 10rem;
      }
      td.cell {
        text-align: center;
        font-weight: var(--fontWeightSemibold);
      }
      td.cell abbr {
        text-decoration: none;
      }
      .lane {
        color: var(--colorNeutralForeground3);
      }
      button.step {
        all: unset;
        cursor: pointer;
        color: var(--colorBrandForegroundLink);
      }
      button.step:hover {
        text-decoration: underline;
      }
      button.step:focus-visible {
        outline: var(--strokeWidthThick) solid var(--colorStrokeFocus2);
      }
      .legend {
        color: var(--colorNeutralForeground3);
        font-size: var(--fontSizeBase200);
      }
    `,
  ];
  declare matrix: RaciMatrix | undefined;

  constructor() {
    super();
    new LocaleController(this);
  }

  override render() {
    const m = this.matrix;
    if (!m) return nothing;
    if (!m.steps.length) return html`<p class="muted">${t("processes.raci.empty")}</p>`;
    return html`
      <p class="legend">${t("processes.raci.legend")}</p>
      <div class="table-wrap">
        <table data-testid="raci-table">
          <caption class="visually-hidden">${t("processes.raci.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">${t("processes.raci.step")}</th>
              <th scope="col">${t("processes.raci.lane")}</th>
              ${m.positions.map((p) =>
                html`<th scope="col" data-position=${p.id}>${p.label ?? p.id}</th>`
              )}
            </tr>
          </thead>
          <tbody>
            ${m.steps.map((s) =>
              html`<tr data-step=${s.label}>
                <th scope="row"><button class="step" @click=${() => this.#select(s.nodeId)}>${
                s.label || s.nodeId
              }</button></th>
                <td class="lane">${s.laneName ?? ""}</td>
                ${m.positions.map((p) => this.#cell(s.assignments[p.id] ?? []))}
              </tr>`
            )}
          </tbody>
        </table>
      </div>
      ${m.positions.length
        ? nothing
        : html`<p class="muted">${t("processes.raci.noPositions")}</p>`}
    `;
  }

  #cell(letters: ("R" | "A" | "C" | "I")[]) {
    return html`<td class="cell">${
      letters.map((l, i) =>
        html`${i ? ", " : ""}<abbr title=${t(`processes.step.${LETTERS[l]}`)}>${l}</abbr>`
      )
    }</td>`;
  }

  #select(id: string) {
    this.dispatchEvent(new CustomEvent("step-select", { detail: { id }, bubbles: true }));
  }
}

customElements.define("procedo-raci-table", ProcedoRaciTable);
