// The diagram (BPMN DI) of an export: the pool, its lanes stacked top to bottom (child lanes
// inside their parent lane's name strip), every node and edge on the main plane, and the
// inside of each closed subprocess on a plane of its own, as bpmn-js draws and reads it.
import type { Moddle, ModdleElement } from "./bpmn_moddle.ts";
import type { Edge, Graph, ProcessNode } from "./graph_schema.ts";

/**
 * Our lanes start at x = 0 (their own name strip is inside, as auto-layout leaves room for
 * it); the pool's name strip lies left of them, from x = -POOL_HEADER (and a parent lane's
 * strip left of that, when lanes are nested).
 */
export const POOL_HEADER = 30;
const MIN_LANE_WIDTH = 600;

export interface DiagramRefs {
  collaboration: ModdleElement;
  participant: ModdleElement;
  laneEls: ModdleElement[];
  parentLanes: { el: ModdleElement; first: number; count: number }[];
  /** Node elements by node id, edge elements by `edge:<id>`. */
  elements: Map<string, ModdleElement>;
}

export function exportDiagrams(
  moddle: Moddle,
  ids: IdAllocator,
  graph: Graph,
  refs: DiagramRefs,
): ModdleElement[] {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const bounds = (x: number, y: number, width: number, height: number) =>
    moddle.create("dc:Bounds", { x, y, width, height });
  // The plane a node is drawn on: its closest closed subprocess's, or the main one ("").
  const planeOf = (node: ProcessNode): string => {
    for (let at = byId.get(node.parentId ?? ""); at; at = byId.get(at.parentId ?? "")) {
      if (at.collapsed) return at.id;
    }
    return "";
  };
  const planes = new Map<string, ModdleElement[]>([["", []]]);
  const onPlane = (key: string, el: ModdleElement) =>
    planes.set(key, [...(planes.get(key) ?? []), el]);

  const main = planes.get("")!;
  const topLevel = graph.nodes.filter((n) => planeOf(n) === "");
  const right = topLevel.reduce((max, n) => Math.max(max, n.x + n.width), 0);
  const laneWidth = Math.max(MIN_LANE_WIDTH, right + 50);
  const poolHeight = graph.lanes.reduce((sum, l) => sum + l.size, 0);
  const nested = refs.parentLanes.length ? POOL_HEADER : 0;
  main.push(moddle.create("bpmndi:BPMNShape", {
    id: ids.take(`${refs.participant.id}_di`),
    bpmnElement: refs.participant,
    isHorizontal: true,
    bounds: bounds(-POOL_HEADER - nested, 0, laneWidth + POOL_HEADER + nested, poolHeight || 160),
  }));
  const tops: number[] = [];
  let top = 0;
  for (const lane of graph.lanes) {
    tops.push(top);
    top += lane.size;
  }
  for (const parent of refs.parentLanes) {
    const height = graph.lanes.slice(parent.first, parent.first + parent.count)
      .reduce((sum, l) => sum + l.size, 0);
    main.push(moddle.create("bpmndi:BPMNShape", {
      id: ids.take(`${parent.el.id}_di`),
      bpmnElement: parent.el,
      isHorizontal: true,
      bounds: bounds(-nested, tops[parent.first], laneWidth + nested, height),
    }));
  }
  graph.lanes.forEach((lane, i) => {
    // Lanes without a parent reach into the parent lanes' name strip, as their siblings do.
    const x = lane.parent === undefined ? -nested : 0;
    main.push(moddle.create("bpmndi:BPMNShape", {
      id: ids.take(`${refs.laneEls[i].id}_di`),
      bpmnElement: refs.laneEls[i],
      isHorizontal: true,
      bounds: bounds(x, tops[i], laneWidth - x, lane.size),
    }));
  });
  for (const node of graph.nodes) {
    const el = refs.elements.get(node.id)!;
    const shape = moddle.create("bpmndi:BPMNShape", {
      id: ids.take(`${el.id}_di`),
      bpmnElement: el,
      bounds: bounds(node.x, node.y, node.width, node.height),
    });
    if (node.type === "xor") shape.isMarkerVisible = true;
    if (node.embedded) shape.isExpanded = !node.collapsed;
    onPlane(planeOf(node), shape);
  }
  for (const edge of graph.edges) {
    const el = refs.elements.get(`edge:${edge.id}`)!;
    const from = byId.get(edge.from)!;
    const to = byId.get(edge.to)!;
    const drawnWith = from.type === "annotation" ? from : to.type === "annotation" ? to : from;
    onPlane(
      planeOf(drawnWith),
      moddle.create("bpmndi:BPMNEdge", {
        id: ids.take(`${el.id}_di`),
        bpmnElement: el,
        waypoint: diWaypoints(edge, from, to).map((p) => moddle.create("dc:Point", p)),
      }),
    );
  }
  const diagrams = [...planes].map(([key, planeElement], i) => {
    const n = i === 0 ? "1" : `${key}`;
    return moddle.create("bpmndi:BPMNDiagram", {
      id: ids.take(i === 0 ? "BPMNDiagram_1" : `BPMNDiagram_${n}`),
      plane: moddle.create("bpmndi:BPMNPlane", {
        id: ids.take(i === 0 ? "BPMNPlane_1" : `BPMNPlane_${n}`),
        bpmnElement: i === 0 ? refs.collaboration : refs.elements.get(key),
        planeElement,
      }),
    });
  });
  return diagrams;
}

type Point = { x: number; y: number };

/**
 * The DI polyline of an edge: our waypoints (which include both end points) when there are
 * two or more; otherwise a point on each node's outline is added around them, a straight
 * centre-to-centre line clipped to the outlines when there are none.
 */
export function diWaypoints(edge: Edge, from: ProcessNode, to: ProcessNode): Point[] {
  const points = edge.waypoints.map((p) => ({ x: p.x, y: p.y }));
  if (points.length >= 2) return points;
  const start = outlinePoint(from, points[0] ?? centre(to));
  const end = outlinePoint(to, points.at(-1) ?? centre(from));
  return [start, ...points, end];
}

const centre = (n: ProcessNode): Point => ({ x: n.x + n.width / 2, y: n.y + n.height / 2 });

/** Where the ray from the node's centre towards `toward` leaves its outline. */
function outlinePoint(node: ProcessNode, toward: Point): Point {
  const c = centre(node);
  const dx = toward.x - c.x;
  const dy = toward.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const a = node.width / 2;
  const b = node.height / 2;
  let t: number;
  if (node.type === "start" || node.type === "end" || node.type === "intermediate") {
    t = 1 / Math.sqrt((dx * dx) / (a * a) + (dy * dy) / (b * b)); // ellipse
  } else if (node.type === "xor" || node.type === "and") {
    t = 1 / (Math.abs(dx) / a + Math.abs(dy) / b); // diamond
  } else {
    t = Math.min(dx === 0 ? Infinity : a / Math.abs(dx), dy === 0 ? Infinity : b / Math.abs(dy));
  }
  t = Math.min(t, 1); // a bend point inside the shape: go no further than the point
  return { x: round(c.x + dx * t), y: round(c.y + dy * t) };
}

const round = (v: number) => Math.round(v * 100) / 100;

/** Hands out XML ids: each once, a clash gets the first free `<id>_<n>`. */
export class IdAllocator {
  #taken = new Set<string>();
  take(wanted: string): string {
    let id = wanted;
    for (let n = 2; this.#taken.has(id); n++) id = `${wanted}_${n}`;
    this.#taken.add(id);
    return id;
  }
}
