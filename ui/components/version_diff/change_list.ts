// The list of changes: the accessible account of a visual diff. One entry per added, removed
// or changed lane, step or flow — its kind in words and as a glyph, what it is, its label —
// and for changed ones each field with its value before and after (<del>/<ins>). Activating
// an entry selects the element in both diagrams.
import { html, nothing, type TemplateResult } from "lit";
import type { ChangeRecord } from "../../editor/describe_changes.ts";
import { type MessageKey, t } from "../../lib/i18n.ts";
import type { Graph } from "../diagram/geometry.ts";
import { type FieldChange, fieldChanges, type ValueContext } from "./change_values.ts";
import { type ElementRef, refKey } from "./diff_model.ts";

export const GLYPHS = { added: "+", removed: "−", changed: "~" } as const;

export interface ChangeListOptions {
  context: ValueContext;
  selected: ElementRef | null;
  onSelect: (ref: ElementRef) => void;
}

/** What kind of element a record is about: "Lane", "Flow", or the step's type. */
export function elementName(r: ChangeRecord, base: Graph, graph: Graph): string {
  if (r.element === "lane") return t("diff.element.lane");
  if (r.element === "edge") return t("diff.element.edge");
  const node = graph.nodes.find((n) => n.id === r.id) ?? base.nodes.find((n) => n.id === r.id);
  return node ? t(`processes.node.${node.type}` as MessageKey) : r.id;
}

/** The kind of a change as a badge: glyph (hidden from screen readers) and word. */
export function kindBadge(kind: ChangeRecord["kind"]): TemplateResult {
  return html`<span class=${`kind ${kind}`}><span aria-hidden="true">${GLYPHS[kind]}</span>${
    t(
      `diff.kind.${kind}`,
    )
  }</span>`;
}

export function changeList(records: readonly ChangeRecord[], o: ChangeListOptions) {
  const { base, graph } = o.context;
  const current = o.selected ? refKey(o.selected) : "";
  return html`
    <ol class="change-list" data-testid="change-list">
      ${records.map((r) => {
        const key = refKey(r);
        const fields = fieldChanges(r, o.context);
        return html`
          <li
            class=${r.kind}
            data-change=${key}
            data-kind=${r.kind}
            data-element=${r.element}
            data-id=${r.id}
            aria-current=${key === current ? "true" : nothing}
          >
            <button class="entry" type="button"
              @click=${() => o.onSelect({ element: r.element, id: r.id })}>
              ${kindBadge(r.kind)}
              <span class="element">${elementName(r, base, graph)}</span>
              <span class="label">${r.label}</span>
            </button>
            ${fields.length ? fieldList(fields) : nothing}
          </li>
        `;
      })}
    </ol>
  `;
}

function fieldList(fields: FieldChange[]) {
  return html`
    <dl class="fields">
      ${fields.map((f) =>
        html`
          <dt data-field=${f.field}>${f.name}</dt>
          <dd data-field=${f.field}>${f.note ?? html`
            <del><span class="visually-hidden">${t(
              "diff.before",
            )} </span>${f.before}</del> <span
              aria-hidden="true">${t(
                "diff.arrow",
              )}</span> <ins><span class="visually-hidden">${t("diff.after")} </span>${f
                .after}</ins>
          `}</dd>
        `
      )}
    </dl>
  `;
}
