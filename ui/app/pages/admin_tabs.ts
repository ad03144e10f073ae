// <procedo-admin-tabs>: the sections of the administration as tab-styled links (each section
// has its own address, so these are links, not an in-page tab list).
import { css, html, LitElement } from "lit";
import { icon, type IconName } from "../../components/icons.ts";
import { base } from "../../components/styles.ts";
import { LocaleController, type MessageKey, t } from "../../lib/i18n.ts";
import { RouteController } from "../../lib/router.ts";

const SECTIONS: { path: string; label: MessageKey; icon: IconName }[] = [
  { path: "/admin/users", label: "admin.users.title", icon: "people" },
  { path: "/admin/plan", label: "admin.plan.title", icon: "premium" },
  { path: "/admin/api-keys", label: "admin.keys.title", icon: "key" },
  { path: "/admin/audit", label: "admin.audit.title", icon: "shield" },
];

export class ProcedoAdminTabs extends LitElement {
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
        margin: var(--spacingVerticalXS) 0 0;
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
      <nav aria-label=${t("nav.admin")}>
        <div class="eyebrow">${t("nav.admin")}</div>
        <ul>
          ${SECTIONS.map((s) =>
            html`<li><a href=${s.path} aria-current=${s.path === path ? "page" : "false"}>
              ${icon(s.icon, 16)}${t(s.label)}</a></li>`
          )}
        </ul>
      </nav>
    `;
  }
}

customElements.define("procedo-admin-tabs", ProcedoAdminTabs);
