// /processes/:id/compare?from=…&to=…: two versions of a process compared visually
// (<procedo-version-diff>), with the pair in the URL so a comparison can be linked and
// survives a reload. Its own chunk: the process page loads it only when someone compares.
import { css, html, LitElement } from "lit";
import { icon } from "../../../components/icons.ts";
import { base, page } from "../../../components/styles.ts";
import "../../../components/version_diff/version_diff.ts";
import type { PairChangeDetail } from "../../../components/version_diff/version_diff.ts";
import { unwrap } from "../../../lib/api/client.ts";
import { ApiData } from "../../../lib/api_data.ts";
import { LocaleController, t } from "../../../lib/i18n.ts";
import { RouteController } from "../../../lib/router.ts";
import { session } from "../../session.ts";

export class ProcedoComparePage extends LitElement {
  static override properties = { params: { attribute: false } };
  static override styles = [
    base,
    page,
    css`
      .back {
        display: inline-flex;
        align-items: center;
        gap: var(--spacingHorizontalXS);
        color: var(--colorBrandForegroundLink);
        font-size: var(--fontSizeBase200);
      }
    `,
  ];
  declare params: { id: string };
  #route = new RouteController(this);
  #loadedFor = "";
  #process = new ApiData(this, async (signal) =>
    this.params.id
      ? unwrap(
        await session().api.GET("/api/v1/processes/{id}", {
          params: { path: { id: this.params.id } },
          signal,
        }),
      )
      : undefined, { auto: false });

  constructor() {
    super();
    this.params = { id: "" };
    new LocaleController(this);
  }

  protected override willUpdate() {
    if (this.params.id && this.params.id !== this.#loadedFor) {
      this.#loadedFor = this.params.id;
      void this.#process.reload();
    }
  }

  /** The picked pair into the address bar, in place: no new page for the shell to focus. */
  #showPair = (e: CustomEvent<PairChangeDetail>) => {
    const query = new URLSearchParams({ from: e.detail.from, to: e.detail.to });
    history.replaceState(null, "", `${location.pathname}?${query}`);
  };

  override render() {
    const id = this.params.id;
    const query = this.#route.location.query;
    const title = this.#process.value?.title;
    return html`
      <a class="back" href=${`/processes/${encodeURIComponent(id)}`}>${icon(
        "chevronLeft",
        16,
      )}${t("diff.back")}</a>
      <h1>${title ? t("diff.pageTitle", { title }) : t("diff.title")}</h1>
      <procedo-version-diff
        process-id=${id}
        from=${query.get("from") ?? ""}
        to=${query.get("to") ?? ""}
        @pair-change=${this.#showPair}
      ></procedo-version-diff>
    `;
  }
}

customElements.define("procedo-compare-page", ProcedoComparePage);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-compare-page": ProcedoComparePage;
  }
}
