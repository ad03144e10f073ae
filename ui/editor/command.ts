// One change of the graph, as the command stack applies, merges and undoes it.
import type { Graph } from "./model.ts";

export interface Command {
  /** Message key naming the change, for the undo/redo tooltips ("editor.cmd.moveNodes"). */
  readonly label: string;
  /**
   * Consecutive commands with the same key merge into one undo step (typing a label,
   * nudging with arrow keys) until the burst ends: see CommandStack.endBurst.
   */
  readonly mergeKey?: string;
  /** The graph after the change; `graph` itself if nothing changes. Throws a Refusal. */
  do(graph: Graph): Graph;
}
