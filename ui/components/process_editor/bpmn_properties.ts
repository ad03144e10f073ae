// <procedo-bpmn-properties .stack .graph .node | .edge>: the BPMN distinctions of the
// selected element — whether a flow is its gateway's default, whether an intermediate event
// catches or throws, whether a subprocess is embedded and shown open or closed (with a way to
// open a closed one: the `open-subprocess` event, which the editor turns into a drill-down).
import { html, LitElement, nothing } from "lit";
import { live } from "lit/directives/live.js";
import { base, controls } from "../styles.ts";
import {
  type Command,
  type CommandStack,
  type Edge,
  type Graph,
  type ProcessNode,
  setCollapsed,
  setDefaultFlow,
  setEmbedded,
  setEventKind,
} from "../../editor/mod.ts";
import { DEFAULT_FLOW_SOURCES } from "../../../plugins/processes/graph_core/structure.ts";
import { LocaleController, t } from "../../lib/i18n.ts";
import { fieldStyles, run } from "./fields.ts";
import type { OpenSubprocessDetail } from "./editor_layout.ts";

export class ProcedoBpmnProperties extends LitElement {
  static override properties = {
    stack: { attribute: false },
    graph: { attribute: false },
    node: { attribute: false },
    edge: { attribute: false },
    readonly: { type: Boolean },
    error: { state: true },
  };
  static override styles = [base, controls, fieldStyles];
  declare stack: CommandStack | undefined;
  declare graph: Graph | undefined;
  declare node: ProcessNode | undefined;
  declare edge: Edge | undefined;
  declare readonly: boolean;
  declare error: string | null;

  constructor() {
    super();
    this.readonly = false;
    this.error = null;
    new LocaleController(this);
  }

  #run(command: Command) {
    this.error = run(this.stack, command);
  }

  override render() {
    const body = this.edge ? this.#edge(this.edge) : this.node ? this.#node(this.node) : nothing;
    return html`${body}${
      this.error ? html`<span class="field-error" role="alert">${this.error}</span>` : nothing
    }`;
  }

  #edge(e: Edge) {
    const source = this.graph?.nodes.find((n) => n.id === e.from);
    if (!source || !DEFAULT_FLOW_SOURCES.includes(source.type)) return nothing;
    return html`
      <label class="radio">
        <input type="checkbox" name="default-flow" ?disabled=${this.readonly}
          aria-describedby="default-hint" .checked=${live(!!e.isDefault)}
          @change=${(ev: Event) =>
            this.#run(setDefaultFlow(e.id, (ev.target as HTMLInputElement).checked))}>
        ${t("modeling.edge.default")}
      </label>
      <span class="hint" id="default-hint">${t("modeling.edge.defaultHint")}</span>
    `;
  }

  #node(n: ProcessNode) {
    if (n.type === "intermediate") {
      const kind = n.event ?? "throw";
      return this.#choice("event", t("modeling.event.kind"), [
        ["throw", t("modeling.event.throw"), kind === "throw"],
        ["catch", t("modeling.event.catch"), kind === "catch"],
      ], (v) => this.#run(setEventKind(n.id, v as "catch" | "throw")));
    }
    if (n.type !== "subprocess") return nothing;
    return html`
      ${this.#choice("subprocess-kind", t("modeling.subprocess.kind"), [
        ["call", t("modeling.subprocess.call"), !n.embedded],
        ["embedded", t("modeling.subprocess.embedded"), !!n.embedded],
      ], (v) => this.#run(setEmbedded(n.id, v === "embedded")))}
      ${n.embedded
        ? html`
          <label class="radio">
            <input type="checkbox" name="collapsed" ?disabled=${this.readonly}
              .checked=${live(!!n.collapsed)}
              @change=${(ev: Event) =>
                this.#run(setCollapsed(n.id, (ev.target as HTMLInputElement).checked))}>
            ${t("modeling.subprocess.collapsed")}
          </label>
          ${n.collapsed
            ? html`<fluent-button data-action="open-subprocess" @click=${() =>
              this.dispatchEvent(
                new CustomEvent<OpenSubprocessDetail>("open-subprocess", {
                  detail: { id: n.id },
                  bubbles: true,
                  composed: true,
                }),
              )}>${t("modeling.subprocess.open")}</fluent-button>`
            : nothing}
        `
        : nothing}
    `;
  }

  #choice(
    name: string,
    legend: string,
    options: [value: string, label: string, checked: boolean][],
    change: (value: string) => void,
  ) {
    return html`<section role="radiogroup" aria-labelledby=${`${name}-heading`}>
      <h3 id=${`${name}-heading`}>${legend}</h3>
      ${
      options.map(([value, label, checked]) =>
        html`<label class="radio">
          <input type="radio" name=${name} value=${value} ?disabled=${this.readonly}
            .checked=${live(checked)} @change=${() => change(value)}>
          ${label}
        </label>`
      )
    }
    </section>`;
  }
}

customElements.define("procedo-bpmn-properties", ProcedoBpmnProperties);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-bpmn-properties": ProcedoBpmnProperties;
  }
}
