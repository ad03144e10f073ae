// <procedo-webhook-deliveries>: the delivery log of one webhook in a panel, newest first:
// when, which event, which attempt, the outcome, the receiver's answer and how long it took.
import { css, html, LitElement, nothing } from "lit";
import "../../components/pager.ts";
import "../../components/problem_bar.ts";
import "../../components/side_panel.ts";
import type { ProcedoPanel } from "../../components/side_panel.ts";
import { base, table } from "../../components/styles.ts";
import { type Schemas, unwrap } from "../../lib/api/client.ts";
import { formatDateTime, LocaleController, type MessageKey, t } from "../../lib/i18n.ts";
import { session } from "../session.ts";
import { eventLabel } from "./webhook_panel.ts";

type Delivery = Schemas["WebhookDelivery"];
const PAGE = 50;
const COLOR = { delivered: "success", failed: "danger", refused: "warning" } as const;

export class ProcedoWebhookDeliveries extends LitElement {
  static override properties = {
    endpoint: { state: true },
    page: { state: true },
    error: { state: true },
  };
  static override styles = [
    base,
    table,
    css`
      .error {
        color: var(--colorNeutralForeground3);
        font-size: var(--fontSizeBase200);
      }
    `,
  ];
  declare endpoint: Schemas["WebhookEndpoint"] | undefined;
  declare page: Schemas["WebhookDeliveryPage"] | undefined;
  declare error: unknown;
  #offset = 0;

  constructor() {
    super();
    new LocaleController(this);
  }

  async open(endpoint: Schemas["WebhookEndpoint"]) {
    this.endpoint = endpoint;
    this.#offset = 0;
    await this.#load();
    await (this.renderRoot.querySelector("procedo-panel") as ProcedoPanel).show();
  }

  async #load() {
    this.error = undefined;
    try {
      this.page = unwrap(
        await session().api.GET("/api/v1/webhooks/{id}/deliveries", {
          params: {
            path: { id: this.endpoint!.id },
            query: { limit: PAGE, offset: this.#offset },
          },
        }),
      );
    } catch (e) {
      this.error = e;
    }
  }

  override render() {
    const items = this.page?.items ?? [];
    return html`
      <procedo-panel heading=${t("webhooks.deliveriesOf", { url: this.endpoint?.url ?? "" })}>
        <procedo-problem .error=${this.error}></procedo-problem>
        ${items.length
          ? html`
            <table data-testid="deliveries-table">
              <thead>
                <tr>
                  <th>${t("webhooks.delivery.at")}</th>
                  <th>${t("webhooks.delivery.event")}</th>
                  <th>${t("webhooks.delivery.attempt")}</th>
                  <th>${t("webhooks.delivery.outcome")}</th>
                  <th>${t("webhooks.delivery.code")}</th>
                  <th>${t("webhooks.delivery.duration")}</th>
                </tr>
              </thead>
              <tbody>${items.map((d) => this.#row(d))}</tbody>
            </table>
            <procedo-pager .offset=${this.#offset} .limit=${PAGE} .total=${this.page!.total}
              @page=${(e: CustomEvent<number>) => {
                this.#offset = e.detail;
                void this.#load();
              }}></procedo-pager>
          `
          : this.page
          ? html`<p>${t("webhooks.deliveriesNone")}</p>`
          : nothing}
      </procedo-panel>
    `;
  }

  #row(d: Delivery) {
    return html`
      <tr>
        <td>${formatDateTime(d.at)}</td>
        <td>${d.eventType === "ping" ? t("webhooks.test") : eventLabel(d.eventType)}</td>
        <td>${d.attempt}</td>
        <td>
          <fluent-badge appearance="tint" color=${COLOR[d.status]}>
            ${t(`webhooks.delivery.${d.status}` as MessageKey)}</fluent-badge>
          ${d.error ? html`<div class="error">${d.error}</div>` : nothing}
        </td>
        <td>${d.responseCode ?? "–"}</td>
        <td>${d.durationMs}</td>
      </tr>
    `;
  }
}

customElements.define("procedo-webhook-deliveries", ProcedoWebhookDeliveries);
