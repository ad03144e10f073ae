// <procedo-notification-settings> (/settings/notifications): the person's mail address,
// the language of their mails, and per category whether mail comes immediately, in a daily
// summary or not at all. The app shows every notification regardless.
import { css, html, LitElement, nothing } from "lit";
import type { TextInput } from "@fluentui/web-components";
import "../../../components/problem_bar.ts";
import { base, controls, page } from "../../../components/styles.ts";
import { isApiProblem, type Schemas, unwrap } from "../../../lib/api/client.ts";
import { ApiData } from "../../../lib/api_data.ts";
import { LocaleController, type MessageKey, t } from "../../../lib/i18n.ts";
import { session } from "../../session.ts";

type Settings = Schemas["NotificationSettings"];
type Category = keyof Settings["channels"];
type Channel = Settings["channels"][Category];

const CATEGORIES: Category[] = [
  "mention",
  "reply",
  "comment",
  "problem",
  "feedback",
  "approval",
  "review",
];
const CHANNELS: Channel[] = ["immediately", "daily", "off"];

export class ProcedoNotificationSettings extends LitElement {
  static override properties = {
    params: { attribute: false },
    busy: { state: true },
    error: { state: true },
    saved: { state: true },
  };
  static override styles = [
    base,
    page,
    controls,
    css`
      form {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalL);
        max-width: 48rem;
      }
      fieldset {
        border: none;
        margin: 0;
        padding: 0;
      }
      legend {
        font-weight: var(--fontWeightSemibold);
        margin-bottom: var(--spacingVerticalS);
      }
      table {
        border-collapse: collapse;
      }
      th,
      td {
        padding: var(--spacingVerticalXS) var(--spacingHorizontalM);
        text-align: start;
        border-bottom: var(--strokeWidthThin) solid var(--colorNeutralStroke2);
      }
      th[scope="col"] {
        font-weight: var(--fontWeightSemibold);
        color: var(--colorNeutralForeground2);
      }
      td {
        text-align: center;
      }
      .hint {
        font-size: var(--fontSizeBase200);
        color: var(--colorNeutralForeground3);
      }
    `,
  ];
  declare params: Record<string, string>;
  declare busy: boolean;
  declare error: unknown;
  declare saved: boolean;
  #settings = new ApiData<Settings>(
    this,
    async (signal) => unwrap(await session().api.GET("/api/v1/collaboration/settings", { signal })),
  );

  constructor() {
    super();
    this.params = {};
    this.busy = false;
    this.saved = false;
    new LocaleController(this);
  }

  override render() {
    const s = this.#settings.value;
    const emailError = isApiProblem(this.error) ? this.error.fieldError("body.email") : undefined;
    return html`
      <h1>${t("collab.settings.title")}</h1>
      <p>${t("collab.settings.intro")}</p>
      ${s && !s.mailEnabled
        ? html`<fluent-message-bar intent="info">${
          t("collab.settings.mailOff")
        }</fluent-message-bar>`
        : nothing}
      <procedo-problem .error=${emailError ? undefined : this.error ?? this.#settings.error}
        @retry=${() => this.#settings.reload()}></procedo-problem>
      ${s
        ? this.#form(s, emailError)
        : html`<fluent-spinner aria-label=${t("app.loading")}></fluent-spinner>`}
    `;
  }

  #form(s: Settings, emailError: string | undefined) {
    return html`
      <form novalidate @submit=${this.#save} data-testid="notification-settings">
        <div class="control">
          <fluent-text-input name="email" type="email" maxlength="320" .value=${s.email ?? ""}
            data-testid="settings-email">${t("collab.settings.email")}</fluent-text-input>
          ${emailError
            ? html`<span class="field-error" role="alert">${emailError}</span>`
            : html`<span class="hint">${t("collab.settings.emailHint")}</span>`}
        </div>
        <label class="control"><span>${t("collab.settings.language")}</span>
          <select name="language" data-testid="settings-language">
            <option value="" ?selected=${!s.language}>${t(
              "collab.settings.language.default",
            )}</option>
            <option value="en" ?selected=${s.language === "en"}>${t("language.en")}</option>
            <option value="de" ?selected=${s.language === "de"}>${t("language.de")}</option>
          </select>
        </label>
        <fieldset>
          <legend>${t("collab.settings.channels")}</legend>
          <table>
            <thead>
              <tr><td></td>${CHANNELS.map((c) =>
                html`<th scope="col">${t(`collab.settings.channel.${c}` as MessageKey)}</th>`
              )}</tr>
            </thead>
            <tbody>${CATEGORIES.map((cat) =>
              html`<tr>
                <th scope="row" id=${`cat-${cat}`}>${
                t(`collab.settings.category.${cat}` as MessageKey)
              }</th>
                ${
                CHANNELS.map((ch) =>
                  html`<td><input type="radio" name=${`channel-${cat}`} value=${ch}
                    aria-label=${`${t(`collab.settings.category.${cat}` as MessageKey)}: ${
                    t(`collab.settings.channel.${ch}` as MessageKey)
                  }`}
                    data-testid=${`channel-${cat}-${ch}`} ?checked=${s.channels[cat] === ch}></td>`
                )
              }
              </tr>`
            )}</tbody>
          </table>
        </fieldset>
        <div role="status">${this.saved
          ? html`<fluent-message-bar intent="success">${
            t("collab.settings.saved")
          }</fluent-message-bar>`
          : nothing}</div>
        <div>
          <fluent-button appearance="primary" ?disabled=${this.busy} data-testid="settings-save"
            @click=${this.#save}>${t("collab.settings.save")}</fluent-button>
        </div>
      </form>
    `;
  }

  #save = async (e: Event) => {
    e.preventDefault();
    const root = this.renderRoot;
    const email = (root.querySelector<TextInput>("[name=email]")?.value ?? "").trim();
    const language = root.querySelector<HTMLSelectElement>("[name=language]")!.value;
    const channels = Object.fromEntries(CATEGORIES.map((cat) => [
      cat,
      root.querySelector<HTMLInputElement>(`[name=channel-${cat}]:checked`)?.value as Channel,
    ]));
    this.busy = true;
    this.error = undefined;
    this.saved = false;
    try {
      unwrap(
        await session().api.PUT("/api/v1/collaboration/settings", {
          body: {
            email: email || null,
            language: (language || null) as Settings["language"],
            channels: channels as Settings["channels"],
          },
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
}

customElements.define("procedo-notification-settings", ProcedoNotificationSettings);
