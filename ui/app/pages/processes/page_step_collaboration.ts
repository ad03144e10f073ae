// The step panel's collaboration part: the comments on this step (everyone may write one)
// and a form to report a problem with it.
import { html } from "lit";
import { t } from "../../../lib/i18n.ts";
import "../collaboration/comment_threads.ts";
import "../collaboration/problem_form.ts";

/** Comments on step `nodeId` of the process, and "Report a problem" for it. */
export function stepCollaboration(processId: string, nodeId: string, stepLabel: string) {
  return html`
    <section data-testid="step-comments">
      <h3>${t("collab.comments.onStep")}</h3>
      <procedo-comment-threads process-id=${processId} node-id=${nodeId}
        step-label=${stepLabel}></procedo-comment-threads>
    </section>
    <details data-testid="step-problem">
      <summary>${t("collab.problems.reportOnStep", { step: stepLabel })}</summary>
      <procedo-problem-form process-id=${processId} node-id=${nodeId}
        step-label=${stepLabel}></procedo-problem-form>
    </details>
  `;
}
