// <procedo-admin-settings>: the workspace's settings (executives). A switch saves at once,
// naming the version of the settings shown (If-Match): when someone else changed them
// meanwhile (412), they are reloaded and the page says so, and the person decides again.
import "@fluentui/web-components/switch.js";
import { css, html, LitElement, nothing } from "lit";
import { live } from "lit/directives/live.js";
import "../../components/problem_bar.ts";
import { base, page } from "../../components/styles.ts";
import { isApiProblem, type Schemas, unwrap } from "../../lib/api/client.ts";
import { ApiData } from "../../lib/api_data.ts";
import { LocaleController, t } from "../../lib/i18n.ts";
import { session } from "../session.ts";
import "./admin_tabs.ts";

type Settings = Schemas["TenantSettings"];
type SettingsPatch = Schemas["SettingsPatch"];

export class ProcedoAdminSettings extends LitElement {
  static override properties = {
    actionError: { state: true },
    done: { state: true },
    busy: { state: true },
  };
  static override styles = [
    base,
    page,
    css`
      .card {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalM);
        padding: var(--spacingVerticalL) var(--spacingHorizontalL);
        border: var(--strokeWidthThin) solid var(--colorNeutralStroke2);
        border-radius: var(--borderRadiusLarge);
        background: var(--colorNeutralBackground1);
        max-width: 40rem;
      }
      .setting {
        display: flex;
        align-items: flex-start;
        gap: var(--spacingHorizontalM);
      }
      .label {
        font-weight: var(--fontWeightSemibold);
      }
      .setting p {
        margin: var(--spacingVerticalXXS) 0 0;
      }
    `,
  ];
  declare actionError: unknown;
  declare done: string | undefined;
  declare busy: boolean;
  #settings = new ApiData(
    this,
    async (signal) => unwrap(await session().api.GET("/api/v1/settings", { signal })),
  );

  constructor() {
    super();
    this.busy = false;
    new LocaleController(this);
  }

  override render() {
    const data = this.#settings;
    return html`
      <procedo-admin-tabs></procedo-admin-tabs>
      <h1>${t("admin.settings.title")}</h1>
      <div role="status">${this.done
        ? html`<fluent-message-bar intent="success" data-testid="settings-done">${this.done}</fluent-message-bar>`
        : nothing}</div>
      <procedo-problem .error=${this.actionError} @reload=${this.#afterConflict}></procedo-problem>
      ${data.error
        ? html`<procedo-problem .error=${data.error} @retry=${() =>
          data.reload()}></procedo-problem>`
        : nothing}
      ${data.value ? this.#approval(data.value) : nothing}
      ${!data.value && data.loading
        ? html`<fluent-spinner aria-label=${t("app.loading")}></fluent-spinner>`
        : nothing}
    `;
  }

  #approval(s: Settings) {
    return html`
      <section class="card" aria-labelledby="approval-heading">
        <h2 id="approval-heading">${t("admin.settings.approval")}</h2>
        <div class="setting">
          <fluent-switch data-testid="four-eyes" aria-labelledby="four-eyes-label"
            aria-describedby="four-eyes-hint" ?disabled=${this.busy}
            .checked=${live(s.values.processes.fourEyes)}
            @change=${(e: Event) =>
              this.#save(s, {
                processes: { fourEyes: (e.target as HTMLInputElement).checked },
              })}></fluent-switch>
          <div>
            <span class="label" id="four-eyes-label">${t("admin.settings.fourEyes")}</span>
            <p class="muted" id="four-eyes-hint">${t("admin.settings.fourEyesHint")}</p>
          </div>
        </div>
      </section>
    `;
  }

  async #save(current: Settings, patch: SettingsPatch) {
    this.busy = true;
    this.actionError = undefined;
    this.done = undefined;
    try {
      const saved = unwrap(
        await session().api.PATCH("/api/v1/settings", {
          params: { header: { "if-match": `W/"${current.version}"` } },
          body: patch,
        }),
      );
      this.#settings.value = saved;
      this.done = saved.values.processes.fourEyes
        ? t("admin.settings.fourEyesOn")
        : t("admin.settings.fourEyesOff");
    } catch (e) {
      this.actionError = e;
      // A stale version: show the settings as they are now (the switch follows).
      if (isApiProblem(e) && e.status === 412) {
        await this.#settings.reload();
        this.done = t("admin.settings.reloaded");
      }
    } finally {
      this.busy = false;
      this.requestUpdate();
    }
  }

  #afterConflict = async () => {
    this.actionError = undefined;
    this.done = undefined;
    await this.#settings.reload();
  };
}

customElements.define("procedo-admin-settings", ProcedoAdminSettings);
