// The process graph as the editor sees it: the browser's generated API types plus the
// constants the editor needs from the server's schema and layout.
//
// The vocabulary and limits (node types, RACI roles, link kinds, the id pattern, every
// bound) come from plugins/processes/graph_core/constants.ts, the module graph_schema.ts
// builds its zod schemas from; it has no runtime imports, so no zod or hono reaches the
// browser bundle. Node sizes and the lane header width come from plugins/processes/
// layout.ts, which has only type imports too (purity_test.ts guards both).
import type { Schemas } from "../lib/api/client.ts";
import { LAYOUT_SPACING, NODE_SIZES } from "../../plugins/processes/layout.ts";
import {
  ELEMENT_ID_LENGTH,
  ELEMENT_ID_PATTERN,
  GRAPH_SCHEMA_VERSION,
  UUID_PATTERN,
} from "../../plugins/processes/graph_core/constants.ts";

export {
  COORDINATE_LIMIT,
  ELEMENT_ID_LENGTH,
  ELEMENT_ID_PATTERN,
  GRAPH_LIMITS,
  GRAPH_SCHEMA_VERSION,
  LANE_NAME_LENGTH,
  LINK_KINDS,
  type LinkKind,
  MAX_DURATION_MINUTES,
  NODE_TYPES,
  RACI_ROLES,
  type RaciRole,
  UUID_PATTERN,
} from "../../plugins/processes/graph_core/constants.ts";

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
export const EMPTY_GRAPH: Graph = {
  schemaVersion: GRAPH_SCHEMA_VERSION,
  lanes: [],
  nodes: [],
  edges: [],
};
