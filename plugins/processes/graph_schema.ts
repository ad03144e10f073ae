// The process model: a graph document with swimlanes, validated by one zod schema. Stored
// as JSON in drafts and versions; `schemaVersion` lets us migrate documents later. The
// vocabulary and limits come from graph_core/constants.ts (shared with the browser editor,
// which must not load zod); they are re-exported here for the server's modules.
import { z } from "@hono/zod-openapi";
import { ProblemError } from "../../api/problem.ts";
import {
  COORDINATE_LIMIT,
  ELEMENT_ID_LENGTH,
  ELEMENT_ID_PATTERN,
  GRAPH_LIMITS,
  GRAPH_SCHEMA_VERSION,
  INTERMEDIATE_EVENT_KINDS,
  LANE_NAME_LENGTH,
  LINK_KINDS,
  MAX_DURATION_MINUTES,
  NODE_TYPES,
  RACI_ROLES,
} from "./graph_core/constants.ts";
import { structureIssues } from "./graph_core/structure.ts";

export {
  COORDINATE_LIMIT,
  ELEMENT_ID_LENGTH,
  ELEMENT_ID_PATTERN,
  GRAPH_LIMITS,
  GRAPH_SCHEMA_VERSION,
  INTERMEDIATE_EVENT_KINDS,
  LANE_NAME_LENGTH,
  LINK_KINDS,
  type LinkKind,
  MAX_DURATION_MINUTES,
  NODE_TYPES,
  type NodeType,
  RACI_ROLES,
  type RaciRole,
} from "./graph_core/constants.ts";

const elementId = z.string().min(1).max(ELEMENT_ID_LENGTH).regex(ELEMENT_ID_PATTERN, {
  error: `letters, digits, _ . - (starting with a letter or _), at most ${ELEMENT_ID_LENGTH}`,
});
const uuid = z.string().uuid({ error: "must be a UUID" });
const ids = z.array(uuid).max(GRAPH_LIMITS.linksPerNode);
const coordinate = z.number().finite().min(-COORDINATE_LIMIT).max(COORDINATE_LIMIT);
const size = z.number().finite().min(1).max(100_000);

/** An object with one id list (empty by default) per key, in the order of `keys`. */
const idLists = <K extends string>(keys: readonly K[]) =>
  z.strictObject(
    Object.fromEntries(keys.map((k) => [k, ids.default([])])) as Record<
      K,
      z.ZodDefault<typeof ids>
    >,
  );

export const RaciSchema = idLists(RACI_ROLES).openapi("Raci", {
  description: "Position ids per RACI role",
});

export const LinksSchema = idLists(LINK_KINDS).openapi("StepLinks", {
  description: "Ids of objects owned by the resources plugin",
});

export const LaneSchema = z.strictObject({
  id: elementId,
  name: z.string().trim().min(1).max(LANE_NAME_LENGTH),
  /** The position or org unit doing the work in this lane (one of both, or none). */
  positionId: uuid.nullable().default(null),
  orgUnitId: uuid.nullable().default(null),
  /** Height in diagram units; lanes stack top to bottom in array order. */
  size: size.default(160),
  /**
   * The name of the lane this one is nested in (BPMN child lanes; deeper nesting joins the
   * names with " / "). Consecutive lanes with the same parent are exported as its children.
   */
  parent: z.string().trim().min(1).max(LANE_NAME_LENGTH).optional(),
}).openapi("Lane");

export const NodeSchema = z.strictObject({
  id: elementId,
  type: z.enum(NODE_TYPES, { error: `one of ${NODE_TYPES.join(", ")}` }),
  label: z.string().max(GRAPH_LIMITS.labelLength).default(""),
  /** The lane the node sits in; null only for annotations. */
  laneId: elementId.nullable(),
  x: coordinate,
  y: coordinate,
  width: size,
  height: size,
  /** Tasks: who is responsible, accountable, consulted, informed (position ids). */
  raci: RaciSchema.optional(),
  /** Tasks: linked documents, IT systems, requirements, locations. */
  links: LinksSchema.optional(),
  /** Tasks: expected duration in minutes. */
  durationMinutes: z.number().int().min(0).max(MAX_DURATION_MINUTES).nullable().optional(),
  /** Tasks: what to do, as Markdown. */
  description: z.string().max(GRAPH_LIMITS.descriptionLength).optional(),
  /** Subprocess: the process it calls. */
  processId: uuid.nullable().optional(),
  /** Intermediate events: waiting for something (catch) or signalling it (throw, the default). */
  event: z.enum(INTERMEDIATE_EVENT_KINDS).optional(),
  /**
   * Subprocess: true for an embedded subprocess, whose steps are the nodes with this node's id
   * as parentId (BPMN subProcess); otherwise it calls another process (BPMN callActivity).
   */
  embedded: z.boolean().optional(),
  /** Embedded subprocess: drawn closed; its inside is shown by opening it (drill-down). */
  collapsed: z.boolean().optional(),
  /** The embedded subprocess this node lies in; absent or null on the top level. */
  parentId: elementId.nullable().optional(),
}).openapi("ProcessNode");

export const EdgeSchema = z.strictObject({
  id: elementId,
  from: elementId,
  to: elementId,
  label: z.string().max(GRAPH_LIMITS.labelLength).default(""),
  /** Outflows of exclusive gateways: when this path is taken. */
  condition: z.string().max(GRAPH_LIMITS.labelLength).nullable().default(null),
  /** Bend points of the orthogonal route, from auto-layout or the editor. */
  waypoints: z.array(z.object({ x: coordinate, y: coordinate })).max(GRAPH_LIMITS.waypointsPerEdge)
    .default([]),
  /** The default flow of its gateway or step: taken when no other condition holds. */
  isDefault: z.boolean().optional(),
}).openapi("ProcessEdge");

export const GraphSchema = z.strictObject({
  schemaVersion: z.literal(GRAPH_SCHEMA_VERSION).default(GRAPH_SCHEMA_VERSION),
  /** The pool's name where it differs from the process title (kept from imported BPMN). */
  pool: z.string().trim().min(1).max(LANE_NAME_LENGTH).optional(),
  lanes: z.array(LaneSchema).max(GRAPH_LIMITS.lanes),
  nodes: z.array(NodeSchema).max(GRAPH_LIMITS.nodes),
  edges: z.array(EdgeSchema).max(GRAPH_LIMITS.edges),
}).superRefine((g, ctx) => {
  // Ids must be unique and references must resolve; otherwise nothing is saved.
  // Ids are compared without case: the projections key on them with MySQL's collation.
  const unique = (list: { id: string }[], where: "lanes" | "nodes" | "edges") => {
    const seen = new Set<string>();
    const folded = new Set<string>();
    list.forEach((item, i) => {
      if (folded.has(item.id.toLowerCase())) {
        ctx.addIssue({
          code: "custom",
          path: [where, i, "id"],
          message: `duplicate id ${item.id} (ids are compared without case)`,
        });
      }
      seen.add(item.id);
      folded.add(item.id.toLowerCase());
    });
    return seen;
  };
  const lanes = unique(g.lanes, "lanes");
  const nodes = unique(g.nodes, "nodes");
  unique(g.edges, "edges");
  g.nodes.forEach((n, i) => {
    if (n.laneId !== null && !lanes.has(n.laneId)) {
      ctx.addIssue({
        code: "custom",
        path: ["nodes", i, "laneId"],
        message: `unknown lane ${n.laneId}`,
      });
    }
  });
  g.edges.forEach((e, i) => {
    for (const end of ["from", "to"] as const) {
      if (!nodes.has(e[end])) {
        ctx.addIssue({
          code: "custom",
          path: ["edges", i, end],
          message: `unknown node ${e[end]}`,
        });
      }
    }
  });
  for (const issue of structureIssues(g)) ctx.addIssue({ code: "custom", ...issue });
}).openapi("ProcessGraph");

export type Graph = z.infer<typeof GraphSchema>;
export type GraphInput = z.input<typeof GraphSchema>;
export type Lane = z.infer<typeof LaneSchema>;
export type ProcessNode = z.infer<typeof NodeSchema>;
export type Edge = z.infer<typeof EdgeSchema>;

/** An empty graph with one lane and a start event: what a new process begins with. */
export function emptyGraph(laneName = "Lane 1"): Graph {
  return {
    schemaVersion: GRAPH_SCHEMA_VERSION,
    lanes: [{ id: "lane_1", name: laneName, positionId: null, orgUnitId: null, size: 160 }],
    nodes: [{
      id: "start_1",
      type: "start",
      label: "Start",
      laneId: "lane_1",
      x: 60,
      y: 62,
      width: 36,
      height: 36,
    }],
    edges: [],
  };
}

/**
 * Refuses an oversized graph with 413 naming the limit, before the schema walks it (so a
 * huge document costs a length check, not a full validation).
 */
export function assertGraphLimits(raw: unknown): void {
  if (!raw || typeof raw !== "object") return;
  const g = raw as Record<string, unknown>;
  for (const key of ["nodes", "edges", "lanes"] as const) {
    const list = g[key];
    if (Array.isArray(list) && list.length > GRAPH_LIMITS[key]) {
      throw new ProblemError(
        413,
        "graph-too-large",
        `A process holds at most ${GRAPH_LIMITS[key]} ${key}; this one has ${list.length}.`,
        { limit: key, max: GRAPH_LIMITS[key], actual: list.length },
      );
    }
  }
}
