// What changed in an element, in words: each changed field of a change record as its name
// and its value before and after ("Label: “Check order” → “Check the order”"). Ids become
// names: lanes and steps from the two graphs, positions, org units and linked processes from
// `names` (what the component could look up; an unknown id is shown as "unknown").
import type { ChangeRecord } from "../../editor/describe_changes.ts";
import type { DiffField } from "../../../plugins/processes/graph_core/diff.ts";
import { LINK_KINDS, RACI_ROLES } from "../../editor/model.ts";
import type { Graph } from "../diagram/geometry.ts";
import { formatNumber, type MessageKey, t } from "../../lib/i18n.ts";

export interface FieldChange {
  field: DiffField;
  /** The field's name, e.g. "Label". */
  name: string;
  before?: string;
  after?: string;
  /** For changes without a meaningful value (moved or resized): what happened. */
  note?: string;
}

export interface ValueContext {
  base: Graph;
  graph: Graph;
  /** Display names of positions, org units and processes, by id. */
  names: ReadonlyMap<string, string>;
}

const EXCERPT = 80;

/** The changed fields of a record in words (empty for added and removed records). */
export function fieldChanges(r: ChangeRecord, ctx: ValueContext): FieldChange[] {
  return r.fields.map((field) => {
    const name = t(`diff.field.${r.element}.${field}` as MessageKey);
    if (field === "moved") {
      return { field, name, note: t(`diff.moved.${r.element}` as MessageKey) };
    }
    return {
      field,
      name,
      before: formatValue(field, r.before?.[field], ctx.base, ctx),
      after: formatValue(field, r.after?.[field], ctx.graph, ctx),
    };
  });
}

/** The ids of positions, org units and processes the records name (to look their names up). */
export function referencedIds(records: readonly ChangeRecord[]): {
  positions: Set<string>;
  units: Set<string>;
  processes: Set<string>;
} {
  const positions = new Set<string>(), units = new Set<string>(), processes = new Set<string>();
  for (const r of records) {
    for (const v of [r.before, r.after]) {
      if (!v) continue;
      if (typeof v.position === "string") positions.add(v.position);
      if (typeof v.orgUnit === "string") units.add(v.orgUnit);
      if (typeof v.subprocess === "string") processes.add(v.subprocess);
      const raci = v.raci as Record<string, string[]> | undefined;
      for (const role of RACI_ROLES) for (const id of raci?.[role] ?? []) positions.add(id);
    }
  }
  return { positions, units, processes };
}

function formatValue(
  field: DiffField,
  value: unknown,
  graph: Graph,
  ctx: ValueContext,
): string {
  const none = t("diff.value.none");
  const named = (id: unknown) =>
    typeof id === "string" ? ctx.names.get(id) ?? t("diff.value.unknown") : none;
  switch (field) {
    case "label":
    case "condition":
      return typeof value === "string" && value ? quote(value) : none;
    case "description": {
      if (typeof value !== "string" || !value.trim()) return none;
      const flat = value.replace(/\s+/g, " ").trim();
      return quote(flat.length > EXCERPT ? `${flat.slice(0, EXCERPT - 1)}…` : flat);
    }
    case "type":
      return typeof value === "string" ? t(`processes.node.${value}` as MessageKey) : none;
    case "lane": {
      if (typeof value !== "string") return t("processes.diagram.free");
      const lane = graph.lanes.find((l) => l.id === value);
      return lane ? quote(lane.name) : value;
    }
    case "from":
    case "to": {
      const node = graph.nodes.find((n) => n.id === value);
      if (!node) return typeof value === "string" ? value : none;
      return node.label ? quote(node.label) : t(`processes.node.${node.type}` as MessageKey);
    }
    case "position":
    case "orgUnit":
    case "subprocess":
      return named(value);
    case "duration":
      return typeof value === "number"
        ? t("diff.value.minutes", { count: formatNumber(value) })
        : none;
    case "raci": {
      const raci = (value ?? {}) as Record<string, string[]>;
      const parts = RACI_ROLES.filter((role) => raci[role]?.length).map((role) =>
        `${t(`diff.raci.${role}` as MessageKey)}: ${raci[role].map(named).join(", ")}`
      );
      return parts.length ? parts.join("; ") : none;
    }
    case "links": {
      const links = (value ?? {}) as Record<string, string[]>;
      const parts = LINK_KINDS.filter((k) => links[k]?.length).map((k) =>
        t(`diff.links.${k}` as MessageKey, { count: links[k].length })
      );
      return parts.length ? parts.join(", ") : none;
    }
    default:
      // A field added to the diff later: show something rather than nothing.
      return value === null || value === undefined ? none : JSON.stringify(value) ?? none;
  }
}

const quote = (s: string) => t("diff.value.quoted", { text: s });
