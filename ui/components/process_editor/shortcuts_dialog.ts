// <procedo-shortcuts-dialog>: every keyboard shortcut of the editor (F1 or "?"), those the
// editor handles everywhere and those that act on the canvas's selection, as two tables.
import { css, html, LitElement, nothing } from "lit";
import type { Dialog } from "@fluentui/web-components";
import { base, table } from "../styles.ts";
import { LocaleController, type MessageKey, t } from "../../lib/i18n.ts";
import { type Shortcut, SHORTCUTS } from "./keyboard.ts";

const KEY_NAMES: Record<string, MessageKey> = {
  mod: "editor.key.mod",
  shift: "editor.key.shift",
  alt: "editor.key.alt",
  delete: "editor.key.delete",
  escape: "editor.key.escape",
  arrows: "editor.key.arrows",
  backspace: "editor.key.backspace",
  enter: "editor.key.enter",
  space: "editor.key.space",
  home: "editor.key.home",
  end: "editor.key.end",
};

const isMac = () => /Mac|iPhone|iPad/.test(globalThis.navigator?.platform ?? "");

function keyName(k: string): string {
  if (k === "mod" && isMac()) return "⌘";
  return KEY_NAMES[k] ? t(KEY_NAMES[k]) : k;
}

export class ProcedoShortcutsDialog extends LitElement {
  static override styles = [
    base,
    table,
    css`
      kbd {
        display: inline-block;
        min-width: 1.5em;
        padding: 0 var(--spacingHorizontalXS);
        border: var(--strokeWidthThin) solid var(--colorNeutralStroke1);
        border-bottom-width: var(--strokeWidthThick);
        border-radius: var(--borderRadiusSmall);
        background: var(--colorNeutralBackground3);
        font-family: var(--fontFamilyMonospace);
        font-size: var(--fontSizeBase200);
        text-align: center;
      }
      .content {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalL);
        max-height: 60vh;
        overflow-y: auto;
      }
      caption {
        font-weight: var(--fontWeightSemibold);
        padding-bottom: var(--spacingVerticalXS);
      }
      td {
        white-space: normal;
      }
    `,
  ];

  constructor() {
    super();
    new LocaleController(this);
  }

  #asked = false;

  async show() {
    this.#asked = true;
    this.requestUpdate();
    await this.updateComplete;
    (this.renderRoot.querySelector("fluent-dialog") as Dialog).show();
  }

  override render() {
    // Nothing until first asked: a closed dialog's autofocus button would make Fluent measure
    // the page (checkVisibility, a forced layout) while the editor's canvas is first drawn.
    if (!this.#asked) return nothing;
    return html`
      <fluent-dialog aria-label=${t("editor.shortcuts.title")} data-testid="shortcuts-dialog">
        <fluent-dialog-body>
          <h2 slot="title">${t("editor.shortcuts.title")}</h2>
          <div class="content" role="region" tabindex="0" aria-label=${t("editor.shortcuts.title")}>
            ${this.#table("editor.shortcuts.editor", "editor")}
            ${this.#table("editor.shortcuts.canvas", "canvas")}
          </div>
          <fluent-button slot="action" appearance="primary" autofocus
            @click=${() => (this.renderRoot.querySelector("fluent-dialog") as Dialog).hide()}>${t(
              "action.close",
            )}</fluent-button>
        </fluent-dialog-body>
      </fluent-dialog>
    `;
  }

  #table(caption: MessageKey, who: Shortcut["handledBy"]) {
    return html`
      <table>
        <caption>${t(caption)}</caption>
        <thead>
          <tr>
            <th scope="col">${t("editor.shortcuts.keys")}</th>
            <th scope="col">${t("editor.shortcuts.action")}</th>
          </tr>
        </thead>
        <tbody>${SHORTCUTS.filter((s) => s.handledBy === who).map((s) =>
          html`
            <tr>
              <td>${s.keys.map((combo, i) =>
                html`${
                  i
                    ? html`
                      ${t("editor.shortcuts.or")}
                    `
                    : ""
                }${combo.map((k, j) => html`${j ? "+" : ""}<kbd>${keyName(k)}</kbd>`)}`
              )}</td>
              <td>${t(s.description)}</td>
            </tr>
          `
        )}</tbody>
      </table>
    `;
  }
}

customElements.define("procedo-shortcuts-dialog", ProcedoShortcutsDialog);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-shortcuts-dialog": ProcedoShortcutsDialog;
  }
}
