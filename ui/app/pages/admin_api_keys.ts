// <procedo-admin-api-keys>: the workspace's API keys (metadata and last use, never the key),
// creating one (excellence plan; the API answers 403 plan-required otherwise) and revoking
// one after a confirmation.
import { html, LitElement, nothing } from "lit";
import "../../components/confirm_dialog.ts";
import type { ProcedoConfirm } from "../../components/confirm_dialog.ts";
import { icon } from "../../components/icons.ts";
import "../../components/admin_list.ts";
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
      <procedo-admin-list
        heading=${t("admin.keys.title")}
        intro=${t("admin.keys.intro")}
        commandsLabel=${t("admin.keys.commands")}
        primaryLabel=${t("admin.keys.new")}
        primaryTestId="new-key"
        status=${this.done ?? ""}
        tableTestId="keys-table"
        emptyText=${t("admin.keys.none")}
        .columns=${[
          { label: t("admin.keys.name") },
          { label: t("admin.keys.role") },
          { label: t("admin.keys.prefix") },
          { label: t("admin.keys.status") },
          { label: t("admin.keys.expires") },
          { label: t("admin.keys.lastUsed") },
          { label: t("table.actions"), hidden: true },
        ]}
        .data=${{ value: data.value, error: data.error, loading: data.loading }}
        .row=${(k: ApiKey) => this.#row(k)}
        .offset=${this.#list.state.offset}
        .limit=${PAGE}
        .actionError=${this.actionError}
        @primary=${() =>
          (this.renderRoot.querySelector("procedo-api-key-panel") as ProcedoApiKeyPanel).open()}
        @refresh=${() => data.reload()}
        @page=${(e: CustomEvent<number>) => this.#list.go({ offset: e.detail }, true)}
      ></procedo-admin-list>
      <procedo-api-key-panel @created=${() => data.reload()}></procedo-api-key-panel>
      <procedo-confirm></procedo-confirm>
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
