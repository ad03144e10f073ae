// The difference between two process graphs: lanes, nodes and edges added, removed and
// changed, naming the fields that changed with their values before and after. Pure and
// deterministic (ids in code-point order). The server's GET /processes/{id}/diff and the
// editor's local comparison both call this one function, so the visual diff, the conflict
// summary and the AI change summary see the same thing for the same input.
import type { Edge, Graph, Lane, ProcessNode } from "../graph_schema.ts";
import { LINK_KINDS, RACI_ROLES } from "./constants.ts";

export const LANE_FIELDS = ["label", "position", "orgUnit", "moved"] as const;
export const NODE_FIELDS = [
  "type",
  "label",
  "lane",
  "raci",
  "links",
  "description",
  "duration",
  "subprocess",
  "moved",
] as const;
export const EDGE_FIELDS = ["from", "to", "label", "condition", "moved"] as const;

export type DiffField =
  | typeof LANE_FIELDS[number]
  | typeof NODE_FIELDS[number]
  | typeof EDGE_FIELDS[number];

export interface ChangedElement {
  id: string;
  /** The fields that differ, in a fixed order per element kind. */
  fields: DiffField[];
  /** The values of those fields in the first graph and in the second. */
  before: Partial<Record<DiffField, unknown>>;
  after: Partial<Record<DiffField, unknown>>;
}

export interface ElementDiff {
  added: string[];
  removed: string[];
  changed: ChangedElement[];
}

export interface GraphDiff {
  lanes: ElementDiff;
  nodes: ElementDiff;
  edges: ElementDiff;
}

/** What changed from graph `a` to graph `b`. */
export function diffGraphs(a: Graph, b: Graph): GraphDiff {
  const inB = new Set(b.lanes.map((l) => l.id));
  const common = new Set(a.lanes.filter((l) => inB.has(l.id)).map((l) => l.id));
  return {
    lanes: diffList(
      a.lanes,
      b.lanes,
      LANE_FIELDS,
      laneValues(a.lanes, common),
      laneValues(b.lanes, common),
    ),
    nodes: diffList(a.nodes, b.nodes, NODE_FIELDS, nodeValues, nodeValues),
    edges: diffList(a.edges, b.edges, EDGE_FIELDS, edgeValues, edgeValues),
  };
}

/** Whether a diff has no changes at all. */
export function isEmptyDiff(d: GraphDiff): boolean {
  return [d.lanes, d.nodes, d.edges].every((x) =>
    !x.added.length && !x.removed.length && !x.changed.length
  );
}

type Values<F extends string> = Record<F, unknown>;

function diffList<T extends { id: string }, F extends DiffField>(
  before: readonly T[],
  after: readonly T[],
  fields: readonly F[],
  valuesBefore: (x: T) => Values<F>,
  valuesAfter: (x: T) => Values<F>,
): ElementDiff {
  const old = new Map(before.map((x) => [x.id, x]));
  const now = new Map(after.map((x) => [x.id, x]));
  const changed: ChangedElement[] = [];
  for (const id of sorted([...now.keys()].filter((id) => old.has(id)))) {
    const x = old.get(id)!, y = now.get(id)!;
    // The editor's command stack shares unchanged elements between graphs, so the same
    // object on both sides is unchanged (lanes pass two functions: their order may differ).
    if (x === y && valuesBefore === valuesAfter) continue;
    const va = valuesBefore(x), vb = valuesAfter(y);
    const differing = fields.filter((f) => canonical(va[f]) !== canonical(vb[f]));
    if (!differing.length) continue;
    changed.push({
      id,
      fields: differing,
      before: Object.fromEntries(differing.map((f) => [f, va[f]])),
      after: Object.fromEntries(differing.map((f) => [f, vb[f]])),
    });
  }
  return {
    added: sorted([...now.keys()].filter((id) => !old.has(id))),
    removed: sorted([...old.keys()].filter((id) => !now.has(id))),
    changed,
  };
}

/**
 * Lanes: their order is their place in the diagram, so a lane whose order among the lanes
 * of both graphs changed has "moved" (adding a lane above does not move the others).
 */
const laneValues = (all: readonly Lane[], common: Set<string>) => {
  const index = new Map(all.filter((l) => common.has(l.id)).map((l, i) => [l.id, i]));
  return (l: Lane): Values<typeof LANE_FIELDS[number]> => ({
    label: l.name,
    position: l.positionId ?? null,
    orgUnit: l.orgUnitId ?? null,
    moved: { index: index.get(l.id), size: l.size },
  });
};

const nodeValues = (n: ProcessNode): Values<typeof NODE_FIELDS[number]> => ({
  type: n.type,
  label: n.label,
  lane: n.laneId,
  raci: Object.fromEntries(RACI_ROLES.map((r) => [r, sorted(n.raci?.[r] ?? [])])),
  links: Object.fromEntries(LINK_KINDS.map((k) => [k, sorted(n.links?.[k] ?? [])])),
  description: n.description ?? "",
  duration: n.durationMinutes ?? null,
  subprocess: n.processId ?? null,
  moved: { x: n.x, y: n.y, width: n.width, height: n.height },
});

const edgeValues = (e: Edge): Values<typeof EDGE_FIELDS[number]> => ({
  from: e.from,
  to: e.to,
  label: e.label,
  condition: e.condition ?? null,
  moved: e.waypoints.map((p) => ({ x: p.x, y: p.y })),
});

/** Code-point order, independent of the locale. */
function sorted(ids: string[]): string[] {
  return [...new Set(ids)].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
}

const canonical = (v: unknown) => JSON.stringify(v);
