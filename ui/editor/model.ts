// The process graph as the editor sees it: the browser's generated API types plus the
// constants the editor needs from the server's schema and layout.
//
// Why copies: plugins/processes/graph_schema.ts imports zod and hono at runtime, which must
// not end up in the browser bundle, so its enums, limits and the id pattern are copied here
// (model_test.ts asserts they equal the server's). Node sizes and the lane header width come
// from plugins/processes/layout.ts itself: that module has only type imports, so importing
// it adds no server code (purity_test.ts guards this).
import type { Schemas } from "../lib/api/client.ts";
import { LAYOUT_SPACING, NODE_SIZES } from "../../plugins/processes/layout.ts";

export type Graph = Schemas["ProcessGraph"];
export type Lane = Schemas["Lane"];
export type ProcessNode = Schemas["ProcessNode"];
export type Edge = Schemas["ProcessEdge"];
export type Raci = Schemas["Raci"];
export type StepLinks = Schemas["StepLinks"];
export type NodeType = ProcessNode["type"];
export type Point = { x: number; y: number };
/** An axis-aligned rectangle in diagram units (top-left corner and size). */
export type Box = { x: number; y: number; width: number; height: number };

export const GRAPH_SCHEMA_VERSION = 1;

export const NODE_TYPES = [
  "start",
  "end",
  "task",
  "subprocess",
  "xor",
  "and",
  "intermediate",
  "annotation",
] as const satisfies readonly NodeType[];

export const RACI_ROLES = ["responsible", "accountable", "consulted", "informed"] as const;
export type RaciRole = typeof RACI_ROLES[number];

export const LINK_KINDS = ["documents", "systems", "requirements", "locations"] as const;
export type LinkKind = typeof LINK_KINDS[number];

/** The server's limits (GRAPH_LIMITS in graph_schema.ts). */
export const GRAPH_LIMITS = {
  nodes: 2000,
  edges: 5000,
  lanes: 100,
  labelLength: 500,
  descriptionLength: 20_000,
  linksPerNode: 100,
  waypointsPerEdge: 50,
} as const;

/** Lane names: trimmed, 1 to 200 characters. */
export const LANE_NAME_LENGTH = 200;
/** Durations: whole minutes, at most a year. */
export const MAX_DURATION_MINUTES = 525_600;
/** Coordinates the server accepts. */
export const COORDINATE_LIMIT = 1_000_000;

/** Element ids: letters, digits, _ . - (starting with a letter or _), at most 64. */
export const ELEMENT_ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
export const ELEMENT_ID_LENGTH = 64;
/** What zod's uuid() accepts (RFC 9562 versions 1-8, nil and max). */
export const UUID_PATTERN =
  /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;

/** Standard node sizes per type, as auto-layout uses them. */
export const DEFAULT_NODE_SIZES: Readonly<Record<NodeType, { width: number; height: number }>> =
  NODE_SIZES;
/** Room at the left of every lane for its vertical name. */
export const LANE_HEADER_WIDTH: number = LAYOUT_SPACING.laneHeader;
/** The height of a new lane (the schema's default and auto-layout's minimum). */
export const DEFAULT_LANE_SIZE: number = LAYOUT_SPACING.minLaneHeight;

export const isElementId = (id: string): boolean =>
  id.length <= ELEMENT_ID_LENGTH && ELEMENT_ID_PATTERN.test(id);
export const isUuid = (id: string): boolean => UUID_PATTERN.test(id);

/** An empty graph with no lanes (what a replaceGraph with nothing in it yields). */
export const EMPTY_GRAPH: Graph = { schemaVersion: 1, lanes: [], nodes: [], edges: [] };
