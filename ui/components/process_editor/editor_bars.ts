// The message bars between the editor's command bar and the canvas: the draft is in review,
// unsaved changes from an earlier visit can be restored, the sign-in expired (sign in again
// here, without leaving), a conflict waits for a decision, the browser cannot keep a local
// copy, a failed save (in the catalog's words, never the server's), a failed call, and short
// notices ("layout applied").
import { html, nothing } from "lit";
import type { ProcedoConfirm } from "../confirm_dialog.ts";
import { formatDateTime, t } from "../../lib/i18n.ts";
import type { EditorHost, EditorNotice } from "./editor_host.ts";
import type { EditorSaving } from "./save_types.ts";
import { saveFailureMessage } from "./save_failure.ts";

const bar = (intent: EditorNotice["intent"], text: string, actions: unknown = nothing) =>
  html`<fluent-message-bar intent=${intent} layout="multiline">${text}${actions}
  </fluent-message-bar>`;

const button = (label: string, onClick: () => void, testId = "", disabled = false) =>
  html`
    <fluent-button slot="actions" size="small" data-testid=${testId || nothing}
      ?disabled=${disabled} @click=${onClick}>${label}</fluent-button>
  `;

export function editorBars(editor: EditorHost) {
  const save = editor.save;
  if (!save) return nothing;
  return html`
    ${editor.inReview ? bar("info", t("editor.inReview")) : nothing}
    ${save.restoreOffer
      ? bar(
        "warning",
        t("editor.restore.text", { time: formatDateTime(save.restoreOffer.savedAt) }),
        html`${button(t("editor.restore.apply"), () => save.restore(), "restore-draft")}
        ${button(t("editor.restore.discard"), () => void discardRestore(editor), "discard-draft")}`,
      )
      : nothing}
    ${save.needsSignIn ? signInBar(save, editor.signedInName) : nothing}
    ${save.conflict && !editor.merging
      ? bar(
        "warning",
        t("editor.conflict.pending"),
        button(t("editor.conflict.resolve"), () => void editor.resolveConflict(), "resolve"),
      )
      : nothing}
    ${save.storageProblem
      ? bar("warning", t("editor.storageProblem", { message: save.storageProblem.message }))
      : nothing}
    ${save.error !== undefined
      ? bar(
        "error",
        t(saveFailureMessage(save.error)),
        button(t("action.retry"), () => void editor.run("save"), "retry-save"),
      )
      : nothing}
    <procedo-problem .error=${editor.actionError}
      @retry=${() => void editor.run("save")}
      @procedo-sign-in=${(e: Event) => {
        // Signing in again here, not through the app's sign-in page: the editor stays.
        e.stopPropagation();
        editor.actionError = undefined;
        void save.signInAgain();
      }}></procedo-problem>
    ${editor.notice
      ? bar(
        editor.notice.intent,
        editor.notice.text,
        button(t("editor.dismiss"), () => editor.say(null)),
      )
      : nothing}
  `;
}

/** The sign-in expired: the person signs in again here, and the save follows. */
function signInBar(save: EditorSaving, name: string) {
  const text = save.signInProblem === "other-person"
    ? t("editor.signIn.otherPerson", { name })
    : save.signInProblem === "failed"
    ? t("editor.signIn.failed")
    : t("editor.signIn.text");
  return html`
    <fluent-message-bar intent="warning" layout="multiline" role="alert"
      data-testid="sign-in-prompt">${text}${button(
        save.signingIn ? t("editor.signIn.busy") : t("editor.signIn.action"),
        () => void save.signInAgain(),
        "sign-in-again",
        save.signingIn,
      )}</fluent-message-bar>
  `;
}

/** Forgets the stored draft after one confirmation (it cannot be undone). */
async function discardRestore(editor: EditorHost) {
  const confirm = editor.renderRoot.querySelector("procedo-confirm") as ProcedoConfirm;
  const ok = await confirm.ask({
    title: t("editor.restore.discardTitle"),
    message: t("editor.restore.discardText"),
    confirmLabel: t("editor.restore.discard"),
    destructive: true,
  });
  if (ok) editor.save?.discardRestore();
}
