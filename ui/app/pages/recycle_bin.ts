// <procedo-recycle-bin>: deleted content of the last 30 days (modelers and executives) with
// Restore, and for executives Delete permanently after a confirmation.
import { html, LitElement, nothing } from "lit";
import "../../components/admin_list.ts";
import "../../components/confirm_dialog.ts";
import type { ProcedoConfirm } from "../../components/confirm_dialog.ts";
import { icon } from "../../components/icons.ts";
import { base, page, table } from "../../components/styles.ts";
import { type Schemas, unwrap } from "../../lib/api/client.ts";
import { ApiData } from "../../lib/api_data.ts";
import {
  formatDate,
  formatDateTime,
  LocaleController,
  type MessageKey,
  t,
} from "../../lib/i18n.ts";
import { searchPageCodec, UrlListController } from "../../lib/url_list.ts";
import { roleAllows, session } from "../session.ts";

type Entry = Schemas["RecycleBinEntry"];
const PAGE = 50;

/** The entry's type in words; a type of a plugin this page does not know stays as it is. */
function typeLabel(type: string): string {
  const key = `bin.type.${type}` as MessageKey;
  const label = t(key);
  return label === key ? type : label;
}

export class ProcedoRecycleBin extends LitElement {
  static override properties = {
    actionError: { state: true },
    done: { state: true },
  };
  static override styles = [base, page, table];
  declare actionError: unknown;
  declare done: string | undefined;
  #list = new UrlListController(this, searchPageCodec(PAGE), {
    load: { path: "/recycle-bin", run: () => void this.#entries.reload() },
  });
  #entries = new ApiData(this, async (signal) =>
    unwrap(
      await session().api.GET("/api/v1/recycle-bin", {
        params: { query: { limit: PAGE, offset: this.#list.state.offset } },
        signal,
      }),
    ), { auto: false });

  constructor() {
    super();
    new LocaleController(this);
  }

  override render() {
    const data = this.#entries;
    return html`
      <procedo-admin-list
        heading=${t("bin.title")}
        intro=${t("bin.intro")}
        commandsLabel=${t("bin.commands")}
        status=${this.done ?? ""}
        tableTestId="bin-table"
        emptyText=${t("bin.none")}
        .columns=${[
          { label: t("bin.name") },
          { label: t("bin.type") },
          { label: t("bin.deletedAt") },
          { label: t("bin.purgeAfter") },
          { label: t("table.actions"), hidden: true },
        ]}
        .data=${{ value: data.value, error: data.error, loading: data.loading }}
        .row=${(e: Entry) => this.#row(e)}
        .offset=${this.#list.state.offset}
        .limit=${PAGE}
        .actionError=${this.actionError}
        @refresh=${() => data.reload()}
        @page=${(e: CustomEvent<number>) => this.#list.go({ offset: e.detail }, true)}
      ></procedo-admin-list>
      <procedo-confirm></procedo-confirm>
    `;
  }

  #row(e: Entry) {
    const executive = roleAllows(session().me.user.role, "executive");
    return html`
      <tr data-entry=${e.title}>
        <td>${e.title}</td>
        <td>${typeLabel(e.type)}</td>
        <td>${formatDateTime(e.deletedAt)}</td>
        <td>${formatDate(e.purgeAfter)}</td>
        <td class="actions">
          <fluent-button size="small" appearance="subtle"
            aria-label=${t("bin.restoreNamed", { name: e.title })}
            @click=${() => this.#restore(e)}>${icon("arrowUndo", 16, "start")}${t(
              "bin.restore",
            )}</fluent-button>
          ${executive
            ? html`
              <fluent-button size="small" appearance="subtle"
                aria-label=${t("bin.purgeNamed", { name: e.title })}
                @click=${() => this.#purge(e)}>${icon("delete", 16, "start")}${t(
                  "bin.purge",
                )}</fluent-button>
            `
            : nothing}
        </td>
      </tr>
    `;
  }

  async #restore(e: Entry) {
    this.actionError = undefined;
    try {
      unwrap(
        await session().api.POST("/api/v1/recycle-bin/{id}/restore", {
          params: { path: { id: e.id } },
        }),
      );
      this.done = t("bin.restored", { name: e.title });
      await this.#entries.reload();
    } catch (err) {
      this.actionError = err;
    }
  }

  async #purge(e: Entry) {
    const confirm = this.renderRoot.querySelector("procedo-confirm") as ProcedoConfirm;
    const ok = await confirm.ask({
      title: t("bin.purgeTitle"),
      message: t("bin.purgeText", { name: e.title }),
      confirmLabel: t("bin.purge"),
      destructive: true,
    });
    if (!ok) return;
    this.actionError = undefined;
    try {
      unwrap(
        await session().api.DELETE("/api/v1/recycle-bin/{id}", {
          params: { path: { id: e.id } },
        }),
      );
      this.done = t("bin.purged", { name: e.title });
      await this.#entries.reload();
    } catch (err) {
      this.actionError = err;
    }
  }
}

customElements.define("procedo-recycle-bin", ProcedoRecycleBin);
