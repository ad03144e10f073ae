// What the canvas derives from one graph value, recomputed only for the parts of the graph
// that changed (the graph is immutable: an unchanged array is an unchanged part).
import type { Graph, ProcessNode } from "../../editor/mod.ts";
import { drawingBounds, laneWidth } from "./placement.ts";

export interface Derived {
  graph: Graph;
  byId: Map<string, ProcessNode>;
  laneNames: Map<string, string>;
  /** How wide the lanes are drawn. */
  width: number;
  /** Everything drawn (fit, minimap). */
  bounds: ReturnType<typeof drawingBounds>;
}

export function derive(prev: Derived | undefined, g: Graph): Derived {
  if (prev && prev.graph === g) return prev;
  const p = prev?.graph;
  const sameNodes = p?.nodes === g.nodes, sameEdges = p?.edges === g.edges;
  const byId = sameNodes ? prev!.byId : new Map(g.nodes.map((n) => [n.id, n]));
  const laneNames = p?.lanes === g.lanes
    ? prev!.laneNames
    : new Map(g.lanes.map((l) => [l.id, l.name]));
  const width = sameNodes && sameEdges ? prev!.width : laneWidth(g);
  const bounds = sameNodes && sameEdges && p?.lanes === g.lanes ? prev!.bounds : drawingBounds(g);
  return { graph: g, byId, laneNames, width, bounds };
}
