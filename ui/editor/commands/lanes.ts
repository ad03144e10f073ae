// Lane commands: add, rename, reorder, resize, delete, bind to a position or org unit.
// Lanes stack top to bottom, so most of these move the lanes below; withLanes carries their
// nodes and routes along.
import { type Command, refuse } from "../command_stack.ts";
import { laneTops } from "../geometry.ts";
import { requireLane, updateLane } from "../graph_update.ts";
import { ID_PREFIX, IdMinter, takenIds } from "../ids.ts";
import { withLanes } from "../lane_shift.ts";
import {
  DEFAULT_LANE_SIZE,
  type Graph,
  GRAPH_LIMITS,
  isUuid,
  type Lane,
  LANE_NAME_LENGTH,
} from "../model.ts";

/** No lane gets lower than this when resized by hand. */
export const MIN_LANE_SIZE = 40;
const MAX_LANE_SIZE = 100_000;

function checkedName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) refuse("invalid-value", "A lane needs a name.");
  if (trimmed.length > LANE_NAME_LENGTH) {
    refuse("too-long", `A lane name has at most ${LANE_NAME_LENGTH} characters.`);
  }
  return trimmed;
}

export interface AddLaneOptions {
  /** Where the lane goes (0: top); the bottom by default. */
  index?: number;
  size?: number;
}

/** Adds a lane; `command.id` is the new lane's id. */
export function addLane(name: string, options: AddLaneOptions = {}): Command & { id: string } {
  const id = new IdMinter().next(ID_PREFIX.lane);
  return {
    id,
    label: "editor.command.addLane",
    do(g) {
      if (g.lanes.length >= GRAPH_LIMITS.lanes) {
        refuse("limit-reached", `A process has at most ${GRAPH_LIMITS.lanes} lanes.`);
      }
      if (takenIds(g).has(id.toLowerCase())) refuse("duplicate-id", `The id ${id} is taken.`);
      const size = clamp(options.size ?? DEFAULT_LANE_SIZE, MIN_LANE_SIZE, MAX_LANE_SIZE);
      const lane: Lane = { id, name: checkedName(name), positionId: null, orgUnitId: null, size };
      const at = clamp(Math.round(options.index ?? g.lanes.length), 0, g.lanes.length);
      return withLanes(g, [...g.lanes.slice(0, at), lane, ...g.lanes.slice(at)]);
    },
  };
}

export function renameLane(laneId: string, name: string): Command {
  return {
    label: "editor.command.renameLane",
    mergeKey: `lane-name:${laneId}`,
    do: (g) => {
      const next = checkedName(name);
      return updateLane(g, laneId, (l) => l.name === next ? l : { ...l, name: next });
    },
  };
}

/** Moves a lane to position `index` (0: top); its nodes move with it. */
export function reorderLane(laneId: string, index: number): Command {
  return {
    label: "editor.command.reorderLane",
    do(g) {
      const lane = requireLane(g, laneId);
      const rest = g.lanes.filter((l) => l !== lane);
      const at = clamp(Math.round(index), 0, rest.length);
      if (g.lanes[at] === lane) return g;
      return withLanes(g, [...rest.slice(0, at), lane, ...rest.slice(at)]);
    },
  };
}

/** The smallest height lane `laneId` can take and still hold its nodes. */
export function minLaneSize(g: Graph, laneId: string): number {
  const top = laneTops(g.lanes).get(laneId) ?? 0;
  let needed = MIN_LANE_SIZE;
  for (const n of g.nodes) {
    if (n.laneId === laneId) needed = Math.max(needed, n.y + n.height - top);
  }
  return Math.min(Math.ceil(needed), MAX_LANE_SIZE);
}

/** Sets a lane's height (at least what its nodes need); the lanes below move. */
export function resizeLane(laneId: string, size: number): Command {
  return {
    label: "editor.command.resizeLane",
    mergeKey: `lane-size:${laneId}`,
    do(g) {
      const lane = requireLane(g, laneId);
      if (!Number.isFinite(size)) refuse("invalid-value", "A lane height is a number.");
      const next = clamp(size, minLaneSize(g, laneId), MAX_LANE_SIZE);
      if (next === lane.size) return g;
      return withLanes(g, g.lanes.map((l) => l === lane ? { ...l, size: next } : l));
    },
  };
}

/** Deletes a lane with its nodes and their edges; the lanes below move up. */
export function deleteLane(laneId: string): Command {
  return {
    label: "editor.command.deleteLane",
    do(g) {
      const lane = requireLane(g, laneId);
      const gone = new Set(g.nodes.filter((n) => n.laneId === laneId).map((n) => n.id));
      const trimmed: Graph = gone.size
        ? {
          ...g,
          nodes: g.nodes.filter((n) => !gone.has(n.id)),
          edges: g.edges.filter((e) => !gone.has(e.from) && !gone.has(e.to)),
        }
        : g;
      return withLanes(trimmed, g.lanes.filter((l) => l !== lane));
    },
  };
}

/** Who works in a lane: a position, an org unit, or nobody in particular. */
export type LaneBinding = { positionId: string } | { orgUnitId: string } | null;

/** Binds a lane to a position or an org unit (one of both: setting one clears the other). */
export function bindLane(laneId: string, binding: LaneBinding): Command {
  return {
    label: "editor.command.bindLane",
    do(g) {
      const positionId = binding && "positionId" in binding ? binding.positionId : null;
      const orgUnitId = binding && "orgUnitId" in binding ? binding.orgUnitId : null;
      for (const id of [positionId, orgUnitId]) {
        if (id !== null && !isUuid(id)) refuse("invalid-value", `${id} is not a UUID.`);
      }
      return updateLane(
        g,
        laneId,
        (l) =>
          l.positionId === positionId && l.orgUnitId === orgUnitId
            ? l
            : { ...l, positionId, orgUnitId },
      );
    },
  };
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
