// The process graph's vocabulary and limits: node types, RACI roles, link kinds, the id
// pattern and every bound the server enforces. graph_schema.ts builds its zod schemas from
// these, and the browser editor (ui/editor/model.ts) imports them directly, so both sides
// agree by construction. This folder holds no runtime imports from outside itself (no zod,
// hono, Deno or node:), which keeps it bundleable for the browser; ui/editor/purity_test.ts
// guards that.

export const GRAPH_SCHEMA_VERSION = 1;

/** Explicit limits: larger graphs are refused with 413 naming the limit. */
export const GRAPH_LIMITS = {
  nodes: 2000,
  edges: 5000,
  lanes: 100,
  labelLength: 500,
  descriptionLength: 20_000,
  linksPerNode: 100,
  waypointsPerEdge: 50,
} as const;

export const NODE_TYPES = [
  "start",
  "end",
  "task",
  "subprocess",
  "xor",
  "and",
  "intermediate",
  "annotation",
] as const;
export type NodeType = typeof NODE_TYPES[number];

/** Intermediate events wait for something (catch) or signal it (throw). */
export const INTERMEDIATE_EVENT_KINDS = ["catch", "throw"] as const;
export type IntermediateEventKind = typeof INTERMEDIATE_EVENT_KINDS[number];

export const RACI_ROLES = ["responsible", "accountable", "consulted", "informed"] as const;
export type RaciRole = typeof RACI_ROLES[number];

/** Kinds of objects, owned by other plugins, that a step links to. */
export const LINK_KINDS = ["documents", "systems", "requirements", "locations"] as const;
export type LinkKind = typeof LINK_KINDS[number];

/** Lane names: trimmed, 1 to 200 characters. */
export const LANE_NAME_LENGTH = 200;
/** Durations: whole minutes, at most a year. */
export const MAX_DURATION_MINUTES = 525_600;
/** Coordinates lie within ±COORDINATE_LIMIT. */
export const COORDINATE_LIMIT = 1_000_000;

/** Element ids: letters, digits, _ . - (starting with a letter or _), at most 64. */
export const ELEMENT_ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
export const ELEMENT_ID_LENGTH = 64;
/**
 * What zod's uuid() accepts (RFC 9562 versions 1-8, nil and max): the schema keeps zod's
 * check for its OpenAPI format, the editor tests ids with this pattern before saving.
 */
export const UUID_PATTERN =
  /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;
