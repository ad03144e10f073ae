// The fields the three-way merge compares, per element kind. A field is what one person
// changes in one gesture: a node's position (x, y and lane together), its size, its label,
// each RACI role and each kind of link on its own, and so on. Two people changing
// different fields of the same node never conflict.
import type { Edge, Lane, ProcessNode } from "./model.ts";
import { LINK_KINDS, RACI_ROLES } from "./model.ts";

export interface Field<T> {
  name: string;
  /** The comparable value (absent optional fields read as their empty value). */
  read: (x: T) => unknown;
  /** `target` with this field taken from `source`. */
  write: (target: T, source: T) => T;
  /**
   * Derived data nobody decides about (an edge's route): when both sides changed it, no
   * conflict is listed; mine is taken and the merge recomputes it.
   */
  derived?: boolean;
}

const sortedIds = (ids: readonly string[] | undefined) => [...new Set(ids ?? [])].sort();

/** A field backed by one optional property, written back as present or absent. */
function optional<T, K extends keyof T & string>(name: string, key: K, empty: unknown): Field<T> {
  return {
    name,
    read: (x) => x[key] ?? empty,
    write: (target, source) => {
      const copy = { ...target };
      if (source[key] === undefined) delete copy[key];
      else copy[key] = source[key];
      return copy;
    },
  };
}

/** A field backed by some required properties, copied together. */
function plain<T>(name: string, keys: readonly (keyof T & string)[]): Field<T> {
  return {
    name,
    read: (x) => keys.length === 1 ? x[keys[0]] : keys.map((k) => x[k]),
    write: (target, source) => {
      const copy = { ...target };
      for (const k of keys) copy[k] = source[k];
      return copy;
    },
  };
}

export const LANE_MERGE_FIELDS: Field<Lane>[] = [
  plain("name", ["name"]),
  // One of both: position and org unit travel together.
  plain("binding", ["positionId", "orgUnitId"]),
  plain("size", ["size"]),
];

export const NODE_MERGE_FIELDS: Field<ProcessNode>[] = [
  plain("type", ["type"]),
  plain("label", ["label"]),
  // Where the node is: its lane follows from its position, so they change together. The
  // merge compares y relative to the lane's top, so moving lanes is not moving their nodes.
  plain("position", ["x", "y", "laneId"]),
  plain("size", ["width", "height"]),
  ...RACI_ROLES.map((role): Field<ProcessNode> => ({
    name: `raci.${role}`,
    read: (n) => sortedIds(n.raci?.[role]),
    write: (target, source) => ({
      ...target,
      raci: {
        ...(target.raci ?? { responsible: [], accountable: [], consulted: [], informed: [] }),
        [role]: [...(source.raci?.[role] ?? [])],
      },
    }),
  })),
  ...LINK_KINDS.map((kind): Field<ProcessNode> => ({
    name: `links.${kind}`,
    read: (n) => sortedIds(n.links?.[kind]),
    write: (target, source) => ({
      ...target,
      links: {
        ...(target.links ?? { documents: [], systems: [], requirements: [], locations: [] }),
        [kind]: [...(source.links?.[kind] ?? [])],
      },
    }),
  })),
  optional("duration", "durationMinutes", null),
  optional("description", "description", ""),
  optional("subprocess", "processId", null),
];

export const EDGE_MERGE_FIELDS: Field<Edge>[] = [
  plain("from", ["from"]),
  plain("to", ["to"]),
  plain("label", ["label"]),
  plain("condition", ["condition"]),
  { ...plain<Edge>("route", ["waypoints"]), derived: true },
];
