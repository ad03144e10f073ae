// <procedo-map-search q="…">: search hits across the landscape — titles, step labels, tag
// names and descriptions — best first, each with the snippets that matched and the matches
// marked. The snippets are built from the API's plain text and highlight ranges (not its
// ready-made HTML), so nothing from the server is ever parsed as markup.
import { css, html, LitElement, nothing } from "lit";
import "../../../components/problem_bar.ts";
import { base } from "../../../components/styles.ts";
import { type ProcedoClient, type Schemas, unwrap } from "../../../lib/api/client.ts";
import { ApiData } from "../../../lib/api_data.ts";
import { formatNumber, LocaleController, t } from "../../../lib/i18n.ts";
import { session } from "../../session.ts";
import { categoryName, cellStyles, statusBadge } from "./list_cells.ts";

type Hit = Schemas["SearchHit"];
type Match = Schemas["SearchMatch"];
export const SEARCH_MIN = 2;
const SHOWN = 20;

export class ProcedoMapSearch extends LitElement {
  static override properties = {
    q: {},
    api: { attribute: false },
    hrefOf: { attribute: false },
    publishedOnly: { type: Boolean, attribute: "published-only" },
  };
  static override styles = [
    base,
    cellStyles,
    css`
      :host {
        display: block;
      }
      section {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalS);
        padding: var(--spacingVerticalM) var(--spacingHorizontalL);
        border: var(--strokeWidthThin) solid var(--colorNeutralStroke2);
        border-radius: var(--borderRadiusLarge);
      }
      ol {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalM);
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--spacingHorizontalS);
      }
      .head a {
        font-weight: var(--fontWeightSemibold);
        color: var(--colorBrandForegroundLink);
      }
      .category,
      .field {
        font-size: var(--fontSizeBase200);
        color: var(--colorNeutralForeground3);
      }
      .snippets {
        margin: var(--spacingVerticalXXS) 0 0;
        padding: 0;
        list-style: none;
        font-size: var(--fontSizeBase200);
      }
      .field {
        margin-inline-end: var(--spacingHorizontalXS);
      }
      mark {
        background: var(--colorPaletteYellowBackground2);
        color: var(--colorNeutralForeground1);
        border-radius: var(--borderRadiusSmall);
      }
    `,
  ];
  declare q: string;
  /** The client to search with (the signed-in session's by default; embeds bring their own). */
  declare api: ProcedoClient | undefined;
  /** Where a hit opens (its app page by default). */
  declare hrefOf: (id: string) => string;
  /** Leaves out unpublished processes and matches in drafts (embeds show published content). */
  declare publishedOnly: boolean;
  #asked?: string;
  #hits = new ApiData(this, async (signal) => {
    const q = this.q;
    const result = unwrap(
      await (this.api ?? session().api).GET("/api/v1/processes/search", {
        params: { query: { q, limit: SHOWN } },
        signal,
      }),
    );
    if (this.publishedOnly) {
      const items = result.items.filter((h) => h.publishedVersion > 0)
        .map((h) => ({ ...h, matches: h.matches.filter((m) => m.source !== "draft") }))
        .filter((h) => h.matches.length > 0);
      return { q, result: { ...result, items, total: items.length } };
    }
    return { q, result };
  }, { auto: false });

  constructor() {
    super();
    this.q = "";
    this.api = undefined;
    this.hrefOf = (id) => `/processes/${id}`;
    this.publishedOnly = false;
    new LocaleController(this);
  }

  override willUpdate() {
    if (this.q.length < SEARCH_MIN || this.q === this.#asked) return;
    this.#asked = this.q;
    void this.#hits.reload();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#asked = undefined;
  }

  override render() {
    if (!this.q) return nothing;
    const data = this.#hits;
    // Hits for an earlier text are not shown as hits for this one.
    const result = data.value?.q === this.q ? data.value.result : undefined;
    const status = this.q.length < SEARCH_MIN
      ? t("processes.map.searchTooShort")
      : !result
      ? t("app.loading")
      : result.items.length
      ? t("processes.map.searchResults", { count: formatNumber(result.total), q: this.q })
      : t("processes.map.searchNone", { q: this.q });
    return html`<section aria-labelledby="search-status" data-testid="search-results">
      <p id="search-status" role="status">${status}</p>
      ${
      data.error
        ? html`<procedo-problem .error=${data.error} @retry=${() =>
          data.reload()}></procedo-problem>`
        : nothing
    }
      ${result?.items.length ? html`<ol>${result.items.map((h) => this.#hit(h))}</ol>` : nothing}
    </section>`;
  }

  #hit(hit: Hit) {
    // The title is the link; a title match needs no second line of its own.
    const snippets = hit.matches.filter((m) => m.field !== "title");
    const title = hit.matches.find((m) => m.field === "title");
    return html`<li data-process=${hit.title}>
      <div class="head">
        <a href=${this.hrefOf(hit.id)}>${title ? marked(title) : hit.title}</a>
        <span class="category">${categoryName(hit.category)}</span>
        ${statusBadge(hit.publishedVersion)}
      </div>
      ${
      snippets.length
        ? html`<ul class="snippets">${
          snippets.map((m) =>
            html`<li><span class="field">${t(`processes.map.field.${m.field}`)}${
              m.source === "draft" ? ` (${t("processes.map.draftStep")})` : ""
            }:</span>${marked(m)}</li>`
          )
        }</ul>`
        : nothing
    }
    </li>`;
  }
}

/** `text` with its highlight ranges in <mark>. */
function marked(m: Match) {
  const parts: unknown[] = [];
  let at = 0;
  for (const h of [...m.highlights].sort((a, b) => a.start - b.start)) {
    if (h.start < at) continue;
    parts.push(m.text.slice(at, h.start), html`<mark>${m.text.slice(h.start, h.end)}</mark>`);
    at = h.end;
  }
  parts.push(m.text.slice(at));
  return parts;
}

customElements.define("procedo-map-search", ProcedoMapSearch);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-map-search": ProcedoMapSearch;
  }
}
