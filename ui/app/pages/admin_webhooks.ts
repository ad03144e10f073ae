// <procedo-admin-webhooks>: the workspace's webhooks (URL, events, whether they deliver),
// registering one (its secret shown once), sending a test, switching one on or off, its
// delivery log, and deleting one after a confirmation.
import { html, LitElement } from "lit";
import "../../components/confirm_dialog.ts";
import type { ProcedoConfirm } from "../../components/confirm_dialog.ts";
import { icon } from "../../components/icons.ts";
import "../../components/admin_list.ts";
import { base, page, table } from "../../components/styles.ts";
import { type Schemas, unwrap } from "../../lib/api/client.ts";
import { ApiData } from "../../lib/api_data.ts";
import { searchPageCodec, UrlListController } from "../../lib/url_list.ts";
import { formatDateTime, LocaleController, t } from "../../lib/i18n.ts";
import { session } from "../session.ts";
import "./admin_tabs.ts";
import "./webhook_deliveries.ts";
import type { ProcedoWebhookDeliveries } from "./webhook_deliveries.ts";
import "./webhook_panel.ts";
import { eventLabel, type ProcedoWebhookPanel } from "./webhook_panel.ts";

type Webhook = Schemas["WebhookEndpoint"];
const PAGE = 50;

export class ProcedoAdminWebhooks extends LitElement {
  static override properties = {
    actionError: { state: true },
    done: { state: true },
  };
  static override styles = [base, page, table];
  declare actionError: unknown;
  declare done: string | undefined;
  #list = new UrlListController(this, searchPageCodec(PAGE), {
    load: { path: "/admin/webhooks", run: () => void this.#hooks.reload() },
  });
  #hooks = new ApiData(this, async (signal) =>
    unwrap(
      await session().api.GET("/api/v1/webhooks", {
        params: { query: { limit: PAGE, offset: this.#list.state.offset } },
        signal,
      }),
    ), { auto: false });

  constructor() {
    super();
    new LocaleController(this);
  }

  override render() {
    const data = this.#hooks;
    return html`
      <procedo-admin-tabs></procedo-admin-tabs>
      <procedo-admin-list
        heading=${t("webhooks.title")}
        intro=${t("webhooks.intro")}
        commandsLabel=${t("webhooks.commands")}
        primaryLabel=${t("webhooks.new")}
        primaryTestId="new-webhook"
        status=${this.done ?? ""}
        tableTestId="webhooks-table"
        emptyText=${t("webhooks.none")}
        .columns=${[
          { label: t("webhooks.url") },
          { label: t("webhooks.events") },
          { label: t("webhooks.status") },
          { label: t("webhooks.lastDelivery") },
          { label: t("table.actions"), hidden: true },
        ]}
        .data=${{ value: data.value, error: data.error, loading: data.loading }}
        .row=${(w: Webhook) => this.#row(w)}
        .offset=${this.#list.state.offset}
        .limit=${PAGE}
        .actionError=${this.actionError}
        @primary=${() =>
          (this.renderRoot.querySelector("procedo-webhook-panel") as ProcedoWebhookPanel).open()}
        @refresh=${() => data.reload()}
        @page=${(e: CustomEvent<number>) => this.#list.go({ offset: e.detail }, true)}
      ></procedo-admin-list>
      <procedo-webhook-panel @created=${() => data.reload()}></procedo-webhook-panel>
      <procedo-webhook-deliveries></procedo-webhook-deliveries>
      <procedo-confirm></procedo-confirm>
    `;
  }

  #status(w: Webhook) {
    if (w.disabledReason) {
      return html`<fluent-badge appearance="tint" color="danger" title=${w.disabledReason}>
        ${t("webhooks.status.switchedOff")}</fluent-badge>`;
    }
    if (!w.enabled) {
      return html`<fluent-badge appearance="tint" color="subtle">${
        t(
          "webhooks.status.off",
        )
      }</fluent-badge>`;
    }
    return w.failureStreak
      ? html`<fluent-badge appearance="tint" color="warning">${
        t("webhooks.status.failing", {
          n: w.failureStreak,
        })
      }</fluent-badge>`
      : html`<fluent-badge appearance="tint" color="success">${
        t(
          "webhooks.status.on",
        )
      }</fluent-badge>`;
  }

  #row(w: Webhook) {
    return html`
      <tr data-webhook=${w.url}>
        <td class="mono">${w.url}</td>
        <td>${w.events.map(eventLabel).join(", ")}</td>
        <td>${this.#status(w)}</td>
        <td>${formatDateTime(w.lastDeliveryAt)}</td>
        <td class="actions">
          <fluent-button size="small" appearance="subtle"
            @click=${() =>
              (this.renderRoot.querySelector(
                "procedo-webhook-deliveries",
              ) as ProcedoWebhookDeliveries).open(w)}>${icon("history", 16, "start")}${t(
                "webhooks.deliveries",
              )}</fluent-button>
          <fluent-button size="small" appearance="subtle" @click=${() => this.#test(w)}>
            ${t("webhooks.test")}</fluent-button>
          <fluent-button size="small" appearance="subtle" @click=${() => this.#toggle(w)}>
            ${t(w.enabled ? "webhooks.switchOff" : "webhooks.switchOn")}</fluent-button>
          <fluent-button size="small" appearance="subtle"
            aria-label=${t("webhooks.deleteNamed", { url: w.url })}
            @click=${() => this.#delete(w)}>${icon("delete", 16, "start")}${t(
              "webhooks.delete",
            )}</fluent-button>
        </td>
      </tr>
    `;
  }

  async #act(run: () => Promise<void>) {
    this.actionError = undefined;
    try {
      await run();
      await this.#hooks.reload();
    } catch (e) {
      this.actionError = e;
    }
  }

  #test(w: Webhook) {
    return this.#act(async () => {
      const params = { path: { id: w.id } };
      unwrap(await session().api.POST("/api/v1/webhooks/{id}/test", { params }));
      this.done = t("webhooks.tested", { url: w.url });
    });
  }

  #toggle(w: Webhook) {
    return this.#act(async () => {
      unwrap(
        await session().api.PATCH("/api/v1/webhooks/{id}", {
          params: { path: { id: w.id } },
          body: { enabled: !w.enabled },
        }),
      );
      this.done = undefined;
    });
  }

  async #delete(w: Webhook) {
    const confirm = this.renderRoot.querySelector("procedo-confirm") as ProcedoConfirm;
    const ok = await confirm.ask({
      title: t("webhooks.deleteTitle"),
      message: t("webhooks.deleteText", { url: w.url }),
      confirmLabel: t("webhooks.delete"),
      destructive: true,
    });
    if (!ok) return;
    await this.#act(async () => {
      unwrap(
        await session().api.DELETE("/api/v1/webhooks/{id}", { params: { path: { id: w.id } } }),
      );
      this.done = t("webhooks.deleted", { url: w.url });
    });
  }
}

customElements.define("procedo-admin-webhooks", ProcedoAdminWebhooks);
