// <procedo-api-key-panel>: creates an API key (name, role, expiry) in a panel, then shows
// the key once in a dialog with a copy button. The key is dropped when the dialog closes:
// the server keeps only its hash, so nobody can show it again.
import { css, html, LitElement, nothing } from "lit";
import type { Dialog, TextInput } from "@fluentui/web-components";
import { icon } from "../../components/icons.ts";
import "../../components/problem_bar.ts";
import "../../components/side_panel.ts";
import type { ProcedoPanel } from "../../components/side_panel.ts";
import { base, controls } from "../../components/styles.ts";
import { type Schemas, unwrap } from "../../lib/api/client.ts";
import { LocaleController, t } from "../../lib/i18n.ts";
import { explain } from "../../lib/problems.ts";
import { type Role, session } from "../session.ts";

const ROLES: Role[] = ["reader", "modeler", "executive"];

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const yearsAhead = (n: number) => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() + n);
  return d;
};

export class ProcedoApiKeyPanel extends LitElement {
  static override properties = {
    created: { state: true },
    error: { state: true },
    busy: { state: true },
    copied: { state: true },
    nameMissing: { state: true },
  };
  static override styles = [
    base,
    controls,
    css`
      form {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalL);
      }
      fluent-text-input {
        max-width: none;
      }
      .key {
        font-family: var(--fontFamilyMonospace);
        width: 100%;
        box-sizing: border-box;
      }
      fluent-dialog-body p + p {
        margin-top: var(--spacingVerticalS);
      }
    `,
  ];
  declare created: Schemas["ApiKeyCreated"] | undefined;
  declare error: unknown;
  declare busy: boolean;
  declare copied: boolean;
  declare nameMissing: boolean;

  constructor() {
    super();
    this.busy = false;
    this.copied = false;
    this.nameMissing = false;
    new LocaleController(this);
  }

  async open() {
    this.error = undefined;
    this.nameMissing = false;
    await this.updateComplete;
    this.renderRoot.querySelector("form")!.reset();
    (this.renderRoot.querySelector("[name=expires]") as HTMLInputElement).value = isoDay(
      yearsAhead(1),
    );
    await this.#panel.show();
  }

  get #panel() {
    return this.renderRoot.querySelector("procedo-panel") as ProcedoPanel;
  }

  override render() {
    const x = this.error ? explain(this.error) : undefined;
    const nameError = this.nameMissing ? t("form.required") : x?.fields["body.name"];
    const tomorrow = new Date(Date.now() + 86_400_000);
    return html`
      <procedo-panel heading=${t("admin.keys.newTitle")}>
        <form @submit=${this.#create} novalidate>
          <div class="control">
            <fluent-text-input name="name" required maxlength="100" autofocus>
              ${t("admin.keys.name")}</fluent-text-input>
            ${nameError
              ? html`<span class="field-error" role="alert">${nameError}</span>`
              : nothing}
          </div>
          <label class="control"><span>${t("admin.keys.role")}</span>
            <select name="role">
              ${ROLES.map((r) =>
                html`<option value=${r} ?selected=${r === "reader"}>${t(`role.${r}`)}</option>`
              )}
            </select>
          </label>
          <label class="control"><span>${t("admin.keys.expires")}</span>
            <input class="native" type="date" name="expires" required
              min=${isoDay(tomorrow)} max=${isoDay(yearsAhead(2))}>
            ${x?.fields["body.expiresAt"]
              ? html`<span class="field-error">${x.fields["body.expiresAt"]}</span>`
              : nothing}
          </label>
          <procedo-problem .error=${nameError ? undefined : this.error}></procedo-problem>
        </form>
        <fluent-button slot="footer" appearance="primary" ?disabled=${this.busy}
          data-testid="create-key" @click=${this.#create}>${t("admin.keys.create")}</fluent-button>
        <fluent-button slot="footer" @click=${() => this.#panel.hide()}>${t(
          "action.cancel",
        )}</fluent-button>
      </procedo-panel>
      ${this.#createdDialog()}
    `;
  }

  #createdDialog() {
    const key = this.created?.key ?? "";
    return html`
      <fluent-dialog aria-label=${t("admin.keys.createdTitle")} data-testid="key-dialog"
        @toggle=${(e: CustomEvent<{ newState: string }>) => {
          if (e.detail?.newState === "closed") this.#forget();
        }}>
        <fluent-dialog-body>
          <h2 slot="title">${t("admin.keys.createdTitle")}</h2>
          <p>${t("admin.keys.createdText", { name: this.created?.name ?? "" })}</p>
          <p><label class="control"><span>${t("admin.keys.key")}</span>
                <input class="native key" readonly .value=${key} data-testid="created-key"
                  @focus=${(e: Event) => (e.target as HTMLInputElement).select()}></label></p>
          <p role="status">${this.copied ? t("admin.keys.copied") : ""}</p>
          <fluent-button slot="action" appearance="primary" @click=${this.#copy}>
                ${icon("copy", 20, "start")}${t("action.copy")}</fluent-button>
          <fluent-button slot="action" data-testid="close-key" @click=${() =>
            (this.renderRoot.querySelector("fluent-dialog") as Dialog).hide()}>
                ${t("action.done")}</fluent-button>
        </fluent-dialog-body>
      </fluent-dialog>
    `;
  }

  #create = async (e: Event) => {
    e.preventDefault();
    const form = this.renderRoot.querySelector("form")!;
    const name = ((form.querySelector("[name=name]") as TextInput).value ?? "").trim();
    const role = (form.querySelector("[name=role]") as HTMLSelectElement).value as Role;
    const day = (form.querySelector("[name=expires]") as HTMLInputElement).value;
    this.nameMissing = !name;
    if (this.nameMissing) return;
    this.busy = true;
    this.error = undefined;
    try {
      const expiresAt = new Date(`${day}T00:00:00Z`).toISOString();
      this.created = unwrap(
        await session().api.POST("/api/v1/api-keys", { body: { name, role, expiresAt } }),
      );
      this.copied = false;
      this.#panel.hide();
      await this.updateComplete;
      (this.renderRoot.querySelector("fluent-dialog") as Dialog).show();
      this.dispatchEvent(new Event("created"));
    } catch (err) {
      this.error = err;
    } finally {
      this.busy = false;
    }
  };

  #copy = async () => {
    try {
      await navigator.clipboard.writeText(this.created?.key ?? "");
      this.copied = true;
    } catch {
      // No clipboard permission: the key is selected so Ctrl+C works.
      (this.renderRoot.querySelector("[data-testid=created-key]") as HTMLInputElement).select();
    }
  };

  #forget() {
    this.created = undefined;
    this.copied = false;
  }
}

customElements.define("procedo-api-key-panel", ProcedoApiKeyPanel);
