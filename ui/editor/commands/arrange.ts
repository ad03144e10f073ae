// Align and distribute selected nodes, as in every drawing tool: alignment is to the box
// around the selection, distribution keeps the outermost nodes and evens out the gaps.
// Nodes that changed lane by it are placed in the lane under their centre, and the edges
// touching moved nodes are routed afresh.
import type { Command } from "../command_stack.ts";
import { boundsOf, boxOf } from "../geometry.ts";
import { mapNodes, requireNodes } from "../graph_update.ts";
import type { Graph, ProcessNode } from "../model.ts";
import { rerouteEdges } from "../reroute.ts";
import { placeInLane } from "./nodes.ts";

export type Alignment = "left" | "centerX" | "right" | "top" | "centerY" | "bottom";
export type Axis = "horizontal" | "vertical";

/** Aligns at least two nodes to an edge or the centre line of their common box. */
export function align(ids: readonly string[], alignment: Alignment): Command {
  return {
    label: "editor.command.align",
    do(g) {
      const chosen = requireNodes(g, ids);
      if (chosen.size < 2) return g;
      const box = boundsOf(g.nodes.filter((n) => chosen.has(n.id)).map(boxOf))!;
      const position = (n: ProcessNode): { x?: number; y?: number } => {
        switch (alignment) {
          case "left":
            return { x: box.x };
          case "centerX":
            return { x: box.x + box.width / 2 - n.width / 2 };
          case "right":
            return { x: box.x + box.width - n.width };
          case "top":
            return { y: box.y };
          case "centerY":
            return { y: box.y + box.height / 2 - n.height / 2 };
          case "bottom":
            return { y: box.y + box.height - n.height };
        }
      };
      return place(g, chosen, position);
    },
  };
}

/** Spreads three or more nodes so the gaps between neighbours are equal. */
export function distribute(ids: readonly string[], axis: Axis): Command {
  return {
    label: "editor.command.distribute",
    do(g) {
      const chosen = requireNodes(g, ids);
      if (chosen.size < 3) return g;
      const [pos, size] = axis === "horizontal"
        ? ["x", "width"] as const
        : ["y", "height"] as const;
      const sorted = g.nodes.filter((n) => chosen.has(n.id)).sort((a, b) =>
        a[pos] + a[size] / 2 - (b[pos] + b[size] / 2) || (a.id < b.id ? -1 : 1)
      );
      const first = sorted[0], last = sorted[sorted.length - 1];
      const span = last[pos] + last[size] - first[pos];
      const gap = (span - sorted.reduce((sum, n) => sum + n[size], 0)) / (sorted.length - 1);
      const at = new Map<string, number>();
      let next = first[pos];
      for (const n of sorted) {
        at.set(n.id, next);
        next += n[size] + gap;
      }
      return place(g, chosen, (n) => ({ [pos]: at.get(n.id)! }));
    },
  };
}

function place(
  g: Graph,
  chosen: ReadonlySet<string>,
  position: (n: ProcessNode) => { x?: number; y?: number },
): Graph {
  const moved: string[] = [];
  const next = mapNodes(g, (n) => {
    if (!chosen.has(n.id)) return n;
    const p = position(n);
    const x = p.x ?? n.x, y = p.y ?? n.y;
    if (x === n.x && y === n.y) return n;
    moved.push(n.id);
    return placeInLane(g, { ...n, x, y });
  });
  return rerouteEdges(next, moved);
}
