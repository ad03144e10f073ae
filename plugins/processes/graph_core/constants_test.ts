// The shared constants are what the server's schema enforces: the editor checks input
// against them before a save, so a bound that drifted from the schema would let the editor
// send a graph the server refuses (or refuse one the server accepts).
import assert from "node:assert/strict";
import { GraphSchema } from "../graph_schema.ts";
import {
  COORDINATE_LIMIT,
  ELEMENT_ID_LENGTH,
  GRAPH_LIMITS,
  GRAPH_SCHEMA_VERSION,
  LANE_NAME_LENGTH,
  LINK_KINDS,
  MAX_DURATION_MINUTES,
  NODE_TYPES,
  RACI_ROLES,
} from "./constants.ts";

const lane = { id: "l", name: "L" };
const node = (extra: Record<string, unknown> = {}) => ({
  id: "n",
  type: "task",
  laneId: "l",
  x: 0,
  y: 0,
  width: 10,
  height: 10,
  ...extra,
});
const accepts = (g: Record<string, unknown>) =>
  GraphSchema.safeParse({ lanes: [lane], nodes: [], edges: [], ...g }).success;
const acceptsNode = (extra: Record<string, unknown>) => accepts({ nodes: [node(extra)] });

Deno.test("the schema takes exactly the shared node types and version", () => {
  for (const type of NODE_TYPES) assert.ok(acceptsNode({ type }), type);
  assert.ok(!acceptsNode({ type: "gateway" }));
  const parsed = GraphSchema.parse({ lanes: [], nodes: [], edges: [] });
  assert.equal(parsed.schemaVersion, GRAPH_SCHEMA_VERSION);
  assert.ok(accepts({ schemaVersion: GRAPH_SCHEMA_VERSION }));
  assert.ok(!accepts({ schemaVersion: GRAPH_SCHEMA_VERSION + 1 }));
});

Deno.test("RACI and links have one list per shared role and kind, in that order", () => {
  const parsed = GraphSchema.parse({
    lanes: [lane],
    nodes: [node({ raci: {}, links: {} })],
    edges: [],
  });
  assert.deepEqual(Object.keys(parsed.nodes[0].raci!), [...RACI_ROLES]);
  assert.deepEqual(Object.keys(parsed.nodes[0].links!), [...LINK_KINDS]);
  assert.ok(!acceptsNode({ raci: { owner: [] } }));
  assert.ok(!acceptsNode({ links: { contracts: [] } }));
});

Deno.test("the schema's bounds are the shared limits", () => {
  const at = (n: number) => "x".repeat(n);
  assert.ok(accepts({ lanes: [{ id: "l", name: at(LANE_NAME_LENGTH) }] }));
  assert.ok(!accepts({ lanes: [{ id: "l", name: at(LANE_NAME_LENGTH + 1) }] }));
  assert.ok(accepts({ lanes: [{ id: at(ELEMENT_ID_LENGTH), name: "L" }] }));
  assert.ok(!accepts({ lanes: [{ id: at(ELEMENT_ID_LENGTH + 1), name: "L" }] }));
  assert.ok(acceptsNode({ label: at(GRAPH_LIMITS.labelLength) }));
  assert.ok(!acceptsNode({ label: at(GRAPH_LIMITS.labelLength + 1) }));
  assert.ok(acceptsNode({ description: at(GRAPH_LIMITS.descriptionLength) }));
  assert.ok(!acceptsNode({ description: at(GRAPH_LIMITS.descriptionLength + 1) }));
  assert.ok(acceptsNode({ durationMinutes: MAX_DURATION_MINUTES }));
  assert.ok(!acceptsNode({ durationMinutes: MAX_DURATION_MINUTES + 1 }));
  assert.ok(acceptsNode({ x: -COORDINATE_LIMIT, y: COORDINATE_LIMIT }));
  assert.ok(!acceptsNode({ x: COORDINATE_LIMIT + 1 }));
  assert.ok(!acceptsNode({ y: -COORDINATE_LIMIT - 1 }));
  const ids = (n: number) => Array.from({ length: n }, () => crypto.randomUUID());
  assert.ok(acceptsNode({ links: { documents: ids(GRAPH_LIMITS.linksPerNode) } }));
  assert.ok(!acceptsNode({ links: { documents: ids(GRAPH_LIMITS.linksPerNode + 1) } }));
  const edge = (points: number) => ({
    id: "e",
    from: "n",
    to: "n",
    waypoints: Array.from({ length: points }, (_, i) => ({ x: i, y: 0 })),
  });
  const withEdge = (points: number) => accepts({ nodes: [node()], edges: [edge(points)] });
  assert.ok(withEdge(GRAPH_LIMITS.waypointsPerEdge));
  assert.ok(!withEdge(GRAPH_LIMITS.waypointsPerEdge + 1));
  const lanes = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `l${i}`, name: "L" }));
  assert.ok(accepts({ lanes: lanes(GRAPH_LIMITS.lanes) }));
  assert.ok(!accepts({ lanes: lanes(GRAPH_LIMITS.lanes + 1) }));
});
