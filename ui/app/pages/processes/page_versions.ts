// <procedo-process-versions>: the published versions of a process, each with the
// submitter's change note and the approver's comment, and, for modelers, its approval flow —
// submit the draft, withdraw the request, and (for the process owner and executives) approve
// or reject with a comment; restoring an old version into the draft. The API decides who
// may do what; the page loads its rules (page_approval_rules.ts) so that it offers nothing
// the API would refuse, and shows refusals (403), conflicts (409) and stale drafts (412)
// with the current state reloaded. Fires `changed` (see ChangedDetail) after every action
// that moved the state on.
import { css, html, LitElement, nothing } from "lit";
import "../../../components/confirm_dialog.ts";
import type { ProcedoConfirm } from "../../../components/confirm_dialog.ts";
import { icon } from "../../../components/icons.ts";
import "../../../components/problem_bar.ts";
import { base, table } from "../../../components/styles.ts";
import { isApiProblem, type Schemas, unwrap } from "../../../lib/api/client.ts";
import { ApiData } from "../../../lib/api_data.ts";
import { formatDateTime, LocaleController, t } from "../../../lib/i18n.ts";
import { session } from "../../session.ts";
import "./page_approval.ts";
import "./page_approval_history.ts";
import { loadApprovalRules, rulesKey } from "./page_approval_rules.ts";
import { type Draft, draftETag, isModeler, personName, type Process } from "./page_model.ts";

type Version = Schemas["ProcessVersionSummary"];

/** `changed`: the listener may set `wait` to its reload, which the sender awaits. */
export interface ChangedDetail {
  wait?: Promise<unknown>;
}
type Approval = Schemas["ProcessApproval"];

export class ProcedoProcessVersions extends LitElement {
  static override properties = {
    process: { attribute: false },
    draft: { attribute: false },
    people: { attribute: false },
    error: { state: true },
    done: { state: true },
    busy: { state: true },
  };
  static override styles = [
    base,
    table,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalL);
        min-width: 0;
      }
      section {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalS);
      }
      td.note {
        white-space: normal;
        min-width: 12rem;
      }
      .comment {
        margin-top: var(--spacingVerticalXXS);
        color: var(--colorNeutralForeground2);
      }
    `,
  ];
  declare process: Process;
  declare draft: Draft | undefined;
  declare people: ReadonlyMap<string, string>;
  declare error: unknown;
  declare done: string | undefined;
  declare busy: boolean;
  #versions = new ApiData(this, async (signal) =>
    unwrap(
      await session().api.GET("/api/v1/processes/{id}/versions", {
        params: { path: { id: this.process.id }, query: { limit: 200 } },
        signal,
      }),
    ));
  // Versions whose change note an AI proposed word for word: labelled in the history.
  #aiNotes = new ApiData(this, async (signal) =>
    new Set(
      (unwrap(
        await session().api.GET("/api/v1/ai/processes/{id}/provenance", {
          params: { path: { id: this.process.id } },
          signal,
        }),
      )).changeNotes.map((n) => n.number),
    ));
  #approvals = new ApiData(this, async (signal) =>
    isModeler()
      ? unwrap(
        await session().api.GET("/api/v1/processes/{id}/approvals", {
          params: { path: { id: this.process.id }, query: { limit: 50 } },
          signal,
        }),
      )
      : undefined);
  #rules = new ApiData(
    this,
    (signal) => loadApprovalRules(this.process, this.draft, signal),
    { auto: false },
  );
  #rulesKey?: string;

  constructor() {
    super();
    this.people = new Map();
    this.busy = false;
    new LocaleController(this);
  }

  /** Loads versions and approvals again. */
  async reload() {
    await Promise.all([this.#versions.reload(), this.#approvals.reload(), this.#aiNotes.reload()]);
  }

  override willUpdate() {
    // The rules follow the process and its draft (a save, a decision, a new version).
    const key = rulesKey(this.process, this.draft);
    if (isModeler() && key !== this.#rulesKey) {
      this.#rulesKey = key;
      void this.#rules.reload();
    }
  }

  override render() {
    const open = this.#approvals.value?.items.find((a) => a.state === "open");
    return html`
      <div role="status">${this.done
        ? html`<fluent-message-bar intent="success" data-testid="versions-done">${this.done}</fluent-message-bar>`
        : nothing}</div>
      <procedo-problem .error=${this.error} @reload=${this.#afterConflict}></procedo-problem>
      ${isModeler()
        ? html`
          <procedo-process-approval
            .process=${this.process}
            .draft=${this.draft}
            .open=${open}
            .rules=${this.#rules.value}
            .people=${this.people}
            ?busy=${this.busy}
            @submit-draft=${(e: CustomEvent<string>) => this.#submit(e.detail)}
            @withdraw=${() => this.#withdraw()}
            @decide=${(e: CustomEvent<{ approve: boolean; comment: string }>) =>
              this.#decide(open!, e.detail.approve, e.detail.comment)}
          ></procedo-process-approval>
        `
        : nothing}
      <section>
        <h2>${t("processes.versions.title")}</h2>
        ${this.#versionTable()}
      </section>
      ${isModeler()
        ? html`
          <procedo-approval-history .items=${this.#approvals.value?.items ?? []}
            .people=${this.people}></procedo-approval-history>
        `
        : nothing}
      <procedo-confirm></procedo-confirm>
    `;
  }

  #versionTable() {
    const d = this.#versions;
    if (d.error) {
      return html`<procedo-problem .error=${d.error} @retry=${() => d.reload()}></procedo-problem>`;
    }
    if (!d.value) return html`<fluent-spinner aria-label=${t("app.loading")}></fluent-spinner>`;
    if (!d.value.items.length) return html`<p class="muted">${t("processes.versions.none")}</p>`;
    return html`
      <div class="table-wrap">
        <table data-testid="versions-table">
          <caption class="visually-hidden">${t("processes.versions.title")}</caption>
          <thead>
            <tr>
              <th scope="col">${t("processes.versions.number")}</th>
              <th scope="col">${t("processes.versions.publishedAt")}</th>
              <th scope="col">${t("processes.versions.changeNote")}</th>
              <th scope="col">${t("processes.versions.requestedBy")}</th>
              <th scope="col">${t("processes.versions.approvedBy")}</th>
              ${isModeler()
                ? html`<th scope="col"><span class="visually-hidden">${
                  t("table.actions")
                }</span></th>`
                : nothing}
            </tr>
          </thead>
          <tbody>${d.value.items.map((v) => this.#versionRow(v))}</tbody>
        </table>
      </div>
    `;
  }

  #versionRow(v: Version) {
    const current = v.number === this.process.publishedVersion;
    // The server refuses restoring into a draft in review (409): say why instead.
    const inReview = this.draft?.state === "in_review";
    return html`<tr data-version=${v.number}>
      <td>v${v.number} ${
      current
        ? html`<fluent-badge appearance="tint" color="brand" size="small">${
          t("processes.versions.current")
        }</fluent-badge>`
        : nothing
    }</td>
      <td>${formatDateTime(v.publishedAt)}</td>
      <td class="note">${v.changeNote}${
      this.#aiNotes.value?.has(v.number)
        ? html`
          <fluent-badge appearance="tint" color="brand" size="small"
            data-testid="ai-note">${t("ai.generated")}</fluent-badge>
        `
        : nothing
    }${
      v.approvalComment
        ? html`<div class="comment">${t("processes.versions.approvalComment")}: <span
            data-testid="approval-comment">${v.approvalComment}</span></div>`
        : nothing
    }</td>
      <td>${personName(v.requestedBy, this.people)}</td>
      <td>${personName(v.approvedBy, this.people)}</td>
      ${
      isModeler()
        ? html`
          <td class="actions">
            <fluent-button size="small" appearance="subtle" ?disabled=${this.busy}
              ?disabled-focusable=${inReview} aria-disabled=${inReview ? "true" : nothing}
              title=${inReview ? t("processes.versions.restoreInReview") : ""}
              aria-label=${t("processes.versions.restoreLabel", { version: v.number })}
              @click=${() => !inReview && this.#restore(v.number)}>${icon(
                "history",
                16,
                "start",
              )}${t(
                "processes.versions.restore",
              )}</fluent-button>
          </td>
        `
        : nothing
    }
    </tr>`;
  }

  /** Runs an action: busy while it runs, the result said, everything reloaded after. */
  async #act(fn: () => Promise<string>) {
    this.busy = true;
    this.error = undefined;
    this.done = undefined;
    try {
      this.done = await fn();
      await Promise.all([this.#changed(), this.reload()]);
    } catch (e) {
      this.error = e;
      // A conflict means the state moved on (someone decided, withdrew, submitted): show it.
      if (isApiProblem(e) && e.status === 409) {
        await Promise.all([this.#changed(), this.reload()]);
      }
    } finally {
      this.busy = false;
    }
  }

  #submit(changeNote: string) {
    return this.#act(async () => {
      unwrap(
        await session().api.POST("/api/v1/processes/{id}/draft/submit", {
          params: {
            path: { id: this.process.id },
            header: { "if-match": draftETag(this.draft?.version ?? 0) },
          },
          body: { changeNote },
        }),
      );
      return t("processes.versions.submitted");
    });
  }

  #withdraw() {
    return this.#act(async () => {
      unwrap(
        await session().api.POST("/api/v1/processes/{id}/draft/withdraw", {
          params: { path: { id: this.process.id } },
        }),
      );
      return t("processes.versions.withdrawn");
    });
  }

  #decide(open: Approval, approve: boolean, comment: string) {
    return this.#act(async () => {
      const path = { id: this.process.id, approvalId: open.id };
      if (approve) {
        const a = unwrap(
          await session().api.POST("/api/v1/processes/{id}/approvals/{approvalId}/approve", {
            params: { path },
            body: comment ? { comment } : {},
          }),
        );
        return t("processes.versions.approved", { version: a.publishedVersion ?? "" });
      }
      unwrap(
        await session().api.POST("/api/v1/processes/{id}/approvals/{approvalId}/reject", {
          params: { path },
          body: { reason: comment },
        }),
      );
      return t("processes.versions.rejected");
    });
  }

  async #restore(version: number) {
    const confirm = this.renderRoot.querySelector("procedo-confirm") as ProcedoConfirm;
    const ok = await confirm.ask({
      title: t("processes.versions.restoreTitle", { version }),
      message: t("processes.versions.restoreText", { version }),
      confirmLabel: t("processes.versions.restore"),
      destructive: true,
    });
    if (!ok) return;
    await this.#act(async () => {
      unwrap(
        await session().api.POST("/api/v1/processes/{id}/versions/{number}/restore", {
          params: {
            path: { id: this.process.id, number: version },
            header: { "if-match": draftETag(this.draft?.version ?? 0) },
          },
        }),
      );
      return t("processes.versions.restored", { version });
    });
  }

  /** After a 412: the draft changed meanwhile; load it, then the person acts again. */
  #afterConflict = async () => {
    this.busy = true;
    try {
      await Promise.all([this.#changed(), this.reload()]);
      this.error = undefined;
    } finally {
      this.busy = false;
    }
  };

  /**
   * Tells the page that the process changed and waits until it has loaded it again (the
   * listener puts its reload into `detail.wait`), so the next action names the new draft.
   */
  async #changed(): Promise<void> {
    const detail: ChangedDetail = {};
    this.dispatchEvent(new CustomEvent("changed", { detail }));
    await detail.wait;
  }
}

customElements.define("procedo-process-versions", ProcedoProcessVersions);
