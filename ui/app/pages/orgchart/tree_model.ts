// The org chart tree as the UI shows it: units, their positions and the positions' holders
// as one kind of node, so the tree view, its filter and its keyboard handling work on one
// shape. Also the flat lists the forms' pickers need (units by path, positions by title).
import type { Schemas } from "../../../lib/api/client.ts";

export type ChartTree = Schemas["OrgChartTree"];
type TreeUnit = Schemas["OrgTreeUnit"];
type TreePosition = Schemas["OrgTreePosition"];

export type NodeKind = "unit" | "position" | "holder";

export interface OrgNode {
  /** Unique in the tree: u:<unit>, p:<position>, h:<position>:<employee>. */
  key: string;
  kind: NodeKind;
  /** The unit's, position's or employee's id. */
  id: string;
  label: string;
  /** Positions: the title of the position this one reports to. */
  reportsTo?: string;
  /** Holders: whether this is the person's primary position. */
  primary?: boolean;
  externalKey?: string | null;
  depth: number;
  parent?: OrgNode;
  children: OrgNode[];
}

export interface UnitChoice {
  id: string;
  name: string;
  /** "Management > Sales": names from the top. */
  path: string;
  depth: number;
}

export interface PositionChoice {
  id: string;
  title: string;
  unitId: string;
  unitPath: string;
  reportsToId: string | null;
}

/** The chart's nodes: top units first; in a unit its positions, then its sub-units. */
export function buildNodes(tree: ChartTree): OrgNode[] {
  const titles = new Map(positionChoices(tree).map((p) => [p.id, p.title]));
  const position = (p: TreePosition, depth: number, parent: OrgNode): OrgNode => {
    const node: OrgNode = {
      key: `p:${p.id}`,
      kind: "position",
      id: p.id,
      label: p.title,
      reportsTo: p.reportsToId ? titles.get(p.reportsToId) : undefined,
      externalKey: p.externalKey,
      depth,
      parent,
      children: [],
    };
    node.children = p.holders.map((h) => ({
      key: `h:${p.id}:${h.employeeId}`,
      kind: "holder" as const,
      id: h.employeeId,
      label: h.name,
      primary: h.primary,
      depth: depth + 1,
      parent: node,
      children: [],
    }));
    return node;
  };
  const unit = (u: TreeUnit, depth: number, parent?: OrgNode): OrgNode => {
    const node: OrgNode = {
      key: `u:${u.id}`,
      kind: "unit",
      id: u.id,
      label: u.name,
      depth,
      parent,
      children: [],
    };
    node.children = [
      ...u.positions.map((p: TreePosition) => position(p, depth + 1, node)),
      ...u.children.map((c: TreeUnit) => unit(c, depth + 1, node)),
    ];
    return node;
  };
  return tree.units.map((u) => unit(u, 0));
}

/**
 * The nodes that match `query` (label or external key, ignoring case) with their ancestors,
 * as copies; a matching node keeps all it contains (a unit its positions, a position its
 * holders). `matches` counts the nodes that matched themselves.
 */
export function filterNodes(
  nodes: OrgNode[],
  query: string,
): { nodes: OrgNode[]; matches: number } {
  const q = query.trim().toLowerCase();
  if (!q) return { nodes, matches: 0 };
  let matches = 0;
  const hit = (n: OrgNode) =>
    n.label.toLowerCase().includes(q) || (n.externalKey ?? "").toLowerCase().includes(q);
  const copy = (n: OrgNode, parent: OrgNode | undefined, whole: boolean): OrgNode | undefined => {
    const self = hit(n);
    if (self) matches++;
    const out: OrgNode = { ...n, parent, children: [] };
    out.children = n.children
      .map((c) => copy(c, out, whole || self))
      .filter((c): c is OrgNode => c !== undefined);
    return whole || self || out.children.length ? out : undefined;
  };
  const kept = nodes.map((n) => copy(n, undefined, false)).filter((n): n is OrgNode =>
    n !== undefined
  );
  return { nodes: kept, matches };
}

/** The nodes a person sees, in order: children only of expanded nodes. */
export function visibleNodes(nodes: OrgNode[], isOpen: (n: OrgNode) => boolean): OrgNode[] {
  const out: OrgNode[] = [];
  const walk = (list: OrgNode[]) => {
    for (const n of list) {
      out.push(n);
      if (n.children.length && isOpen(n)) walk(n.children);
    }
  };
  walk(nodes);
  return out;
}

/** Every node by key. */
export function indexNodes(nodes: OrgNode[]): Map<string, OrgNode> {
  const index = new Map<string, OrgNode>();
  const walk = (list: OrgNode[]) => {
    for (const n of list) {
      index.set(n.key, n);
      walk(n.children);
    }
  };
  walk(nodes);
  return index;
}

/** The chart's units in tree order, each with its path from the top. */
export function unitChoices(tree: ChartTree): UnitChoice[] {
  const out: UnitChoice[] = [];
  const walk = (units: TreeUnit[], path: string[]) => {
    for (const u of units) {
      const own = [...path, u.name];
      out.push({ id: u.id, name: u.name, path: own.join(" > "), depth: path.length });
      walk(u.children, own);
    }
  };
  walk(tree.units, []);
  return out;
}

/** The chart's positions in tree order, each with the path of its unit. */
export function positionChoices(tree: ChartTree): PositionChoice[] {
  const out: PositionChoice[] = [];
  const walk = (units: TreeUnit[], path: string[]) => {
    for (const u of units) {
      const own = [...path, u.name];
      for (const p of u.positions as TreePosition[]) {
        out.push({
          id: p.id,
          title: p.title,
          unitId: u.id,
          unitPath: own.join(" > "),
          reportsToId: p.reportsToId,
        });
      }
      walk(u.children, own);
    }
  };
  walk(tree.units, []);
  return out;
}
