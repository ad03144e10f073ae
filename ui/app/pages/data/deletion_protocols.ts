// <procedo-deletion-protocols>: the workspace's deletion protocols, newest first: date,
// reason, rows deleted and rows remaining (read from each protocol's JSON through its signed
// link: the list itself holds only the links) and the JSON and PDF downloads.
import { html, LitElement, nothing } from "lit";
import { icon } from "../../../components/icons.ts";
import "../../../components/pager.ts";
import "../../../components/problem_bar.ts";
import { base, table } from "../../../components/styles.ts";
import { type Schemas, unwrap } from "../../../lib/api/client.ts";
import { ApiData } from "../../../lib/api_data.ts";
import { formatDateTime, formatNumber, LocaleController, t } from "../../../lib/i18n.ts";
import { session } from "../../session.ts";
import { dataStyles } from "./data_styles.ts";
import {
  type ProtocolCounts,
  protocolCounts,
  protocolLinks,
  verificationText,
} from "./protocol_proof.ts";

type Summary = Schemas["DeletionProtocolSummary"];
type Row = Summary & { counts?: ProtocolCounts };
const PAGE = 20;

export class ProcedoDeletionProtocols extends LitElement {
  static override properties = { offset: { state: true } };
  static override styles = [base, table, dataStyles];
  declare offset: number;
  #list = new ApiData(this, async (signal) => {
    const page = unwrap(
      await session().api.GET("/api/v1/deletion/protocols", {
        params: { query: { limit: PAGE, offset: this.offset } },
        signal,
      }),
    );
    // A protocol whose JSON cannot be read still shows its date and downloads.
    const items: Row[] = await Promise.all(page.items.map(async (p) => ({
      ...p,
      counts: await protocolCounts(p.jsonUrl, signal).catch(() => undefined),
    })));
    return { ...page, items };
  });

  constructor() {
    super();
    this.offset = 0;
    new LocaleController(this);
  }

  override render() {
    const data = this.#list;
    return html`
      <section class="card" aria-labelledby="protocols-heading" data-testid="deletion-protocols">
        <h2 id="protocols-heading">${icon("shieldTask")}${t("data.protocols.title")}</h2>
        <p>${t("data.protocols.text")}</p>
        <procedo-problem .error=${data.error} @retry=${() => data.reload()}></procedo-problem>
        ${data.value ? this.#table(data.value.items) : nothing}
        ${!data.value && data.loading
          ? html`<fluent-spinner size="small" aria-label=${t("app.loading")}></fluent-spinner>`
          : nothing}
        ${data.value && data.value.total > PAGE
          ? html`
            <procedo-pager total=${data.value.total} offset=${this.offset} limit=${PAGE}
              @page=${(e: CustomEvent<number>) => {
                this.offset = e.detail;
                void data.reload();
              }}></procedo-pager>
          `
          : nothing}
      </section>
    `;
  }

  #table(items: Row[]) {
    if (!items.length) return html`<p class="muted">${t("data.protocols.none")}</p>`;
    return html`
      <div class="table-wrap">
        <table data-testid="protocols-table">
          <caption class="visually-hidden">${t("data.protocols.title")}</caption>
          <thead>
            <tr>
              <th scope="col">${t("data.protocols.date")}</th>
              <th scope="col">${t("data.protocols.reason")}</th>
              <th scope="col">${t("data.protocols.deleted")}</th>
              <th scope="col">${t("data.protocols.remaining")}</th>
              <th scope="col">${t("data.protocols.downloads")}</th>
            </tr>
          </thead>
          <tbody>${items.map((p) => this.#row(p))}</tbody>
        </table>
      </div>
    `;
  }

  #row(p: Row) {
    const c = p.counts;
    return html`
      <tr data-protocol=${p.id}>
        <td>${formatDateTime(p.createdAt)}</td>
        <td>${t(`data.reason.${p.reason}`)}</td>
        <td>${c
          ? t("data.protocols.deletedCount", {
            rows: formatNumber(c.deletedRows),
            tables: formatNumber(c.deletedTables),
          })
          : t("data.protocols.unknown")}</td>
        <td title=${c ? verificationText(c) : nothing} data-testid="protocol-remaining">${c
          ? formatNumber(c.remaining)
          : t("data.protocols.unknown")}</td>
        <td>${protocolLinks(p.jsonUrl)}</td>
      </tr>
    `;
  }
}

customElements.define("procedo-deletion-protocols", ProcedoDeletionProtocols);
