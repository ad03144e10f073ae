// BPMN 2.0 export of a process graph, written with bpmn-moddle (the bpmn.io meta-model
// library behind Camunda Modeler), never by string concatenation. One collaboration with one
// participant, one process with a lane set, BPMN DI for every lane, node and edge. What BPMN
// has no place for (RACI, links, durations, lane positions, blank texts, ids that would clash
// in XML) travels as extension elements in the Procedo namespace, described by PROCEDO_MODDLE
// below, so importBpmn(exportBpmn(g)) gives g back — except for characters XML 1.0 cannot
// carry, which are dropped or replaced (xml_chars.ts), so the file always parses.
import { BpmnModdle } from "bpmn-moddle";
import {
  type Edge,
  type Graph,
  type Lane,
  LINK_KINDS,
  type NodeType,
  type ProcessNode,
  RACI_ROLES,
} from "./graph_schema.ts";
import { xmlSafe } from "./xml_chars.ts";

export const PROCEDO_NS = "https://procedo.app/schema/bpmn/1";

/** The moddle descriptor of the Procedo extension elements. */
export const PROCEDO_MODDLE = {
  name: "Procedo",
  uri: PROCEDO_NS,
  prefix: "procedo",
  xml: { tagAlias: "lowerCase" },
  associations: [],
  enumerations: [],
  types: [
    {
      // On a flow node or text annotation: what BPMN cannot hold.
      name: "Node",
      superClass: ["Element"],
      properties: [
        // The node's own id when the XML id had to differ (ids clash across lanes/nodes/edges).
        { name: "key", isAttr: true, type: "String" },
        // Only where lane membership cannot be said with flowNodeRef ("" = no lane).
        { name: "laneId", isAttr: true, type: "String" },
        // Minutes, or "" for an explicit null.
        { name: "durationMinutes", isAttr: true, type: "String" },
        // The called process, or "" for an explicit null.
        { name: "processId", isAttr: true, type: "String" },
        // Blank texts that XML bodies would lose (annotation text, description).
        { name: "label", isAttr: true, type: "String" },
        { name: "description", isAttr: true, type: "String" },
        // RACI and links: space-separated id lists, one attribute each (written all four
        // together when the node has RACI or links at all, so an empty set survives too).
        { name: "responsible", isAttr: true, type: "String" },
        { name: "accountable", isAttr: true, type: "String" },
        { name: "consulted", isAttr: true, type: "String" },
        { name: "informed", isAttr: true, type: "String" },
        { name: "documents", isAttr: true, type: "String" },
        { name: "systems", isAttr: true, type: "String" },
        { name: "requirements", isAttr: true, type: "String" },
        { name: "locations", isAttr: true, type: "String" },
      ],
    },
    {
      name: "Lane",
      superClass: ["Element"],
      properties: [
        { name: "key", isAttr: true, type: "String" },
        { name: "positionId", isAttr: true, type: "String" },
        { name: "orgUnitId", isAttr: true, type: "String" },
      ],
    },
    {
      // On a sequence flow or association.
      name: "Edge",
      superClass: ["Element"],
      properties: [
        { name: "key", isAttr: true, type: "String" },
        // Associations have no name and no condition; blank conditions need an attribute.
        { name: "label", isAttr: true, type: "String" },
        { name: "condition", isAttr: true, type: "String" },
        // The DI waypoints start and end with points we added (the edge has fewer than two).
        { name: "addedEnds", isAttr: true, type: "Boolean" },
      ],
    },
    {
      // On the process: which Procedo process and graph schema the file came from.
      name: "Model",
      superClass: ["Element"],
      properties: [
        { name: "processId", isAttr: true, type: "String" },
        { name: "schemaVersion", isAttr: true, type: "Integer" },
      ],
    },
  ],
};

/** The moddle element objects bpmn-moddle creates and parses (it ships no class typings). */
export interface ModdleElement {
  $type: string;
  $attrs?: Record<string, string>;
  $parent?: ModdleElement;
  $children?: ModdleElement[];
  $body?: string;
  $descriptor?: {
    name: string;
    properties: {
      name: string;
      isMany?: boolean;
      isReference?: boolean;
      isAttr?: boolean;
      isBody?: boolean;
    }[];
  };
  $instanceOf?(type: string): boolean;
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  [key: string]: unknown;
}

export interface ModdleWarning {
  message: string;
  error?: Error;
  element?: ModdleElement;
  property?: string;
  value?: string;
}

export interface Moddle {
  create(type: string, attrs?: Record<string, unknown>): ModdleElement;
  fromXML(xml: string, options?: Record<string, unknown>): Promise<{
    rootElement: ModdleElement;
    elementsById: Record<string, ModdleElement>;
    warnings: ModdleWarning[];
  }>;
  toXML(element: ModdleElement, options?: { format?: boolean }): Promise<{ xml: string }>;
}

/** A bpmn-moddle instance that knows the Procedo extension elements. */
export function createModdle(): Moddle {
  const Ctor = BpmnModdle as unknown as (packages: Record<string, unknown>) => Moddle;
  return Ctor({ procedo: PROCEDO_MODDLE });
}

const TYPE_OF: Record<NodeType, string> = {
  start: "bpmn:StartEvent",
  end: "bpmn:EndEvent",
  task: "bpmn:Task",
  subprocess: "bpmn:CallActivity",
  xor: "bpmn:ExclusiveGateway",
  and: "bpmn:ParallelGateway",
  intermediate: "bpmn:IntermediateThrowEvent",
  annotation: "bpmn:TextAnnotation",
};

/**
 * Our lanes start at x = 0 (their own name strip is inside, as auto-layout leaves room for
 * it); the pool's name strip lies left of them, from x = -POOL_HEADER.
 */
export const POOL_HEADER = 30;
const MIN_LANE_WIDTH = 600;

export interface ExportMeta {
  processId: string;
  title: string;
}

/** The graph as a BPMN 2.0 XML document (with DI), formatted like Camunda Modeler's. */
export async function exportBpmn(graph: Graph, meta: ExportMeta): Promise<string> {
  const moddle = createModdle();
  const ids = new IdAllocator();
  // Nodes keep their ids; edges and lanes too unless they clash with one taken before.
  const nodeXmlId = new Map(graph.nodes.map((n) => [n.id, ids.take(n.id)]));
  const edgeXmlId = new Map(graph.edges.map((e) => [e.id, ids.take(e.id)]));
  const laneXmlId = new Map(graph.lanes.map((l) => [l.id, ids.take(l.id)]));
  const title = meta.title.trim() || "Process";

  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const elements = new Map<string, ModdleElement>();
  const flowElements: ModdleElement[] = [];
  const artifacts: ModdleElement[] = [];

  for (const node of graph.nodes) {
    const el = moddle.create(TYPE_OF[node.type], { id: nodeXmlId.get(node.id) });
    const ext = nodeExtension(moddle, node, nodeXmlId.get(node.id)!);
    if (node.type === "annotation") {
      if (node.label !== "") el.text = node.label;
    } else if (node.label !== "") {
      el.name = node.label;
    }
    // calledElement is an XML QName: the id our export gives the called process's <process>.
    if (node.type === "subprocess" && node.processId) {
      el.calledElement = processXmlIdOf(node.processId);
    }
    if (node.description !== undefined) {
      el.documentation = [
        moddle.create("bpmn:Documentation", {
          text: node.description,
          textFormat: "text/markdown",
        }),
      ];
    }
    if (ext) el.extensionElements = moddle.create("bpmn:ExtensionElements", { values: [ext] });
    elements.set(node.id, el);
    (node.type === "annotation" ? artifacts : flowElements).push(el);
  }

  for (const edge of graph.edges) {
    const source = elements.get(edge.from)!;
    const target = elements.get(edge.to)!;
    const association = byId.get(edge.from)?.type === "annotation" ||
      byId.get(edge.to)?.type === "annotation";
    const xmlId = edgeXmlId.get(edge.id)!;
    const el = moddle.create(association ? "bpmn:Association" : "bpmn:SequenceFlow", {
      id: xmlId,
      sourceRef: source,
      targetRef: target,
    });
    const extAttrs: Record<string, unknown> = {};
    if (xmlId !== edge.id) extAttrs.key = edge.id;
    // DI needs a polyline of two points at least; ours (end points included) go verbatim.
    if (edge.waypoints.length < 2) extAttrs.addedEnds = true;
    if (association) {
      if (edge.label !== "") extAttrs.label = edge.label;
      if (edge.condition !== null) extAttrs.condition = edge.condition;
      artifacts.push(el);
    } else {
      if (edge.label !== "") el.name = edge.label;
      if (edge.condition !== null) {
        el.conditionExpression = moddle.create("bpmn:FormalExpression", {
          body: edge.condition,
        });
        // An empty or blank body does not survive XML parsing; the attribute does.
        if (edge.condition.trim() === "") extAttrs.condition = edge.condition;
      }
      flowElements.push(el);
      pushRef(source, "outgoing", el);
      pushRef(target, "incoming", el);
    }
    if (Object.keys(extAttrs).length) {
      el.extensionElements = moddle.create("bpmn:ExtensionElements", {
        values: [moddle.create("procedo:Edge", extAttrs)],
      });
    }
    elements.set(`edge:${edge.id}`, el);
  }

  const laneEls = graph.lanes.map((lane) => {
    const xmlId = laneXmlId.get(lane.id)!;
    const el = moddle.create("bpmn:Lane", {
      id: xmlId,
      name: lane.name,
      flowNodeRef: graph.nodes.filter((n) => n.laneId === lane.id && n.type !== "annotation")
        .map((n) => elements.get(n.id)!),
    });
    const ext = laneExtension(moddle, lane, xmlId);
    if (ext) el.extensionElements = moddle.create("bpmn:ExtensionElements", { values: [ext] });
    return el;
  });

  const processXmlId = ids.take(processXmlIdOf(meta.processId));
  const process = moddle.create("bpmn:Process", {
    id: processXmlId,
    isExecutable: false,
    laneSets: [moddle.create("bpmn:LaneSet", { id: ids.take("LaneSet_1"), lanes: laneEls })],
    flowElements,
    artifacts,
    extensionElements: moddle.create("bpmn:ExtensionElements", {
      values: [
        moddle.create("procedo:Model", {
          processId: meta.processId,
          schemaVersion: graph.schemaVersion,
        }),
      ],
    }),
  });
  const participant = moddle.create("bpmn:Participant", {
    id: ids.take("Participant_1"),
    name: title,
    processRef: process,
  });
  const collaboration = moddle.create("bpmn:Collaboration", {
    id: ids.take("Collaboration_1"),
    participants: [participant],
  });

  // Diagram interchange: the pool, its lanes stacked top to bottom, nodes, edges.
  const planeElements: ModdleElement[] = [];
  const bounds = (x: number, y: number, width: number, height: number) =>
    moddle.create("dc:Bounds", { x, y, width, height });
  const right = graph.nodes.reduce((max, n) => Math.max(max, n.x + n.width), 0);
  const laneWidth = Math.max(MIN_LANE_WIDTH, right + 50);
  const poolHeight = graph.lanes.reduce((sum, l) => sum + l.size, 0);
  planeElements.push(moddle.create("bpmndi:BPMNShape", {
    id: ids.take(`${participant.id}_di`),
    bpmnElement: participant,
    isHorizontal: true,
    bounds: bounds(-POOL_HEADER, 0, laneWidth + POOL_HEADER, poolHeight || 160),
  }));
  let top = 0;
  graph.lanes.forEach((lane, i) => {
    planeElements.push(moddle.create("bpmndi:BPMNShape", {
      id: ids.take(`${laneEls[i].id}_di`),
      bpmnElement: laneEls[i],
      isHorizontal: true,
      bounds: bounds(0, top, laneWidth, lane.size),
    }));
    top += lane.size;
  });
  for (const node of graph.nodes) {
    const el = elements.get(node.id)!;
    const shape = moddle.create("bpmndi:BPMNShape", {
      id: ids.take(`${el.id}_di`),
      bpmnElement: el,
      bounds: bounds(node.x, node.y, node.width, node.height),
    });
    if (node.type === "xor") shape.isMarkerVisible = true;
    planeElements.push(shape);
  }
  for (const edge of graph.edges) {
    const el = elements.get(`edge:${edge.id}`)!;
    planeElements.push(moddle.create("bpmndi:BPMNEdge", {
      id: ids.take(`${el.id}_di`),
      bpmnElement: el,
      waypoint: diWaypoints(edge, byId.get(edge.from)!, byId.get(edge.to)!).map((p) =>
        moddle.create("dc:Point", p)
      ),
    }));
  }
  const diagram = moddle.create("bpmndi:BPMNDiagram", {
    id: ids.take("BPMNDiagram_1"),
    plane: moddle.create("bpmndi:BPMNPlane", {
      id: ids.take("BPMNPlane_1"),
      bpmnElement: collaboration,
      planeElement: planeElements,
    }),
  });

  const definitions = moddle.create("bpmn:Definitions", {
    id: ids.take("Definitions_1"),
    targetNamespace: "https://procedo.app/schema/bpmn",
    exporter: "Procedo",
    exporterVersion: "1.0",
    rootElements: [collaboration, process],
    diagrams: [diagram],
  });
  const { xml } = await moddle.toXML(definitions, { format: true });
  // Users' text may hold what XML 1.0 cannot carry (NUL, lone surrogates…): see xml_chars.ts.
  return xmlSafe(xml);
}

/** The XML id of a process in our export (a UUID may start with a digit; an id may not). */
export const processXmlIdOf = (processId: string) => `Process_${processId}`;

function pushRef(el: ModdleElement, property: string, ref: ModdleElement) {
  const list = el.get(property) as ModdleElement[];
  list.push(ref);
}

function nodeExtension(
  moddle: Moddle,
  node: ProcessNode,
  xmlId: string,
): ModdleElement | undefined {
  const attrs: Record<string, unknown> = {};
  if (xmlId !== node.id) attrs.key = node.id;
  // Lane membership that flowNodeRef cannot express: annotations in a lane, other nodes
  // in none.
  if (node.type === "annotation" ? node.laneId !== null : node.laneId === null) {
    attrs.laneId = node.laneId ?? "";
  }
  if (node.durationMinutes !== undefined) {
    attrs.durationMinutes = node.durationMinutes === null ? "" : String(node.durationMinutes);
  }
  if (node.processId !== undefined) attrs.processId = node.processId ?? "";
  if (node.type === "annotation" && node.label !== "" && node.label.trim() === "") {
    attrs.label = node.label;
  }
  if (node.description !== undefined && node.description.trim() === "") {
    attrs.description = node.description;
  }
  if (node.raci) {
    for (const role of RACI_ROLES) attrs[role] = node.raci[role].join(" ");
  }
  if (node.links) {
    for (const kind of LINK_KINDS) attrs[kind] = node.links[kind].join(" ");
  }
  return Object.keys(attrs).length ? moddle.create("procedo:Node", attrs) : undefined;
}

function laneExtension(moddle: Moddle, lane: Lane, xmlId: string): ModdleElement | undefined {
  const attrs: Record<string, unknown> = {};
  if (xmlId !== lane.id) attrs.key = lane.id;
  if (lane.positionId) attrs.positionId = lane.positionId;
  if (lane.orgUnitId) attrs.orgUnitId = lane.orgUnitId;
  return Object.keys(attrs).length ? moddle.create("procedo:Lane", attrs) : undefined;
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
class IdAllocator {
  #taken = new Set<string>();
  take(wanted: string): string {
    let id = wanted;
    for (let n = 2; this.#taken.has(id); n++) id = `${wanted}_${n}`;
    this.#taken.add(id);
    return id;
  }
}
