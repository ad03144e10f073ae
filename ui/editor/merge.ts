// Three-way merge for the 412 case: my draft and the server's newer one, both descended from
// the version I loaded. Lanes, nodes and edges are matched by id and merged field by field
// (merge_fields.ts): a change on one side wins over no change on the other, equal changes
// agree, and different changes to the same field, or a deletion on one side of an element
// the other side changed, are conflicts. Each conflict lists base, mine and theirs and is
// resolved "mine" unless `choices` says otherwise (call merge again with the user's picks).
//
// Node positions are compared relative to their lane's top: lanes resized or reordered on
// one side move their nodes there, which is no change of the nodes themselves. Routes are
// derived: where the ends of an edge ended up elsewhere than on the side its route came
// from, or both sides rerouted it, it is routed afresh. The result is always a valid graph
// (repair_graph.ts).
import { laneTops } from "./geometry.ts";
import { sameValue } from "./graph_equal.ts";
import {
  EDGE_MERGE_FIELDS,
  type Field,
  LANE_MERGE_FIELDS,
  NODE_MERGE_FIELDS,
} from "./merge_fields.ts";
import { renameAddedCollisions } from "./merge_ids.ts";
import type { Graph, ProcessNode } from "./model.ts";
import { repairGraph, type Repairs } from "./repair_graph.ts";
import { rerouteEdgesById } from "./reroute.ts";

export type Side = "mine" | "theirs";
export type MergeElement = "lane" | "node" | "edge";

export interface Conflict {
  /** Stable across merges of the same inputs: `${element}:${id}:${field}`. */
  key: string;
  element: MergeElement;
  /** The element's id ("*" for the order of the lanes). */
  id: string;
  /** The element's name or label, for the list the user decides in. */
  label: string;
  /** A field name (merge_fields.ts), "exists" (deleted vs changed) or "order" (lanes). */
  field: string;
  /** The field's values (node y relative to its lane); for "exists", the element or undefined. */
  base: unknown;
  mine: unknown;
  theirs: unknown;
  /** The side whose value the merged graph has. */
  resolution: Side;
}

export interface MergeResult {
  graph: Graph;
  conflicts: Conflict[];
  repairs: Repairs;
  /** Elements I added whose id the other side had taken too, with their new ids. */
  renamed: Record<string, string>;
}

type Element = { id: string };
type Decide = (c: Omit<Conflict, "key" | "resolution">) => Side;
/** Hears which side each field of an element came from ("*": the whole element). */
type Trace = (id: string, field: string, side: Side, bothChanged: boolean) => void;

/** Merges `mine` and `theirs`, both edited from `base`. */
export function merge(
  base: Graph,
  myGraph: Graph,
  theirs: Graph,
  choices: Readonly<Record<string, Side>> = {},
): MergeResult {
  const { graph: mine, renamed } = renameAddedCollisions(base, myGraph, theirs);
  const conflicts: Conflict[] = [];
  const decide: Decide = (c) => {
    const key = `${c.element}:${c.id}:${c.field}`;
    const resolution = choices[key] ?? "mine";
    conflicts.push({ ...c, key, resolution });
    return resolution;
  };
  const [rb, rm, rt] = [base, mine, theirs].map(relativeNodes);
  const lanes = mergeList("lane", base.lanes, mine.lanes, theirs.lanes, LANE_MERGE_FIELDS, decide);
  const nodes = mergeList("node", rb, rm, rt, NODE_MERGE_FIELDS, decide);
  const routeFrom = new Map<string, Graph>();
  const reroute = new Set<string>();
  const edges = mergeList(
    "edge",
    base.edges,
    mine.edges,
    theirs.edges,
    EDGE_MERGE_FIELDS,
    decide,
    (id, field, side, both) => {
      if (field !== "route" && field !== "*") return;
      routeFrom.set(id, side === "mine" ? mine : theirs);
      if (both) reroute.add(id);
    },
  );
  const ordered = orderLanes(base, mine, theirs, lanes, decide);
  const absolute: Graph = { schemaVersion: 1, lanes: ordered, nodes: [], edges };
  absolute.nodes = absoluteNodes(nodes, ordered);
  const { graph: repaired, repairs } = repairGraph(absolute);

  // Routes whose ends are not where they were on the side the route came from.
  const boxes = new Map(repaired.nodes.map((n) => [n.id, n]));
  const sideBoxes = new Map<Graph, Map<string, ProcessNode>>();
  for (const e of repaired.edges) {
    const side = routeFrom.get(e.id);
    if (!side) continue;
    if (!sideBoxes.has(side)) sideBoxes.set(side, new Map(side.nodes.map((n) => [n.id, n])));
    const there = sideBoxes.get(side)!;
    if ([e.from, e.to].some((id) => !sameBox(boxes.get(id), there.get(id)))) reroute.add(e.id);
  }
  return { graph: rerouteEdgesById(repaired, reroute), conflicts, repairs, renamed };
}

function mergeList<T extends Element>(
  element: MergeElement,
  base: readonly T[],
  mine: readonly T[],
  theirs: readonly T[],
  fields: readonly Field<T>[],
  decide: Decide,
  trace: Trace = () => {},
): T[] {
  const b = byId(base), m = byId(mine), t = byId(theirs);
  const changed = (x: T, y: T) =>
    fields.some((f) => !f.derived && !sameValue(f.read(x), f.read(y)));
  const nameOf = (x: T) => {
    const named = x as { name?: string; label?: string };
    return named.name || named.label || x.id;
  };
  const result = new Map<string, T>();
  const keep = (id: string, x: T, side: Side) => {
    result.set(id, x);
    trace(id, "*", side, false);
  };

  for (const id of new Set([...m.keys(), ...t.keys()])) {
    const bx = b.get(id), mx = m.get(id), tx = t.get(id);
    if (mx && tx && bx) {
      let merged = mx;
      for (const f of fields) {
        const vb = f.read(bx), vm = f.read(mx), vt = f.read(tx);
        let side: Side = "mine", both = false;
        if (sameValue(vm, vt) || sameValue(vt, vb)) side = "mine";
        else if (sameValue(vm, vb)) side = "theirs";
        else if (f.derived) both = true;
        else {side = decide({
            element,
            id,
            label: nameOf(mx),
            field: f.name,
            base: vb,
            mine: vm,
            theirs: vt,
          });}
        if (side === "theirs") merged = f.write(merged, tx);
        trace(id, f.name, side, both);
      }
      result.set(id, merged);
    } else if (mx && tx) {
      // Added on both sides with one id: renameAddedCollisions left only identical pairs.
      keep(id, mx, "mine");
    } else if (mx) {
      // I added it, or they deleted it: kept if I changed it and the user keeps mine.
      if (!bx) keep(id, mx, "mine");
      else if (changed(bx, mx)) {
        const side = decide({
          element,
          id,
          label: nameOf(mx),
          field: "exists",
          base: bx,
          mine: mx,
          theirs: undefined,
        });
        if (side === "mine") keep(id, mx, "mine");
      }
    } else if (tx) {
      if (!bx) keep(id, tx, "theirs");
      else if (changed(bx, tx)) {
        const side = decide({
          element,
          id,
          label: nameOf(tx),
          field: "exists",
          base: bx,
          mine: undefined,
          theirs: tx,
        });
        if (side === "theirs") keep(id, tx, "theirs");
      }
    }
  }
  // Array order: mine's, then what only theirs has, in theirs' order.
  const order = [...mine.map((x) => x.id), ...theirs.map((x) => x.id).filter((id) => !m.has(id))];
  return order.filter((id) => result.has(id)).map((id) => result.get(id)!);
}

/**
 * Lane order: if only one side reordered the lanes all three share, its order wins; if both
 * did differently, that is a conflict. Lanes only one side has are inserted after the lane
 * they follow on that side.
 */
function orderLanes(
  base: Graph,
  mine: Graph,
  theirs: Graph,
  merged: Graph["lanes"],
  decide: Decide,
) {
  const kept = new Set(merged.map((l) => l.id));
  const [inBase, inMine, inTheirs] = [base, mine, theirs].map((g) =>
    new Set(g.lanes.map((l) => l.id))
  );
  const shared = (g: Graph) =>
    g.lanes.map((l) => l.id).filter((id) =>
      kept.has(id) && inBase.has(id) && inMine.has(id) && inTheirs.has(id)
    );
  const [vb, vm, vt] = [base, mine, theirs].map(shared);
  let primary = mine, secondary = theirs;
  if (!sameValue(vm, vt)) {
    const side = sameValue(vm, vb) ? "theirs" : sameValue(vt, vb) ? "mine" : decide({
      element: "lane",
      id: "*",
      label: "",
      field: "order",
      base: vb,
      mine: vm,
      theirs: vt,
    });
    if (side === "theirs") [primary, secondary] = [theirs, mine];
  }
  const order = primary.lanes.map((l) => l.id).filter((id) => kept.has(id));
  const placed = new Set(order);
  const other = secondary.lanes.map((l) => l.id);
  other.forEach((id, i) => {
    if (!kept.has(id) || placed.has(id)) return;
    const after = other.slice(0, i).reverse().find((x) => placed.has(x));
    order.splice(after === undefined ? 0 : order.indexOf(after) + 1, 0, id);
    placed.add(id);
  });
  const lanes = byId(merged);
  return order.map((id) => lanes.get(id)!);
}

/** Nodes with y relative to their lane's top (nodes outside lanes unchanged). */
function relativeNodes(g: Graph): ProcessNode[] {
  const tops = laneTops(g.lanes);
  return g.nodes.map((n) => {
    const top = n.laneId === null ? undefined : tops.get(n.laneId);
    return top ? { ...n, y: n.y - top } : n;
  });
}

/** Back to diagram coordinates in the merged lanes (a vanished lane counts as top 0). */
function absoluteNodes(nodes: ProcessNode[], lanes: Graph["lanes"]): ProcessNode[] {
  const tops = laneTops(lanes);
  return nodes.map((n) => {
    const top = n.laneId === null ? undefined : tops.get(n.laneId);
    return top ? { ...n, y: n.y + top } : n;
  });
}

const sameBox = (a?: ProcessNode, b?: ProcessNode) =>
  !!a && !!b && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

const byId = <T extends Element>(list: readonly T[]) => new Map(list.map((x) => [x.id, x]));
