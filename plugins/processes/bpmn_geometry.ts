// Geometry from the file's diagram (BPMN DI): node bounds and edge waypoints, moved so that
// the top left corner of the innermost lanes is (0, 0). The inside of a closed subprocess
// lies on a plane of its own (as bpmn-js draws it) and keeps that plane's coordinates.
// Whether the file's diagram can be used at all is decided here too.
import type { ModdleElement } from "./bpmn_export.ts";
import { POOL_HEADER } from "./bpmn_export.ts";
import { type EdgeWithEl, type ImportContext, list, type NodeWithEl } from "./bpmn_context.ts";
import { GRAPH_LIMITS, type Lane } from "./graph_schema.ts";
import { NODE_SIZES } from "./layout.ts";

/** Sizes for nodes without a diagram shape: auto-layout's standard ones. */
export const DEFAULT_SIZES = NODE_SIZES;
export const DEFAULT_LANE_SIZE = 160;

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function bounds(shape: ModdleElement): Bounds {
  const b = shape.bounds as Record<string, unknown>;
  return { x: Number(b.x), y: Number(b.y), width: Number(b.width), height: Number(b.height) };
}

export function clampCoordinate(v: number): number {
  if (!Number.isFinite(v)) return 0;
  return Math.max(-1_000_000, Math.min(1_000_000, v));
}

export function clampSize(v: number, fallback: number): number {
  if (!Number.isFinite(v) || v < 1) return fallback;
  return Math.min(100_000, v);
}

export interface DiagramInput {
  participant?: ModdleElement;
  laneEls: ModdleElement[];
  lanes: Lane[];
  lanesHaveDi: boolean;
  syntheticLane: boolean;
  horizontal: boolean;
  nodes: NodeWithEl[];
  edges: EdgeWithEl[];
}

/** Places nodes and edges as the file draws them; true when it must be laid out anew. */
export function placeFromDi(ctx: ImportContext, d: DiagramInput): boolean {
  const origin = mainOrigin(ctx, d);
  const shift = (el: ModdleElement) =>
    /SubProcess|Transaction/.test(ctx.planeOf.get(el)?.$type ?? "") ? { x: 0, y: 0 } : origin;
  let needsLayout = !d.horizontal;
  if (!d.horizontal) {
    ctx.warn("vertical-pool", "The pool is vertical; the process was laid out anew.");
  }
  if (d.laneEls.length && !d.lanesHaveDi) needsLayout = true;
  const missing: string[] = [];
  for (const node of d.nodes) {
    const shape = ctx.shapes.get(node.el);
    if (!shape?.bounds) {
      missing.push(node.id);
      continue;
    }
    const b = bounds(shape);
    const o = shift(node.el);
    node.x = clampCoordinate(b.x - o.x);
    node.y = clampCoordinate(b.y - o.y);
    node.width = clampSize(b.width, DEFAULT_SIZES[node.type].width);
    node.height = clampSize(b.height, DEFAULT_SIZES[node.type].height);
  }
  if (missing.length) {
    needsLayout = true;
    if (missing.length < d.nodes.length) {
      ctx.warn(
        "partial-diagram",
        `${missing.length} node(s) have no diagram shape (${missing.slice(0, 20).join(", ")}${
          missing.length > 20 ? ", …" : ""
        }); the process was laid out anew.`,
      );
    }
  }
  const nodeById = new Map(d.nodes.map((n) => [n.id, n]));
  for (const edge of d.edges) {
    const di = ctx.diEdges.get(edge.el);
    const o = shift(nodeById.get(edge.from)!.el);
    const points = list(di?.waypoint).map((p) => ({
      x: clampCoordinate(Number(p.x) - o.x),
      y: clampCoordinate(Number(p.y) - o.y),
    })).filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
    // Our waypoints include the end points, as DI does; our export marks added ones.
    const ext = ctx.extension(edge.el, "procedo:Edge");
    let route = ext?.addedEnds ? points.slice(1, -1) : points;
    if (route.length > GRAPH_LIMITS.waypointsPerEdge) {
      route = simplify(route);
      if (route.length > GRAPH_LIMITS.waypointsPerEdge) {
        ctx.warn(
          "waypoints-dropped",
          `Edge ${edge.id} had more than ${GRAPH_LIMITS.waypointsPerEdge} bend points; it is drawn straight.`,
          edge.el,
        );
        route = [];
      }
    }
    edge.waypoints = route;
  }
  if (d.syntheticLane) {
    const bottom = d.nodes.filter((n) => n.type !== "annotation" && !n.parentId)
      .reduce((m, n) => Math.max(m, n.y + n.height), 0);
    const pool = d.participant && ctx.shapes.get(d.participant);
    d.lanes[0].size = pool?.bounds && d.horizontal
      ? clampSize(bounds(pool).height, DEFAULT_LANE_SIZE)
      : Math.max(DEFAULT_LANE_SIZE, bottom + 40);
  }
  return needsLayout;
}

/** Where (0, 0) of the model is in the file's coordinates. */
function mainOrigin(ctx: ImportContext, d: DiagramInput): { x: number; y: number } {
  const pool = d.participant && ctx.shapes.get(d.participant);
  const laneBounds = d.laneEls.map((l) => ctx.shapes.get(l)).filter((s) => s?.bounds)
    .map((s) => bounds(s!));
  if (laneBounds.length && d.horizontal) {
    // Innermost lanes nested at different depths start at different x: the deepest one's
    // start is where our lanes begin (their parents' name strips lie left of it).
    return {
      x: Math.max(...laneBounds.map((b) => b.x)),
      y: Math.min(...laneBounds.map((b) => b.y)),
    };
  }
  if (pool?.bounds && d.horizontal) {
    const b = bounds(pool);
    return { x: b.x + POOL_HEADER, y: b.y };
  }
  const shapes = d.nodes.filter((n) => n.type !== "annotation" && !n.parentId)
    .map((n) => ctx.shapes.get(n.el)).filter((s) => s?.bounds).map((s) => bounds(s!));
  if (!shapes.length) return { x: 0, y: 0 };
  return {
    x: Math.min(...shapes.map((b) => b.x)) - 60,
    y: Math.min(...shapes.map((b) => b.y)) - 40,
  };
}

/** Drops points that lie on the line between their neighbours. */
function simplify(points: { x: number; y: number }[]) {
  return points.filter((p, i) => {
    if (i === 0 || i === points.length - 1) return true;
    const a = points[i - 1];
    const b = points[i + 1];
    return (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x) !== 0;
  });
}
