// <procedo-admin-tabs>: the sections of the administration as tab-styled links (each section
// has its own address, so these are links, not an in-page tab list).
import { css, html, LitElement } from "lit";
import type { IconName } from "../../components/icons.ts";
import "../../components/tab_links.ts";
import { LocaleController, type MessageKey, t } from "../../lib/i18n.ts";

const SECTIONS: { path: string; label: MessageKey; icon: IconName }[] = [
  { path: "/admin/users", label: "admin.users.title", icon: "people" },
  { path: "/admin/plan", label: "admin.plan.title", icon: "premium" },
  { path: "/admin/settings", label: "admin.settings.title", icon: "settings" },
  { path: "/admin/api-keys", label: "admin.keys.title", icon: "key" },
  { path: "/admin/webhooks", label: "webhooks.title", icon: "open" },
  { path: "/admin/ai", label: "ai.settings.title", icon: "sparkle" },
  { path: "/admin/embedding", label: "embedding.title", icon: "open" },
  { path: "/admin/audit", label: "admin.audit.title", icon: "shield" },
  { path: "/admin/data", label: "data.title", icon: "server" },
];

export class ProcedoAdminTabs extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
  `;

  constructor() {
    super();
    new LocaleController(this);
  }

  override render() {
    const links = SECTIONS.map((s) => ({ href: s.path, label: t(s.label), icon: s.icon }));
    return html`
      <procedo-tab-links label=${t("nav.admin")} eyebrow=${t(
        "nav.admin",
      )} .links=${links}></procedo-tab-links>
    `;
  }
}

customElements.define("procedo-admin-tabs", ProcedoAdminTabs);
