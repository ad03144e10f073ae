// <procedo-tags-page>: the workspace's tags — search, a compact list, create and edit in a
// panel, delete after one confirmation. Readers see the list only (the API refuses their
// writes anyway). A delete of a tag someone changed meanwhile (412) offers a reload.
import { css, html, LitElement, nothing } from "lit";
import "../../components/confirm_dialog.ts";
import type { ProcedoConfirm } from "../../components/confirm_dialog.ts";
import { icon } from "../../components/icons.ts";
import "../../components/pager.ts";
import "../../components/problem_bar.ts";
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
    return html`
      <h1>${t("tags.title")}</h1>
      <div class="commandbar" role="toolbar" aria-label=${t("tags.commands")}>
        ${this.#canEdit
          ? html`
            <fluent-button appearance="primary" data-testid="new-tag"
              @click=${() => this.#panel.open()}>${icon("add", 20, "start")}${t(
                "tags.new",
              )}</fluent-button>
          `
          : nothing}
        <fluent-button appearance="subtle" @click=${() => data.reload()}>
          ${icon("refresh", 20, "start")}${t("action.refresh")}
        </fluent-button>
        <span class="grow"></span>
        <fluent-text-input
          class="search"
          type="search"
          placeholder=${t("tags.searchPlaceholder")}
          data-testid="tag-search"
          @input=${this.#list.onSearch}
        ><span class="visually-hidden">${t("tags.search")}</span>
          <span slot="start">${icon("search", 16)}</span></fluent-text-input>
      </div>
      <procedo-problem .error=${this.actionError} @reload=${this.#afterConflict}></procedo-problem>
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
          <procedo-pager
            total=${data.value.total}
            offset=${this.#list.state.offset}
            limit=${PAGE}
            @page=${(e: CustomEvent<number>) => this.#list.go({ offset: e.detail }, true)}
          ></procedo-pager>
        `
        : nothing}
      <procedo-tag-panel @saved=${() => data.reload()}></procedo-tag-panel>
      <procedo-confirm></procedo-confirm>
    `;
  }

  #table(items: Tag[]) {
    if (items.length === 0) {
      return html`<p class="empty">${this.#list.state.q ? t("tags.noMatch") : t("tags.empty")}</p>`;
    }
    return html`
      <div class="table-wrap">
        <table data-testid="tags-table">
          <caption class="visually-hidden">${t("tags.title")}</caption>
          <thead>
            <tr>
                  <th scope="col">${t("tags.name")}</th>
                  <th scope="col">${t("tags.description")}</th>
                  <th scope="col">${t("tags.updated")}</th>
                  ${this.#canEdit
                    ? html`<th scope="col"><span class="visually-hidden">
              ${t("table.actions")}</span></th>`
                    : nothing}
                </tr>
          </thead>
          <tbody>
                ${items.map((tag) => this.#row(tag))}
              </tbody>
        </table>
      </div>
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
