// The org chart's tree layout, shared by the server's SVG/PDF export and the app's org chart
// page (pure: no DOM, no Deno). Units are boxes listing their positions and holders; child
// units hang below their parent on a bus line. To keep wide charts narrow, a unit whose
// children are all leaves (more than STACK_FROM of them) stacks them in two columns either
// side of its trunk, and staff units (Stabsstellen) sit beside the trunk right under their
// parent, as org charts draw assistants. A collapsed unit hides everything below it; a box
// shows its first MAX_POSITIONS positions unless the app asks for all of them. Box sizes do
// not depend on text widths, so every renderer places boxes identically.

export interface ChartPosition {
  id: string;
  title: string;
  holders: string[];
}

export interface ChartUnit {
  id: string;
  name: string;
  staff?: boolean;
  positions: ChartPosition[];
  children: ChartUnit[];
}

/** The org chart tree as the orgchart plugin gives it (server) and the API sends it (app). */
export interface TreeUnitLike {
  id: string;
  name: string;
  staff?: boolean;
  positions: readonly { id: string; title: string; holders: readonly { name: string }[] }[];
  children: readonly TreeUnitLike[];
}

/** The chart's units as the layout's input: positions with their holders' names. */
export function chartUnits(units: readonly TreeUnitLike[]): ChartUnit[] {
  const map = (u: TreeUnitLike): ChartUnit => ({
    id: u.id,
    name: u.name,
    staff: u.staff ?? false,
    positions: u.positions.map((p) => ({
      id: p.id,
      title: p.title,
      holders: p.holders.map((h) => h.name),
    })),
    children: u.children.map(map),
  });
  return units.map(map);
}

export interface UnitBox {
  unit: ChartUnit;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Positions drawn in the box (the rest are counted in `morePositions`). */
  shown: ChartPosition[];
  morePositions: number;
  /** Units hidden below a collapsed box (0: none or not collapsed). */
  hiddenUnits: number;
  depth: number;
}

export interface ChartLayout {
  boxes: UnitBox[];
  /** Connector polylines. */
  lines: { x: number; y: number }[][];
  width: number;
  height: number;
}

export const BOX_WIDTH = 220;
export const HEADER_HEIGHT = 28;
export const POSITION_HEIGHT = 32;
export const MORE_HEIGHT = 16;
export const MAX_POSITIONS = 5;
const GAP_X = 24;
const GAP_Y = 44;
const STACK_FROM = 5;
const PAD = 6;

export interface LayoutOptions {
  /** Ids of collapsed units. */
  collapsed?: ReadonlySet<string>;
  /** Ids of units whose box lists all positions, not only the first MAX_POSITIONS. */
  allPositions?: ReadonlySet<string>;
}

interface Measured {
  unit: ChartUnit;
  /** Positions drawn in the box. */
  shown: number;
  height: number;
  width: number;
  /** Total height of the subtree. */
  depthHeight: number;
  staff: Measured[];
  regular: Measured[];
  stacked: boolean;
  staffHeight: number;
  hiddenUnits: number;
}

/** The box height of a unit with `n` positions, showing at most `max` of them. */
export function boxHeight(n: number, max = MAX_POSITIONS): number {
  const shown = Math.min(n, max);
  return HEADER_HEIGHT + shown * POSITION_HEIGHT + (n > max ? MORE_HEIGHT : 0) + (n ? PAD : 0);
}

const shownCount = (u: ChartUnit, o: LayoutOptions) =>
  o.allPositions?.has(u.id) ? u.positions.length : MAX_POSITIONS;

const countUnits = (u: ChartUnit): number => u.children.reduce((s, c) => s + 1 + countUnits(c), 0);

function measure(u: ChartUnit, o: LayoutOptions): Measured {
  const height = boxHeight(u.positions.length, shownCount(u, o));
  const collapsed = o.collapsed?.has(u.id) && u.children.length > 0;
  const kids = collapsed ? [] : u.children.map((c) => measure(c, o));
  const staff = kids.filter((k) => k.unit.staff && !k.regular.length && !k.staff.length);
  const regular = kids.filter((k) => !staff.includes(k));
  // Staff boxes in rows of two, one each side of the trunk.
  let staffHeight = 0;
  for (let i = 0; i < staff.length; i += 2) {
    staffHeight += Math.max(staff[i].height, staff[i + 1]?.height ?? 0) + GAP_Y / 2;
  }
  const stacked = regular.length >= STACK_FROM &&
    regular.every((k) => !k.regular.length && !k.staff.length);
  let width = BOX_WIDTH, below = 0;
  if (staff.length) width = Math.max(width, 2 * BOX_WIDTH + 2 * GAP_X);
  if (regular.length && stacked) {
    width = Math.max(width, 2 * BOX_WIDTH + 2 * GAP_X);
    for (let i = 0; i < regular.length; i += 2) {
      below += Math.max(regular[i].height, regular[i + 1]?.height ?? 0) + GAP_Y / 2;
    }
    below += GAP_Y / 2;
  } else if (regular.length) {
    width = Math.max(
      width,
      regular.reduce((s, k) => s + k.width, 0) + GAP_X * (regular.length - 1),
    );
    below = GAP_Y + Math.max(...regular.map((k) => k.depthHeight));
  }
  return {
    unit: u,
    shown: shownCount(u, o),
    height,
    width,
    depthHeight: height + (staff.length ? GAP_Y / 2 + staffHeight : 0) + below,
    staff,
    regular,
    stacked,
    staffHeight,
    hiddenUnits: collapsed ? countUnits(u) : 0,
  };
}

/** Lays out a forest of units (the chart's roots) left to right. */
export function layoutChart(roots: readonly ChartUnit[], o: LayoutOptions = {}): ChartLayout {
  const out: ChartLayout = { boxes: [], lines: [], width: 0, height: 0 };
  let left = 0;
  for (const root of roots) {
    const m = measure(root, o);
    place(m, left, 0, 0, out);
    left += m.width + GAP_X * 2;
    out.height = Math.max(out.height, m.depthHeight);
  }
  out.width = Math.max(0, left - GAP_X * 2);
  return out;
}

function box(m: Measured, x: number, y: number, depth: number): UnitBox {
  const shown = m.unit.positions.slice(0, m.shown);
  return {
    unit: m.unit,
    x,
    y,
    width: BOX_WIDTH,
    height: m.height,
    shown,
    morePositions: m.unit.positions.length - shown.length,
    hiddenUnits: m.hiddenUnits,
    depth,
  };
}

function place(m: Measured, left: number, top: number, depth: number, out: ChartLayout) {
  const cx = left + m.width / 2;
  out.boxes.push(box(m, cx - BOX_WIDTH / 2, top, depth));
  let y = top + m.height;
  const trunkTop = y;
  let trunkBottom = y;
  if (m.staff.length) {
    y += GAP_Y / 2;
    for (let i = 0; i < m.staff.length; i += 2) {
      const row = [m.staff[i], m.staff[i + 1]].filter(Boolean);
      row.forEach((s, k) => {
        const x = k === 0 ? cx + GAP_X : cx - GAP_X - BOX_WIDTH;
        out.boxes.push(box(s, x, y, depth + 1));
        const mid = y + s.height / 2;
        out.lines.push([{ x: cx, y: mid }, { x: k === 0 ? x : x + BOX_WIDTH, y: mid }]);
        trunkBottom = Math.max(trunkBottom, mid);
      });
      y += Math.max(...row.map((s) => s.height)) + GAP_Y / 2;
    }
  }
  if (m.regular.length && m.stacked) {
    y += GAP_Y / 2;
    for (let i = 0; i < m.regular.length; i += 2) {
      const row = [m.regular[i], m.regular[i + 1]].filter(Boolean);
      row.forEach((s, k) => {
        const x = k === 0 ? cx - GAP_X - BOX_WIDTH : cx + GAP_X;
        out.boxes.push(box(s, x, y, depth + 1));
        const mid = y + Math.min(s.height / 2, HEADER_HEIGHT / 2);
        out.lines.push([{ x: cx, y: mid }, { x: k === 0 ? x + BOX_WIDTH : x, y: mid }]);
        trunkBottom = Math.max(trunkBottom, mid);
      });
      y += Math.max(...row.map((s) => s.height)) + GAP_Y / 2;
    }
  } else if (m.regular.length) {
    const total = m.regular.reduce((s, k) => s + k.width, 0) + GAP_X * (m.regular.length - 1);
    const bus = y + GAP_Y / 2;
    let x = left + (m.width - total) / 2;
    const tops: number[] = [];
    for (const k of m.regular) {
      place(k, x, y + GAP_Y, depth + 1, out);
      tops.push(x + k.width / 2);
      x += k.width + GAP_X;
    }
    trunkBottom = bus;
    for (const tx of tops) out.lines.push([{ x: tx, y: bus }, { x: tx, y: y + GAP_Y }]);
    if (tops.length > 1) {
      out.lines.push([{ x: tops[0], y: bus }, { x: tops[tops.length - 1], y: bus }]);
    }
  }
  if (trunkBottom > trunkTop) out.lines.push([{ x: cx, y: trunkTop }, { x: cx, y: trunkBottom }]);
}

/** A search hit: a unit by its name, or a position by its title or one of its holders. */
export interface ChartHit {
  unitId: string;
  positionId?: string;
}

/** What matches `query` (case-insensitive), in the order of the tree (depth first). */
export function findInChart(roots: readonly ChartUnit[], query: string): ChartHit[] {
  const q = query.trim().toLocaleLowerCase();
  const found: ChartHit[] = [];
  if (!q) return found;
  const has = (text: string) => text.toLocaleLowerCase().includes(q);
  const visit = (u: ChartUnit) => {
    if (has(u.name)) found.push({ unitId: u.id });
    for (const p of u.positions) {
      if (has(p.title) || p.holders.some(has)) found.push({ unitId: u.id, positionId: p.id });
    }
    u.children.forEach(visit);
  };
  roots.forEach(visit);
  return found;
}

/** The ids of the ancestors of `ids` (to expand collapsed units around search hits). */
export function ancestorsOf(roots: readonly ChartUnit[], ids: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  const visit = (u: ChartUnit, path: string[]): boolean => {
    let hit = ids.has(u.id);
    for (const c of u.children) if (visit(c, [...path, u.id])) hit = true;
    if (hit) { for (const p of path) out.add(p); }
    return hit;
  };
  roots.forEach((r) => visit(r, []));
  return out;
}
