// <procedo-admin-ai>: the AI settings (executives): on/off, provider, model, the
// organisation's API key (write-only: only its last four characters come back), base URL,
// features, monthly budget; and the usage log with its CSV export.
import { css, html, LitElement, nothing } from "lit";
import "../../components/problem_bar.ts";
import { base, controls, page, table } from "../../components/styles.ts";
import { type Schemas, unwrap } from "../../lib/api/client.ts";
import { ApiData } from "../../lib/api_data.ts";
import { formatDateTime, LocaleController, type MessageKey, t } from "../../lib/i18n.ts";
import { explain } from "../../lib/problems.ts";
import { session } from "../session.ts";
import "./admin_tabs.ts";

type Settings = Schemas["AiSettings"];
const FEATURES = ["analysis", "summary", "changeSummary", "fromText"] as const;

export class ProcedoAdminAi extends LitElement {
  static override properties = {
    error: { state: true },
    saved: { state: true },
    busy: { state: true },
    provider: { state: true },
  };
  static override styles = [
    base,
    page,
    controls,
    table,
    css`
      form {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalL);
        max-width: 40rem;
      }
      fieldset {
        border: var(--strokeWidthThin) solid var(--colorNeutralStroke2);
        border-radius: var(--borderRadiusMedium);
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalS);
      }
      .check {
        display: flex;
        gap: var(--spacingHorizontalS);
        align-items: center;
      }
      input.native,
      select {
        max-width: 100%;
      }
    `,
  ];
  declare error: unknown;
  declare saved: boolean;
  declare busy: boolean;
  declare provider: string | undefined;
  #settings = new ApiData(this, async (signal) => {
    const { data, response } = await session().api.GET("/api/v1/ai/settings", { signal });
    const s = unwrap({ data, response } as never) as Settings;
    this.provider = s.provider ?? s.providers[0]?.id;
    return { settings: s, etag: response.headers.get("etag") ?? "*" };
  });
  #usage = new ApiData(
    this,
    async (signal) =>
      unwrap(
        await session().api.GET("/api/v1/ai/usage", { params: { query: { limit: 50 } }, signal }),
      ),
  );

  constructor() {
    super();
    this.saved = false;
    this.busy = false;
    new LocaleController(this);
  }

  override render() {
    const loaded = this.#settings.value;
    return html`
      <procedo-admin-tabs></procedo-admin-tabs>
      <h1>${t("ai.title")}</h1>
      <p class="muted">${t("ai.settings.intro")}</p>
      <procedo-problem .error=${this.#settings.error} @retry=${() =>
        this.#settings.reload()}></procedo-problem>
      ${loaded ? this.#form(loaded.settings) : html`<fluent-spinner aria-label=${
        t(
          "app.loading",
        )
      }></fluent-spinner>`}
      ${this.#usageView()}
    `;
  }

  #form(s: Settings) {
    const x = this.error ? explain(this.error) : undefined;
    const provider = s.providers.find((p) => p.id === this.provider);
    const fieldError = (f: string) =>
      x?.fields[f] ? html`<span class="field-error" role="alert">${x.fields[f]}</span>` : nothing;
    return html`
      <form @submit=${this.#save} novalidate data-testid="ai-settings">
        <label class="check"><input type="checkbox" name="enabled" ?checked=${s.enabled}
          data-testid="ai-enabled">${t("ai.settings.enabled")}</label>
        <label class="control"><span>${t("ai.settings.provider")}</span>
          <select name="provider" data-testid="ai-provider" @change=${(
            e: Event,
          ) => (this.provider = (e.target as HTMLSelectElement).value)}>
            ${s.providers.map((p) =>
              html`<option value=${p.id} ?selected=${p.id === this.provider}>${p.label}</option>`
            )}
          </select>${fieldError("body.provider")}
        </label>
        <label class="control"><span>${t("ai.settings.model")}</span>
          <input class="native" name="model" list="ai-models" maxlength="100"
            .value=${s.provider === this.provider ? s.model ?? "" : ""}
            placeholder=${provider?.defaultModel ?? ""}>
          <datalist id="ai-models">${provider?.models.map((m) =>
            html`<option value=${m}></option>`
          )}</datalist>
        </label>
        <label class="control"><span>${t("ai.settings.apiKey")}</span>
          <input class="native" name="apiKey" type="password" autocomplete="off"
            data-testid="ai-key">
          <span class="muted">${s.apiKey.set
            ? t("ai.settings.apiKeySet", { last4: s.apiKey.last4 ?? "" })
            : t("ai.settings.apiKeyNone")}</span>${fieldError("body.apiKey")}
        </label>
        ${s.apiKey.set
          ? html`<label class="check"><input type="checkbox" name="removeKey">${
            t(
              "ai.settings.removeKey",
            )
          }</label>`
          : nothing}
        <label class="control"><span>${t("ai.settings.baseUrl")}</span>
          <input class="native" name="baseUrl" type="url" .value=${s.baseUrl ?? ""}
            data-testid="ai-base-url">
          <span class="muted">${t("ai.settings.baseUrlExample", {
            example: provider?.baseUrlExample ?? "",
          })}</span>${fieldError("body.baseUrl")}
        </label>
        <fieldset>
          <legend>${t("ai.settings.features")}</legend>
          ${FEATURES.map((f) =>
            html`<label class="check"><input type="checkbox" name=${`feature-${f}`}
              ?checked=${s.features[f]}>${t(`ai.feature.${f}` as MessageKey)}</label>`
          )}
        </fieldset>
        <label class="control"><span>${t("ai.settings.budget")}</span>
          <input class="native" name="budget" type="number" min="1000" step="1000"
            .value=${s.monthlyTokenBudget === null ? "" : String(s.monthlyTokenBudget)}>
          <span class="muted">${t("ai.settings.used", {
            month: s.usage.month,
            tokens: s.usage.tokens,
          })}</span>${fieldError("body.monthlyTokenBudget")}
        </label>
        <procedo-problem .error=${x && Object.keys(x.fields).length ? undefined : this.error}>
        </procedo-problem>
        <div class="check">
          <fluent-button appearance="primary" type="submit" data-testid="ai-save"
            ?disabled=${this.busy} @click=${this.#save}>${t("ai.settings.save")}</fluent-button>
          <span role="status">${this.saved ? t("ai.settings.saved") : ""}</span>
        </div>
      </form>
    `;
  }

  #save = async (e: Event) => {
    e.preventDefault();
    const loaded = this.#settings.value;
    if (!loaded || this.busy) return;
    const form = this.renderRoot.querySelector("form")!;
    const value = (name: string) =>
      ((form.querySelector(`[name=${name}]`) as HTMLInputElement | null)?.value ?? "").trim();
    const checked = (name: string) =>
      (form.querySelector(`[name=${name}]`) as HTMLInputElement | null)?.checked ?? false;
    const key = value("apiKey");
    const budget = value("budget");
    const body: Schemas["AiSettingsInput"] = {
      enabled: checked("enabled"),
      provider: value("provider") || null,
      model: value("model") || null,
      baseUrl: value("baseUrl") || null,
      features: Object.fromEntries(FEATURES.map((f) => [f, checked(`feature-${f}`)])) as Settings[
        "features"
      ],
      monthlyTokenBudget: budget ? Number(budget) : null,
      ...(key ? { apiKey: key } : checked("removeKey") ? { apiKey: null } : {}),
    };
    this.busy = true;
    this.saved = false;
    this.error = undefined;
    try {
      unwrap(
        await session().api.PUT("/api/v1/ai/settings", {
          body,
          params: { header: { "if-match": loaded.etag } },
        }),
      );
      this.saved = true;
      await this.#settings.reload();
    } catch (err) {
      this.error = err;
    } finally {
      this.busy = false;
    }
  };

  #usageView() {
    const page = this.#usage.value;
    return html`
      <h2>${t("ai.settings.usage")}</h2>
      <div class="commandbar">
        <fluent-button data-testid="ai-export" @click=${this.#export}>${t(
          "ai.settings.export",
        )}</fluent-button>
      </div>
      ${page && page.items.length
        ? html`
          <table>
            <thead>
              <tr>
                <th>${t("ai.usage.when")}</th>
                <th>${t("ai.usage.feature")}</th>
                <th>${t("ai.usage.tokens")}</th>
                <th>${t("ai.usage.duration")}</th>
                <th>${t("ai.usage.outcome")}</th>
              </tr>
            </thead>
            <tbody>${page.items.map((u) =>
              html`
                <tr>
                  <td>${formatDateTime(u.createdAt)}</td>
                  <td>${t(`ai.feature.${u.feature}` as MessageKey)}</td>
                  <td>${u.tokensIn} / ${u.tokensOut}</td>
                  <td>${(u.durationMs / 1000).toFixed(1)} s</td>
                  <td>${u.outcome}</td>
                </tr>
              `
            )}</tbody>
          </table>
        `
        : page
        ? html`<p class="muted">${t("ai.settings.usageEmpty")}</p>`
        : nothing}
    `;
  }

  #export = async () => {
    const { data, response } = await session().api.GET("/api/v1/ai/usage/export", {
      parseAs: "blob",
    });
    if (!response.ok || !data) return;
    const url = URL.createObjectURL(data as Blob);
    const a = Object.assign(document.createElement("a"), { href: url, download: "ai-usage.csv" });
    a.click();
    URL.revokeObjectURL(url);
  };
}

customElements.define("procedo-admin-ai", ProcedoAdminAi);
