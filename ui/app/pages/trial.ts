// <procedo-trial>: the signed-in person's organisation has no workspace yet (403
// tenant-unknown). One field, one button: POST /api/v1/tenants/trial creates a seeded
// workspace with them as its executive; `workspace-ready` tells the app to open it.
import { css, html, LitElement } from "lit";
import type { TextInput } from "@fluentui/web-components";
import "../../components/problem_bar.ts";
import { base, controls } from "../../components/styles.ts";
import { type ProcedoClient, unwrap } from "../../lib/api/client.ts";
import { LocaleController, t } from "../../lib/i18n.ts";
import { explain } from "../../lib/problems.ts";
import "../preferences.ts";
import { entryStyles } from "./entry_styles.ts";

export class ProcedoTrial extends LitElement {
  static override properties = {
    api: { attribute: false },
    busy: { state: true },
    error: { state: true },
    nameMissing: { state: true },
  };
  static override styles = [
    base,
    controls,
    entryStyles,
    css`
      fluent-text-input {
        max-width: none;
      }
    `,
  ];
  declare api: ProcedoClient;
  declare busy: boolean;
  declare error: unknown;
  declare nameMissing: boolean;

  constructor() {
    super();
    this.busy = false;
    this.nameMissing = false;
    new LocaleController(this);
  }

  override render() {
    const fieldError = this.nameMissing
      ? t("form.required")
      : this.error
      ? explain(this.error).fields["body.name"]
      : undefined;
    return html`
      <div class="topright">
        <procedo-language-menu></procedo-language-menu>
        <procedo-theme-menu></procedo-theme-menu>
      </div>
      <main class="card">
        <div class="brand">${t("app.name")}</div>
        <h1>${t("trial.title")}</h1>
        <p>${t("trial.text")}</p>
        <form @submit=${this.#start} novalidate>
          <div class="control">
            <fluent-text-input
              name="name"
              required
              maxlength="200"
              autofocus
              autocomplete="organization"
              data-testid="trial-name"
            >${t("trial.orgName")}</fluent-text-input>
            ${fieldError ? html`<span class="field-error">${fieldError}</span>` : ""}
          </div>
        </form>
        <procedo-problem .error=${fieldError ? undefined : this.error}></procedo-problem>
        <fluent-button
          appearance="primary"
          ?disabled=${this.busy}
          data-testid="start-trial"
          @click=${this.#start}
        >${this.busy ? t("trial.starting") : t("trial.start")}</fluent-button>
        <p class="muted">${t("trial.terms")}</p>
      </main>
    `;
  }

  #start = async (e: Event) => {
    e.preventDefault();
    const input = this.renderRoot.querySelector<TextInput>("fluent-text-input")!;
    // A Fluent input nobody typed in has no value yet.
    const name = (input.value ?? "").trim();
    this.nameMissing = !name;
    if (this.nameMissing) return;
    this.busy = true;
    this.error = undefined;
    try {
      unwrap(await this.api.POST("/api/v1/tenants/trial", { body: { name } }));
      this.dispatchEvent(new Event("workspace-ready"));
    } catch (err) {
      this.error = err;
    } finally {
      this.busy = false;
    }
  };
}

customElements.define("procedo-trial", ProcedoTrial);
