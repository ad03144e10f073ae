// <procedo-in-use .processes=${list}>: why a delete was refused — the processes
// that still use the object (a position, unit, document…), each a link — and the way on: "Unlink everywhere
// and delete" fires `unlink`. Published versions keep it; the drafts lose it.
import { css, html, LitElement, nothing } from "lit";
import { base } from "./styles.ts";
import { LocaleController, t } from "../lib/i18n.ts";
import type { UsedIn } from "../lib/problems.ts";

export class ProcedoInUse extends LitElement {
  static override properties = {
    processes: { attribute: false },
    name: {},
    busy: { type: Boolean },
  };
  static override styles = [
    base,
    css`
      :host {
        display: block;
      }
      ul {
        margin: var(--spacingVerticalS) 0;
        padding-inline-start: var(--spacingHorizontalXL);
      }
      a {
        color: var(--colorBrandForegroundLink);
      }
      .where {
        color: var(--colorNeutralForeground3);
        font-size: var(--fontSizeBase200);
      }
    `,
  ];
  declare processes: UsedIn[] | undefined;
  declare name: string;
  declare busy: boolean;

  constructor() {
    super();
    this.name = "";
    this.busy = false;
    new LocaleController(this);
  }

  override render() {
    const list = this.processes;
    if (!list) return nothing;
    return html`
      <fluent-message-bar intent="warning" layout="multiline" role="alert" data-testid="in-use">
        <div>
          <p>${t("inUse.text", { name: this.name, count: list.length })}</p>
          <ul>
            ${list.map((p) =>
              html`<li><a href="/processes/${p.processId}">${p.title}</a>
              <span class="where">${this.#where(p)}</span></li>`
            )}
          </ul>
          <p>${t("inUse.hint")}</p>
        </div>
        <fluent-button slot="actions" size="small" ?disabled=${this.busy}
          data-testid="unlink-delete" @click=${() => this.dispatchEvent(new Event("unlink"))}>
          ${t("inUse.unlink")}</fluent-button>
      </fluent-message-bar>
    `;
  }

  #where(p: UsedIn): string {
    if (p.inPublished && p.inDraft) return t("inUse.publishedAndDraft");
    return p.inPublished ? t("inUse.published") : t("inUse.draft");
  }
}

customElements.define("procedo-in-use", ProcedoInUse);
