// What changed between two graphs, in the same shape as the server's diff (plugins/
// processes/diff.ts and GET /api/v1/processes/{id}/diff), so a local comparison and the
// server's answer feed the same visual diff list. A port, not an import: the server module
// pulls zod and hono into the bundle through graph_schema.ts. graph_diff_test.ts checks that
// both give identical results.
import type { Edge, Graph, Lane, ProcessNode } from "./model.ts";
import { LINK_KINDS, RACI_ROLES } from "./model.ts";

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
    if (x === y && valuesBefore === valuesAfter) continue; // shared element: unchanged
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

/** A lane whose order among the lanes of both graphs changed has "moved". */
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
