// <procedo-admin-embedding> (/admin/embedding): which sites may show this workspace's
// published content — intranet pages with the web components, SharePoint, the app in a frame
// (GET/PUT /api/v1/embedding/settings). Lists the origins one per line; a refused origin is
// named by its line. Shows the frame address with the workspace hint and a snippet to copy.
import { css, html, LitElement, nothing } from "lit";
import "../../components/problem_bar.ts";
import { base, page } from "../../components/styles.ts";
import { etag, isApiProblem, unwrap } from "../../lib/api/client.ts";
import { ApiData } from "../../lib/api_data.ts";
import { LocaleController, t } from "../../lib/i18n.ts";
import { session } from "../session.ts";
import "./admin_tabs.ts";

export class ProcedoAdminEmbedding extends LitElement {
  static override properties = {
    saving: { state: true },
    saved: { state: true },
    error: { state: true },
  };
  static override styles = [
    base,
    page,
    css`
      form,
      section {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalS);
        max-width: 48rem;
      }
      textarea {
        min-height: 8rem;
        font-family: var(--fontFamilyMonospace);
        font-size: var(--fontSizeBase300);
        padding: var(--spacingVerticalS) var(--spacingHorizontalM);
        color: var(--colorNeutralForeground1);
        background: var(--colorNeutralBackground1);
        border: var(--strokeWidthThin) solid var(--colorNeutralStroke1);
        border-radius: var(--borderRadiusMedium);
      }
      label {
        font-weight: var(--fontWeightSemibold);
      }
      pre {
        margin: 0;
        padding: var(--spacingVerticalS) var(--spacingHorizontalM);
        overflow: auto;
        background: var(--colorNeutralBackground3);
        border-radius: var(--borderRadiusMedium);
        font-size: var(--fontSizeBase200);
      }
      ul.errors {
        margin: 0;
        color: var(--colorPaletteRedForeground1);
      }
      .actions {
        display: flex;
        gap: var(--spacingHorizontalS);
        align-items: center;
      }
    `,
  ];
  declare saving: boolean;
  declare saved: boolean;
  declare error: unknown;
  #etag?: string;
  #settings = new ApiData(this, async (signal) => {
    const res = await session().api.GET("/api/v1/embedding/settings", { signal });
    this.#etag = etag(res);
    return unwrap(res);
  });

  constructor() {
    super();
    this.saving = false;
    this.saved = false;
    new LocaleController(this);
  }

  override render() {
    const data = this.#settings;
    const s = data.value;
    return html`
      <procedo-admin-tabs></procedo-admin-tabs>
      <h1>${t("embedding.title")}</h1>
      <p>${t("embedding.intro")}</p>
      <procedo-problem .error=${data.error ?? this.#otherError()} @retry=${() =>
        data.reload()}></procedo-problem>
      ${s ? this.#form(s.allowedOrigins) : html`<fluent-spinner aria-label=${
        t(
          "app.loading",
        )
      }></fluent-spinner>`}
      ${s ? this.#howTo(s.tenantId) : nothing}
    `;
  }

  #form(origins: string[]) {
    const lines = this.#lineErrors();
    return html`
      <form @submit=${this.#save}>
        <label for="origins">${t("embedding.origins")}</label>
        <textarea id="origins" name="origins" data-testid="allowed-origins"
          aria-describedby="origins-hint" .value=${origins.join("\n")}></textarea>
        <span id="origins-hint" class="muted">${t("embedding.originsHint")}</span>
        ${lines.length
          ? html`<ul class="errors" role="alert">${lines.map((l) => html`<li>${l}</li>`)}</ul>`
          : nothing}
        <div class="actions">
          <fluent-button appearance="primary" type="submit" ?disabled=${this.saving}>${t(
            "embedding.save",
          )}</fluent-button>
          <span role="status">${this.saved ? t("embedding.saved") : ""}</span>
        </div>
      </form>
    `;
  }

  #howTo(tenantId: string) {
    const base = location.origin;
    const snippet = `<script type="module" src="${base}/embed.js"></script>
<procedo-process-viewer api-base="${base}" process="PROCESS-ID"></procedo-process-viewer>`;
    return html`
      <section>
        <h2>${t("embedding.frameUrl")}</h2>
        <pre data-testid="frame-url">${base}/map?tenant=${tenantId}</pre>
        <p class="muted">${t("embedding.frameHint")}</p>
        <h2>${t("embedding.snippet")}</h2>
        <pre>${snippet}</pre>
      </section>
    `;
  }

  /** "line 2: must use https" for each refused origin, in the lines as typed. */
  #lineErrors(): string[] {
    const e = this.error;
    if (!isApiProblem(e)) return [];
    return e.errors.flatMap((f) => {
      const m = /^body\.allowedOrigins\.(\d+)$/.exec(f.field);
      return m ? [`${this.#typed[Number(m[1])] ?? ""}: ${f.message}`] : [];
    });
  }

  #otherError() {
    const e = this.error;
    return isApiProblem(e) && e.errors.some((f) => f.field.startsWith("body.allowedOrigins."))
      ? undefined
      : e;
  }

  #typed: string[] = [];

  #save = async (ev: Event) => {
    ev.preventDefault();
    const area = this.renderRoot.querySelector<HTMLTextAreaElement>("#origins")!;
    this.#typed = area.value.split(/\n/).map((l) => l.trim()).filter(Boolean);
    this.saving = true;
    this.saved = false;
    try {
      const res = await session().api.PUT("/api/v1/embedding/settings", {
        params: { header: { "if-match": this.#etag ?? "*" } },
        body: { allowedOrigins: this.#typed },
      });
      const saved = unwrap(res);
      this.#etag = etag(res);
      this.#settings.value = saved;
      area.value = saved.allowedOrigins.join("\n");
      this.error = undefined;
      this.saved = true;
    } catch (e) {
      this.error = e;
    } finally {
      this.saving = false;
    }
  };
}

customElements.define("procedo-admin-embedding", ProcedoAdminEmbedding);
