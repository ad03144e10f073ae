// <procedo-sign-in>: before anyone is signed in. With Entra ID: "Sign in with Microsoft"
// (redirect). In dev mode: the demo users of both demo tenants by role, and a user of an
// organisation Procedo does not know yet (random ids), to try the trial onboarding.
import { css, html, LitElement, nothing } from "lit";
import { icon } from "../../components/icons.ts";
import "../../components/problem_bar.ts";
import { base } from "../../components/styles.ts";
import { ApiData } from "../../lib/api_data.ts";
import { type Auth, type DemoUser, isDevAuth } from "../../lib/auth.ts";
import { LocaleController, type MessageKey, t } from "../../lib/i18n.ts";
import "../preferences.ts";
import { entryStyles } from "./entry_styles.ts";

const ROLE_ORDER = ["executive", "modeler", "reader"];

export class ProcedoSignIn extends LitElement {
  static override properties = {
    auth: { attribute: false },
    notice: { attribute: false },
    busy: { state: true },
    error: { state: true },
  };
  static override styles = [
    base,
    entryStyles,
    css`
      .tenant {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalS);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalXS);
      }
      .user {
        width: 100%;
        justify-content: flex-start;
        gap: var(--spacingHorizontalM);
        height: auto;
        padding: var(--spacingVerticalS) var(--spacingHorizontalM);
      }
      .user .text {
        display: flex;
        flex-direction: column;
        align-items: flex-start;
        text-align: start;
      }
      .user .role {
        color: var(--colorNeutralForeground3);
        font-size: var(--fontSizeBase200);
        font-weight: var(--fontWeightRegular);
      }
    `,
  ];
  declare auth: Auth;
  declare notice: MessageKey | undefined;
  declare busy: boolean;
  declare error: unknown;
  #users = new ApiData(this, () => isDevAuth(this.auth) ? this.auth.users() : Promise.resolve([]));

  constructor() {
    super();
    this.busy = false;
    new LocaleController(this);
  }

  override render() {
    return html`
      <div class="topright">
        <procedo-language-menu></procedo-language-menu>
        <procedo-theme-menu></procedo-theme-menu>
      </div>
      <main class="card">
        <div class="brand">${t("app.name")}</div>
        <h1>${t("signIn.title")}</h1>
        ${this.notice
          ? html`<fluent-message-bar intent="warning">${t(this.notice)}</fluent-message-bar>`
          : nothing}
        <procedo-problem .error=${this.error}></procedo-problem>
        ${this.auth.mode === "entra" ? this.#entra() : this.#dev()}
      </main>
    `;
  }

  #entra() {
    return html`
      <p>${t("signIn.entraText")}</p>
      <fluent-button appearance="primary" ?disabled=${this.busy} @click=${this.#signInEntra}>
        ${t("signIn.microsoft")}
      </fluent-button>
    `;
  }

  #dev() {
    const users = this.#users;
    if (users.error) {
      return html`
        <procedo-problem .error=${users.error} @retry=${() => users.reload()}></procedo-problem>
      `;
    }
    if (!users.value) return html`<fluent-spinner aria-label=${t("app.loading")}></fluent-spinner>`;
    const tenants = [...new Set(users.value.map((u) => u.tenantName))];
    return html`
      <p>${t("signIn.devText")}</p>
      ${tenants.map((name) =>
        html`
          <section class="tenant" aria-label=${name}>
            <h2>${icon("building", 16)} ${name}</h2>
            <ul>
                      ${users.value!.filter((u) => u.tenantName === name)
                        .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role))
                        .map((u) => html`<li>${this.#userButton(u)}</li>`)}
                    </ul>
          </section>
        `
      )}
      <section class="tenant">
        <h2>${t("signIn.newOrgHeading")}</h2>
        <p class="muted">${t("signIn.newOrgText")}</p>
        <fluent-button ?disabled=${this.busy} data-testid="new-org-user" @click=${this.#newOrg}>
          ${icon("personAdd", 20, "start")}${t("signIn.newOrgUser")}
        </fluent-button>
      </section>
    `;
  }

  #userButton(u: DemoUser) {
    return html`
      <fluent-button
        class="user"
        appearance="subtle"
        ?disabled=${this.busy}
        data-user=${u.name}
        @click=${() => this.#signInAs({ tid: u.tid, oid: u.oid, name: u.name })}
      >
        <fluent-avatar slot="start" name=${u.name} size="32" color="colorful"
          aria-hidden="true"></fluent-avatar>
        <span class="text">
          <span>${u.name}</span>
          <span class="role">${t(`role.${u.role}`)}</span>
        </span>
      </fluent-button>
    `;
  }

  #newOrg = () =>
    this.#signInAs({
      tid: crypto.randomUUID(),
      oid: crypto.randomUUID(),
      name: t("signIn.newOrgUserName"),
    });

  async #signInAs(who: { tid: string; oid: string; name?: string }) {
    if (!isDevAuth(this.auth)) return;
    this.busy = true;
    this.error = undefined;
    try {
      await this.auth.signInAs(who);
      this.dispatchEvent(new Event("signed-in"));
    } catch (e) {
      this.error = e;
    } finally {
      this.busy = false;
    }
  }

  #signInEntra = async () => {
    this.busy = true;
    try {
      await this.auth.signIn();
      // In a frame the sign-in was a popup: done without leaving the page.
      if (globalThis.top !== globalThis.self) this.dispatchEvent(new Event("signed-in"));
    } catch (e) {
      this.error = e;
      this.busy = false;
    }
  };
}

customElements.define("procedo-sign-in", ProcedoSignIn);
