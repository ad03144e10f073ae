// Selection state as an immutable value (fits Lit's reactive properties): the selected ids
// and the primary one (the one the properties panel shows, the anchor of align and snap).
import { boxContains, boxesOverlap, boxOf } from "./geometry.ts";
import type { Box, Graph } from "./model.ts";

export interface Selection {
  readonly ids: ReadonlySet<string>;
  readonly primary: string | null;
}

export const EMPTY_SELECTION: Selection = { ids: new Set(), primary: null };

/** Exactly these ids; the primary is `primary` or the first. */
export function selectIds(ids: Iterable<string>, primary?: string): Selection {
  const set = new Set(ids);
  const first = set.values().next().value ?? null;
  return { ids: set, primary: primary !== undefined && set.has(primary) ? primary : first };
}

/**
 * A click on element `id`: alone it selects just that element; with shift it toggles it in
 * or out of the selection (a toggled-in element becomes primary).
 */
export function clickSelect(sel: Selection, id: string, shift = false): Selection {
  if (!shift) return sel.ids.size === 1 && sel.primary === id ? sel : selectIds([id]);
  const ids = new Set(sel.ids);
  if (ids.delete(id)) {
    const primary = sel.primary === id ? [...ids].at(-1) ?? null : sel.primary;
    return { ids, primary };
  }
  ids.add(id);
  return { ids, primary: id };
}

/** Nodes inside a rubber band (entirely inside, or just touching with "intersect"). */
export function nodesInBox(
  g: Graph,
  box: Box,
  mode: "contain" | "intersect" = "contain",
): string[] {
  const hit = mode === "contain" ? boxContains : boxesOverlap;
  return g.nodes.filter((n) => hit(box, boxOf(n))).map((n) => n.id);
}

/**
 * The selection after a rubber band: its nodes and the edges between them; with shift they
 * are added to what was selected.
 */
export function rubberBandSelect(
  sel: Selection,
  g: Graph,
  box: Box,
  options: { shift?: boolean; mode?: "contain" | "intersect" } = {},
): Selection {
  const nodes = new Set(nodesInBox(g, box, options.mode));
  const edges = g.edges.filter((e) => nodes.has(e.from) && nodes.has(e.to)).map((e) => e.id);
  const picked = [...nodes, ...edges];
  if (!options.shift) return selectIds(picked);
  return { ids: new Set([...sel.ids, ...picked]), primary: sel.primary ?? picked[0] ?? null };
}

/** Drops ids that no longer exist (after undo, delete, a merge); the same value if none. */
export function pruneSelection(sel: Selection, g: Graph): Selection {
  const exists = new Set<string>();
  for (const list of [g.nodes, g.edges, g.lanes]) for (const x of list) exists.add(x.id);
  const ids = [...sel.ids].filter((id) => exists.has(id));
  if (ids.length === sel.ids.size) return sel;
  return selectIds(ids, sel.primary ?? undefined);
}

/** The selected node ids in diagram order (commands take arrays). */
export const selectedNodeIds = (sel: Selection, g: Graph): string[] =>
  g.nodes.filter((n) => sel.ids.has(n.id)).map((n) => n.id);

export const selectedEdgeIds = (sel: Selection, g: Graph): string[] =>
  g.edges.filter((e) => sel.ids.has(e.id)).map((e) => e.id);

/** Node ids for commands like moveNodes, with the primary first (it is the snap anchor). */
export function nodeIdsPrimaryFirst(sel: Selection, g: Graph): string[] {
  const ids = selectedNodeIds(sel, g);
  const p = sel.primary;
  return p && ids.includes(p) ? [p, ...ids.filter((id) => id !== p)] : ids;
}
