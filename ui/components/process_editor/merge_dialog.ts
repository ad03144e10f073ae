// <procedo-merge-dialog>: after a 412 (or when restoring unsaved changes older than the
// saved draft) it shows what changed on the server (describeChanges(base, theirs)) and the
// conflicts of a three-way merge, each decided mine or theirs (mine by default). "Merge and
// save" resolves with the merged graph; "Reload theirs" asks once before replacing my version
// (undoable even then); closing the dialog decides nothing and loses nothing.
import { css, html, LitElement, nothing } from "lit";
import type { Dialog } from "@fluentui/web-components";
import "../confirm_dialog.ts";
import type { ProcedoConfirm } from "../confirm_dialog.ts";
import { base } from "../styles.ts";
import {
  type ChangeRecord,
  type Conflict,
  describeChanges,
  type Graph,
  merge,
  type MergeResult,
  type Side,
} from "../../editor/mod.ts";
import { formatDateTime, LocaleController, t } from "../../lib/i18n.ts";
import type { SaveConflict } from "./save_controller.ts";
import { conflictValue, fieldLabel } from "./merge_text.ts";

export type MergeDecision =
  | { kind: "merge"; graph: Graph }
  | { kind: "theirs" }
  | { kind: "later" };

export class ProcedoMergeDialog extends LitElement {
  static override properties = {
    conflict: { state: true },
    choices: { state: true },
  };
  static override styles = [
    base,
    css`
      fluent-dialog-body {
        max-width: min(44rem, 90vw);
      }
      .content {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalM);
        max-height: 60vh;
        overflow-y: auto;
      }
      h3 {
        margin: 0;
        font-size: var(--fontSizeBase300);
        font-weight: var(--fontWeightSemibold);
      }
      ul {
        margin: 0;
        padding-inline-start: var(--spacingHorizontalXL);
      }
      .kind {
        font-weight: var(--fontWeightSemibold);
      }
      .fields {
        color: var(--colorNeutralForeground3);
      }
      fieldset {
        margin: 0;
        padding: var(--spacingVerticalS) var(--spacingHorizontalM);
        border: var(--strokeWidthThin) solid var(--colorNeutralStroke2);
        border-radius: var(--borderRadiusMedium);
      }
      legend {
        padding: 0 var(--spacingHorizontalXS);
        font-weight: var(--fontWeightSemibold);
      }
      label {
        display: flex;
        gap: var(--spacingHorizontalS);
        align-items: center;
      }
    `,
  ];
  declare conflict: SaveConflict | null;
  declare choices: Record<string, Side>;
  #resolve?: (d: MergeDecision) => void;
  #changes: ChangeRecord[] = [];

  constructor() {
    super();
    this.conflict = null;
    this.choices = {};
    new LocaleController(this);
  }

  /** Shows the conflict; resolves with the person's decision. */
  async ask(conflict: SaveConflict): Promise<MergeDecision> {
    this.#resolve?.({ kind: "later" });
    this.conflict = conflict;
    this.choices = {};
    this.#changes = describeChanges(conflict.base, conflict.theirs);
    await this.updateComplete;
    this.#dialog.show();
    return await new Promise<MergeDecision>((resolve) => (this.#resolve = resolve));
  }

  get #dialog(): Dialog {
    return this.renderRoot.querySelector("fluent-dialog") as Dialog;
  }

  #merged(): MergeResult | null {
    const c = this.conflict;
    return c ? merge(c.base, c.mine, c.theirs, this.choices) : null;
  }

  #answer(d: MergeDecision) {
    const resolve = this.#resolve;
    this.#resolve = undefined;
    if (this.#dialog?.dialog?.open) this.#dialog.hide();
    resolve?.(d);
  }

  override render() {
    const c = this.conflict;
    const result = this.#merged();
    const title = t(c?.reason === "restore" ? "editor.merge.titleRestore" : "editor.merge.title");
    // Nothing until first asked: a closed dialog's autofocus button would make Fluent measure
    // the page (checkVisibility, a forced layout) while the editor's canvas is first drawn.
    if (!c) return nothing;
    return html`
      <fluent-dialog
        aria-label=${title}
        data-testid="merge-dialog"
        @toggle=${(e: CustomEvent<{ newState: string }>) => {
          if (e.detail?.newState === "closed") this.#answer({ kind: "later" });
        }}
      >
        <fluent-dialog-body>
          <h2 slot="title">${title}</h2>
          ${c && result ? this.#content(c, result) : nothing}
          <fluent-button slot="action" @click=${() => this.#answer({ kind: "later" })}>${t(
            "editor.merge.later",
          )}</fluent-button>
          <fluent-button slot="action" data-action="theirs" @click=${this.#takeTheirs}>${t(
            "editor.merge.takeTheirs",
          )}</fluent-button>
          <fluent-button slot="action" appearance="primary" data-action="merge" autofocus
            @click=${() => result && this.#answer({ kind: "merge", graph: result.graph })}>${t(
              "editor.merge.apply",
            )}</fluent-button>
        </fluent-dialog-body>
      </fluent-dialog>
      <procedo-confirm></procedo-confirm>
    `;
  }

  #content(c: SaveConflict, result: MergeResult) {
    return html`<div class="content" role="region" tabindex="0" aria-label=${
      t("editor.merge.changes")
    }>
      ${
      c.updatedByName && c.updatedAt
        ? html`<p>${
          t("editor.merge.by", {
            name: c.updatedByName,
            time: formatDateTime(c.updatedAt),
          })
        }</p>`
        : nothing
    }
      <p>${t("editor.merge.intro")}</p>
      <h3>${t("editor.merge.changes")}</h3>
      ${
      this.#changes.length
        ? html`<ul data-testid="server-changes">${this.#changes.map((r) => this.#change(r))}</ul>`
        : html`<p>${t("editor.merge.noChanges")}</p>`
    }
      <h3>${t("editor.merge.conflicts")}</h3>
      ${
      result.conflicts.length
        ? result.conflicts.map((x) => this.#choice(x))
        : html`<p>${t("editor.merge.noConflicts")}</p>`
    }
    </div>`;
  }

  #change(r: ChangeRecord) {
    const kind = t(`editor.merge.${r.kind}`);
    return html`<li data-change=${r.kind}>
      <span class="kind">${kind}</span> ${t(`editor.element.${r.element}`)} “${r.label}”${
      r.fields
          .length
        ? html`
          <span class="fields">(${r.fields.map(fieldLabel).join(", ")})</span>
        `
        : nothing
    }
    </li>`;
  }

  #choice(x: Conflict) {
    const name = `choice-${x.key}`;
    const legend = t("editor.merge.choice", {
      element: `${t(`editor.element.${x.element}`)} “${x.label}”`,
      field: fieldLabel(x.field),
    });
    const side = (s: Side) =>
      html`<label>
        <input type="radio" name=${name} value=${s} data-side=${s}
          .checked=${x.resolution === s}
          @change=${() => (this.choices = { ...this.choices, [x.key]: s })}>
        ${
        t(s === "mine" ? "editor.merge.mine" : "editor.merge.theirs", {
          value: conflictValue(x.field, s === "mine" ? x.mine : x.theirs),
        })
      }
      </label>`;
    return html`<fieldset data-conflict=${x.key}>
      <legend>${legend}</legend>
      ${side("mine")} ${side("theirs")}
    </fieldset>`;
  }

  #takeTheirs = async () => {
    const confirm = this.renderRoot.querySelector("procedo-confirm") as ProcedoConfirm;
    const ok = await confirm.ask({
      title: t("editor.merge.takeTheirsTitle"),
      message: t("editor.merge.takeTheirsText"),
      confirmLabel: t("editor.merge.takeTheirs"),
      destructive: true,
    });
    if (ok) this.#answer({ kind: "theirs" });
  };
}

customElements.define("procedo-merge-dialog", ProcedoMergeDialog);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-merge-dialog": ProcedoMergeDialog;
  }
}
