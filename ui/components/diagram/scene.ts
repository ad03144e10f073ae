// A graph prepared for drawing, once per graph: lane boxes, bounds, nodes grouped by lane in
// reading order (the order of the Tab key and of screen readers), edge routes. Drawing
// reads this; zooming, panning and selecting never recompute it.
import {
  arrowHead,
  type Box,
  BoxIndex,
  type Edge,
  edgePoints,
  type Graph,
  isGateway,
  labelAnchor,
  type Lane,
  type LaneBox,
  layoutLanes,
  pathData,
  type Point,
  type ProcessNode,
  readingOrder,
} from "./geometry.ts";
import { defaultFlowMark } from "./shape_geometry.ts";
import { visibleGraph } from "../../editor/visible.ts";

export interface SceneEdge {
  edge: Edge;
  d: string;
  /** Arrowhead path; none for associations (links to annotations). */
  head?: string;
  label: string;
  anchor: Point & { vertical: boolean };
  association: boolean;
  /** The default-flow slash near the source (default flows only). */
  defaultMark?: string;
}

export interface NodeGroup {
  /** null: nodes outside any lane (annotations). */
  lane: Lane | null;
  nodes: ProcessNode[];
}

export interface Scene {
  graph: Graph;
  lanes: LaneBox[];
  bounds: Box;
  groups: NodeGroup[];
  /** All nodes in reading order. */
  order: ProcessNode[];
  edges: SceneEdge[];
  byId: Map<string, ProcessNode>;
}

export function buildScene(whole: Graph): Scene {
  // The inside of a closed subprocess is on a plane of its own, not in this drawing.
  const graph = visibleGraph(whole);
  const { lanes, bounds } = layoutLanes(graph);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const order = readingOrder(graph);
  const groups = new Map<string | null, NodeGroup>();
  for (const lane of graph.lanes) groups.set(lane.id, { lane, nodes: [] });
  for (const n of order) {
    const key = n.laneId !== null && groups.has(n.laneId) ? n.laneId : null;
    if (!groups.has(key)) groups.set(key, { lane: null, nodes: [] });
    groups.get(key)!.nodes.push(n);
  }
  // Only routes the layout did not store need the nodes, to steer around them.
  const obstacles = graph.edges.some((e) => !e.waypoints?.length)
    ? new BoxIndex(graph.nodes.filter((n) => n.type !== "annotation"))
    : undefined;
  const edges: SceneEdge[] = [];
  for (const edge of graph.edges) {
    const from = byId.get(edge.from), to = byId.get(edge.to);
    if (!from || !to) continue; // a dangling edge is a validation finding, not a drawing
    const points = edgePoints(edge, from, to, obstacles);
    const association = from.type === "annotation" || to.type === "annotation";
    edges.push({
      edge,
      d: pathData(points),
      head: association ? undefined : arrowHead(points),
      label: edge.label || edge.condition || "",
      anchor: labelAnchor(points, isGateway(from.type)),
      association,
      ...(edge.isDefault ? { defaultMark: defaultFlowMark(points) } : {}),
    });
  }
  return {
    graph,
    lanes,
    bounds,
    groups: [...groups.values()].filter((g) => g.nodes.length || g.lane),
    order,
    edges,
    byId,
  };
}
