// <procedo-step-properties .stack .node .names>: the properties of one step. Every step has
// a label; tasks and subprocesses also have RACI (four position pickers), links to
// documents, IT systems, requirements and locations, a duration and a Markdown description.
// Each change is a command on the stack; typing merges into one undo step per field (the
// commands' merge keys) until the field loses focus.
import { html, LitElement, nothing, type PropertyValues } from "lit";
import { live } from "lit/directives/live.js";
import { base, controls } from "../styles.ts";
import {
  type CommandStack,
  GRAPH_LIMITS,
  LINK_KINDS,
  type LinkKind,
  MAX_DURATION_MINUTES,
  type ProcessNode,
  RACI_ROLES,
  type RaciRole,
  setDescription,
  setDuration,
  setLabel,
  setLinks,
  setRaci,
} from "../../editor/mod.ts";
import { LocaleController, t } from "../../lib/i18n.ts";
import { fieldStyles, run } from "./fields.ts";
import "./markdown_field.ts";
import "./picker.ts";
import type { PickerChangeDetail } from "./picker.ts";
import type { NameCache } from "./picker_sources.ts";

/** Node types that carry responsibilities, links, duration and description. */
export const STEP_TYPES: ReadonlySet<ProcessNode["type"]> = new Set(["task", "subprocess"]);

type Field = "label" | "duration" | "description" | `raci.${RaciRole}` | `links.${LinkKind}`;

export class ProcedoStepProperties extends LitElement {
  static override properties = {
    stack: { attribute: false },
    node: { attribute: false },
    names: { attribute: false },
    readonly: { type: Boolean },
    errors: { state: true },
    typed: { state: true },
  };
  static override styles = [base, controls, fieldStyles];
  declare stack: CommandStack | undefined;
  declare node: ProcessNode;
  declare names: NameCache | undefined;
  declare readonly: boolean;
  /** A refusal per field, shown under it. */
  declare errors: Partial<Record<Field, string>>;
  /** Text the person typed that the model refused (kept visible until they fix it). */
  declare typed: Partial<Record<Field, string>>;

  constructor() {
    super();
    this.readonly = false;
    this.errors = {};
    this.typed = {};
    new LocaleController(this);
  }

  protected override willUpdate(changed: PropertyValues) {
    const old = changed.get("node") as ProcessNode | undefined;
    if (changed.has("node") && old?.id !== this.node?.id) {
      this.errors = {};
      this.typed = {};
    }
  }

  override render() {
    const n = this.node;
    if (!n) return nothing;
    const isStep = STEP_TYPES.has(n.type);
    return html`
      <div>
        <h3>${n.label || t(`editor.props.type.${n.type}`)}</h3>
        <span class="kind">${t(`editor.props.type.${n.type}`)}</span>
      </div>
      <label class="control">
        <span>${t("editor.props.label")}</span>
        <input
          class="native"
          name="label"
          maxlength=${GRAPH_LIMITS.labelLength}
          ?disabled=${this.readonly}
          .value=${live(this.typed.label ?? n.label ?? "")}
          @input=${(e: Event) =>
            this.#apply("label", (e.target as HTMLInputElement).value, (v) => setLabel(n.id, v))}
        >
        ${this.#error("label")}
      </label>
      ${isStep ? this.#stepFields(n) : nothing}
    `;
  }

  #stepFields(n: ProcessNode) {
    return html`
      <section aria-labelledby="raci-heading" data-section="raci">
        <h3 id="raci-heading">${t("editor.props.raci")}</h3>
        ${RACI_ROLES.map((role) => this.#picker(`raci.${role}`, role, n.raci?.[role] ?? []))}
      </section>
      <section aria-labelledby="links-heading" data-section="links">
        <h3 id="links-heading">${t("editor.props.links")}</h3>
        ${LINK_KINDS.map((kind) => this.#picker(`links.${kind}`, kind, n.links?.[kind] ?? []))}
      </section>
      <section>
        <label class="control">
          <span>${t("editor.props.duration")}</span>
          <input
            class="native"
            name="duration"
            type="number"
            inputmode="numeric"
            min="0"
            max=${MAX_DURATION_MINUTES}
            step="1"
            ?disabled=${this.readonly}
            .value=${live(this.typed.duration ?? String(n.durationMinutes ?? ""))}
            @input=${this.#onDuration}
          >
          ${this.#error("duration")}
        </label>
        <procedo-markdown-field
          label=${t("editor.props.description")}
          maxlength=${GRAPH_LIMITS.descriptionLength}
          ?disabled=${this.readonly}
          .value=${n.description ?? ""}
          @value-input=${(e: CustomEvent<string>) =>
            this.#apply("description", e.detail, (v) => setDescription(n.id, v))}
        ></procedo-markdown-field>
        ${this.#error("description")}
      </section>
    `;
  }

  #picker(field: Field, what: RaciRole | LinkKind, values: readonly string[]) {
    const isRole = (RACI_ROLES as readonly string[]).includes(what);
    return html`
      <procedo-editor-picker
        data-field=${field}
        label=${t(isRole ? `editor.raci.${what as RaciRole}` : `editor.links.${what as LinkKind}`)}
        kind=${isRole ? "positions" : what}
        max=${GRAPH_LIMITS.linksPerNode}
        ?disabled=${this.readonly}
        .values=${values}
        .names=${this.names}
        @picker-change=${(e: CustomEvent<PickerChangeDetail>) => {
          const id = this.node.id;
          const ids = e.detail.values;
          const error = run(
            this.stack,
            isRole ? setRaci(id, what as RaciRole, ids) : setLinks(id, what as LinkKind, ids),
          );
          this.errors = { ...this.errors, [field]: error ?? undefined };
        }}
      ></procedo-editor-picker>
      ${this.#error(field)}
    `;
  }

  #onDuration = (e: Event) => {
    const text = (e.target as HTMLInputElement).value.trim();
    const minutes = text === "" ? null : Number(text);
    const valid = minutes === null ||
      (Number.isInteger(minutes) && minutes >= 0 && minutes <= MAX_DURATION_MINUTES);
    if (!valid) {
      this.typed = { ...this.typed, duration: text };
      this.errors = {
        ...this.errors,
        duration: t("editor.props.durationInvalid", { max: MAX_DURATION_MINUTES }),
      };
      return;
    }
    this.#apply("duration", minutes, (v) => setDuration(this.node.id, v));
  };

  /** Runs the command for a field; a refused value stays in the field with its message. */
  #apply<V>(field: Field, value: V, command: (v: V) => Parameters<typeof run>[1]) {
    const error = run(this.stack, command(value));
    const typed = { ...this.typed };
    if (error && typeof value === "string") typed[field] = value;
    else delete typed[field];
    this.typed = typed;
    this.errors = { ...this.errors, [field]: error ?? undefined };
  }

  #error(field: Field) {
    const message = this.errors[field];
    return message ? html`<span class="field-error" role="alert">${message}</span>` : nothing;
  }
}

customElements.define("procedo-step-properties", ProcedoStepProperties);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-step-properties": ProcedoStepProperties;
  }
}
