// <procedo-flow-properties> and <procedo-lane-properties>: the properties of a flow (label,
// and the condition when it leaves an exclusive gateway) and of a lane (name, and who works
// in it: a position or an org unit of the org chart). Changes are commands like everywhere.
import { html, LitElement, nothing, type PropertyValues } from "lit";
import { live } from "lit/directives/live.js";
import { base, controls } from "../styles.ts";
import {
  bindLane,
  type CommandStack,
  conditionApplies,
  type Edge,
  type Graph,
  GRAPH_LIMITS,
  type Lane,
  LANE_NAME_LENGTH,
  renameLane,
  setEdgeCondition,
  setEdgeLabel,
} from "../../editor/mod.ts";
import { LocaleController, t } from "../../lib/i18n.ts";
import { fieldStyles, run } from "./fields.ts";
import "./picker.ts";
import type { PickerChangeDetail } from "./picker.ts";
import type { NameCache } from "./picker_sources.ts";

export class ProcedoFlowProperties extends LitElement {
  static override properties = {
    stack: { attribute: false },
    edge: { attribute: false },
    graph: { attribute: false },
    readonly: { type: Boolean },
    error: { state: true },
  };
  static override styles = [base, controls, fieldStyles];
  declare stack: CommandStack | undefined;
  declare edge: Edge;
  declare graph: Graph;
  declare readonly: boolean;
  declare error: string | null;

  constructor() {
    super();
    this.readonly = false;
    this.error = null;
    new LocaleController(this);
  }

  override render() {
    const e = this.edge;
    if (!e || !this.graph) return nothing;
    const name = (id: string) => {
      const n = this.graph.nodes.find((x) => x.id === id);
      return n ? n.label || t(`editor.props.type.${n.type}`) : id;
    };
    const applies = conditionApplies(this.graph, e.id);
    return html`
      <div>
        <h3>${e.label || t("editor.props.edge")}</h3>
        <span class="kind">${t("editor.props.edgeFromTo", {
          from: name(e.from),
          to: name(e.to),
        })}</span>
      </div>
      <label class="control">
        <span>${t("editor.props.label")}</span>
        <input class="native" name="edge-label" maxlength=${GRAPH_LIMITS.labelLength}
          ?disabled=${this.readonly} .value=${live(e.label ?? "")}
          @input=${(
            ev: Event,
          ) => (this.error = run(
            this.stack,
            setEdgeLabel(e.id, (ev.target as HTMLInputElement).value),
          ))}>
      </label>
      ${applies || e.condition
        ? html`
          <label class="control">
            <span>${t("editor.props.condition")}</span>
            <input class="native" name="condition" maxlength=${GRAPH_LIMITS.labelLength}
              ?disabled=${this.readonly} aria-describedby=${applies ? nothing : "condition-hint"}
              .value=${live(e.condition ?? "")}
              @input=${(ev: Event) => (this.error = run(
                this.stack,
                setEdgeCondition(e.id, (ev.target as HTMLInputElement).value),
              ))}>
          </label>
        `
        : nothing}
      ${applies ? nothing : html`<span class="hint" id="condition-hint">${
        t(
          "editor.props.conditionHint",
        )
      }</span>`}
      ${this.error ? html`<span class="field-error" role="alert">${this.error}</span>` : nothing}
    `;
  }
}

type BindingMode = "none" | "position" | "unit";

export class ProcedoLaneProperties extends LitElement {
  static override properties = {
    stack: { attribute: false },
    lane: { attribute: false },
    names: { attribute: false },
    readonly: { type: Boolean },
    mode: { state: true },
    typed: { state: true },
    error: { state: true },
  };
  static override styles = [base, controls, fieldStyles];
  declare stack: CommandStack | undefined;
  declare lane: Lane;
  declare names: NameCache | undefined;
  declare readonly: boolean;
  /** The kind of binding chosen; "position"/"unit" may still wait for a pick. */
  declare mode: BindingMode;
  declare typed: string | null;
  declare error: string | null;

  constructor() {
    super();
    this.readonly = false;
    this.mode = "none";
    this.typed = null;
    this.error = null;
    new LocaleController(this);
  }

  protected override willUpdate(changed: PropertyValues) {
    const old = changed.get("lane") as Lane | undefined;
    if (changed.has("lane") && this.lane) {
      const bound: BindingMode = this.lane.positionId
        ? "position"
        : this.lane.orgUnitId
        ? "unit"
        : "none";
      // Keep a chosen but not yet picked kind while the same lane stays selected.
      if (old?.id !== this.lane.id || bound !== "none") this.mode = bound;
      if (old?.id !== this.lane.id) {
        this.typed = null;
        this.error = null;
      }
    }
  }

  override render() {
    const l = this.lane;
    if (!l) return nothing;
    const modes: BindingMode[] = ["none", "position", "unit"];
    return html`
      <div>
        <h3>${l.name}</h3>
        <span class="kind">${t("editor.props.lane")}</span>
      </div>
      <label class="control">
        <span>${t("editor.props.laneName")}</span>
        <input class="native" name="lane-name" maxlength=${LANE_NAME_LENGTH} required
          ?disabled=${this.readonly} .value=${live(this.typed ?? l.name)}
          @input=${this.#rename} @blur=${() => (this.typed = null)}>
      </label>
      ${this.error ? html`<span class="field-error" role="alert">${this.error}</span>` : nothing}
      <section role="radiogroup" aria-labelledby="binding-heading">
        <h3 id="binding-heading">${t("editor.props.binding")}</h3>
        ${modes.map((m) =>
          html`<label class="radio">
            <input type="radio" name="binding" value=${m} ?disabled=${this.readonly}
              .checked=${live(this.mode === m)} @change=${() => this.#choose(m)}>
            ${t(`editor.props.binding.${m}`)}
          </label>`
        )}
        ${this.mode === "none" ? nothing : html`
          <procedo-editor-picker
            data-field="binding"
            label=${t(this.mode === "position" ? "editor.source.positions" : "editor.source.units")}
            kind=${this.mode === "position" ? "positions" : "units"}
            max="1"
            ?disabled=${this.readonly}
            .values=${[this.mode === "position" ? l.positionId : l.orgUnitId].filter(
              (x): x is string => !!x,
            )}
            .names=${this.names}
            @picker-change=${this.#bind}
          ></procedo-editor-picker>
        `}
      </section>
    `;
  }

  #rename = (e: Event) => {
    const value = (e.target as HTMLInputElement).value;
    this.error = run(this.stack, renameLane(this.lane.id, value));
    this.typed = this.error ? value : null;
  };

  #choose(mode: BindingMode) {
    this.mode = mode;
    if (mode === "none") this.error = run(this.stack, bindLane(this.lane.id, null));
  }

  #bind = (e: CustomEvent<PickerChangeDetail>) => {
    const id = e.detail.values[0];
    const binding = !id ? null : this.mode === "position" ? { positionId: id } : { orgUnitId: id };
    this.error = run(this.stack, bindLane(this.lane.id, binding));
  };
}

customElements.define("procedo-flow-properties", ProcedoFlowProperties);
customElements.define("procedo-lane-properties", ProcedoLaneProperties);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-flow-properties": ProcedoFlowProperties;
    "procedo-lane-properties": ProcedoLaneProperties;
  }
}
