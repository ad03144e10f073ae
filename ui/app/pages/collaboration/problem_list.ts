// <procedo-problem-list process-id focus-id>: the problems and suggestions of a process, open
// ones first by default, with the form to report one. Whoever may triage (the process owner,
// the assignee, executives) changes status — a reason is required to reject — and takes it
// over with "Assign to me".
import { css, html, LitElement, nothing, type PropertyValues } from "lit";
import "../../../components/problem_bar.ts";
import { base, controls } from "../../../components/styles.ts";
import { type Schemas, unwrap } from "../../../lib/api/client.ts";
import { ApiData } from "../../../lib/api_data.ts";
import { formatDate, LocaleController, type MessageKey, t } from "../../../lib/i18n.ts";
import { session } from "../../session.ts";
import { inboxCount } from "./inbox_count.ts";
import "./problem_form.ts";

type Problem = Schemas["ProcessProblem"];
const STATUSES = ["open", "in_progress", "resolved", "rejected"] as const;
type Status = typeof STATUSES[number];

export class ProcedoProblemList extends LitElement {
  static override properties = {
    processId: { attribute: "process-id" },
    focusId: { attribute: "focus-id" },
    openOnly: { state: true },
    busy: { state: true },
    error: { state: true },
  };
  static override styles = [
    base,
    controls,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalL);
      }
      .bar {
        display: flex;
        align-items: center;
        gap: var(--spacingHorizontalS);
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalM);
      }
      li {
        border: var(--strokeWidthThin) solid var(--colorNeutralStroke2);
        border-radius: var(--borderRadiusMedium);
        padding: var(--spacingVerticalS) var(--spacingHorizontalM);
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalXS);
      }
      li.focus {
        border-color: var(--colorCompoundBrandStroke);
        box-shadow: var(--shadow4);
      }
      h3 {
        margin: 0;
        font-size: var(--fontSizeBase400);
        font-weight: var(--fontWeightSemibold);
        display: flex;
        flex-wrap: wrap;
        gap: var(--spacingHorizontalS);
        align-items: center;
      }
      .meta {
        font-size: var(--fontSizeBase200);
        color: var(--colorNeutralForeground3);
      }
      .text {
        margin: 0;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .triage {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-end;
        gap: var(--spacingHorizontalS);
      }
      .triage input.native {
        min-width: 16rem;
      }
      .empty {
        color: var(--colorNeutralForeground3);
      }
    `,
  ];
  declare processId: string;
  declare focusId: string | undefined;
  declare openOnly: boolean;
  declare busy: boolean;
  declare error: unknown;
  #problems = new ApiData<Problem[]>(this, (signal) => this.#load(signal), { auto: false });

  constructor() {
    super();
    this.processId = "";
    this.openOnly = true;
    this.busy = false;
    new LocaleController(this);
  }

  protected override willUpdate(changed: PropertyValues) {
    if (changed.has("processId") && this.processId) void this.#problems.reload();
    // A link to a closed problem shows all of them.
    if (changed.has("focusId") && this.focusId) this.openOnly = false;
  }

  async #load(signal: AbortSignal): Promise<Problem[]> {
    const page = unwrap(
      await session().api.GET("/api/v1/collaboration/problems", {
        params: { query: { processId: this.processId, limit: 200 } },
        signal,
      }),
    );
    return page.items;
  }

  override render() {
    const all = this.#problems.value;
    const shown = all?.filter((p) =>
      !this.openOnly || p.status === "open" || p.status === "in_progress" || p.id === this.focusId
    );
    return html`
      <div class="bar" role="group" aria-label=${t("collab.problems.title")}>
        <h2>${t("collab.problems.title")}</h2>
        <label class="control"><span class="visually-hidden">${t("collab.problems.status")}</span>
          <select @change=${(
            e: Event,
          ) => (this.openOnly = (e.target as HTMLSelectElement).value === "open")}>
            <option value="open" ?selected=${this.openOnly}>${t(
              "collab.problems.filterOpen",
            )}</option>
            <option value="all" ?selected=${!this.openOnly}>${t(
              "collab.problems.filterAll",
            )}</option>
          </select>
        </label>
      </div>
      <procedo-problem .error=${this.error ?? this.#problems.error} @retry=${() =>
        this.#problems.reload()}></procedo-problem>
      ${shown === undefined
        ? html`<fluent-spinner size="small" aria-label=${t("app.loading")}></fluent-spinner>`
        : shown.length
        ? html`<ol data-testid="problem-list">${shown.map((p) => this.#problem(p))}</ol>`
        : html`<p class="empty">${t("collab.problems.empty")}</p>`}
      <procedo-problem-form process-id=${this.processId}
        @reported=${() => this.#problems.reload()}></procedo-problem-form>
    `;
  }

  #problem(p: Problem) {
    return html`
      <li class=${p.id === this.focusId ? "focus" : ""} data-problem=${p.id} data-testid="problem">
        <h3>
          <span>${p.title}</span>
          <fluent-badge appearance="tint" color=${badgeColor(
            p.status,
          )} data-testid="problem-status">${t(
            `collab.problems.status.${p.status}` as MessageKey,
          )}</fluent-badge>
          <fluent-badge appearance="outline">${t(
            `collab.problems.severity.${p.severity}` as MessageKey,
          )}</fluent-badge>
        </h3>
        <span class="meta">${t("collab.problems.reporter", {
          name: p.reporter.displayName,
          date: formatDate(p.createdAt),
        })}${p.stepLabel ? ` · ${t("collab.problems.onStep", { step: p.stepLabel })}` : ""} · ${t(
          "collab.problems.assignee",
        )}: ${p.assignee?.displayName ?? t("collab.problems.unassigned")}</span>
        <p class="text">${p.description}</p>
        ${p.statusReason
          ? html`<p class="text"><strong>${
            t("collab.problems.reason")
          }:</strong> ${p.statusReason}</p>`
          : nothing}
        ${p.canTriage ? this.#triage(p) : nothing}
      </li>
    `;
  }

  #triage(p: Problem) {
    const me = session().me.user.id;
    return html`
      <div class="triage">
        <label class="control"><span>${t("collab.problems.status")}</span>
          <select name="status" data-testid="problem-status-select">
            ${STATUSES.map((s) =>
              html`<option value=${s} ?selected=${s === p.status}>${
                t(
                  `collab.problems.status.${s}` as MessageKey,
                )
              }</option>`
            )}
          </select>
        </label>
        <label class="control"><span>${t("collab.problems.reason")}</span>
          <input class="native" name="reason" maxlength="2000" data-testid="problem-reason"
            placeholder=${t("collab.problems.reasonHint")} .value=${p.statusReason ?? ""}>
        </label>
        <fluent-button ?disabled=${this.busy} data-testid="problem-change"
          @click=${(e: Event) => this.#change(p, e)}>${t("collab.problems.change")}</fluent-button>
        ${p.assignee?.id === me ? nothing : html`
          <fluent-button appearance="subtle" ?disabled=${this.busy}
            @click=${() => this.#save(p, { assigneeId: me })}>${t(
              "collab.problems.assignToMe",
            )}</fluent-button>
        `}
      </div>
    `;
  }

  #change(p: Problem, e: Event) {
    const box = (e.target as HTMLElement).closest(".triage")!;
    const status = box.querySelector<HTMLSelectElement>("[name=status]")!.value as Status;
    const reason = box.querySelector<HTMLInputElement>("[name=reason]")!.value.trim();
    void this.#save(p, { status, reason: reason || null });
  }

  async #save(p: Problem, body: { status?: Status; reason?: string | null; assigneeId?: string }) {
    this.busy = true;
    this.error = undefined;
    try {
      unwrap(
        await session().api.PATCH("/api/v1/collaboration/problems/{id}", {
          params: { path: { id: p.id }, header: { "if-match": `W/"${p.version}"` } },
          body,
        }),
      );
      await this.#problems.reload();
      void inboxCount.refresh();
    } catch (e) {
      this.error = e;
    } finally {
      this.busy = false;
    }
  }
}

function badgeColor(status: string) {
  return status === "resolved"
    ? "success"
    : status === "rejected"
    ? "subtle"
    : status === "in_progress"
    ? "informative"
    : "warning";
}

customElements.define("procedo-problem-list", ProcedoProblemList);
