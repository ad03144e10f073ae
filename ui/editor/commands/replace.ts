// Replacing the whole graph as one undoable step: auto-layout results, BPMN imports, a
// merge with the server's version. The label names what happened ("editor.command.layout").
import type { Command } from "../command_stack.ts";
import { sameGraph } from "../graph_equal.ts";
import type { Graph } from "../model.ts";

export function replaceGraph(next: Graph, label: string): Command {
  return {
    label,
    do: (g) => sameGraph(g, next) ? g : next,
  };
}
