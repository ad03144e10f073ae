// <procedo-tab-links label="…" .links=${[{ href, label, icon }]}>: sections that have their
// own addresses, shown as tab-styled links with aria-current on the one open now (links, not
// an in-page tab list, so each opens in a new tab and works with back/forward).
import { css, html, LitElement, nothing } from "lit";
import { RouteController } from "../lib/router.ts";
import { icon, type IconName } from "./icons.ts";
import { base } from "./styles.ts";

export interface TabLink {
  href: string;
  label: string;
  icon: IconName;
  /** A value for the link's data-tab attribute (tests, styling). */
  id?: string;
}

export class ProcedoTabLinks extends LitElement {
  static override properties = {
    label: {},
    eyebrow: {},
    links: { attribute: false },
  };
  static override styles = [
    base,
    css`
      :host {
        display: block;
      }
      .eyebrow {
        color: var(--colorNeutralForeground3);
        font-size: var(--fontSizeBase200);
      }
      ul {
        display: flex;
        flex-wrap: wrap;
        gap: var(--spacingHorizontalXS);
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .eyebrow + ul {
        margin-top: var(--spacingVerticalXS);
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
  declare label: string;
  declare eyebrow: string | undefined;
  declare links: TabLink[];
  #route = new RouteController(this);

  constructor() {
    super();
    this.label = "";
    this.links = [];
  }

  override render() {
    const path = this.#route.location.path;
    return html`
      <nav aria-label=${this.label}>
        ${this.eyebrow ? html`<div class="eyebrow">${this.eyebrow}</div>` : nothing}
        <ul>
          ${this.links.map((l) =>
            html`<li><a href=${l.href} data-tab=${l.id ?? nothing}
              aria-current=${l.href === path ? "page" : "false"}>${
              icon(l.icon, 16)
            }${l.label}</a></li>`
          )}
        </ul>
      </nav>
    `;
  }
}

customElements.define("procedo-tab-links", ProcedoTabLinks);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-tab-links": ProcedoTabLinks;
  }
}
