// <procedo-problem-form process-id node-id step-label>: report a problem or suggest an
// improvement — title, description, severity — for the process or one of its steps.
// Fires `reported` with the new problem.
import { css, html, LitElement, nothing } from "lit";
import type { TextArea, TextInput } from "@fluentui/web-components";
import "../../../components/problem_bar.ts";
import { base, controls } from "../../../components/styles.ts";
import { type Schemas, unwrap } from "../../../lib/api/client.ts";
import { isApiProblem } from "../../../lib/api/client.ts";
import { LocaleController, type MessageKey, t } from "../../../lib/i18n.ts";
import { session } from "../../session.ts";
import { inboxCount } from "./inbox_count.ts";

export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
type Severity = typeof SEVERITIES[number];

export class ProcedoProblemForm extends LitElement {
  static override properties = {
    processId: { attribute: "process-id" },
    nodeId: { attribute: "node-id" },
    stepLabel: { attribute: "step-label" },
    busy: { state: true },
    error: { state: true },
    done: { state: true },
  };
  static override styles = [
    base,
    controls,
    css`
      form {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalS);
      }
      h3 {
        margin: 0;
        font-size: var(--fontSizeBase300);
        font-weight: var(--fontWeightSemibold);
      }
      .row {
        display: flex;
        gap: var(--spacingHorizontalS);
        justify-content: flex-end;
      }
    `,
  ];
  declare processId: string;
  declare nodeId: string | undefined;
  declare stepLabel: string | undefined;
  declare busy: boolean;
  declare error: unknown;
  declare done: boolean;

  constructor() {
    super();
    this.processId = "";
    this.busy = false;
    this.done = false;
    new LocaleController(this);
  }

  override render() {
    const heading = this.stepLabel
      ? t("collab.problems.reportOnStep", { step: this.stepLabel })
      : t("collab.problems.report");
    const fieldError = (f: string) =>
      isApiProblem(this.error) ? this.error.fieldError(`body.${f}`) : undefined;
    return html`
      <form data-testid="problem-form" novalidate @submit=${this.#submit}>
        <h3>${heading}</h3>
        <fluent-text-input name="title" maxlength="200" required data-testid="problem-title"
        >${t("collab.problems.titleField")}</fluent-text-input>
        ${fieldError("title")
          ? html`<span class="field-error">${fieldError("title")}</span>`
          : nothing}
        <fluent-textarea name="description" maxlength="10000" resize="vertical" required
          data-testid="problem-description"
        ><span slot="label">${t("collab.problems.description")}</span></fluent-textarea>
        ${fieldError("description")
          ? html`<span class="field-error">${fieldError("description")}</span>`
          : nothing}
        <label class="control"><span>${t("collab.problems.severity")}</span>
          <select name="severity" data-testid="problem-severity">
            ${SEVERITIES.map((s) =>
              html`<option value=${s} ?selected=${s === "medium"}>${
                t(
                  `collab.problems.severity.${s}` as MessageKey,
                )
              }</option>`
            )}
          </select>
        </label>
        <procedo-problem .error=${this.error}></procedo-problem>
        <div role="status">${this.done
          ? html`<fluent-message-bar intent="success">${
            t("collab.problems.reported")
          }</fluent-message-bar>`
          : nothing}</div>
        <div class="row">
          <fluent-button appearance="primary" ?disabled=${this.busy}
            data-testid="problem-send" @click=${this.#submit}>${t(
              "collab.problems.send",
            )}</fluent-button>
        </div>
      </form>
    `;
  }

  #submit = async (e: Event) => {
    e.preventDefault();
    const root = this.renderRoot;
    const title = root.querySelector<TextInput>("[name=title]")!;
    const description = root.querySelector<TextArea>("[name=description]")!;
    const severity = root.querySelector<HTMLSelectElement>("[name=severity]")!;
    this.busy = true;
    this.error = undefined;
    this.done = false;
    try {
      const problem: Schemas["ProcessProblem"] = unwrap(
        await session().api.POST("/api/v1/collaboration/problems", {
          body: {
            processId: this.processId,
            nodeId: this.nodeId || undefined,
            title: title.value,
            description: description.value,
            severity: severity.value as Severity,
          },
        }),
      );
      title.value = "";
      description.value = "";
      this.done = true;
      void inboxCount.refresh();
      this.dispatchEvent(
        new CustomEvent("reported", { detail: problem, bubbles: true, composed: true }),
      );
    } catch (err) {
      this.error = err;
    } finally {
      this.busy = false;
    }
  };
}

customElements.define("procedo-problem-form", ProcedoProblemForm);
