// <procedo-resource-tabs>: documents, IT systems and locations as tab-styled links (each
// kind has its own address, so these are links with aria-current, not an in-page tab list).
import { css, html, LitElement } from "lit";
import { icon } from "../../../components/icons.ts";
import { base } from "../../../components/styles.ts";
import { LocaleController, t } from "../../../lib/i18n.ts";
import { RouteController } from "../../../lib/router.ts";
import { kindText, SPECS, TAB_KINDS } from "./kinds.ts";
import { listPath } from "./resource_list.ts";

export class ProcedoResourceTabs extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
      }
      ul {
        display: flex;
        flex-wrap: wrap;
        gap: var(--spacingHorizontalXS);
        list-style: none;
        margin: 0;
        padding: 0;
      }
      a {
        position: relative;
        display: flex;
        align-items: center;
        gap: var(--spacingHorizontalXS);
        min-height: 36px;
        padding: 0 var(--spacingHorizontalM);
        border-radius: var(--borderRadiusMedium);
        color: var(--colorNeutralForeground2);
        text-decoration: none;
      }
      a:hover {
        background: var(--colorSubtleBackgroundHover);
        color: var(--colorNeutralForeground2Hover);
      }
      a[aria-current="page"] {
        color: var(--colorNeutralForeground1);
        font-weight: var(--fontWeightSemibold);
      }
      a[aria-current="page"]::after {
        content: "";
        position: absolute;
        inset-inline: var(--spacingHorizontalM);
        bottom: 0;
        height: 3px;
        border-radius: var(--borderRadiusCircular);
        background: var(--colorCompoundBrandStroke);
      }
      a[aria-current="page"] .icon {
        color: var(--colorCompoundBrandForeground1);
      }
    `,
  ];
  #route = new RouteController(this);

  constructor() {
    super();
    new LocaleController(this);
  }

  override render() {
    const path = this.#route.location.path;
    return html`
      <nav aria-label=${t("resources.kinds")}>
        <ul>
          ${TAB_KINDS.map((kind) => {
            const href = listPath(kind);
            return html`<li><a href=${href} data-kind=${kind}
              aria-current=${href === path ? "page" : "false"}>${icon(SPECS[kind].icon, 16)}${
              kindText(kind, "tab")
            }</a></li>`;
          })}
        </ul>
      </nav>
    `;
  }
}

customElements.define("procedo-resource-tabs", ProcedoResourceTabs);
