// <procedo-process-details>: the process's metadata — description (Markdown shown as text),
// category, parent, owner, tags, dates — and its review status.
import { css, html, LitElement, nothing } from "lit";
import { base } from "../../../components/styles.ts";
import { unwrap } from "../../../lib/api/client.ts";
import { ApiData } from "../../../lib/api_data.ts";
import { formatDateTime, LocaleController, type MessageKey, t } from "../../../lib/i18n.ts";
import { session } from "../../session.ts";
import { markdown } from "./page_markdown.ts";
import { isModeler, personName, type Process } from "./page_model.ts";
import "./page_review.ts";

export class ProcedoProcessDetails extends LitElement {
  static override properties = {
    process: { attribute: false },
    names: { attribute: false },
    people: { attribute: false },
  };
  static override styles = [
    base,
    css`
      :host {
        display: grid;
        grid-template-columns: minmax(0, 2fr) minmax(16rem, 1fr);
        gap: var(--spacingVerticalXL) var(--spacingHorizontalXXL);
        align-items: start;
      }
      @media (max-width: 900px) {
        :host {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      section {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalS);
        min-width: 0;
      }
      .description {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalS);
        max-width: 60rem;
      }
      dl {
        display: grid;
        grid-template-columns: minmax(8rem, max-content) 1fr;
        gap: var(--spacingVerticalXS) var(--spacingHorizontalM);
        margin: 0;
      }
      dt {
        color: var(--colorNeutralForeground3);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .tags {
        display: flex;
        flex-wrap: wrap;
        gap: var(--spacingHorizontalXS);
      }
    `,
  ];
  declare process: Process;
  declare names: ReadonlyMap<string, string>;
  declare people: ReadonlyMap<string, string>;
  #tags = new ApiData(
    this,
    async (signal) =>
      unwrap(
        await session().api.GET("/api/v1/tags", { params: { query: { limit: 200 } }, signal }),
      ),
  );
  #parent = new ApiData(this, async (signal) => {
    const id = this.process.parentId;
    if (!id) return undefined;
    const res = await session().api.GET("/api/v1/processes/{id}", {
      params: { path: { id } },
      signal,
    });
    return res.data;
  });

  constructor() {
    super();
    this.names = new Map();
    this.people = new Map();
    new LocaleController(this);
  }

  override render() {
    const p = this.process;
    const tagNames = new Map((this.#tags.value?.items ?? []).map((tag) => [tag.id, tag.name]));
    const parent = this.#parent.value;
    return html`
      <section>
        <h2>${t("processes.page.description")}</h2>
        ${isModeler()
          ? html`<a class="edit-meta" href=${`/processes/${p.id}/edit`} data-testid="edit-meta">${
            t("processes.page.editMeta")
          }</a>`
          : nothing}
        <div class="description" data-testid="process-description">${p.description.trim()
          ? markdown(p.description)
          : html`<p class="muted">${t("processes.page.noDescription")}</p>`}</div>
      </section>
      <section>
        <h2>${t("processes.page.facts")}</h2>
        <dl>
          <dt>${t("processes.page.category")}</dt>
          <dd>${t(`processes.category.${p.category}` as MessageKey)}</dd>
          ${p.parentId
            ? html`
              <dt>${t("processes.page.parent")}</dt>
              <dd><a href=${`/processes/${p.parentId}`}>${parent?.title ?? p.parentId}</a></dd>
            `
            : nothing}
          <dt>${t("processes.page.ownerPosition")}</dt>
          <dd>${p.ownerPositionId
            ? this.names.get(p.ownerPositionId) ?? p.ownerPositionId
            : t("processes.page.noOwner")}</dd>
          <dt>${t("processes.page.ownerUser")}</dt>
          <dd>${p.ownerUserId
            ? personName(p.ownerUserId, this.people)
            : t("processes.owner.creator", { name: personName(p.createdBy, this.people) })}</dd>
          <dt>${t("processes.page.tags")}</dt>
          <dd class="tags">${p.tagIds.length
            ? p.tagIds.map((id) =>
              html`<fluent-badge appearance="tint" color="informative">${
                tagNames.get(id) ?? id
              }</fluent-badge>`
            )
            : "—"}</dd>
          <dt>${t("processes.page.created")}</dt>
          <dd>${formatDateTime(p.createdAt)}</dd>
          <dt>${t("processes.page.updated")}</dt>
          <dd>${formatDateTime(p.updatedAt)}</dd>
        </dl>
        <procedo-process-review .process=${p}></procedo-process-review>
      </section>
    `;
  }
}

customElements.define("procedo-process-details", ProcedoProcessDetails);
