// The process page's collaboration tabs — comments, problems and suggestions, feedback — and
// what a link into them asks for: ?comment=<thread> opens the comments on that thread,
// ?problem=<id> the problems on that one, ?feedback=1 the feedback, ?approval=<id> the
// versions (where the request is decided) and ?review=1 the details with the review cycle.
import { html } from "lit";
import type { MessageKey } from "../../../lib/i18n.ts";
import "../collaboration/comment_threads.ts";
import "../collaboration/feedback_box.ts";
import "../collaboration/problem_list.ts";
import type { Process } from "./page_model.ts";

export type CollaborationTab = "comments" | "problems" | "feedback";

export interface Focus {
  tab?: "comments" | "problems" | "feedback" | "history" | "details";
  commentId?: string;
  problemId?: string;
}

/** The tab and item a link's query names. */
export function focusOf(query: URLSearchParams): Focus {
  const comment = query.get("comment");
  if (comment) return { tab: "comments", commentId: comment };
  const problem = query.get("problem");
  if (problem) return { tab: "problems", problemId: problem };
  if (query.has("feedback")) return { tab: "feedback" };
  if (query.has("approval")) return { tab: "history" };
  if (query.has("review")) return { tab: "details" };
  return {};
}

/** The label of a tab: the collaboration tabs' own, else the process page's. */
export function tabLabel(tab: string): MessageKey {
  return (["comments", "problems", "feedback"].includes(tab)
    ? `collab.tab.${tab}`
    : `processes.page.tab.${tab}`) as MessageKey;
}

/** The panel of a collaboration tab. */
export function collaborationTab(tab: CollaborationTab, process: Process, focus: Focus) {
  switch (tab) {
    case "comments":
      return html`
        <procedo-comment-threads process-id=${process.id}
          focus-id=${focus.commentId ?? ""}></procedo-comment-threads>
      `;
    case "problems":
      return html`
        <procedo-problem-list process-id=${process.id}
          focus-id=${focus.problemId ?? ""}></procedo-problem-list>
      `;
    case "feedback":
      return html`
        <procedo-feedback-box process-id=${process.id}
          ?published=${process.publishedVersion > 0}></procedo-feedback-box>
      `;
  }
}
