// <procedo-tags-page>: the workspace's tags — search, a compact list, create and edit in a
// panel, delete after one confirmation. Readers see the list only (the API refuses their
// writes anyway). A delete of a tag someone changed meanwhile (412) offers a reload.
import { css, html, LitElement, nothing } from "lit";
import "../../components/confirm_dialog.ts";
import type { ProcedoConfirm } from "../../components/confirm_dialog.ts";
import { icon } from "../../components/icons.ts";
import "../../components/admin_list.ts";
import { base, page, table } from "../../components/styles.ts";
import { type Schemas, unwrap } from "../../lib/api/client.ts";
import { ApiData } from "../../lib/api_data.ts";
import { searchPageCodec, UrlListController } from "../../lib/url_list.ts";
import { formatDateTime, LocaleController, t } from "../../lib/i18n.ts";
import { roleAllows, session } from "../session.ts";
import "./tag_panel.ts";
import type { ProcedoTagPanel } from "./tag_panel.ts";

type Tag = Schemas["Tag"];
const PAGE = 50;

export class ProcedoTagsPage extends LitElement {
  static override properties = {
    actionError: { state: true },
  };
  static override styles = [
    base,
    page,
    table,
    css`
      .search {
        width: min(100%, 20rem);
      }
      .swatch {
        display: inline-block;
        width: 12px;
        height: 12px;
        margin-inline-end: var(--spacingHorizontalS);
        border-radius: var(--borderRadiusCircular);
        vertical-align: middle;
        outline: var(--strokeWidthThin) solid var(--colorNeutralStroke1);
      }
      td.description {
        max-width: 32rem;
        overflow: hidden;
        text-overflow: ellipsis;
      }
    `,
  ];
  declare actionError: unknown;
  #list = new UrlListController(this, searchPageCodec(PAGE), {
    load: { path: "/tags", run: () => void this.#tags.reload() },
  });
  #tags = new ApiData(this, async (signal) =>
    unwrap(
      await session().api.GET("/api/v1/tags", {
        params: {
          query: {
            q: this.#list.state.q || undefined,
            limit: PAGE,
            offset: this.#list.state.offset,
          },
        },
        signal,
      }),
    ), { auto: false });

  constructor() {
    super();
    new LocaleController(this);
  }

  get #canEdit() {
    return roleAllows(session().me.user.role, "modeler");
  }

  override render() {
    const data = this.#tags;
    const edit = this.#canEdit;
    return html`
      <procedo-admin-list
        heading=${t("tags.title")}
        commandsLabel=${t("tags.commands")}
        primaryLabel=${edit ? t("tags.new") : ""}
        primaryTestId="new-tag"
        searchLabel=${t("tags.search")}
        searchPlaceholder=${t("tags.searchPlaceholder")}
        searchTestId="tag-search"
        tableTestId="tags-table"
        emptyText=${this.#list.state.q ? t("tags.noMatch") : t("tags.empty")}
        .columns=${[
          { label: t("tags.name") },
          { label: t("tags.description") },
          { label: t("tags.updated") },
          ...(edit ? [{ label: t("table.actions"), hidden: true }] : []),
        ]}
        .data=${{ value: data.value, error: data.error, loading: data.loading }}
        .row=${(tag: Tag) => this.#row(tag)}
        .offset=${this.#list.state.offset}
        .limit=${PAGE}
        .actionError=${this.actionError}
        .onSearch=${this.#list.onSearch}
        @primary=${() => this.#panel.open()}
        @refresh=${() => data.reload()}
        @conflict-reload=${this.#afterConflict}
        @page=${(e: CustomEvent<number>) => this.#list.go({ offset: e.detail }, true)}
      ></procedo-admin-list>
      <procedo-tag-panel @saved=${() => data.reload()}></procedo-tag-panel>
      <procedo-confirm></procedo-confirm>
    `;
  }

  #row(tag: Tag) {
    return html`<tr data-tag=${tag.name}>
      <td><span class="swatch" style="background:${tag.color}"></span>${tag.name}</td>
      <td class="description" title=${tag.description}>${tag.description}</td>
      <td>${formatDateTime(tag.updatedAt)}</td>
      ${
      this.#canEdit
        ? html`
          <td class="actions">
            <fluent-button size="small" appearance="subtle" icon-only
              aria-label=${t("tags.edit", { name: tag.name })}
              @click=${() => this.#panel.open(tag)}>${icon("edit", 16)}</fluent-button>
            <fluent-button size="small" appearance="subtle" icon-only
              aria-label=${t("tags.delete", { name: tag.name })}
              @click=${() => this.#delete(tag)}>${icon("delete", 16)}</fluent-button>
          </td>
        `
        : nothing
    }
    </tr>`;
  }

  get #panel() {
    return this.renderRoot.querySelector("procedo-tag-panel") as ProcedoTagPanel;
  }

  async #delete(tag: Tag) {
    const confirm = this.renderRoot.querySelector("procedo-confirm") as ProcedoConfirm;
    const ok = await confirm.ask({
      title: t("tags.deleteTitle"),
      message: t("tags.deleteText", { name: tag.name }),
      confirmLabel: t("action.delete"),
      destructive: true,
    });
    if (!ok) return;
    this.actionError = undefined;
    try {
      unwrap(
        await session().api.DELETE("/api/v1/tags/{id}", {
          params: { path: { id: tag.id }, header: { "if-match": `W/"${tag.version}"` } },
        }),
      );
      await this.#tags.reload();
    } catch (e) {
      this.actionError = e;
    }
  }

  #afterConflict = async () => {
    this.actionError = undefined;
    await this.#tags.reload();
  };
}

customElements.define("procedo-tags-page", ProcedoTagsPage);
