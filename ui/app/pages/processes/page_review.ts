// <procedo-process-review .process=${p}>: the review cycle — when the process is next due,
// whether it is overdue, when it was last confirmed and the note given then — and, for its
// owner and executives, "Confirm still current" (POST …/review/confirm), which schedules the
// next review. Fires `changed` with the updated process.
import { css, html, LitElement, nothing } from "lit";
import type { TextArea } from "@fluentui/web-components";
import { icon } from "../../../components/icons.ts";
import "../../../components/problem_bar.ts";
import { base } from "../../../components/styles.ts";
import { unwrap } from "../../../lib/api/client.ts";
import { formatDate, formatDateTime, LocaleController, t } from "../../../lib/i18n.ts";
import { session } from "../../session.ts";
import { canConfirmReview, type Process } from "./page_model.ts";

export class ProcedoProcessReview extends LitElement {
  static override properties = {
    process: { attribute: false },
    error: { state: true },
    done: { state: true },
    busy: { state: true },
  };
  static override styles = [
    base,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalS);
      }
      dl {
        display: grid;
        grid-template-columns: minmax(8rem, max-content) 1fr;
        gap: var(--spacingVerticalXS) var(--spacingHorizontalM);
        margin: 0;
      }
      dt {
        color: var(--colorNeutralForeground3);
      }
      dd {
        margin: 0;
        display: flex;
        align-items: center;
        gap: var(--spacingHorizontalS);
      }
      /* the note keeps the person's line breaks and wraps long words */
      dd.note {
        display: block;
        white-space: pre-line;
        overflow-wrap: anywhere;
      }
      fluent-textarea {
        max-width: 40rem;
      }
      .actions {
        display: flex;
        gap: var(--spacingHorizontalS);
      }
    `,
  ];
  declare process: Process;
  declare error: unknown;
  declare done: string | undefined;
  declare busy: boolean;

  constructor() {
    super();
    this.busy = false;
    new LocaleController(this);
  }

  override render() {
    const p = this.process;
    return html`
      <h2>${t("processes.review.title")}</h2>
      <dl data-testid="review-status">
        <dt>${t("processes.review.next")}</dt>
        <dd><span data-testid="next-review">${formatDate(p.nextReviewAt)}</span>${p.reviewDue
          ? html`
            <fluent-badge appearance="filled" color="danger"
              data-testid="review-overdue">${t("processes.review.overdue")}</fluent-badge>
          `
          : nothing}</dd>
        <dt>${t("processes.review.interval")}</dt>
        <dd>${t("processes.review.months", { count: p.reviewIntervalMonths })}</dd>
        <dt>${t("processes.review.last")}</dt>
        <dd>${p.lastReviewedAt
          ? formatDateTime(p.lastReviewedAt)
          : t("processes.review.never")}</dd>
        ${p.lastReviewNote
          ? html`
            <dt>${t("processes.review.lastNote")}</dt>
            <dd class="note" data-testid="review-note">${p.lastReviewNote}</dd>
          `
          : nothing}
      </dl>
      <div role="status">${this.done
        ? html`<fluent-message-bar intent="success">${this.done}</fluent-message-bar>`
        : nothing}</div>
      <procedo-problem .error=${this.error}></procedo-problem>
      ${canConfirmReview(p)
        ? html`
          <fluent-textarea name="note" maxlength="2000" resize="vertical"
          ><span slot="label">${t("processes.review.note")}</span></fluent-textarea>
          <div class="actions">
            <fluent-button appearance=${p.reviewDue ? "primary" : "secondary"} ?disabled=${this
              .busy}
              data-testid="confirm-review" @click=${this.#confirm}>${icon(
                "checkmark",
                20,
                "start",
              )}${t("processes.review.confirm")}</fluent-button>
          </div>
        `
        : nothing}
    `;
  }

  #confirm = async () => {
    const field = this.renderRoot.querySelector<TextArea>("[name=note]");
    const note = (field?.value ?? "").trim();
    this.busy = true;
    this.error = undefined;
    this.done = undefined;
    try {
      const result = unwrap(
        await session().api.POST("/api/v1/processes/{id}/review/confirm", {
          params: { path: { id: this.process.id } },
          body: note ? { note } : {},
        }),
      );
      if (field) field.value = "";
      this.done = t("processes.review.confirmed", {
        date: formatDate(result.process.nextReviewAt),
      });
      this.dispatchEvent(
        new CustomEvent("changed", { detail: result.process, bubbles: true, composed: true }),
      );
    } catch (e) {
      this.error = e;
    } finally {
      this.busy = false;
    }
  };
}

customElements.define("procedo-process-review", ProcedoProcessReview);
