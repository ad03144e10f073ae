// Node commands: add, move, resize, relabel. Moving or resizing puts a node in the lane
// under its centre and reroutes the edges whose ends no longer move together.
import { type Command, refuse } from "../command_stack.ts";
import { boxOf, laneIndexAtY } from "../geometry.ts";
import { mapEdges, mapNodes, requireNode, requireNodes, updateNode } from "../graph_update.ts";
import { ID_PREFIX, IdMinter, takenIds } from "../ids.ts";
import {
  type Box,
  COORDINATE_LIMIT,
  DEFAULT_NODE_SIZES,
  type Graph,
  GRAPH_LIMITS,
  type NodeType,
  type ProcessNode,
} from "../model.ts";
import { rerouteEdges, rerouteEdgesById } from "../reroute.ts";
import { onOwnPlane } from "../visible.ts";
import { carriedWith } from "../../../plugins/processes/graph_core/structure.ts";
import { snapCentreOffset, snapResizedBox } from "../snap.ts";

/** No node gets smaller than this when resized by hand. */
export const MIN_NODE_SIZE = 10;
const MAX_NODE_SIZE = 100_000;

export interface PlacementOptions {
  /** Put centres (moves) or moved edges (resizes) on the grid. */
  snap?: boolean;
}

export interface AddNodeOptions extends PlacementOptions {
  label?: string;
  /** The embedded subprocess the node is added inside (an opened one's plane). */
  parentId?: string | null;
}

/**
 * Adds a node of the type's standard size with its top-left corner at (x, y) in lane
 * `laneId` (null only for annotations); `command.id` is the new node's id.
 */
export function addNode(
  type: NodeType,
  laneId: string | null,
  x: number,
  y: number,
  options: AddNodeOptions = {},
): Command & { id: string } {
  const id = new IdMinter().next(ID_PREFIX[type]);
  return {
    id,
    label: "editor.command.addNode",
    do(g) {
      if (g.nodes.length >= GRAPH_LIMITS.nodes) {
        refuse("limit-reached", `A process has at most ${GRAPH_LIMITS.nodes} steps.`);
      }
      // Inside an embedded subprocess the node belongs to its parent's lane.
      const parent = options.parentId ? requireNode(g, options.parentId) : undefined;
      const lane = parent ? (type === "annotation" ? null : parent.laneId) : laneId;
      if (lane === null && type !== "annotation") {
        refuse("invalid-value", "Only annotations may sit outside the lanes.");
      }
      if (lane !== null && !g.lanes.some((l) => l.id === lane)) {
        refuse("unknown-element", `There is no lane ${lane}.`);
      }
      if (takenIds(g).has(id.toLowerCase())) refuse("duplicate-id", `The id ${id} is taken.`);
      const label = options.label ?? "";
      checkLabel(label);
      let box: Box = { x, y, ...DEFAULT_NODE_SIZES[type] };
      if (options.snap) {
        const d = snapCentreOffset(box);
        box = { ...box, x: box.x + d.dx, y: box.y + d.dy };
      }
      checkBox(box);
      const node: ProcessNode = { id, type, label, laneId: lane, ...box };
      if (parent) node.parentId = parent.id;
      return { ...g, nodes: [...g.nodes, node] };
    },
  };
}

/**
 * Moves nodes by (dx, dy). With snapping, the first node's centre lands on the grid and the
 * others keep their distance to it. Consecutive moves of the same nodes merge (arrow keys).
 */
export function moveNodes(
  ids: readonly string[],
  dx: number,
  dy: number,
  options: PlacementOptions = {},
): Command {
  return {
    label: "editor.command.moveNodes",
    mergeKey: `move:${[...new Set(ids)].sort().join(",")}`,
    do(g) {
      const moving = requireNodes(g, ids);
      if (!moving.size) return g;
      // An open embedded subprocess carries what is drawn inside it.
      for (const id of [...moving]) {
        if (g.nodes.some((n) => n.parentId === id)) {
          for (const inner of carriedWith(g.nodes, id)) moving.add(inner);
        }
      }
      if (options.snap) {
        const primary = boxOf(requireNode(g, ids[0]));
        const d = snapCentreOffset({ ...primary, x: primary.x + dx, y: primary.y + dy });
        dx += d.dx;
        dy += d.dy;
      }
      if (!dx && !dy) return g;
      const moved = mapNodes(g, (n) => {
        if (!moving.has(n.id)) return n;
        const box = { ...boxOf(n), x: n.x + dx, y: n.y + dy };
        checkBox(box);
        return placeInLane(g, { ...n, ...box });
      });
      // Edges inside the moved group keep their shape; the others are routed afresh.
      const inside = mapEdges(
        moved,
        (e) =>
          moving.has(e.from) && moving.has(e.to)
            ? { ...e, waypoints: e.waypoints.map((p) => ({ x: p.x + dx, y: p.y + dy })) }
            : e,
      );
      const crossing = inside.edges.filter((e) => moving.has(e.from) !== moving.has(e.to));
      return rerouteEdgesById(inside, crossing.map((e) => e.id));
    },
  };
}

/** Sets a node's box (from a resize handle); at least MIN_NODE_SIZE wide and high. */
export function resizeNode(id: string, box: Box, options: PlacementOptions = {}): Command {
  return {
    label: "editor.command.resizeNode",
    mergeKey: `resize:${id}`,
    do(g) {
      const node = requireNode(g, id);
      let next = options.snap ? snapResizedBox(boxOf(node), box) : { ...box };
      next = {
        ...next,
        width: Math.min(MAX_NODE_SIZE, Math.max(MIN_NODE_SIZE, next.width)),
        height: Math.min(MAX_NODE_SIZE, Math.max(MIN_NODE_SIZE, next.height)),
      };
      checkBox(next);
      if (
        next.x === node.x && next.y === node.y && next.width === node.width &&
        next.height === node.height
      ) return g;
      const resized = updateNode(g, id, (n) => placeInLane(g, { ...n, ...next }));
      return rerouteEdges(resized, [id]);
    },
  };
}

/** Sets a node's label; typing merges into one undo step. */
export function setLabel(id: string, label: string): Command {
  return {
    label: "editor.command.setLabel",
    mergeKey: `label:${id}`,
    do(g) {
      checkLabel(label);
      return updateNode(g, id, (n) => n.label === label ? n : { ...n, label });
    },
  };
}

/** The node in the lane under its centre (annotations outside the lanes stay outside). */
export function placeInLane(g: Graph, n: ProcessNode): ProcessNode {
  if (n.laneId === null && n.type === "annotation") return n;
  // On a closed subprocess's own plane there are no lanes: the node keeps its parent's lane.
  if (n.parentId && onOwnPlane(g, n.id)) return n;
  const i = laneIndexAtY(g.lanes, n.y + n.height / 2);
  const laneId = i < 0 ? n.laneId : g.lanes[i].id;
  return laneId === n.laneId ? n : { ...n, laneId };
}

export function checkLabel(label: string): void {
  if (label.length > GRAPH_LIMITS.labelLength) {
    refuse("too-long", `A label has at most ${GRAPH_LIMITS.labelLength} characters.`);
  }
}

export function checkBox(b: Box): void {
  const ok = [b.x, b.y, b.x + b.width, b.y + b.height].every((v) =>
    Number.isFinite(v) && Math.abs(v) <= COORDINATE_LIMIT
  );
  if (!ok) refuse("invalid-value", "That is outside the drawing area.");
}
