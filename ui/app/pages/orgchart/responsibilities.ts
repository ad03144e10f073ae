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
  relation: string;
  targetId: string;
  draftOnly: boolean;
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
    const letter = LETTERS[r.relation];
    return html`
      <tr data-process=${r.title}>
        <td class="wrap"><a href="/processes/${r.processId}">${r.title}</a></td>
        <td class="wrap">${r.step}${r.draftOnly
          ? html`
            <fluent-badge appearance="tint" color="warning" size="small">${t(
              "orgchart.resp.draftOnly",
            )}</fluent-badge>
          `
          : nothing}</td>
        <td>${letter
          ? html`<abbr class="letter" title=${
            t(`orgchart.raci.${r.relation as "responsible"}`)
          }>${letter}</abbr>`
          : r.relation === "owner"
          ? t("orgchart.resp.owner")
          : t("orgchart.resp.lane", { lane: r.lane ?? "—" })}</td>
        ${this.kind === "employee"
          ? html`<td>${this.titles?.get(r.targetId) ?? "—"}</td>`
          : nothing}
      </tr>
    `;
  }
}

/**
 * One row per process, step, role and position. A usage the published version has wins over
 * the draft's; one only the draft has is marked, as readers do not see it yet.
 */
function rowsOf(items: ProcessUsage[]): Row[] {
  const rows: Row[] = [];
  for (const p of items) {
    const seen = new Map<string, Row>();
    for (const u of p.usages) {
      const key = `${u.nodeId}|${u.relation}|${u.targetId}`;
      const had = seen.get(key);
      if (had) {
        if (u.source === "published") had.draftOnly = false;
        continue;
      }
      const row: Row = {
        processId: p.processId,
        title: p.title,
        step: u.nodeId === "" ? t("orgchart.resp.wholeProcess") : (u.stepLabel ?? "—"),
        lane: u.laneName,
        relation: u.relation,
        targetId: u.targetId,
        draftOnly: u.source === "draft",
      };
      seen.set(key, row);
      rows.push(row);
    }
  }
  return rows;
}

customElements.define("procedo-orgchart-responsibilities", ProcedoOrgchartResponsibilities);
