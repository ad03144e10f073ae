// <procedo-process-search api-base="…">: a search box over the workspace's published
// processes — titles, steps, tags and descriptions — with the app's result list (matches
// marked). Hits link to the app; `procedo-open-process` lets the host show one in a viewer.
import { css, html, LitElement } from "lit";
import "../app/pages/processes/map_search.ts";
import { SEARCH_MIN } from "../app/pages/processes/map_search.ts";
import { LocaleController, t } from "../lib/i18n.ts";
import type { TokenProvider } from "./connection.ts";
import { EMBED_PROPERTIES, EmbedController, type EmbedTheme } from "./controller.ts";
import { interceptProcessLinks } from "./open_process.ts";
import { embedStyles } from "./styles.ts";

export class ProcedoEmbedProcessSearch extends LitElement {
  static override properties = { ...EMBED_PROPERTIES, q: { state: true } };
  static override styles = [
    embedStyles,
    css`
      :host {
        min-height: var(--procedo-min-height, 0);
        height: var(--procedo-height, auto);
      }
      .content {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalM);
        padding: var(--spacingVerticalM) var(--spacingHorizontalM);
        overflow: auto;
      }
      input {
        box-sizing: border-box;
        width: 100%;
        min-height: 32px;
        padding: 0 var(--spacingHorizontalM);
        font: inherit;
        color: var(--colorNeutralForeground1);
        background: var(--colorNeutralBackground1);
        border: var(--strokeWidthThin) solid var(--colorNeutralStroke1);
        border-bottom-color: var(--colorNeutralStrokeAccessible);
        border-radius: var(--borderRadiusMedium);
      }
      input:focus-visible {
        outline: none;
        border-bottom: var(--strokeWidthThick) solid var(--colorCompoundBrandStroke);
      }
      label {
        font-weight: var(--fontWeightSemibold);
      }
    `,
  ];
  declare apiBase: string | null;
  declare clientId: string | null;
  declare authority: string | null;
  declare redirectUri: string | null;
  declare theme: EmbedTheme | null;
  declare tokenProvider: TokenProvider | undefined;
  declare q: string;
  // Nothing to load up front: signing in (silently) is all that is prepared.
  readonly embed = new EmbedController<true>(this, () => Promise.resolve(true));
  #typing?: ReturnType<typeof setTimeout>;

  constructor() {
    super();
    this.apiBase = null;
    this.clientId = null;
    this.authority = null;
    this.redirectUri = null;
    this.theme = null;
    this.tokenProvider = undefined;
    this.q = "";
    new LocaleController(this);
    this.addEventListener("click", interceptProcessLinks(this, () => this.embed.appUrl("")));
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.#typing);
  }

  override render() {
    return this.embed.render(() =>
      html`
        <div class="frame" part="frame" role="search" aria-label=${t("embed.searchLabel")}>
          <div class="content" part="body">
            <label for="q" part="label">${t("embed.searchLabel")}</label>
            <input id="q" type="search" part="input" autocomplete="off"
              minlength=${SEARCH_MIN} maxlength="100"
              placeholder=${t("embed.searchPlaceholder")} @input=${this.#onInput}>
            <procedo-map-search part="results" q=${this.q} published-only
              .api=${this.embed.connection?.api}
              .hrefOf=${(id: string) => this.embed.appUrl(`/processes/${id}`)}
            ></procedo-map-search>
          </div>
        </div>
      `
    );
  }

  #onInput = (e: Event) => {
    const value = (e.target as HTMLInputElement).value.trim().slice(0, 100);
    clearTimeout(this.#typing);
    this.#typing = setTimeout(() => (this.q = value), 300);
  };
}

customElements.define("procedo-process-search", ProcedoEmbedProcessSearch);
