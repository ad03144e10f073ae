// <procedo-teams-tab> (teams/tab.html?view=…): what a Procedo tab in Teams shows, with the
// embeddable components signed in through nested app authentication.
//   view=process&id=…   a process (the viewer), with "Copy link" for a chat (deep link)
//   view=map            the process map
//   view=orgchart&id=…  an org chart
//   view=mine           the processes the person owns (personal tab "My processes")
//   view=inbox          personal tab "Inbox": recently published processes — the app has no
//                       inbox page yet; when it does, this view shows it
// A deep link into the tab (context.page.subPageId "process:<id>") opens that process; on
// the map and the lists, a process opens in the tab, with a way back.
import { html, LitElement, nothing } from "lit";
import { pages } from "@microsoft/teams-js";
import "../embed.ts";
import { createProcedoClient, type Schemas, unwrap } from "../lib/api/client.ts";
import { LocaleController, t } from "../lib/i18n.ts";
import { applyPageTheme } from "./config_page.ts";
import { connectTeams, deepLinkToProcess, type TeamsSession } from "./host.ts";
import { teamsPageStyles } from "./page_styles.ts";

type View = "process" | "map" | "orgchart" | "mine" | "inbox";
type ProcessRow = Schemas["Process"];

export class ProcedoTeamsTab extends LitElement {
  static override properties = {
    session: { state: true },
    failed: { state: true },
    needsSignIn: { state: true },
    opened: { state: true },
    rows: { state: true },
    notice: { state: true },
  };
  static override styles = [teamsPageStyles];
  declare session: TeamsSession | undefined;
  declare failed: boolean;
  declare needsSignIn: boolean;
  /** A process opened from the map, a list or a deep link. */
  declare opened: string | undefined;
  declare rows: ProcessRow[] | undefined;
  declare notice: string;
  readonly view: View;
  readonly itemId: string;

  constructor() {
    super();
    const q = new URLSearchParams(location.search);
    const view = q.get("view");
    this.view =
      (["process", "map", "orgchart", "mine", "inbox"] as const).find((v) => v === view) ?? "map";
    this.itemId = q.get("id") ?? "";
    this.failed = false;
    this.needsSignIn = false;
    this.notice = "";
    new LocaleController(this);
    this.addEventListener("procedo-open-process", (e) => {
      e.preventDefault();
      this.opened = (e as CustomEvent<{ id: string }>).detail.id;
    });
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.#start();
  }

  async #start() {
    try {
      const session = await connectTeams();
      applyPageTheme(session.theme);
      session.onThemeChange((theme) => {
        applyPageTheme(theme);
        this.session = { ...session, theme };
      });
      const sub = session.context.page.subPageId ?? "";
      if (sub.startsWith("process:")) this.opened = sub.slice("process:".length);
      this.needsSignIn = !(await session.tokenProvider());
      this.session = session;
      if (!this.needsSignIn) await this.#loadRows();
    } catch {
      this.failed = true;
    }
  }

  async #loadRows() {
    if (this.view !== "mine" && this.view !== "inbox") return;
    const api = createProcedoClient({ baseUrl: "", getToken: this.session!.tokenProvider });
    const me = this.view === "mine" ? unwrap(await api.GET("/api/v1/users/me")) : undefined;
    const page = unwrap(
      await api.GET("/api/v1/processes", {
        params: {
          query: {
            status: "published",
            limit: 100,
            sort: me ? "title" : "-updatedAt",
            ...(me ? { ownerUserId: me.user.id } : {}),
          },
        },
      }),
    );
    this.rows = page.items;
  }

  async #signIn() {
    if (await this.session!.signIn()) {
      this.needsSignIn = false;
      await this.#loadRows();
    }
  }

  override render() {
    if (this.failed) return html`<p role="alert">${t("teams.notInTeams")}</p>`;
    const s = this.session;
    if (!s) return html`<p role="status">${t("teams.loading")}</p>`;
    if (this.needsSignIn) {
      return html`
        <p>${t("embed.signInNeeded")}</p>
        <div>
          <fluent-button appearance="primary" @click=${() => this.#signIn()}>${t(
            "embed.signIn",
          )}</fluent-button>
        </div>
      `;
    }
    const process = this.opened ?? (this.view === "process" ? this.itemId : undefined);
    if (process) return this.#process(s, process);
    switch (this.view) {
      case "map":
        return html`
          <procedo-process-map class="fill" api-base=${location.origin}
            theme=${s.theme} lang=${s.context.app.locale} .tokenProvider=${s
              .tokenProvider}></procedo-process-map>
        `;
      case "orgchart":
        return html`
          <procedo-org-chart class="fill" api-base=${location.origin} chart=${this.itemId}
            theme=${s.theme} lang=${s.context.app.locale} .tokenProvider=${s
              .tokenProvider}></procedo-org-chart>
        `;
      default:
        return this.#list();
    }
  }

  #process(s: TeamsSession, id: string) {
    const back = this.opened && this.view !== "process";
    return html`
      <div class="bar">
        ${back
          ? html`<button class="link" @click=${() => (this.opened = undefined)}>${
            t("teams.back")
          }</button>`
          : nothing}
        <span class="fill" style="min-height:0"></span>
        <fluent-button data-testid="share-link" @click=${() => this.#share(s, id)}>${t(
          "teams.shareLink",
        )}</fluent-button>
        <span role="status">${this.notice}</span>
      </div>
      <procedo-process-viewer class="fill" api-base=${location.origin} process=${id}
        theme=${s.theme} lang=${s.context.app.locale} .tokenProvider=${s
          .tokenProvider}></procedo-process-viewer>
    `;
  }

  #list() {
    const rows = this.rows;
    if (!rows) return html`<p role="status">${t("app.loading")}</p>`;
    const heading = this.view === "mine" ? t("teams.tab.mine") : t("teams.tab.inbox");
    return html`
      <h1>${heading}</h1>
      ${rows.length
        ? html`<ul class="list">${
          rows.map((p) =>
            html`<li><button class="link" data-process=${p.title} @click=${() => (this.opened =
              p.id)}>${p.title}</button></li>`
          )
        }</ul>`
        : html`<p class="muted">${t("teams.tab.none")}</p>`}
    `;
  }

  async #share(s: TeamsSession, id: string) {
    const link = deepLinkToProcess(s.context, id);
    try {
      if (pages.isSupported()) {
        await pages.shareDeepLink({
          subPageId: `process:${id}`,
          subPageLabel: t("teams.shareLink"),
          subPageWebUrl: `${location.origin}/processes/${id}`,
        });
        return;
      }
    } catch { /* not offered by this host: copy the link instead */ }
    await navigator.clipboard.writeText(link).catch(() => {});
    this.notice = t("teams.linkCopied");
  }
}

customElements.define("procedo-teams-tab", ProcedoTeamsTab);
