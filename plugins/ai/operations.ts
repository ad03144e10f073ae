// What a suggestion changes in a graph: a short list of operations, the same vocabulary for
// the offline analyser and for a provider's answer. Applying them is pure; an operation whose
// element is gone (the draft changed since the analysis) is a 409, never a partial change.
import { z } from "@hono/zod-openapi";
import { ProblemError } from "../../api/problem.ts";
import type { Graph } from "../processes/service.ts";

const elementId = z.string().min(1).max(64);
const label = z.string().trim().min(1).max(200);

export const OperationSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("setResponsible"), nodeId: elementId, positionId: z.string().uuid() }),
  z.object({ op: z.literal("setLanePosition"), laneId: elementId, positionId: z.string().uuid() }),
  z.object({ op: z.literal("setEdgeCondition"), edgeId: elementId, condition: label }),
  z.object({ op: z.literal("setLabel"), nodeId: elementId, label }),
  z.object({
    op: z.literal("addEdge"),
    from: elementId,
    to: elementId,
    condition: label.nullable(),
  }),
]).openapi("AiOperation", {
  description: "One change a suggestion makes to the draft's graph",
});

export type Operation = z.infer<typeof OperationSchema>;

const outdated = (what: string) =>
  new ProblemError(
    409,
    "suggestion-outdated",
    `The draft changed since the analysis: ${what} is gone. Run the analysis again.`,
  );

/** `graph` with `ops` applied (a copy); 409 `suggestion-outdated` when an element is gone. */
export function applyOperations(graph: Graph, ops: Operation[]): Graph {
  const g: Graph = structuredClone(graph);
  for (const op of ops) {
    switch (op.op) {
      case "setResponsible": {
        const node = g.nodes.find((n) => n.id === op.nodeId);
        if (!node) throw outdated(`step ${op.nodeId}`);
        node.raci = {
          responsible: [op.positionId],
          accountable: node.raci?.accountable ?? [],
          consulted: node.raci?.consulted ?? [],
          informed: node.raci?.informed ?? [],
        };
        break;
      }
      case "setLanePosition": {
        const lane = g.lanes.find((l) => l.id === op.laneId);
        if (!lane) throw outdated(`lane ${op.laneId}`);
        lane.positionId = op.positionId;
        lane.orgUnitId = null;
        break;
      }
      case "setEdgeCondition": {
        const edge = g.edges.find((e) => e.id === op.edgeId);
        if (!edge) throw outdated(`flow ${op.edgeId}`);
        edge.condition = op.condition;
        break;
      }
      case "setLabel": {
        const node = g.nodes.find((n) => n.id === op.nodeId);
        if (!node) throw outdated(`step ${op.nodeId}`);
        node.label = op.label;
        break;
      }
      case "addEdge": {
        for (const end of [op.from, op.to]) {
          if (!g.nodes.some((n) => n.id === end)) throw outdated(`step ${end}`);
        }
        g.edges.push({
          id: freeId(g, "flow_ai"),
          from: op.from,
          to: op.to,
          label: "",
          condition: op.condition,
          waypoints: [],
        });
        break;
      }
    }
  }
  return g;
}

function freeId(g: Graph, prefix: string): string {
  const taken = new Set([...g.nodes, ...g.edges, ...g.lanes].map((x) => x.id.toLowerCase()));
  for (let i = 1;; i++) if (!taken.has(`${prefix}_${i}`)) return `${prefix}_${i}`;
}
