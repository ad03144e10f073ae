// Auto-layout of a process graph. OWNER: validation & layout work (stub).
import type { Graph } from "./graph_schema.ts";

/** A deterministic left-to-right layered layout within lanes, with orthogonal edge routes. */
export function layoutGraph(_graph: Graph): Graph {
  throw new Error("not implemented");
}
