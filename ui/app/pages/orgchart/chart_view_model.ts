// What the drawn org chart (org_chart_view.ts) needs besides the shared layout: the units
// indexed (parents, depth, tree order), which units start collapsed in a big chart, and how
// search hits open the way to themselves — their ancestors expanded, their box listing every
// position when a hit is beyond the first few. Pure, so it is tested without a browser.
import {
  type ChartHit,
  type ChartUnit,
  type LayoutOptions,
  MAX_POSITIONS,
} from "../../../../plugins/exports/drawing_core/orgchart_layout.ts";

/** Charts with more units than this start with the units from the third level collapsed. */
export const COLLAPSE_ABOVE = 60;

export interface ChartIndex {
  units: Map<string, ChartUnit>;
  parent: Map<string, string | undefined>;
  depth: Map<string, number>;
  /** Every unit, depth first (the order the tree view lists them in). */
  order: string[];
  /** The unit each position is in, and its place there. */
  positions: Map<string, { unitId: string; index: number }>;
}

export function indexChart(roots: readonly ChartUnit[]): ChartIndex {
  const ix: ChartIndex = {
    units: new Map(),
    parent: new Map(),
    depth: new Map(),
    order: [],
    positions: new Map(),
  };
  const visit = (u: ChartUnit, parent: string | undefined, depth: number) => {
    ix.units.set(u.id, u);
    ix.parent.set(u.id, parent);
    ix.depth.set(u.id, depth);
    ix.order.push(u.id);
    u.positions.forEach((p, index) => ix.positions.set(p.id, { unitId: u.id, index }));
    for (const c of u.children) visit(c, u.id, depth + 1);
  };
  for (const r of roots) visit(r, undefined, 0);
  return ix;
}

/**
 * Adds to `collapsed` the units not in `seen` that a big chart starts collapsed (those from
 * the third level on that have units below them), and marks every unit seen: what a person
 * opened or closed stays so when the chart is loaded again after a change.
 */
export function collapseNew(ix: ChartIndex, seen: Set<string>, collapsed: Set<string>) {
  const big = ix.order.length > COLLAPSE_ABOVE;
  for (const id of ix.order) {
    if (seen.has(id)) continue;
    seen.add(id);
    if (big && ix.depth.get(id)! >= 2 && ix.units.get(id)!.children.length) collapsed.add(id);
  }
}

/** The ids of the units above `id`, nearest first. */
export function ancestorsOf(ix: ChartIndex, id: string): string[] {
  const out: string[] = [];
  for (let p = ix.parent.get(id); p; p = ix.parent.get(p)) out.push(p);
  return out;
}

/**
 * The layout's options: what the person collapsed and expanded, opened up so that every
 * unit and position in `show` (search hits, a unit or position to reveal) is drawn.
 */
export function openedFor(
  ix: ChartIndex,
  collapsed: ReadonlySet<string>,
  allPositions: ReadonlySet<string>,
  show: readonly ChartHit[],
): Required<LayoutOptions> {
  const closed = new Set(collapsed);
  const all = new Set(allPositions);
  for (const hit of show) {
    for (const a of ancestorsOf(ix, hit.unitId)) closed.delete(a);
    const at = hit.positionId ? ix.positions.get(hit.positionId) : undefined;
    if (at && at.index >= MAX_POSITIONS) all.add(at.unitId);
  }
  return { collapsed: closed, allPositions: all };
}

/** The units drawn (none below a collapsed one), in tree order. */
export function visibleUnits(ix: ChartIndex, collapsed: ReadonlySet<string>): string[] {
  return ix.order.filter((id) => !ancestorsOf(ix, id).some((a) => collapsed.has(a)));
}

/** Whether a unit has units below it (and so can be collapsed). */
export const hasChildren = (ix: ChartIndex, id: string) =>
  (ix.units.get(id)?.children.length ?? 0) > 0;
