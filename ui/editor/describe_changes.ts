// Change records for people: "what changed on the server" after a conflict, and the list
// beside the visual diff. One record per added, removed or changed lane, node or edge, with
// a label to show (the element's name, or for unnamed edges "from → to").
import {
  type DiffField,
  diffGraphs,
  type GraphDiff,
} from "../../plugins/processes/graph_core/diff.ts";
import type { Graph } from "./model.ts";

export type ElementKind = "lane" | "node" | "edge";

export interface ChangeRecord {
  kind: "added" | "removed" | "changed";
  element: ElementKind;
  id: string;
  label: string;
  /** The fields that changed (changed records only; empty otherwise). */
  fields: DiffField[];
  before?: Partial<Record<DiffField, unknown>>;
  after?: Partial<Record<DiffField, unknown>>;
}

/** What changed from `base` to `graph`, as records: lanes, then nodes, then edges. */
export function describeChanges(base: Graph, graph: Graph): ChangeRecord[] {
  return describeDiff(diffGraphs(base, graph), base, graph);
}

/** Records for a diff, e.g. the server's GET …/diff answer, labelled from both graphs. */
export function describeDiff(diff: GraphDiff, base: Graph, graph: Graph): ChangeRecord[] {
  const label = labeller(base, graph);
  const records: ChangeRecord[] = [];
  const kinds = [["lane", diff.lanes], ["node", diff.nodes], ["edge", diff.edges]] as const;
  for (const [element, d] of kinds) {
    for (const id of d.added) {
      records.push({ kind: "added", element, id, label: label(element, id, "new"), fields: [] });
    }
    for (const id of d.removed) {
      records.push({ kind: "removed", element, id, label: label(element, id, "old"), fields: [] });
    }
    for (const c of d.changed) {
      records.push({
        kind: "changed",
        element,
        id: c.id,
        label: label(element, c.id, "new"),
        fields: c.fields,
        before: c.before,
        after: c.after,
      });
    }
  }
  return records;
}

function labeller(base: Graph, graph: Graph) {
  const index = (g: Graph) => ({
    lane: new Map(g.lanes.map((l) => [l.id, l.name])),
    node: new Map(g.nodes.map((n) => [n.id, n.label || n.type])),
    edge: new Map(g.edges.map((e) => [e.id, e])),
  });
  const old = index(base), now = index(graph);
  return (element: ElementKind, id: string, prefer: "old" | "new"): string => {
    const [first, second] = prefer === "new" ? [now, old] : [old, now];
    if (element !== "edge") return first[element].get(id) ?? second[element].get(id) ?? id;
    const edge = first.edge.get(id) ?? second.edge.get(id);
    if (!edge) return id;
    if (edge.label) return edge.label;
    const name = (n: string) => first.node.get(n) ?? second.node.get(n) ?? n;
    return `${name(edge.from)} → ${name(edge.to)}`;
  };
}
