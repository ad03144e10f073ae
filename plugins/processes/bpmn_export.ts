// BPMN 2.0 export of a process graph, written with bpmn-moddle (the bpmn.io meta-model
// library behind Camunda Modeler), never by string concatenation. One collaboration with one
// participant, one process with a lane set, BPMN DI for every lane, node and edge. What BPMN
// has no place for (RACI, links, durations, lane positions, blank texts, ids that would clash
// in XML) travels as extension elements in the Procedo namespace, described by PROCEDO_MODDLE
// below, so importBpmn(exportBpmn(g)) gives g back — except for characters XML 1.0 cannot
// carry, which are dropped or replaced (xml_chars.ts), so the file always parses.
import { createModdle, type Moddle, type ModdleElement } from "./bpmn_moddle.ts";
import {
  type Graph,
  type Lane,
  LINK_KINDS,
  type NodeType,
  type ProcessNode,
  RACI_ROLES,
} from "./graph_schema.ts";
import { xmlSafe } from "./xml_chars.ts";
import { exportDiagrams, IdAllocator } from "./bpmn_export_di.ts";

export { diWaypoints, POOL_HEADER } from "./bpmn_export_di.ts";

export {
  createModdle,
  type Moddle,
  type ModdleElement,
  type ModdleWarning,
  PROCEDO_MODDLE,
  PROCEDO_NS,
} from "./bpmn_moddle.ts";

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
  // What each container holds: "" is the process, otherwise an embedded subprocess's id.
  const flowOf = new Map<string, ModdleElement[]>();
  const artifactsOf = new Map<string, ModdleElement[]>();
  const into = (map: Map<string, ModdleElement[]>, key: string, el: ModdleElement) =>
    map.set(key, [...(map.get(key) ?? []), el]);

  for (const node of graph.nodes) {
    const el = moddle.create(bpmnTypeOf(node), { id: nodeXmlId.get(node.id) });
    const ext = nodeExtension(moddle, node, nodeXmlId.get(node.id)!);
    if (node.type === "annotation") {
      if (node.label !== "") el.text = node.label;
    } else if (node.label !== "") {
      el.name = node.label;
    }
    // calledElement is an XML QName: the id our export gives the called process's <process>.
    if (node.type === "subprocess" && !node.embedded && node.processId) {
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
    into(node.type === "annotation" ? artifactsOf : flowOf, node.parentId ?? "", el);
  }

  for (const edge of graph.edges) {
    const source = elements.get(edge.from)!;
    const target = elements.get(edge.to)!;
    const from = byId.get(edge.from)!;
    const to = byId.get(edge.to)!;
    const association = from.type === "annotation" || to.type === "annotation";
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
      const annotation = from.type === "annotation" ? from : to;
      into(artifactsOf, annotation.parentId ?? "", el);
    } else {
      if (edge.label !== "") el.name = edge.label;
      if (edge.condition !== null) {
        el.conditionExpression = moddle.create("bpmn:FormalExpression", {
          body: edge.condition,
        });
        // An empty or blank body does not survive XML parsing; the attribute does.
        if (edge.condition.trim() === "") extAttrs.condition = edge.condition;
      }
      if (edge.isDefault) source.default = el;
      into(flowOf, from.parentId ?? "", el);
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
  for (const node of graph.nodes) {
    if (node.type !== "subprocess" || !node.embedded) continue;
    const el = elements.get(node.id)!;
    el.flowElements = flowOf.get(node.id) ?? [];
    el.artifacts = artifactsOf.get(node.id) ?? [];
  }

  const laneEls = graph.lanes.map((lane) => {
    const xmlId = laneXmlId.get(lane.id)!;
    const el = moddle.create("bpmn:Lane", {
      id: xmlId,
      name: lane.name,
      flowNodeRef: graph.nodes.filter((n) =>
        n.laneId === lane.id && n.type !== "annotation" && !n.parentId
      ).map((n) => elements.get(n.id)!),
    });
    const ext = laneExtension(moddle, lane, xmlId);
    if (ext) el.extensionElements = moddle.create("bpmn:ExtensionElements", { values: [ext] });
    return el;
  });
  const nesting = nestLanes(moddle, graph.lanes, laneEls, ids);

  const processXmlId = ids.take(processXmlIdOf(meta.processId));
  const process = moddle.create("bpmn:Process", {
    id: processXmlId,
    isExecutable: false,
    laneSets: [moddle.create("bpmn:LaneSet", { id: ids.take("LaneSet_1"), lanes: nesting.top })],
    flowElements: flowOf.get("") ?? [],
    artifacts: artifactsOf.get("") ?? [],
    extensionElements: moddle.create("bpmn:ExtensionElements", {
      values: [
        moddle.create("procedo:Model", {
          processId: meta.processId,
          schemaVersion: graph.schemaVersion,
          ...(graph.pool ? { pool: true } : {}),
        }),
      ],
    }),
  });
  const participant = moddle.create("bpmn:Participant", {
    id: ids.take("Participant_1"),
    name: graph.pool ?? title,
    processRef: process,
  });
  const collaboration = moddle.create("bpmn:Collaboration", {
    id: ids.take("Collaboration_1"),
    participants: [participant],
  });

  const diagrams = exportDiagrams(moddle, ids, graph, {
    collaboration,
    participant,
    laneEls,
    parentLanes: nesting.parents,
    elements,
  });
  const definitions = moddle.create("bpmn:Definitions", {
    id: ids.take("Definitions_1"),
    targetNamespace: "https://procedo.app/schema/bpmn",
    exporter: "Procedo",
    exporterVersion: "1.0",
    rootElements: [collaboration, process],
    diagrams,
  });
  const { xml } = await moddle.toXML(definitions, { format: true });
  // Users' text may hold what XML 1.0 cannot carry (NUL, lone surrogates…): see xml_chars.ts.
  return xmlSafe(xml);
}

function bpmnTypeOf(node: ProcessNode): string {
  if (node.type === "subprocess" && node.embedded) return "bpmn:SubProcess";
  if (node.type === "intermediate" && node.event === "catch") return "bpmn:IntermediateCatchEvent";
  return TYPE_OF[node.type];
}

/**
 * Lanes with a `parent` become child lanes of a parent lane of that name: each run of
 * consecutive lanes with the same parent shares one.
 */
function nestLanes(moddle: Moddle, lanes: Lane[], laneEls: ModdleElement[], ids: IdAllocator) {
  const top: ModdleElement[] = [];
  const parents: { el: ModdleElement; first: number; count: number }[] = [];
  for (let i = 0; i < lanes.length;) {
    const parent = lanes[i].parent;
    if (parent === undefined) {
      top.push(laneEls[i++]);
      continue;
    }
    let j = i;
    while (j < lanes.length && lanes[j].parent === parent) j++;
    const children = laneEls.slice(i, j);
    const el = moddle.create("bpmn:Lane", {
      id: ids.take(`${children[0].id}_parent`),
      name: parent,
      flowNodeRef: children.flatMap((c) => c.flowNodeRef as ModdleElement[]),
      childLaneSet: moddle.create("bpmn:LaneSet", {
        id: ids.take(`${children[0].id}_children`),
        lanes: children,
      }),
    });
    top.push(el);
    parents.push({ el, first: i, count: j - i });
    i = j;
  }
  return { top, parents };
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
