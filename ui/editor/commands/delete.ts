// Deleting: nodes take their edges with them, embedded subprocesses their inside. Ids that are gone already are ignored, so a
// stale selection deletes what is left of it.
import { descendantsOf } from "../../../plugins/processes/graph_core/structure.ts";
import type { Command } from "../command_stack.ts";

/** Deletes nodes and edges by id (an id naming both a node and an edge deletes both). */
export function deleteElements(ids: Iterable<string>): Command {
  const asked = new Set(ids);
  return {
    label: "editor.command.deleteElements",
    do(g) {
      const inside = g.nodes.filter((n) => n.embedded && asked.has(n.id))
        .flatMap((n) => [...descendantsOf(g.nodes, n.id)]);
      const wanted = inside.length ? new Set([...asked, ...inside]) : asked;
      const nodes = g.nodes.filter((n) => !wanted.has(n.id));
      const gone = new Set(g.nodes.filter((n) => wanted.has(n.id)).map((n) => n.id));
      const edges = g.edges.filter((e) =>
        !wanted.has(e.id) && !gone.has(e.from) && !gone.has(e.to)
      );
      if (nodes.length === g.nodes.length && edges.length === g.edges.length) return g;
      return {
        ...g,
        nodes: nodes.length === g.nodes.length ? g.nodes : nodes,
        edges: edges.length === g.edges.length ? g.edges : edges,
      };
    },
  };
}
