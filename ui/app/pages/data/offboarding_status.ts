// <procedo-offboarding-status statusUrl=…>: the deletion of a locked workspace, followed
// every two seconds through its signed status link (the session's API calls answer 403
// tenant-locked now). Shows the link to bookmark, the progress and, when done, the protocol:
// its JSON and PDF and the verification it holds (rows remaining per table, expected zero).
import "@fluentui/web-components/progress-bar.js";
import { css, html, LitElement, nothing } from "lit";
import { icon } from "../../../components/icons.ts";
import "../../../components/problem_bar.ts";
import { base, controls } from "../../../components/styles.ts";
import { ApiData } from "../../../lib/api_data.ts";
import { formatDate, LocaleController, t } from "../../../lib/i18n.ts";
import { dataStyles } from "./data_styles.ts";
import { absoluteUrl, type DeletionJob, fetchSigned, JobPoller } from "./job_poller.ts";
import { protocolCounts, protocolLinks, verificationText } from "./protocol_proof.ts";

export class ProcedoOffboardingStatus extends LitElement {
  static override properties = {
    statusUrl: {},
    purgeAt: {},
    copied: { state: true },
  };
  static override styles = [
    base,
    controls,
    dataStyles,
    css`
      .link {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-end;
        gap: var(--spacingHorizontalS);
        width: 100%;
      }
      .link .control {
        flex: 1 1 20rem;
      }
      .link input {
        width: 100%;
        font-family: var(--fontFamilyMonospace);
      }
    `,
  ];
  declare statusUrl: string;
  declare purgeAt: string | undefined;
  declare copied: boolean;
  #job = new JobPoller(this);
  #followed?: string;
  #proof = new ApiData(this, (signal) => protocolCounts(this.#job.job!.protocolUrl!, signal), {
    auto: false,
  });

  constructor() {
    super();
    this.statusUrl = "";
    this.copied = false;
    new LocaleController(this);
  }

  override willUpdate() {
    if (this.statusUrl && this.statusUrl !== this.#followed) {
      this.#followed = this.statusUrl;
      const url = this.statusUrl;
      this.#job.follow((signal) => fetchSigned<DeletionJob>(url, signal));
    }
    const job = this.#job.job;
    if (job?.protocolUrl && !this.#proof.value && !this.#proof.loading && !this.#proof.error) {
      void this.#proof.reload();
    }
  }

  override render() {
    const job = this.#job.job;
    return html`
      <section class="card" aria-labelledby="status-heading" data-testid="offboarding-status">
        <h2 id="status-heading">${icon("delete")}${t("data.status.title")}</h2>
        <p>${t("data.status.locked")}</p>
        <div class="link">
          <label class="control"><span>${t("data.status.link")}</span>
            <input class="native" readonly .value=${absoluteUrl(this.statusUrl)}
              data-testid="status-url"
              @focus=${(e: Event) => (e.target as HTMLInputElement).select()}>
          </label>
          <fluent-button @click=${this.#copy}>${icon("copy", 20, "start")}${t(
            "action.copy",
          )}</fluent-button>
        </div>
        <span role="status">${this.copied ? t("data.status.copied") : ""}</span>
        ${this.#job.error && !job
          ? html`<procedo-problem .error=${this.#job.error}></procedo-problem>`
          : nothing}
        ${this.#job.error && job
          ? html`<p class="muted" role="status">${t("data.status.unreachable")}</p>`
          : nothing}
        ${job ? this.#state(job) : nothing}
      </section>
    `;
  }

  #state(job: DeletionJob) {
    if (job.status === "failed") {
      return html`
        <fluent-message-bar intent="error" role="alert">${t("data.status.failed", {
          error: job.error ?? "",
        })}</fluent-message-bar>
      `;
    }
    if (job.status === "done") {
      const proof = this.#proof;
      return html`
        <fluent-message-bar intent="success" role="status">${t("data.status.done")}
        </fluent-message-bar>
        ${proof.value
          ? html`<p data-testid="protocol-verification">${verificationText(proof.value)}</p>`
          : nothing}
        <procedo-problem .error=${proof.error} @retry=${() => proof.reload()}></procedo-problem>
        ${job.protocolUrl ? protocolLinks(job.protocolUrl) : nothing}
      `;
    }
    const text = job.status === "running"
      ? t("data.status.running", { progress: job.progress })
      : this.purgeAt
      ? t("data.status.scheduled", { date: formatDate(this.purgeAt) })
      : t("data.status.queued");
    return html`
      <div class="progress">
        ${this.purgeAt && job.status === "queued" ? nothing : html`
          <fluent-progress-bar value=${job.status === "queued" ? nothing : job.progress}
            max="100" aria-label=${t("data.status.progress")}></fluent-progress-bar>
        `}
        <span role="status" data-testid="offboarding-progress">${text}</span>
      </div>
    `;
  }

  #copy = async () => {
    try {
      await navigator.clipboard.writeText(absoluteUrl(this.statusUrl));
      this.copied = true;
    } catch {
      // No clipboard permission: the link is selected so Ctrl+C works.
      this.renderRoot.querySelector<HTMLInputElement>("[data-testid=status-url]")?.select();
    }
  };
}

customElements.define("procedo-offboarding-status", ProcedoOffboardingStatus);
