// <procedo-admin-api-keys>: the workspace's API keys (metadata and last use, never the key),
// creating one (excellence plan; the API answers 403 plan-required otherwise) and revoking
// one after a confirmation.
import { html, LitElement, nothing } from "lit";
import "../../components/confirm_dialog.ts";
import type { ProcedoConfirm } from "../../components/confirm_dialog.ts";
import { icon } from "../../components/icons.ts";
import "../../components/pager.ts";
import "../../components/problem_bar.ts";
import { base, page, table } from "../../components/styles.ts";
import { type Schemas, unwrap } from "../../lib/api/client.ts";
import { ApiData } from "../../lib/api_data.ts";
import { searchPageCodec, UrlListController } from "../../lib/url_list.ts";
import { formatDate, formatDateTime, LocaleController, t } from "../../lib/i18n.ts";
import { session } from "../session.ts";
import "./admin_tabs.ts";
import "./api_key_panel.ts";
import type { ProcedoApiKeyPanel } from "./api_key_panel.ts";

type ApiKey = Schemas["ApiKey"];
const PAGE = 50;
const STATUS_COLOR = { active: "success", expired: "warning", revoked: "subtle" } as const;

export class ProcedoAdminApiKeys extends LitElement {
  static override properties = {
    actionError: { state: true },
    done: { state: true },
  };
  static override styles = [base, page, table];
  declare actionError: unknown;
  declare done: string | undefined;
  #list = new UrlListController(this, searchPageCodec(PAGE), {
    load: { path: "/admin/api-keys", run: () => void this.#keys.reload() },
  });
  #keys = new ApiData(this, async (signal) =>
    unwrap(
      await session().api.GET("/api/v1/api-keys", {
        params: { query: { limit: PAGE, offset: this.#list.state.offset } },
        signal,
      }),
    ), { auto: false });

  constructor() {
    super();
    new LocaleController(this);
  }

  override render() {
    const data = this.#keys;
    return html`
      <procedo-admin-tabs></procedo-admin-tabs>
      <h1>${t("admin.keys.title")}</h1>
      <p class="muted">${t("admin.keys.intro")}</p>
      <div class="commandbar" role="toolbar" aria-label=${t("admin.keys.commands")}>
        <fluent-button appearance="primary" data-testid="new-key" @click=${() =>
          (this.renderRoot.querySelector("procedo-api-key-panel") as ProcedoApiKeyPanel).open()}>
          ${icon("add", 20, "start")}${t("admin.keys.new")}</fluent-button>
        <fluent-button appearance="subtle" @click=${() => data.reload()}>
          ${icon("refresh", 20, "start")}${t("action.refresh")}</fluent-button>
        <span class="status grow" role="status">${this.done ?? ""}</span>
      </div>
      <procedo-problem .error=${this.actionError}></procedo-problem>
      ${data.error
        ? html`<procedo-problem .error=${data.error} @retry=${() =>
          data.reload()}></procedo-problem>`
        : nothing}
      ${data.value ? this.#table(data.value.items) : nothing}
      ${!data.value && data.loading
        ? html`<fluent-spinner aria-label=${t("app.loading")}></fluent-spinner>`
        : nothing}
      ${data.value
        ? html`
          <procedo-pager total=${data.value.total} offset=${this.#list.state.offset} limit=${PAGE}
            @page=${(e: CustomEvent<number>) =>
              this.#list.go({ offset: e.detail }, true)}></procedo-pager>
        `
        : nothing}
      <procedo-api-key-panel @created=${() => data.reload()}></procedo-api-key-panel>
      <procedo-confirm></procedo-confirm>
    `;
  }

  #table(keys: ApiKey[]) {
    if (keys.length === 0) return html`<p class="empty">${t("admin.keys.none")}</p>`;
    return html`
      <div class="table-wrap">
        <table data-testid="keys-table">
          <caption class="visually-hidden">${t("admin.keys.title")}</caption>
          <thead>
            <tr>
              <th scope="col">${t("admin.keys.name")}</th>
              <th scope="col">${t("admin.keys.role")}</th>
              <th scope="col">${t("admin.keys.prefix")}</th>
              <th scope="col">${t("admin.keys.status")}</th>
              <th scope="col">${t("admin.keys.expires")}</th>
              <th scope="col">${t("admin.keys.lastUsed")}</th>
              <th scope="col"><span class="visually-hidden">${t("table.actions")}</span></th>
            </tr>
          </thead>
          <tbody>${keys.map((k) => this.#row(k))}</tbody>
        </table>
      </div>
    `;
  }

  #row(k: ApiKey) {
    return html`
      <tr data-key=${k.name}>
        <td>${k.name}</td>
        <td>${t(`role.${k.role}`)}</td>
        <td class="mono">${k.keyPrefix}</td>
        <td>
          <fluent-badge appearance="tint" color=${STATUS_COLOR[k.status]}>
              ${t(`admin.keys.status.${k.status}`)}</fluent-badge>
        </td>
        <td>${formatDate(k.expiresAt)}</td>
        <td>${formatDateTime(k.lastUsedAt)}</td>
        <td class="actions">${k.status === "active"
          ? html`
            <fluent-button size="small" appearance="subtle"
              aria-label=${t("admin.keys.revokeNamed", { name: k.name })}
              @click=${() => this.#revoke(k)}>${icon("delete", 16, "start")}${t(
                "admin.keys.revoke",
              )}</fluent-button>
          `
          : nothing}</td>
      </tr>
    `;
  }

  async #revoke(k: ApiKey) {
    const confirm = this.renderRoot.querySelector("procedo-confirm") as ProcedoConfirm;
    const ok = await confirm.ask({
      title: t("admin.keys.revokeTitle"),
      message: t("admin.keys.revokeText", { name: k.name }),
      confirmLabel: t("admin.keys.revoke"),
      destructive: true,
    });
    if (!ok) return;
    this.actionError = undefined;
    try {
      unwrap(
        await session().api.DELETE("/api/v1/api-keys/{id}", { params: { path: { id: k.id } } }),
      );
      this.done = t("admin.keys.revoked", { name: k.name });
      await this.#keys.reload();
    } catch (e) {
      this.actionError = e;
    }
  }
}

customElements.define("procedo-admin-api-keys", ProcedoAdminApiKeys);
