// Rules about how a graph's elements fit together beyond ids and lanes: embedded subprocesses
// (a node's parentId names an embedded subprocess, never in a circle; a sequence flow stays
// inside one subprocess, as BPMN requires), default flows (one per gateway or step, never
// out of a parallel gateway) and the fields that belong to one node type only. The server's
// schema refuses a graph with any of these issues; the editor can ask before it saves.
// No runtime imports from outside this folder (see constants.ts).
import type { NodeType } from "./constants.ts";

interface StructureNode {
  id: string;
  type: NodeType;
  parentId?: string | null;
  event?: string;
  embedded?: boolean;
  collapsed?: boolean;
}
interface StructureEdge {
  id: string;
  from: string;
  to: string;
  isDefault?: boolean;
}

export interface StructureIssue {
  path: (string | number)[];
  message: string;
}

/** Node types whose outgoing flows may have a default. */
export const DEFAULT_FLOW_SOURCES: readonly NodeType[] = ["xor", "task", "subprocess"];

/** Where the graph's structure breaks a rule, with the path of the offending field. */
export function structureIssues(
  g: { nodes: StructureNode[]; edges: StructureEdge[] },
): StructureIssue[] {
  const issues: StructureIssue[] = [];
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  g.nodes.forEach((n, i) => {
    if (n.event !== undefined && n.type !== "intermediate") {
      issues.push({ path: ["nodes", i, "event"], message: "only intermediate events have one" });
    }
    for (const key of ["embedded", "collapsed"] as const) {
      if (n[key] !== undefined && n.type !== "subprocess") {
        issues.push({ path: ["nodes", i, key], message: "only subprocesses have one" });
      }
    }
    if (n.parentId === undefined || n.parentId === null) return;
    const parent = byId.get(n.parentId);
    if (!parent || parent.type !== "subprocess" || !parent.embedded) {
      issues.push({
        path: ["nodes", i, "parentId"],
        message: `${n.parentId} is not an embedded subprocess`,
      });
      return;
    }
    // Walk up: a node may not (indirectly) contain itself.
    const seen = new Set([n.id]);
    for (let at: StructureNode | undefined = parent; at; at = byId.get(at.parentId ?? "")) {
      if (seen.has(at.id)) {
        issues.push({
          path: ["nodes", i, "parentId"],
          message: "subprocesses contain each other in a circle",
        });
        break;
      }
      seen.add(at.id);
    }
  });
  const defaults = new Map<string, number>();
  g.edges.forEach((e, i) => {
    const from = byId.get(e.from);
    const to = byId.get(e.to);
    if (!from || !to) return; // reported as unknown nodes
    const association = from.type === "annotation" || to.type === "annotation";
    if (!association && (from.parentId ?? null) !== (to.parentId ?? null)) {
      issues.push({
        path: ["edges", i, "to"],
        message: "a flow connects steps of the same subprocess (or both on the top level)",
      });
    }
    if (!e.isDefault) return;
    if (association || !DEFAULT_FLOW_SOURCES.includes(from.type)) {
      issues.push({
        path: ["edges", i, "isDefault"],
        message: "only flows out of an exclusive gateway or a step can be the default",
      });
    } else if (defaults.has(e.from)) {
      issues.push({
        path: ["edges", i, "isDefault"],
        message: `${e.from} already has a default flow (${g.edges[defaults.get(e.from)!].id})`,
      });
    } else defaults.set(e.from, i);
  });
  return issues;
}

/** The ids of the nodes inside `subprocessId`, at any depth. */
export function descendantsOf(
  nodes: readonly { id: string; parentId?: string | null }[],
  subprocessId: string,
): Set<string> {
  const out = new Set<string>();
  let frontier = [subprocessId];
  while (frontier.length) {
    const next: string[] = [];
    for (const n of nodes) {
      if (n.parentId && frontier.includes(n.parentId) && !out.has(n.id)) {
        out.add(n.id);
        next.push(n.id);
      }
    }
    frontier = next;
  }
  return out;
}

interface NestedNode {
  id: string;
  parentId?: string | null;
  collapsed?: boolean;
}

/**
 * The closed subprocess whose own plane a node is drawn on (its nearest closed ancestor), or
 * null for the main plane.
 */
export function planeOf(byId: ReadonlyMap<string, NestedNode>, node: NestedNode): string | null {
  const seen = new Set<string>();
  for (
    let at = byId.get(node.parentId ?? "");
    at && !seen.has(at.id);
    at = byId.get(at.parentId ?? "")
  ) {
    if (at.collapsed) return at.id;
    seen.add(at.id);
  }
  return null;
}

/** The nodes drawn inside `subprocessId` on the same plane: they move when it moves. */
export function carriedWith(
  nodes: readonly NestedNode[],
  subprocessId: string,
): Set<string> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const sub = byId.get(subprocessId);
  if (!sub || sub.collapsed) return new Set();
  const inside = descendantsOf(nodes, subprocessId);
  const plane = planeOf(byId, sub);
  for (const id of inside) if (planeOf(byId, byId.get(id)!) !== plane) inside.delete(id);
  return inside;
}
