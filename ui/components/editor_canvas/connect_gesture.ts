// Drawing a flow: from a step's connection handle to another step, or an end of the
// selected flow dragged to a new step. While it moves, the preview is the route the flow
// would take, or a straight line to the pointer with the reason a target is refused.
import {
  addEdge,
  connectRefusal,
  type Edge,
  type Point,
  type ProcessNode,
  reconnectEdge,
  selectIds,
} from "../../editor/mod.ts";
import { boxOf, inflate } from "../../editor/geometry.ts";
import { routeOrthogonal } from "../../editor/routing.ts";
import { pathData } from "../diagram/geometry.ts";
import { t } from "../../lib/i18n.ts";
import { nodeIndexOf } from "./node_index.ts";
import type { ToolHost } from "./tool_host.ts";

export interface ConnectGesture {
  kind: "connect";
  /** The step that stays: the source of a new flow, the other end of a moved one. */
  from: string;
  edge?: { id: string; end: "from" | "to" };
  start: Point;
  target: ProcessNode | null;
}

/** A new flow from the connection handle of step `from`. */
export function connectFrom(from: string, p: Point): ConnectGesture {
  return { kind: "connect", from, start: p, target: null };
}

/** One end of `edge` picked up, to reconnect it. */
export function reconnectFrom(edge: Edge, end: "from" | "to", p: Point): ConnectGesture {
  const from = end === "from" ? edge.to : edge.from;
  return { kind: "connect", from, edge: { id: edge.id, end }, start: p, target: null };
}

export function moveConnect(host: ToolHost, g: ConnectGesture, p: Point) {
  const graph = host.graph;
  const source = graph.nodes.find((n) => n.id === g.from);
  if (!source) return;
  const target = nodeIndexOf(graph.nodes).at(p, 4);
  g.target = target;
  const [from, to] = g.edge?.end === "from" ? [target?.id, g.from] : [g.from, target?.id];
  const refusal = target ? connectRefusal(graph, from!, to!, g.edge?.id) : null;
  let points: Point[];
  if (target && !refusal) {
    const [a, b] = g.edge?.end === "from" ? [target, source] : [source, target];
    const near = nodeIndexOf(graph.nodes).within(inflate(boxOf(a), 300))
      .filter((n) => n !== a && n !== b).map(boxOf);
    points = routeOrthogonal(boxOf(a), boxOf(b), near);
  } else {
    const c = { x: source.x + source.width / 2, y: source.y + source.height / 2 };
    points = g.edge?.end === "from" ? [p, c] : [c, p];
  }
  const reason = refusal ? t(`editorCanvas.error.${refusal.reason}`) : null;
  host.setPreview({ kind: "connect", d: pathData(points), target, refusal: reason });
  host.surface.toggleAttribute("data-refused", !!refusal);
}

export function finishConnect(host: ToolHost, g: ConnectGesture) {
  if (!g.target) return;
  if (g.edge) host.execute(reconnectEdge(g.edge.id, g.edge.end, g.target.id));
  else {
    const command = addEdge(g.from, g.target.id);
    if (host.execute(command)) host.select(selectIds([command.id]));
  }
}
