// <procedo-approval-history>: the approval requests of a process (modelers), newest first:
// when and by whom requested, the submitter's change note, the state, and the decision with
// the decider's words (the approver's comment, or why it was rejected or withdrawn).
import { css, html, LitElement, nothing } from "lit";
import { base, table } from "../../../components/styles.ts";
import type { Schemas } from "../../../lib/api/client.ts";
import { formatDateTime, LocaleController, type MessageKey, t } from "../../../lib/i18n.ts";
import { personName } from "./page_model.ts";

type Approval = Schemas["ProcessApproval"];

const COLORS = {
  open: "warning",
  approved: "success",
  rejected: "danger",
  withdrawn: "subtle",
};

export class ProcedoApprovalHistory extends LitElement {
  static override properties = {
    items: { attribute: false },
    people: { attribute: false },
  };
  static override styles = [
    base,
    table,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalS);
      }
      td.note {
        white-space: normal;
        min-width: 12rem;
      }
      .words {
        white-space: pre-wrap;
      }
    `,
  ];
  declare items: Approval[];
  declare people: ReadonlyMap<string, string>;

  constructor() {
    super();
    this.items = [];
    this.people = new Map();
    new LocaleController(this);
  }

  override render() {
    return html`
      <h2>${t("processes.versions.approvals")}</h2>
      ${this.items.length
        ? html`
          <div class="table-wrap">
            <table data-testid="approvals-table">
              <caption class="visually-hidden">${t("processes.versions.approvals")}</caption>
              <thead>
                <tr>
                  <th scope="col">${t("processes.versions.requestedAt")}</th>
                  <th scope="col">${t("processes.versions.requestedBy")}</th>
                  <th scope="col">${t("processes.versions.changeNote")}</th>
                  <th scope="col">${t("processes.versions.state")}</th>
                  <th scope="col">${t("processes.versions.decision")}</th>
                </tr>
              </thead>
              <tbody>${this.items.map((a) => this.#row(a))}</tbody>
            </table>
          </div>
        `
        : html`<p class="muted">${t("processes.versions.noApprovals")}</p>`}
    `;
  }

  #row(a: Approval) {
    const words = a.comment ?? a.reason;
    return html`
      <tr data-approval=${a.state}>
        <td>${formatDateTime(a.requestedAt)}</td>
        <td>${personName(a.requestedBy, this.people)}</td>
        <td class="note">${a.changeNote}</td>
        <td>
          <fluent-badge appearance="tint" color=${COLORS[a.state]}>${t(
            `processes.versions.state.${a.state}` as MessageKey,
          )}</fluent-badge>
        </td>
        <td class="note">${a.decidedBy
          ? html`${personName(a.decidedBy, this.people)}, ${formatDateTime(a.decidedAt)}${
            a.publishedVersion ? ` → v${a.publishedVersion}` : nothing
          }${
            words ? html`<div class="words" data-testid="decision-words">${words}</div>` : nothing
          }`
          : nothing}</td>
      </tr>
    `;
  }
}

customElements.define("procedo-approval-history", ProcedoApprovalHistory);
