// Edge (sequence flow) commands: connect, reconnect, label, condition, bend points.
// Self-loops and a second edge between the same two nodes in the same direction are
// refused with a reason the canvas can show while the user is still dragging.
import { type Command, Refusal, refuse } from "../command_stack.ts";
import { requireEdge, requireNode, updateEdge } from "../graph_update.ts";
import { ID_PREFIX, IdMinter, takenIds } from "../ids.ts";
import { COORDINATE_LIMIT, type Edge, type Graph, GRAPH_LIMITS, type Point } from "../model.ts";
import { rerouteEdgesById } from "../reroute.ts";
import { checkLabel } from "./nodes.ts";

/**
 * Why an edge from `from` to `to` cannot exist, or null if it can. `ignore` is the edge
 * being reconnected (it does not count as a duplicate of itself).
 */
export function connectRefusal(
  g: Graph,
  from: string,
  to: string,
  ignore?: string,
): Refusal | null {
  for (const id of [from, to]) {
    if (!g.nodes.some((n) => n.id === id)) {
      return new Refusal("unknown-element", `There is no step ${id}.`);
    }
  }
  if (from === to) return new Refusal("self-loop", "A flow cannot lead back to its own step.");
  if (g.edges.some((e) => e.from === from && e.to === to && e.id !== ignore)) {
    return new Refusal("duplicate-edge", "These steps are connected this way already.");
  }
  return null;
}

/** Connects two nodes with a routed edge; `command.id` is the new edge's id. */
export function addEdge(from: string, to: string, options: { label?: string } = {}): Command & {
  id: string;
} {
  const id = new IdMinter().next(ID_PREFIX.edge);
  return {
    id,
    label: "editor.command.addEdge",
    do(g) {
      const refusal = connectRefusal(g, from, to);
      if (refusal) throw refusal;
      if (g.edges.length >= GRAPH_LIMITS.edges) {
        refuse("limit-reached", `A process has at most ${GRAPH_LIMITS.edges} flows.`);
      }
      if (takenIds(g).has(id.toLowerCase())) refuse("duplicate-id", `The id ${id} is taken.`);
      const label = options.label ?? "";
      checkLabel(label);
      const edge: Edge = { id, from, to, label, condition: null, waypoints: [] };
      return rerouteEdgesById({ ...g, edges: [...g.edges, edge] }, [id]);
    },
  };
}

/** Moves one end of an edge to another node and reroutes it. */
export function reconnectEdge(id: string, end: "from" | "to", nodeId: string): Command {
  return {
    label: "editor.command.reconnectEdge",
    do(g) {
      const edge = requireEdge(g, id);
      if (edge[end] === nodeId) return g;
      const next = { ...edge, [end]: nodeId };
      const refusal = connectRefusal(g, next.from, next.to, id);
      if (refusal) throw refusal;
      return rerouteEdgesById(updateEdge(g, id, () => next), [id]);
    },
  };
}

export function setEdgeLabel(id: string, label: string): Command {
  return {
    label: "editor.command.setEdgeLabel",
    mergeKey: `edge-label:${id}`,
    do(g) {
      checkLabel(label);
      return updateEdge(g, id, (e) => e.label === label ? e : { ...e, label });
    },
  };
}

/**
 * Sets when a path is taken (null or "" clears it). Only outflows of exclusive gateways
 * use it (see conditionApplies); elsewhere it is kept but has no meaning.
 */
export function setEdgeCondition(id: string, condition: string | null): Command {
  const next = condition === "" ? null : condition;
  return {
    label: "editor.command.setEdgeCondition",
    mergeKey: `edge-condition:${id}`,
    do(g) {
      if (next !== null) checkLabel(next);
      return updateEdge(g, id, (e) => e.condition === next ? e : { ...e, condition: next });
    },
  };
}

/** Sets an edge's route by hand (both end points included, as routes are stored). */
export function setWaypoints(id: string, waypoints: readonly Point[]): Command {
  return {
    label: "editor.command.setWaypoints",
    do(g) {
      if (waypoints.length > GRAPH_LIMITS.waypointsPerEdge) {
        refuse("limit-reached", `A flow has at most ${GRAPH_LIMITS.waypointsPerEdge} points.`);
      }
      if (
        !waypoints.every((p) =>
          [p.x, p.y].every((v) => Number.isFinite(v) && Math.abs(v) <= COORDINATE_LIMIT)
        )
      ) refuse("invalid-value", "That is outside the drawing area.");
      return updateEdge(g, id, (e) => ({ ...e, waypoints: waypoints.map((p) => ({ ...p })) }));
    },
  };
}

/** Whether a condition on edge `id` means anything: only if it leaves an exclusive gateway. */
export function conditionApplies(g: Graph, id: string): boolean {
  const edge = requireEdge(g, id);
  return requireNode(g, edge.from).type === "xor";
}

/** Edges carrying a condition that no exclusive gateway evaluates (for a gentle warning). */
export function misplacedConditions(g: Graph): string[] {
  const types = new Map(g.nodes.map((n) => [n.id, n.type]));
  return g.edges.filter((e) =>
    e.condition !== null && e.condition !== "" &&
    types.get(e.from) !== "xor"
  ).map((e) => e.id);
}
