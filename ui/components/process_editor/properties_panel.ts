// <procedo-properties-panel>: the panel on the right of the editor. It shows the section for
// what is selected — a step, a flow, a lane — or, with nothing selected, the process's own
// details. Every graph change in it is a command; when a field loses focus the typing burst
// ends, so the next edit of the same field is a new undo step.
import { css, html, LitElement, nothing } from "lit";
import { base } from "../styles.ts";
import type { CommandStack, Graph, Selection } from "../../editor/mod.ts";
import { LocaleController, t } from "../../lib/i18n.ts";
import type { Process } from "./editor_api.ts";
import "./bpmn_properties.ts";
import "./element_properties.ts";
import type { NameCache } from "./picker_sources.ts";
import "./process_properties.ts";
import "./step_properties.ts";

export class ProcedoPropertiesPanel extends LitElement {
  static override properties = {
    stack: { attribute: false },
    graph: { attribute: false },
    selection: { attribute: false },
    names: { attribute: false },
    process: { attribute: false },
    processEtag: { attribute: "process-etag" },
    readonly: { type: Boolean },
  };
  static override styles = [
    base,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalM);
        box-sizing: border-box;
        padding: var(--spacingVerticalM) var(--spacingHorizontalL);
        overflow-y: auto;
        background: var(--colorNeutralBackground1);
      }
      .hint {
        color: var(--colorNeutralForeground3);
      }
    `,
  ];
  declare stack: CommandStack | undefined;
  declare graph: Graph | undefined;
  declare selection: Selection | undefined;
  declare names: NameCache | undefined;
  declare process: Process | undefined;
  declare processEtag: string;
  declare readonly: boolean;

  constructor() {
    super();
    this.processEtag = "";
    this.readonly = false;
    new LocaleController(this);
    // Leaving a field ends its typing burst: the next edit there is a new undo step.
    this.addEventListener("focusout", () => this.stack?.endBurst());
  }

  override render() {
    return html`
      <h2 id="properties-heading">${t("editor.props.title")}</h2>
      ${this.#section()}
    `;
  }

  #section() {
    const g = this.graph;
    const sel = this.selection;
    if (!g) return nothing;
    if (sel && sel.ids.size > 1) {
      return html`
        <p><strong>${t("editor.props.multiple", { count: sel.ids.size })}</strong></p>
        <p class="hint">${t("editor.props.multipleHint")}</p>
      `;
    }
    const id = sel?.primary ?? null;
    const node = id ? g.nodes.find((n) => n.id === id) : undefined;
    if (node) {
      return html`
        <procedo-step-properties .stack=${this.stack} .node=${node}
          .names=${this.names} ?readonly=${this.readonly}></procedo-step-properties>
        <procedo-bpmn-properties .stack=${this.stack} .node=${node} .graph=${g}
          ?readonly=${this.readonly}></procedo-bpmn-properties>
      `;
    }
    const edge = id ? g.edges.find((e) => e.id === id) : undefined;
    if (edge) {
      return html`
        <procedo-flow-properties .stack=${this.stack} .edge=${edge} .graph=${g}
          ?readonly=${this.readonly}></procedo-flow-properties>
        <procedo-bpmn-properties .stack=${this.stack} .edge=${edge} .graph=${g}
          ?readonly=${this.readonly}></procedo-bpmn-properties>
      `;
    }
    const lane = id ? g.lanes.find((l) => l.id === id) : undefined;
    if (lane) {
      return html`
        <procedo-lane-properties .stack=${this.stack} .lane=${lane}
          .names=${this.names} ?readonly=${this.readonly}></procedo-lane-properties>
      `;
    }
    if (!this.process) return nothing;
    return html`
      <procedo-process-properties .process=${this.process} etag=${this.processEtag}
        .names=${this.names}></procedo-process-properties>
    `;
  }
}

customElements.define("procedo-properties-panel", ProcedoPropertiesPanel);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-properties-panel": ProcedoPropertiesPanel;
  }
}
