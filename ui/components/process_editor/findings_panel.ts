// <procedo-findings-panel .findings .graph ?open>: the collapsible validation panel under
// the canvas. Its header (a disclosure button) always shows the counts; opened, it lists each
// finding with a severity icon, the message and the element it is about. Activating a
// finding fires `finding-select` with { id } so the editor selects and shows that element.
import { css, html, LitElement, nothing } from "lit";
import { icon } from "../icons.ts";
import { base } from "../styles.ts";
import type { Graph } from "../../editor/mod.ts";
import { LocaleController, t } from "../../lib/i18n.ts";
import type { ValidationFinding } from "./editor_api.ts";
import { findingMessage } from "./validation.ts";

export interface FindingSelectDetail {
  id: string;
}

export class ProcedoFindingsPanel extends LitElement {
  static override properties = {
    findings: { attribute: false },
    counts: { attribute: false },
    graph: { attribute: false },
    open: { type: Boolean, reflect: true },
    checking: { type: Boolean },
    failed: { type: Boolean },
  };
  static override styles = [
    base,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 0;
        border-top: var(--strokeWidthThin) solid var(--colorNeutralStroke2);
        background: var(--colorNeutralBackground2);
      }
      .toggle {
        display: flex;
        align-items: center;
        gap: var(--spacingHorizontalS);
        width: 100%;
        min-height: 36px;
        padding: 0 var(--spacingHorizontalL);
        border: none;
        background: transparent;
        color: var(--colorNeutralForeground1);
        font: inherit;
        text-align: start;
        cursor: pointer;
      }
      .toggle:hover {
        background: var(--colorSubtleBackgroundHover);
      }
      .toggle .title {
        font-weight: var(--fontWeightSemibold);
      }
      .toggle .counts {
        color: var(--colorNeutralForeground2);
      }
      ul {
        max-height: 12rem;
        overflow-y: auto;
        margin: 0;
        padding: 0 var(--spacingHorizontalL) var(--spacingVerticalS);
        list-style: none;
      }
      li button {
        display: flex;
        align-items: flex-start;
        gap: var(--spacingHorizontalS);
        width: 100%;
        padding: var(--spacingVerticalXS) var(--spacingHorizontalS);
        border: none;
        border-radius: var(--borderRadiusMedium);
        background: transparent;
        color: var(--colorNeutralForeground1);
        font: inherit;
        text-align: start;
        cursor: pointer;
      }
      li button:hover {
        background: var(--colorSubtleBackgroundHover);
      }
      li div {
        display: flex;
        gap: var(--spacingHorizontalS);
        padding: var(--spacingVerticalXS) var(--spacingHorizontalS);
      }
      .error .icon {
        color: var(--colorPaletteRedForeground1);
      }
      .warning .icon {
        color: var(--colorPaletteDarkOrangeForeground1);
      }
      .where {
        color: var(--colorNeutralForeground3);
      }
      .empty {
        padding: 0 var(--spacingHorizontalL) var(--spacingVerticalS);
        color: var(--colorNeutralForeground3);
      }
    `,
  ];
  declare findings: readonly ValidationFinding[];
  declare counts: { errors: number; warnings: number };
  declare graph: Graph | undefined;
  declare open: boolean;
  declare checking: boolean;
  declare failed: boolean;

  constructor() {
    super();
    this.findings = [];
    this.counts = { errors: 0, warnings: 0 };
    this.open = false;
    this.checking = false;
    this.failed = false;
    new LocaleController(this);
  }

  override render() {
    return html`
      <button
        class="toggle"
        type="button"
        aria-expanded=${this.open ? "true" : "false"}
        aria-controls="findings-list"
        title=${t(this.open ? "editor.findings.hide" : "editor.findings.show")}
        data-testid="findings-toggle"
        @click=${() => this.#toggle()}
      >
        ${icon(this.open ? "chevronDown" : "chevronUp", 16)}
        <span class="title">${t("editor.findings.title")}</span>
        <span class="counts" aria-live="polite">${this.checking
          ? t("editor.findings.checking")
          : t("editor.findings.counts", {
            errors: t("findings.errors", { count: this.counts.errors }),
            warnings: t("findings.warnings", { count: this.counts.warnings }),
          })}</span>
      </button>
      <div id="findings-list" ?hidden=${!this.open}>
        ${this.failed ? html`<p class="empty">${t("editor.findings.failed")}</p>` : nothing}
        ${this.findings.length
          ? html`<ul data-testid="findings">${this.findings.map((f) => this.#item(f))}</ul>`
          : html`<p class="empty">${t("editor.findings.none")}</p>`}
      </div>
    `;
  }

  #item(f: ValidationFinding) {
    const target = f.nodeIds[0] ?? f.edgeIds[0] ?? f.laneIds[0];
    const where = target ? this.#name(target) : t("editor.findings.process");
    const content = html`
      ${icon(f.severity === "error" ? "error" : "warning", 16)}
      <span class="visually-hidden">${t(
        f.severity === "error" ? "editor.findings.error" : "editor.findings.warning",
      )}:</span>
      <span>${findingMessage(f)} <span class="where">— ${where}</span></span>
    `;
    return html`<li class=${f.severity} data-code=${f.code}>
      ${
      target
        ? html`
          <button type="button" title=${t("editor.findings.showElement", { element: where })}
            @click=${() => this.#select(target)}>${content}</button>
        `
        : html`<div>${content}</div>`
    }
    </li>`;
  }

  #name(id: string): string {
    const g = this.graph;
    const node = g?.nodes.find((n) => n.id === id);
    if (node) return node.label || t(`editor.props.type.${node.type}`);
    const lane = g?.lanes.find((l) => l.id === id);
    if (lane) return lane.name;
    const edge = g?.edges.find((e) => e.id === id);
    if (edge) return edge.label || t("editor.props.edge");
    return id;
  }

  #toggle() {
    this.open = !this.open;
    this.dispatchEvent(new CustomEvent("toggle-findings", { detail: this.open }));
  }

  #select(id: string) {
    this.dispatchEvent(new CustomEvent<FindingSelectDetail>("finding-select", { detail: { id } }));
  }
}

customElements.define("procedo-findings-panel", ProcedoFindingsPanel);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-findings-panel": ProcedoFindingsPanel;
  }
}
