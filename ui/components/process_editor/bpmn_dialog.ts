// <procedo-bpmn-dialog>: before a BPMN file replaces the diagram, what the server's parser
// made of it — how many steps, flows and lanes, where the layout comes from, and every
// element it could not import or imported as a close match (never dropped silently).
// `ask(fileName, result, choosePool)` resolves true when the person chooses to replace the
// diagram; a collaboration's pools are offered as a choice, each choice parsed anew.
// Also: `downloadFile`, which saves an exported file under a name made from the title.
import { css, html, LitElement, nothing } from "lit";
import type { Dialog } from "@fluentui/web-components";
import { base } from "../styles.ts";
import { LocaleController, t } from "../../lib/i18n.ts";
import type { BpmnParseResult } from "./editor_api.ts";

export class ProcedoBpmnDialog extends LitElement {
  static override properties = { fileName: { state: true }, result: { state: true } };
  static override styles = [
    base,
    css`
      .content {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalS);
        max-height: 55vh;
        overflow-y: auto;
      }
      h3 {
        margin: var(--spacingVerticalS) 0 0;
        font-size: var(--fontSizeBase300);
        font-weight: var(--fontWeightSemibold);
      }
      ul {
        margin: 0;
        padding-inline-start: var(--spacingHorizontalXL);
      }
      .where {
        color: var(--colorNeutralForeground3);
      }
      code {
        font-family: var(--fontFamilyMonospace);
      }
      .pool {
        display: flex;
        align-items: center;
        gap: var(--spacingHorizontalS);
        min-height: 24px;
      }
    `,
  ];
  declare fileName: string;
  declare result: BpmnParseResult | null;
  #resolve?: (ok: boolean) => void;
  #choosePool?: (pool: string) => Promise<BpmnParseResult>;

  constructor() {
    super();
    this.fileName = "";
    this.result = null;
    new LocaleController(this);
  }

  async ask(
    fileName: string,
    result: BpmnParseResult,
    choosePool?: (pool: string) => Promise<BpmnParseResult>,
  ): Promise<boolean> {
    this.#resolve?.(false);
    this.fileName = fileName;
    this.result = result;
    this.#choosePool = choosePool;
    await this.updateComplete;
    (this.renderRoot.querySelector("fluent-dialog") as Dialog).show();
    return await new Promise<boolean>((resolve) => (this.#resolve = resolve));
  }

  #answer(ok: boolean) {
    const resolve = this.#resolve;
    this.#resolve = undefined;
    const dialog = this.renderRoot.querySelector("fluent-dialog") as Dialog;
    if (dialog?.dialog?.open) dialog.hide();
    resolve?.(ok);
  }

  override render() {
    const r = this.result;
    // Nothing until first asked: a closed dialog's autofocus button would make Fluent measure
    // the page (checkVisibility, a forced layout) while the editor's canvas is first drawn.
    if (!r) return nothing;
    return html`
      <fluent-dialog aria-label=${t("editor.bpmn.title")} data-testid="bpmn-dialog"
        @toggle=${(e: CustomEvent<{ newState: string }>) => {
          if (e.detail?.newState === "closed") this.#answer(false);
        }}>
        <fluent-dialog-body>
          <h2 slot="title">${t("editor.bpmn.title")}</h2>
          ${r ? this.#content(r) : nothing}
          <fluent-button slot="action" @click=${() => this.#answer(false)}>${t(
            "action.cancel",
          )}</fluent-button>
          <fluent-button slot="action" appearance="primary" data-action="import" autofocus
            @click=${() => this.#answer(true)}>${t("editor.bpmn.import")}</fluent-button>
        </fluent-dialog-body>
      </fluent-dialog>
    `;
  }

  #content(r: BpmnParseResult) {
    const report = r.report;
    return html`<div class="content" role="region" tabindex="0" aria-label=${
      t("editor.bpmn.title")
    }>
      <p>${t("editor.bpmn.replace", { file: this.fileName })}</p>
      <p>${
      t("editor.bpmn.summary", {
        nodes: r.graph.nodes.length,
        edges: r.graph.edges.length,
        lanes: r.graph.lanes.length,
      })
    } ${t(`editor.bpmn.layout.${report.layout}`)}</p>
      ${this.#pools(report.pools)}
      ${
      this.#list("unsupported", report.unsupported, (u) =>
        html`<code>${u.element}</code> ${u.name ?? u.id ?? ""}${this.#where(u.line)}${
          u.reason
            ? html`
              — ${u.reason}
            `
            : nothing
        }`)
    }
      ${
      this.#list("mapped", report.mapped, (m) =>
        html`<code>${m.element}</code> ${m.name ?? m.id ?? ""} ${
          t("editor.bpmn.as", {
            type: t(`editor.props.type.${m.as}`),
          })
        }${this.#where(m.line)}`)
    }
      ${this.#list("warnings", report.warnings, (w) => html`${w.message}${this.#where(w.line)}`)}
    </div>`;
  }

  #pools(pools: BpmnParseResult["report"]["pools"]) {
    if (!pools || pools.length < 2) return nothing;
    const chosen = pools.find((p) => p.chosen)?.id ?? "";
    return html`
      <section role="radiogroup" aria-labelledby="pools-title" data-testid="bpmn-pools">
        <h3 id="pools-title">${t("modeling.pools.title", { count: pools.length })}</h3>
        ${pools.map((p) =>
          html`<label class="pool">
          <input type="radio" name="pool" value=${p.id} .checked=${p.id === chosen}
            @change=${() => void this.#pick(p.id, chosen)}>
          ${t("modeling.pools.option", { name: p.name, nodes: p.nodes })}
        </label>`
        )}
        <p class="where">${t("modeling.pools.hint")}</p>
      </section>
    `;
  }

  async #pick(pool: string, chosen: string) {
    if (pool === chosen || !this.#choosePool) return;
    this.result = await this.#choosePool(pool);
  }

  #list<T>(
    kind: "unsupported" | "mapped" | "warnings",
    items: readonly T[],
    item: (x: T) => unknown,
  ) {
    if (!items.length) return nothing;
    return html`
      <h3>${t(`editor.bpmn.${kind}`, { count: items.length })}</h3>
      <ul data-report=${kind}>${items.map((x) => html`<li>${item(x)}</li>`)}</ul>
    `;
  }

  #where(line: number | undefined) {
    return line
      ? html`
        <span class="where">(${t("editor.bpmn.line", { line })})</span>
      `
      : nothing;
  }
}

/** A file name for the process's export: its title without characters file systems refuse. */
export function bpmnFileName(title: string): string {
  const safe = title.replace(/[\\/:*?"<>|\p{Cc}]+/gu, "_").replace(/\s+/g, " ").trim();
  return `${safe.slice(0, 120) || "process"}.bpmn`;
}

/** Hands a file to the browser's download. */
export function downloadFile(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.rel = "noopener";
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

customElements.define("procedo-bpmn-dialog", ProcedoBpmnDialog);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-bpmn-dialog": ProcedoBpmnDialog;
  }
}
