// <procedo-tenant-export>: "Export all data". Queues the exit export, follows the job every
// two seconds (through the generated client) and offers its archive through the signed link
// (valid 24 hours). The job followed is remembered for the tab, so leaving the page and
// coming back finds it again.
import "@fluentui/web-components/progress-bar.js";
import { html, LitElement, nothing } from "lit";
import { icon } from "../../../components/icons.ts";
import "../../../components/problem_bar.ts";
import { base } from "../../../components/styles.ts";
import { isApiProblem, unwrap } from "../../../lib/api/client.ts";
import { formatDateTime, LocaleController, t } from "../../../lib/i18n.ts";
import { session } from "../../session.ts";
import { dataStyles } from "./data_styles.ts";
import { JobPoller, linkExpiry } from "./job_poller.ts";

const remembered = () => `procedo.tenantExport.${session().me.tenant.id}`;

export class ProcedoTenantExport extends LitElement {
  static override properties = { busy: { state: true }, error: { state: true } };
  static override styles = [base, dataStyles];
  declare busy: boolean;
  declare error: unknown;
  #job = new JobPoller(this);

  constructor() {
    super();
    this.busy = false;
    new LocaleController(this);
  }

  override connectedCallback() {
    super.connectedCallback();
    const id = sessionStorage.getItem(remembered());
    if (id && !this.#job.following) this.#follow(id);
  }

  override render() {
    const job = this.#job.job;
    // A job that is gone (404) or refused is forgotten: the button offers a new export.
    const lost = isApiProblem(this.#job.error) && this.#job.error.status < 500;
    const gone = lost && (this.#job.error as { status: number }).status === 404;
    return html`
      <section class="card" aria-labelledby="export-heading" data-testid="tenant-export">
        <h2 id="export-heading">${icon("download")}${t("data.export.title")}</h2>
        <p>${t("data.export.text")}</p>
        <procedo-problem .error=${this.error ?? (gone ? undefined : this.#job.error)}
          @retry=${this.#start}>
        </procedo-problem>
        ${job && !lost ? this.#state(job) : this.#startButton(t("data.export.start"), true)}
      </section>
    `;
  }

  #state(job: NonNullable<JobPoller["job"]>) {
    if (job.status === "done" && job.downloadUrl) {
      const until = linkExpiry(job.downloadUrl);
      return html`
        <fluent-message-bar intent="success" role="status">${t("data.export.done")}
        </fluent-message-bar>
        <div class="actions">
          <a class="button primary" href=${job.downloadUrl} download
            data-testid="export-download">${icon("download", 20)}${t("data.export.download")}</a>
          ${this.#startButton(t("data.export.again"), false)}
        </div>
        ${until
          ? html`<p class="muted">${
            t("data.export.validUntil", {
              time: formatDateTime(until),
            })
          }</p>`
          : nothing}
      `;
    }
    if (job.status === "failed") {
      return html`
        <fluent-message-bar intent="error" role="alert">${t("data.export.failed", {
          error: job.error ?? "",
        })}</fluent-message-bar>
        ${this.#startButton(t("data.export.again"), true)}
      `;
    }
    const text = job.status === "queued"
      ? t("data.export.queued")
      : t("data.export.running", { progress: job.progress });
    return html`
      <div class="progress">
        <fluent-progress-bar value=${job.status === "queued" ? nothing : job.progress} max="100"
          aria-label=${t("data.export.progress")}></fluent-progress-bar>
        <span role="status" data-testid="export-status">${text}</span>
      </div>
    `;
  }

  #startButton(label: string, primary: boolean) {
    return html`
      <fluent-button appearance=${primary ? "primary" : "secondary"} ?disabled=${this.busy}
        data-testid="export-start" @click=${this.#start}>${label}</fluent-button>
    `;
  }

  #start = async () => {
    this.busy = true;
    this.error = undefined;
    try {
      const started = unwrap(await session().api.POST("/api/v1/deletion/tenant-export"));
      sessionStorage.setItem(remembered(), started.id);
      this.#follow(started.id);
    } catch (e) {
      this.error = e;
    } finally {
      this.busy = false;
    }
  };

  #follow(id: string) {
    const key = remembered();
    this.#job.follow(async (signal) => {
      try {
        return unwrap(
          await session().api.GET("/api/v1/deletion/jobs/{id}", {
            params: { path: { id } },
            signal,
          }),
        );
      } catch (e) {
        // Gone (or never this workspace's): nothing to come back to.
        if (isApiProblem(e) && e.status === 404) sessionStorage.removeItem(key);
        throw e;
      }
    });
  }
}

customElements.define("procedo-tenant-export", ProcedoTenantExport);
