// Validation of a process graph. OWNER: validation & layout work (stub).
import type { Graph } from "./graph_schema.ts";
import type { LinkTargetKind } from "./schema.ts";

export interface Finding {
  severity: "error" | "warning";
  /** Stable machine-readable code, e.g. "dangling-edge", "task-without-responsible". */
  code: string;
  message: string;
  nodeIds: string[];
  edgeIds: string[];
  laneIds: string[];
}

export interface ValidationContext {
  /** Of `ids`, those that exist; null when no plugin provides objects of `kind`. */
  existing(kind: LinkTargetKind, ids: string[]): Promise<Set<string> | null>;
}

/** All findings for `graph`; errors block publishing, warnings do not. */
export function validateGraph(_graph: Graph, _ctx: ValidationContext): Promise<Finding[]> {
  throw new Error("not implemented");
}
