// <procedo-nav-rail>: the left navigation of the Microsoft 365 apps — icon and label per
// page, the current one marked (aria-current) with the brand indicator; collapsible to icons.
import { css, html, LitElement } from "lit";
import { icon } from "../components/icons.ts";
import { base } from "../components/styles.ts";
import { LocaleController, t } from "../lib/i18n.ts";
import { isWithin, RouteController } from "../lib/router.ts";
import { inboxCount, InboxCountController } from "./pages/collaboration/inbox_count.ts";
import { ROUTES } from "./routes.ts";
import { type Role, roleAllows } from "./session.ts";

export class ProcedoNavRail extends LitElement {
  static override properties = { role: {}, collapsed: { type: Boolean, reflect: true } };
  static override styles = [
    base,
    css`
      :host {
        display: block;
        box-sizing: border-box;
        width: 240px;
        padding: var(--spacingVerticalS) var(--spacingHorizontalS);
        background: var(--colorNeutralBackground2);
        border-inline-end: var(--strokeWidthThin) solid var(--colorNeutralStroke2);
        overflow-y: auto;
      }
      :host([collapsed]) {
        width: 56px;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalXXS);
      }
      a {
        position: relative;
        display: flex;
        align-items: center;
        gap: var(--spacingHorizontalS);
        min-height: 40px;
        padding: 0 var(--spacingHorizontalS);
        border-radius: var(--borderRadiusMedium);
        color: var(--colorNeutralForeground2);
        text-decoration: none;
        font-size: var(--fontSizeBase300);
      }
      a:hover {
        background: var(--colorSubtleBackgroundHover);
        color: var(--colorNeutralForeground2Hover);
      }
      a[aria-current="page"] {
        background: var(--colorSubtleBackgroundSelected);
        color: var(--colorNeutralForeground1);
        font-weight: var(--fontWeightSemibold);
      }
      a[aria-current="page"]::before {
        content: "";
        position: absolute;
        inset-inline-start: 0;
        top: 10px;
        bottom: 10px;
        width: 3px;
        border-radius: var(--borderRadiusCircular);
        background: var(--colorCompoundBrandStroke);
      }
      a[aria-current="page"] .icon {
        color: var(--colorCompoundBrandForeground1);
      }
      a:focus-visible {
        outline: var(--strokeWidthThick) solid var(--colorStrokeFocus2);
        outline-offset: -2px;
      }
      .badge {
        margin-inline-start: auto;
        min-width: 20px;
        height: 20px;
        padding: 0 var(--spacingHorizontalXS);
        box-sizing: border-box;
        border-radius: var(--borderRadiusCircular);
        background: var(--colorBrandBackground);
        color: var(--colorNeutralForegroundOnBrand);
        font-size: var(--fontSizeBase100);
        font-weight: var(--fontWeightSemibold);
        line-height: 20px;
        text-align: center;
      }
      :host([collapsed]) .badge {
        position: absolute;
        top: 2px;
        inset-inline-end: 2px;
        min-width: 16px;
        height: 16px;
        line-height: 16px;
      }
      :host([collapsed]) .label {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
    `,
  ];
  declare role: Role;
  declare collapsed: boolean;
  #route = new RouteController(this);

  constructor() {
    super();
    new InboxCountController(this);
    this.role = "reader";
    this.collapsed = false;
    new LocaleController(this);
  }

  override render() {
    const path = this.#route.location.path;
    const entries = ROUTES.filter((r) => r.nav && roleAllows(this.role, r.minRole));
    return html`
      <nav aria-label=${t("nav.label")}>
        <ul>
          ${entries.map((r) => {
            const label = t(r.nav!.label ?? r.title);
            const count = r.nav!.badge === "inbox" ? inboxCount.value : 0;
            const current = isWithin(r.nav!.section ?? r.path, path);
            return html`
              <li>
                <a
                  href=${r.nav!.href ?? r.path}
                  aria-current=${current ? "page" : "false"}
                  title=${this.collapsed ? label : ""}
                  data-nav=${r.nav!.href ?? r.path}
                >${icon(r.nav!.icon)}<span class="label">${label}</span>${count
                  ? html`
                    <span class="badge" data-testid="inbox-badge"
                      title=${t(
                        "collab.inbox.badge",
                        { count },
                      )}><span aria-hidden="true">${count > 99 ? "99+" : count}</span><span
                                          class="visually-hidden">${t("collab.inbox.badge", {
                                            count,
                                          })}</span></span>
                  `
                  : ""}</a>
              </li>
            `;
          })}
        </ul>
      </nav>
    `;
  }
}

customElements.define("procedo-nav-rail", ProcedoNavRail);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-nav-rail": ProcedoNavRail;
  }
}
