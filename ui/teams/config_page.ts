// <procedo-teams-config> (teams/config.html): the configuration page of the channel or chat
// tab. The person picks what the tab shows — a process, the process map or an org chart —
// and Teams' Save stores the tab's address (teams/tab.html with the choice) through
// pages.config.setConfig. Only published processes are offered.
import { html, LitElement, nothing } from "lit";
import { pages } from "@microsoft/teams-js";
import { webDarkTheme, webLightTheme } from "@fluentui/tokens";
import { teamsHighContrastTheme } from "@fluentui/tokens";
import { setTheme } from "@fluentui/web-components/theme/set-theme.js";
import { createProcedoClient, unwrap } from "../lib/api/client.ts";
import { type Language, LANGUAGES, LocaleController, t, useLanguage } from "../lib/i18n.ts";
import type { EmbedTheme } from "../embed/controller.ts";
import { connectTeams, type TeamsSession } from "./host.ts";
import { teamsPageStyles } from "./page_styles.ts";

type Kind = "process" | "map" | "orgchart";
interface Option {
  id: string;
  name: string;
}

/** The tab's address and name for a choice. */
export function tabConfig(base: string, kind: Kind, choice: Option | undefined) {
  const query = new URLSearchParams({ view: kind });
  if (choice && kind !== "map") query.set("id", choice.id);
  const websiteUrl = kind === "process"
    ? `${base}/processes/${choice!.id}`
    : kind === "orgchart"
    ? `${base}/org-charts`
    : `${base}/map`;
  return {
    entityId: `${kind}:${choice?.id ?? "map"}`,
    contentUrl: `${base}/teams/tab.html?${query}`,
    websiteUrl,
    suggestedDisplayName: (choice?.name ?? "Process map").slice(0, 100),
  };
}

export function applyPageTheme(theme: EmbedTheme) {
  setTheme(
    theme === "dark"
      ? webDarkTheme
      : theme === "high-contrast"
      ? teamsHighContrastTheme
      : webLightTheme,
  );
  document.documentElement.style.colorScheme = theme === "light" ? "light" : "dark";
}

export class ProcedoTeamsConfig extends LitElement {
  static override properties = {
    kind: { state: true },
    chosen: { state: true },
    options: { state: true },
    failed: { state: true },
  };
  static override styles = [teamsPageStyles];
  declare kind: Kind;
  declare chosen: string;
  declare options: { process: Option[]; orgchart: Option[] } | undefined;
  declare failed: boolean;
  #session?: TeamsSession;

  constructor() {
    super();
    this.kind = "process";
    this.chosen = "";
    this.failed = false;
    new LocaleController(this);
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.#start();
  }

  async #start() {
    try {
      const session = this.#session = await connectTeams();
      applyPageTheme(session.theme);
      session.onThemeChange(applyPageTheme);
      const lang = session.context.app.locale.toLowerCase().split("-")[0];
      if ((LANGUAGES as readonly string[]).includes(lang)) useLanguage(lang as Language);
      pages.config.registerOnSaveHandler((save) => {
        const choice = this.#choice();
        pages.config.setConfig(tabConfig(location.origin, this.kind, choice))
          .then(() => save.notifySuccess(), (e) => save.notifyFailure(String(e)));
      });
      const api = createProcedoClient({ baseUrl: "", getToken: session.tokenProvider });
      const [processes, charts] = await Promise.all([
        api.GET("/api/v1/processes", {
          params: { query: { status: "published", sort: "title", limit: 200 } },
        }).then(unwrap),
        api.GET("/api/v1/orgchart/charts", { params: { query: { limit: 100 } } }).then(unwrap),
      ]);
      this.options = {
        process: processes.items.map((p) => ({ id: p.id, name: p.title })),
        orgchart: charts.items.map((c) => ({ id: c.id, name: c.name })),
      };
      this.#validate();
    } catch {
      this.failed = true;
    }
  }

  #choice(): Option | undefined {
    if (this.kind === "map") return undefined;
    return this.options?.[this.kind].find((o) => o.id === this.chosen);
  }

  #validate() {
    pages.config.setValidityState(this.kind === "map" || !!this.#choice());
  }

  override updated() {
    if (this.#session && this.options) this.#validate();
  }

  override render() {
    if (this.failed) return html`<p role="alert">${t("teams.notInTeams")}</p>`;
    if (!this.options) return html`<p role="status">${t("teams.loading")}</p>`;
    const kinds: [Kind, string][] = [
      ["process", t("teams.config.process")],
      ["map", t("teams.config.map")],
      ["orgchart", t("teams.config.orgChart")],
    ];
    const list = this.kind === "map" ? undefined : this.options[this.kind];
    return html`
      <h1>${t("teams.config.title")}</h1>
      <fieldset>
        <legend>${t("teams.config.kind")}</legend>
        ${kinds.map(([value, label]) =>
          html`<label><input type="radio" name="kind" value=${value} data-kind=${value}
            .checked=${this.kind === value} @change=${() => {
            this.kind = value;
            this.chosen = "";
          }}> ${label}</label>`
        )}
      </fieldset>
      ${list
        ? html`
          <div>
            <label class="field" for="choice">${this.kind === "process"
              ? t("teams.config.pickProcess")
              : t("teams.config.pickChart")}</label>
            <div><select id="choice" data-testid="choice" @change=${(
              e: Event,
            ) => (this.chosen = (e.target as HTMLSelectElement).value)}>
                      <option value="" ?selected=${!this.chosen}>${t(
                        "teams.config.choose",
                      )}</option>
                      ${list.map((o) =>
                        html`<option value=${o.id} ?selected=${
                          o.id === this.chosen
                        }>${o.name}</option>`
                      )}
                    </select></div>
          </div>
        `
        : nothing}
      <p class="muted">${t("teams.config.hint")}</p>
    `;
  }
}

customElements.define("procedo-teams-config", ProcedoTeamsConfig);
