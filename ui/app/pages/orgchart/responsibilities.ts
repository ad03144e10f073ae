// <procedo-orgchart-responsibilities kind="position|employee" target=${id}>: what a position
// (or a person, through the positions held) is responsible for across processes — process,
// step, R/A/C/I (or lane, owner) — each process a link to its page. Readers see published
// versions only (the API decides); modelers also see what only a draft says.
import { css, html, LitElement, nothing } from "lit";
import "../../../components/pager.ts";
import "../../../components/problem_bar.ts";
import { base, table } from "../../../components/styles.ts";
import { type Schemas, unwrap } from "../../../lib/api/client.ts";
import { ApiData } from "../../../lib/api_data.ts";
import { LocaleController, t } from "../../../lib/i18n.ts";
import { session } from "../../session.ts";

type Page = Schemas["OrgResponsibilityPage"];
type ProcessUsage = Schemas["OrgProcessUsage"];
const PAGE = 50;
const LETTERS: Record<string, string> = {
  responsible: "R",
  accountable: "A",
  consulted: "C",
  informed: "I",
};

interface Row {
  processId: string;
  title: string;
  step: string;
  lane: string | null;
  targetId: string;
  roles: { relation: string; draftOnly: boolean }[];
}

export class ProcedoOrgchartResponsibilities extends LitElement {
  static override properties = {
    kind: {},
    target: {},
    titles: { attribute: false },
    offset: { state: true },
  };
  static override styles = [
    base,
    table,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalS);
      }
      a {
        color: var(--colorBrandForegroundLink);
      }
      .letter {
        font-weight: var(--fontWeightSemibold);
      }
    `,
  ];
  declare kind: "position" | "employee";
  declare target: string;
  /** Position titles by id, for the employee's "through position" column. */
  declare titles: Map<string, string> | undefined;
  declare offset: number;
  #data = new ApiData<Page>(this, (signal) => this.#load(signal), { auto: false });

  constructor() {
    super();
    this.kind = "position";
    this.target = "";
    this.offset = 0;
    new LocaleController(this);
  }

  override willUpdate(changed: Map<string, unknown>) {
    if ((changed.has("target") || changed.has("kind")) && this.target) {
      this.offset = 0;
      void this.#data.reload();
    }
  }

  async #load(signal: AbortSignal): Promise<Page> {
    const { api } = session();
    const params = {
      path: { id: this.target },
      query: { limit: PAGE, offset: this.offset },
    };
    return this.kind === "employee"
      ? unwrap(
        await api.GET("/api/v1/orgchart/employees/{id}/responsibilities", { params, signal }),
      )
      : unwrap(
        await api.GET("/api/v1/orgchart/positions/{id}/responsibilities", { params, signal }),
      );
  }

  override render() {
    const data = this.#data;
    const employee = this.kind === "employee";
    return html`
      <h3 class="visually-hidden">${t("orgchart.resp.title")}</h3>
      ${data.error
        ? html`<procedo-problem .error=${data.error} @retry=${() =>
          data.reload()}></procedo-problem>`
        : nothing}
      ${!data.value && data.loading
        ? html`<fluent-spinner size="small" aria-label=${t("app.loading")}></fluent-spinner>`
        : nothing}
      ${data.value && data.value.items.length === 0
        ? html`<p class="muted">${
          employee ? t("orgchart.resp.noneEmployee") : t("orgchart.resp.none")
        }</p>`
        : nothing}
      ${data.value && data.value.items.length
        ? html`
          <div class="table-wrap">
            <table data-testid="responsibilities">
              <caption class="visually-hidden">${t("orgchart.resp.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">${t("orgchart.resp.process")}</th>
                  <th scope="col">${t("orgchart.resp.step")}</th>
                  <th scope="col">${t("orgchart.resp.role")}</th>
                  ${employee ? html`<th scope="col">${t("orgchart.resp.through")}</th>` : nothing}
                </tr>
              </thead>
              <tbody>${rowsOf(data.value.items).map((r) => this.#row(r))}</tbody>
            </table>
          </div>
          <procedo-pager total=${data.value.total} offset=${this.offset} limit=${PAGE}
            @page=${(e: CustomEvent<number>) => {
              this.offset = e.detail;
              void data.reload();
            }}></procedo-pager>
        `
        : nothing}
    `;
  }

  #row(r: Row) {
    return html`
      <tr data-process=${r.title}>
        <td class="wrap"><a href="/processes/${r.processId}">${r.title}</a></td>
        <td class="wrap">${r.step}</td>
        <td class="wrap">${r.roles.map((role, i) =>
          html`${i ? ", " : ""}${this.#role(role.relation, r.lane)}${
            role.draftOnly
              ? html`
                <fluent-badge appearance="tint" color="warning" size="small">${t(
                  "orgchart.resp.draftOnly",
                )}</fluent-badge>
              `
              : nothing
          }`
        )}</td>
        ${this.kind === "employee"
          ? html`<td>${this.titles?.get(r.targetId) ?? "—"}</td>`
          : nothing}
      </tr>
    `;
  }

  #role(relation: string, lane: string | null) {
    const letter = LETTERS[relation];
    if (letter) {
      return html`<abbr class="letter" title=${
        t(`orgchart.raci.${relation as "responsible"}`)
      }>${letter}</abbr>`;
    }
    return relation === "owner"
      ? t("orgchart.resp.owner")
      : t("orgchart.resp.lane", { lane: lane ?? "—" });
  }
}

/** R, A, C, I first, then the lane, then ownership. */
const ROLE_ORDER = ["responsible", "accountable", "consulted", "informed", "lane", "owner"];

/**
 * One row per process, step and position, with its roles. A role the published version has
 * wins over the draft's; one only the draft has is marked, as readers do not see it yet.
 */
function rowsOf(items: ProcessUsage[]): Row[] {
  const rows: Row[] = [];
  for (const p of items) {
    const byStep = new Map<string, Row>();
    for (const u of p.usages) {
      const key = `${u.nodeId}|${u.targetId}`;
      let row = byStep.get(key);
      if (!row) {
        row = {
          processId: p.processId,
          title: p.title,
          step: u.nodeId === "" ? t("orgchart.resp.wholeProcess") : (u.stepLabel ?? "—"),
          lane: u.laneName,
          targetId: u.targetId,
          roles: [],
        };
        byStep.set(key, row);
        rows.push(row);
      }
      const had = row.roles.find((r) => r.relation === u.relation);
      if (had) had.draftOnly &&= u.source === "draft";
      else row.roles.push({ relation: u.relation, draftOnly: u.source === "draft" });
    }
    for (const row of byStep.values()) {
      row.roles.sort((a, b) => ROLE_ORDER.indexOf(a.relation) - ROLE_ORDER.indexOf(b.relation));
    }
  }
  return rows;
}

customElements.define("procedo-orgchart-responsibilities", ProcedoOrgchartResponsibilities);
