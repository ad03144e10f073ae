// Test support: generated process graphs, a deep freeze (so a command that mutates its input
// fails loudly) and validation against the server's real schema.
import assert from "node:assert/strict";
import { GraphSchema } from "../../../plugins/processes/graph_schema.ts";
import type { Box, Graph, Lane, NodeType, Point, ProcessNode } from "../model.ts";
import { DEFAULT_NODE_SIZES } from "../model.ts";

/** A small deterministic PRNG (mulberry32), so generated graphs repeat run to run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A UUID (version 4 shape) from the PRNG. */
export function uuidFrom(rnd: () => number): string {
  const hex = (n: number) =>
    Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join("");
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${"89ab"[Math.floor(rnd() * 4)]}${hex(3)}-${hex(12)}`;
}

const TYPES: NodeType[] = ["task", "task", "task", "xor", "and", "subprocess", "intermediate"];

/**
 * A valid graph: `lanes` lanes, `nodes` nodes in rows and columns inside their lane bands
 * (start and end events, tasks with RACI and links, gateways, a few annotations), edges
 * mostly between neighbours plus some long ones, with routed-looking waypoints.
 */
export function generateGraph(nodes: number, seed = 1, lanes = 6): Graph {
  const rnd = random(seed);
  const positions = Array.from({ length: 8 }, () => uuidFrom(rnd));
  const laneList: Lane[] = Array.from({ length: lanes }, (_, i) => ({
    id: `lane_${i}`,
    name: `Lane ${i}`,
    positionId: i % 3 === 0 ? positions[i % positions.length] : null,
    orgUnitId: i % 3 === 1 ? uuidFrom(rnd) : null,
    size: 160,
  }));
  const nodeList: ProcessNode[] = [];
  for (let k = 0; k < nodes; k++) {
    const lane = k % lanes, col = Math.floor(k / lanes);
    const type: NodeType = k === 0
      ? "start"
      : k === nodes - 1
      ? "end"
      : k % 17 === 5
      ? "annotation"
      : TYPES[Math.floor(rnd() * TYPES.length)];
    const size = DEFAULT_NODE_SIZES[type];
    const node: ProcessNode = {
      id: `n${k}`,
      type,
      label: `Step ${k}`,
      laneId: type === "annotation" && k % 2 ? null : `lane_${lane}`,
      x: 60 + col * 200 + (120 - size.width) / 2,
      y: lane * 160 + (160 - size.height) / 2,
      width: size.width,
      height: size.height,
    };
    if (type === "task") {
      node.raci = {
        responsible: [positions[k % 8]],
        accountable: [positions[(k + 1) % 8]],
        consulted: [],
        informed: k % 2 ? [positions[(k + 2) % 8]] : [],
      };
      node.links = { documents: [uuidFrom(rnd)], systems: [], requirements: [], locations: [] };
      node.durationMinutes = 15 + (k % 8) * 15;
      node.description = `Do **step ${k}** carefully.`;
    }
    if (type === "subprocess") node.processId = uuidFrom(rnd);
    nodeList.push(node);
  }
  const edges: Graph["edges"] = [];
  const centre = (n: ProcessNode): Point => ({ x: n.x + n.width / 2, y: n.y + n.height / 2 });
  const link = (a: ProcessNode, b: ProcessNode) => {
    if (a === b || edges.some((e) => e.from === a.id && e.to === b.id)) return;
    const p = centre(a), q = centre(b);
    edges.push({
      id: `e${edges.length}`,
      from: a.id,
      to: b.id,
      label: edges.length % 5 === 0 ? "yes" : "",
      condition: a.type === "xor" ? "amount > 100" : null,
      waypoints: [{ x: a.x + a.width, y: p.y }, { x: (p.x + q.x) / 2, y: p.y }, {
        x: (p.x + q.x) / 2,
        y: q.y,
      }, { x: b.x, y: q.y }],
    });
  };
  for (let k = 0; k + 1 < nodes; k++) link(nodeList[k], nodeList[k + 1]);
  for (let k = 0; k < nodes / 4; k++) {
    const a = Math.floor(rnd() * nodes);
    const b = Math.min(nodes - 1, a + 1 + Math.floor(rnd() * 12));
    link(nodeList[a], nodeList[b]);
  }
  return { schemaVersion: 1, lanes: laneList, nodes: nodeList, edges };
}

/** Freezes a value and everything in it. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Asserts the graph is accepted by the server's schema, naming the first problems. */
export function assertValid(graph: Graph, context = ""): void {
  const result = GraphSchema.safeParse(graph);
  assert.ok(
    result.success,
    `${context} invalid graph: ${
      result.success ? "" : JSON.stringify(result.error.issues.slice(0, 3))
    }`,
  );
}

/** Whether a segment of an orthogonal polyline passes through the inside of `box`. */
export function routeCrossesBox(points: readonly Point[], box: Box): boolean {
  for (let k = 0; k + 1 < points.length; k++) {
    const a = points[k], b = points[k + 1];
    const x1 = Math.min(a.x, b.x), x2 = Math.max(a.x, b.x);
    const y1 = Math.min(a.y, b.y), y2 = Math.max(a.y, b.y);
    const crossesX = x1 < box.x + box.width && x2 > box.x;
    const crossesY = y1 < box.y + box.height && y2 > box.y;
    const insideX = x1 > box.x && x1 < box.x + box.width;
    const insideY = y1 > box.y && y1 < box.y + box.height;
    if (a.y === b.y && insideY && crossesX) return true;
    if (a.x === b.x && insideX && crossesY) return true;
  }
  return false;
}

/** Whether every segment is horizontal or vertical. */
export const isOrthogonal = (points: readonly Point[]): boolean =>
  points.every((p, k) => k === 0 || p.x === points[k - 1].x || p.y === points[k - 1].y);

/**
 * Two lanes (a: y 0-160, b: 160-320): start → check (lane a) → sign → end (lane b), and a
 * note outside the lanes linked to check.
 */
export function smallGraph(): Graph {
  const lane = (id: string, name: string): Lane => ({
    id,
    name,
    positionId: null,
    orgUnitId: null,
    size: 160,
  });
  const node = (
    id: string,
    type: NodeType,
    laneId: string | null,
    x: number,
    y: number,
  ): ProcessNode => ({ id, type, label: id, laneId, x, y, ...DEFAULT_NODE_SIZES[type] });
  const edge = (id: string, from: string, to: string) => ({
    id,
    from,
    to,
    label: "",
    condition: null,
    waypoints: [],
  });
  return {
    schemaVersion: 1,
    lanes: [lane("a", "Sales"), lane("b", "Legal")],
    nodes: [
      node("start", "start", "a", 60, 62),
      node("check", "task", "a", 160, 40),
      node("sign", "task", "b", 360, 200),
      node("end", "end", "b", 560, 222),
      node("note", "annotation", null, 160, 400),
    ],
    edges: [
      edge("f1", "start", "check"),
      edge("f2", "check", "sign"),
      edge("f3", "sign", "end"),
      edge("f4", "note", "check"),
    ],
  };
}
