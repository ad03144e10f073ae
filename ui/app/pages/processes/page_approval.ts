// <procedo-process-approval>: the approval step of the draft (modelers). While the draft is
// being edited: a change note and "Submit for approval" (disabled, saying why, when the
// draft has no change since the last version or has errors). While a request is open: what
// was asked, by whom; "Withdraw" for the requester and executives; approve or reject with
// a comment for the process owner and executives (the API checks this per process), except
// that with four-eyes approval the submitter's approve is disabled, saying why. Fires
// `submit-draft` (the change note), `withdraw` and `decide` ({ approve, comment }).
import { css, html, LitElement, nothing } from "lit";
import type { TextArea } from "@fluentui/web-components";
import "../../../components/ai/change_note.ts";
import { icon } from "../../../components/icons.ts";
import { base } from "../../../components/styles.ts";
import type { Schemas } from "../../../lib/api/client.ts";
import { formatDateTime, LocaleController, t } from "../../../lib/i18n.ts";
import { roleAllows, session } from "../../session.ts";
import type { ApprovalRules } from "./page_approval_rules.ts";
import { canDecide, type Draft, personName, type Process } from "./page_model.ts";

type Approval = Schemas["ProcessApproval"];

export class ProcedoProcessApproval extends LitElement {
  static override properties = {
    process: { attribute: false },
    draft: { attribute: false },
    open: { attribute: false },
    rules: { attribute: false },
    people: { attribute: false },
    busy: { type: Boolean },
    missing: { state: true },
  };
  static override styles = [
    base,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalS);
        padding: var(--spacingVerticalM) var(--spacingHorizontalL);
        border: var(--strokeWidthThin) solid var(--colorNeutralStroke2);
        border-radius: var(--borderRadiusLarge);
        background: var(--colorNeutralBackground2);
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--spacingHorizontalS);
      }
      fluent-textarea {
        max-width: 40rem;
      }
      .field-error {
        color: var(--colorPaletteRedForeground1);
        font-size: var(--fontSizeBase200);
      }
      .note {
        white-space: pre-wrap;
      }
    `,
  ];
  declare process: Process;
  declare draft: Draft | undefined;
  declare open: Approval | undefined;
  /** What the server would refuse (undefined while loading: the server still decides). */
  declare rules: ApprovalRules | undefined;
  declare people: ReadonlyMap<string, string>;
  declare busy: boolean;
  declare missing: "note" | "reason" | undefined;

  constructor() {
    super();
    this.people = new Map();
    this.busy = false;
    new LocaleController(this);
  }

  override render() {
    if (this.open) return this.#openRequest(this.open);
    if (this.draft?.state !== "editing") return nothing;
    const since = this.rules?.unchangedSince;
    const blocked = since !== null && since !== undefined
      ? t("processes.versions.noChanges", { version: since })
      : this.rules?.errors
      ? t("processes.versions.hasErrors", { count: this.rules.errors })
      : "";
    return html`
      <h2>${t("processes.versions.submitTitle")}</h2>
      <p class="muted">${t("processes.versions.submitHint")}</p>
      <fluent-textarea name="changeNote" maxlength="2000" resize="vertical" data-testid="change-note"
      ><span slot="label">${t("processes.versions.changeNoteLabel")}</span></fluent-textarea>
      ${this.missing === "note"
        ? html`<span class="field-error" role="alert">${t("form.required")}</span>`
        : nothing}
      <div class="actions">
        <procedo-ai-change-note process-id=${this.process.id} @proposed=${(
          e: CustomEvent<string>,
        ) => (this.renderRoot.querySelector<TextArea>("[name=changeNote]")!.value =
          e.detail)}></procedo-ai-change-note>
        <fluent-button appearance="primary" ?disabled=${this.busy} data-testid="submit-approval"
          ?disabled-focusable=${!!blocked} aria-disabled=${blocked ? "true" : nothing}
          title=${blocked || nothing} aria-describedby=${blocked ? "submit-blocked" : nothing}
          @click=${() => !blocked && this.#submit()}>${icon("shieldTask", 20, "start")}${t(
            "processes.versions.submit",
          )}</fluent-button>
      </div>
      ${blocked
        ? html`<p class="muted" id="submit-blocked" data-testid="submit-blocked">${blocked}</p>`
        : nothing}
    `;
  }

  #openRequest(a: Approval) {
    const { me } = session();
    const mayWithdraw = a.requestedBy === me.user.id || roleAllows(me.user.role, "executive");
    const decide = canDecide(this.process);
    // Four-eyes approval: the server refuses the submitter's approval (409 four-eyes).
    const ownRequest = decide && (this.rules?.fourEyes ?? true) && a.requestedBy === me.user.id;
    return html`
      <h2>${t("processes.versions.waiting")}</h2>
      <p data-testid="open-request">${t("processes.versions.requested", {
        name: personName(a.requestedBy, this.people),
        date: formatDateTime(a.requestedAt),
      })}</p>
      <p class="note">${a.changeNote}</p>
      ${ownRequest
        ? html`<p class="muted" id="four-eyes" data-testid="four-eyes">${
          t("processes.versions.fourEyes")
        }</p>`
        : decide
        ? html`
          <fluent-textarea name="comment" maxlength="2000" resize="vertical" data-testid="decision-comment"
          ><span slot="label">${t("processes.versions.comment")}</span></fluent-textarea>
          <span class="muted">${t("processes.versions.commentHint")}</span>
          ${this.missing === "reason"
            ? html`<span class="field-error" role="alert">${
              t("processes.versions.reasonRequired")
            }</span>`
            : nothing}
        `
        : html`<p class="muted">${t("processes.versions.waitingForOwner")}</p>`}
      <div class="actions">
        ${ownRequest
          ? html`
            <fluent-button appearance="primary" data-testid="approve" disabled-focusable
              aria-disabled="true" aria-describedby="four-eyes"
              title=${t(
                "processes.versions.fourEyes",
              )}>${icon("checkmark", 20, "start")}${t("processes.versions.approve")}</fluent-button>
          `
          : decide
          ? html`
            <fluent-button appearance="primary" ?disabled=${this.busy} data-testid="approve"
              @click=${() => this.#decide(true)}>${icon("checkmark", 20, "start")}${t(
                "processes.versions.approve",
              )}</fluent-button>
            <fluent-button ?disabled=${this.busy} data-testid="reject"
              @click=${() => this.#decide(false)}>${icon("dismiss", 20, "start")}${t(
                "processes.versions.reject",
              )}</fluent-button>
          `
          : nothing}
        ${mayWithdraw
          ? html`
            <fluent-button appearance="subtle" ?disabled=${this.busy} data-testid="withdraw"
              @click=${() => this.dispatchEvent(new Event("withdraw"))}>${t(
                "processes.versions.withdraw",
              )}</fluent-button>
          `
          : nothing}
      </div>
    `;
  }

  #value(name: string): string {
    return (this.renderRoot.querySelector<TextArea>(`[name="${name}"]`)?.value ?? "").trim();
  }

  #submit() {
    const note = this.#value("changeNote");
    this.missing = note ? undefined : "note";
    if (!note) return;
    this.dispatchEvent(new CustomEvent("submit-draft", { detail: note }));
  }

  #decide(approve: boolean) {
    const comment = this.#value("comment");
    this.missing = !approve && !comment ? "reason" : undefined;
    if (this.missing) return;
    this.dispatchEvent(new CustomEvent("decide", { detail: { approve, comment } }));
  }
}

customElements.define("procedo-process-approval", ProcedoProcessApproval);
