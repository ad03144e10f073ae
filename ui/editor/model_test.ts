// The editor's constants are the very objects the server's schema is built from (not copies
// that could drift), and the editor's types and checks describe what the server accepts.
import assert from "node:assert/strict";
import {
  emptyGraph,
  GRAPH_LIMITS as SERVER_LIMITS,
  GraphSchema,
  LINK_KINDS as SERVER_LINK_KINDS,
  NODE_TYPES as SERVER_NODE_TYPES,
  RACI_ROLES as SERVER_RACI_ROLES,
} from "../../plugins/processes/graph_schema.ts";
import { LAYOUT_SPACING, NODE_SIZES } from "../../plugins/processes/layout.ts";
import {
  DEFAULT_LANE_SIZE,
  DEFAULT_NODE_SIZES,
  type Graph,
  GRAPH_LIMITS,
  isElementId,
  isUuid,
  LANE_HEADER_WIDTH,
  LINK_KINDS,
  NODE_TYPES,
  type NodeType,
  RACI_ROLES,
} from "./model.ts";

Deno.test("schema constants are the server's own objects, not copies", () => {
  assert.equal(NODE_TYPES, SERVER_NODE_TYPES);
  assert.equal(RACI_ROLES, SERVER_RACI_ROLES);
  assert.equal(LINK_KINDS, SERVER_LINK_KINDS);
  assert.equal(GRAPH_LIMITS, SERVER_LIMITS);
  // Compile-time: the shared node types are exactly the API's.
  const types: readonly NodeType[] = NODE_TYPES;
  const back: readonly (typeof NODE_TYPES)[number][] = types;
  assert.deepEqual(back, SERVER_NODE_TYPES);
});

Deno.test("sizes and the lane header come from auto-layout", () => {
  assert.equal(DEFAULT_NODE_SIZES, NODE_SIZES);
  assert.equal(LANE_HEADER_WIDTH, LAYOUT_SPACING.laneHeader);
  assert.equal(
    DEFAULT_LANE_SIZE,
    GraphSchema.parse({ lanes: [{ id: "l", name: "L" }], nodes: [], edges: [] }).lanes[0].size,
  );
});

Deno.test("id and uuid checks agree with the schema", () => {
  const ids = ["task_1", "_x", "a.b-c", "1abc", "a b", "", "x".repeat(64), "x".repeat(65), "ä"];
  for (const id of ids) {
    const lane = { id, name: "L" };
    const accepted = GraphSchema.safeParse({ lanes: [lane], nodes: [], edges: [] }).success;
    assert.equal(isElementId(id), accepted, id);
  }
  const uuids = [
    crypto.randomUUID(),
    "00000000-0000-0000-0000-000000000000",
    "not-a-uuid",
    "0194f0c2-7a3b-7000-8000-00000000abcd",
    "0194f0c2-7a3b-9000-8000-00000000abcd",
  ];
  for (const id of uuids) {
    const lane = { id: "l", name: "L", positionId: id };
    const accepted = GraphSchema.safeParse({ lanes: [lane], nodes: [], edges: [] }).success;
    assert.equal(isUuid(id), accepted, id);
  }
});

Deno.test("the server's graph type is the editor's graph type", () => {
  // Compile-time check: a parsed server graph is assignable to the browser type and back.
  const server = emptyGraph();
  const browser: Graph = server;
  const back: typeof server = browser;
  assert.deepEqual(back, server);
});
