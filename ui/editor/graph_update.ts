// Copy-on-write helpers for commands: find elements (refusing unknown ids) and replace
// them, copying only the one array that changes and leaving every other element shared.
import { refuse } from "./command_stack.ts";
import type { Edge, Graph, Lane, ProcessNode } from "./model.ts";

type Element = { id: string };

function find<T extends Element>(list: readonly T[], id: string, what: string): [T, number] {
  const i = list.findIndex((x) => x.id === id);
  if (i < 0) refuse("unknown-element", `There is no ${what} ${id}.`);
  return [list[i], i];
}

export const requireNode = (g: Graph, id: string): ProcessNode => find(g.nodes, id, "step")[0];
export const requireEdge = (g: Graph, id: string): Edge => find(g.edges, id, "flow")[0];
export const requireLane = (g: Graph, id: string): Lane => find(g.lanes, id, "lane")[0];

/** A copy of `list` with `value` at `index`. */
export function replaceAt<T>(list: readonly T[], index: number, value: T): T[] {
  const copy = [...list];
  copy[index] = value;
  return copy;
}

/** The graph with node `id` replaced by `change(node)`; the same graph if nothing changed. */
export function updateNode(
  g: Graph,
  id: string,
  change: (n: ProcessNode) => ProcessNode,
): Graph {
  const [node, i] = find(g.nodes, id, "step");
  const next = change(node);
  return next === node ? g : { ...g, nodes: replaceAt(g.nodes, i, next) };
}

export function updateEdge(g: Graph, id: string, change: (e: Edge) => Edge): Graph {
  const [edge, i] = find(g.edges, id, "flow");
  const next = change(edge);
  return next === edge ? g : { ...g, edges: replaceAt(g.edges, i, next) };
}

export function updateLane(g: Graph, id: string, change: (l: Lane) => Lane): Graph {
  const [lane, i] = find(g.lanes, id, "lane");
  const next = change(lane);
  return next === lane ? g : { ...g, lanes: replaceAt(g.lanes, i, next) };
}

/** The graph with every node `change` returns a new object for replaced (one array copy). */
export function mapNodes(g: Graph, change: (n: ProcessNode) => ProcessNode): Graph {
  let nodes: ProcessNode[] | null = null;
  g.nodes.forEach((n, i) => {
    const next = change(n);
    if (next === n) return;
    nodes ??= [...g.nodes];
    nodes[i] = next;
  });
  return nodes ? { ...g, nodes } : g;
}

export function mapEdges(g: Graph, change: (e: Edge) => Edge): Graph {
  let edges: Edge[] | null = null;
  g.edges.forEach((e, i) => {
    const next = change(e);
    if (next === e) return;
    edges ??= [...g.edges];
    edges[i] = next;
  });
  return edges ? { ...g, edges } : g;
}

/** Refuses unknown ids; returns the set of known ones. */
export function requireNodes(g: Graph, ids: Iterable<string>): Set<string> {
  const wanted = new Set(ids);
  const known = new Set(g.nodes.filter((n) => wanted.has(n.id)).map((n) => n.id));
  for (const id of wanted) if (!known.has(id)) refuse("unknown-element", `There is no step ${id}.`);
  return known;
}
