// <procedo-top-bar>: the suite header — navigation toggle, product and workspace, trial
// status, language and theme, and the account card (name, role, workspace, sign out).
import { html, LitElement, nothing } from "lit";
import { icon } from "../components/icons.ts";
import { base } from "../components/styles.ts";
import { LocaleController, t } from "../lib/i18n.ts";
import "./preferences.ts";
import type { Me } from "./session.ts";
import { topBarStyles } from "./top_bar_styles.ts";

const DAY = 86_400_000;

/** "Erika Executive" → "EE": shown as generated content, so the button's name is its label. */
const initials = (name: string) =>
  name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0].toUpperCase()).join("");

export class ProcedoTopBar extends LitElement {
  static override properties = { me: { attribute: false }, navCollapsed: { type: Boolean } };
  static override styles = [base, topBarStyles];
  declare me: Me;
  declare navCollapsed: boolean;

  constructor() {
    super();
    this.navCollapsed = false;
    new LocaleController(this);
  }

  override render() {
    const { user, tenant } = this.me;
    return html`
      <header>
        <fluent-button
          class="on-brand"
          role="button"
          appearance="transparent"
          icon-only
          aria-label=${this.navCollapsed ? t("nav.expand") : t("nav.collapse")}
          aria-expanded=${this.navCollapsed ? "false" : "true"}
          @click=${() => this.#fire("toggle-nav")}
        >${icon("menu")}</fluent-button>
        <a class="product" href="/">${t("app.name")}</a>
        <span class="tenant" data-testid="tenant-name">${tenant.name}</span>
        ${this.#trialBadge()}
        <span class="grow"></span>
        <procedo-language-menu on-brand></procedo-language-menu>
        <procedo-theme-menu on-brand></procedo-theme-menu>
        ${this.#account(user, tenant)}
      </header>
    `;
  }

  #trialBadge() {
    const { tenant } = this.me;
    if (tenant.readOnly) {
      return html`<fluent-badge appearance="filled" color="danger">${
        t("plan.readOnly")
      }</fluent-badge>`;
    }
    if (tenant.plan !== "trial" || !tenant.trialEndsAt) return nothing;
    const days = Math.max(0, Math.ceil((Date.parse(tenant.trialEndsAt) - Date.now()) / DAY));
    return html`<fluent-badge appearance="tint" color="warning" data-testid="trial-badge">
      ${t("plan.trialDaysLeft", { days })}</fluent-badge>`;
  }

  #account(user: Me["user"], tenant: Me["tenant"]) {
    return html`
      <button
        class="account"
        popovertarget="account-card"
        aria-label=${t("topbar.account", { name: user.displayName })}
        data-testid="account-button"
      >
        <span class="initials" data-initials=${initials(
          user.displayName,
        )} aria-hidden="true"></span>
      </button>
      <div id="account-card" popover role="dialog" aria-label=${t("topbar.accountCard")}>
        <div class="who">
          <fluent-avatar name=${user
            .displayName} size="48" color="colorful" aria-hidden="true"></fluent-avatar>
          <div>
            <div class="name" data-testid="user-name">${user.displayName}</div>
            <div class="role" data-testid="user-role">${t(`role.${user.role}`)}</div>
            <div class="muted" data-testid="user-tenant">${icon("building", 16)} ${tenant
              .name}</div>
          </div>
        </div>
        <fluent-button
          appearance="outline"
          data-testid="sign-out"
          @click=${() => this.#fire("procedo-sign-out")}
        >${icon("signOut", 20, "start")}${t("action.signOut")}</fluent-button>
      </div>
    `;
  }

  #fire(type: string) {
    this.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true }));
  }
}

customElements.define("procedo-top-bar", ProcedoTopBar);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-top-bar": ProcedoTopBar;
  }
}
