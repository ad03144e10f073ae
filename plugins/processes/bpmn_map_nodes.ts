// Flow nodes and text annotations become nodes: events, tasks of every kind (as a task),
// gateways, call activities and embedded subprocesses, whose inside is mapped too, with
// parentId naming the subprocess. Intermediate events stay catching or throwing. What does
// not fit exactly is listed under `mapped` with how it was mapped.
import type { ModdleElement } from "./bpmn_export.ts";
import { type ImportContext, list, type NodeWithEl, str } from "./bpmn_context.ts";
import { type ElementIds, UUID } from "./bpmn_ids.ts";
import { DEFAULT_SIZES } from "./bpmn_geometry.ts";
import type { MappedLanes } from "./bpmn_map_lanes.ts";
import {
  GRAPH_LIMITS,
  LINK_KINDS,
  type NodeType,
  type ProcessNode,
  RACI_ROLES,
} from "./graph_schema.ts";

export const NODE_OF: Record<string, { as: NodeType; reason?: string }> = {
  "bpmn:StartEvent": { as: "start" },
  "bpmn:EndEvent": { as: "end" },
  "bpmn:IntermediateThrowEvent": { as: "intermediate" },
  "bpmn:IntermediateCatchEvent": { as: "intermediate" },
  "bpmn:Task": { as: "task" },
  "bpmn:UserTask": { as: "task", reason: "user task became a task" },
  "bpmn:ServiceTask": { as: "task", reason: "service task became a task" },
  "bpmn:ManualTask": { as: "task", reason: "manual task became a task" },
  "bpmn:ScriptTask": { as: "task", reason: "script task became a task (the script is not kept)" },
  "bpmn:BusinessRuleTask": { as: "task", reason: "business rule task became a task" },
  "bpmn:SendTask": { as: "task", reason: "send task became a task" },
  "bpmn:ReceiveTask": { as: "task", reason: "receive task became a task" },
  "bpmn:CallActivity": { as: "subprocess" },
  "bpmn:SubProcess": { as: "subprocess" },
  "bpmn:Transaction": {
    as: "subprocess",
    reason: "transaction became an embedded subprocess (without compensation or cancel)",
  },
  "bpmn:AdHocSubProcess": {
    as: "subprocess",
    reason: "ad-hoc subprocess became an embedded subprocess (its steps as drawn)",
  },
  "bpmn:ExclusiveGateway": { as: "xor" },
  "bpmn:ParallelGateway": { as: "and" },
  "bpmn:InclusiveGateway": {
    as: "xor",
    reason:
      "inclusive gateway became an exclusive gateway (more than one path may have been meant)",
  },
  "bpmn:EventBasedGateway": {
    as: "xor",
    reason: "event-based gateway became an exclusive gateway",
  },
  "bpmn:ComplexGateway": { as: "xor", reason: "complex gateway became an exclusive gateway" },
  "bpmn:TextAnnotation": { as: "annotation" },
};

const EMBEDDED = new Set(["bpmn:SubProcess", "bpmn:Transaction", "bpmn:AdHocSubProcess"]);

export interface MappedNodes {
  nodes: NodeWithEl[];
  nodeOfEl: Map<ModdleElement, NodeWithEl>;
  /** The process and every embedded subprocess: what holds sequence flows. */
  containers: ModdleElement[];
}

export function mapNodes(
  ctx: ImportContext,
  process: ModdleElement | undefined,
  collaboration: ModdleElement | undefined,
  lanes: MappedLanes,
  ids: ElementIds,
): MappedNodes {
  const nodes: NodeWithEl[] = [];
  const nodeOfEl = new Map<ModdleElement, NodeWithEl>();
  const containers: ModdleElement[] = process ? [process] : [];
  const noLane: string[] = [];
  const first = lanes.lanes[0];

  const visit = (elements: ModdleElement[], parent: NodeWithEl | undefined) => {
    for (const el of elements) {
      const kind = NODE_OF[el.$type];
      if (!kind) continue;
      if (EMBEDDED.has(el.$type) && el.triggeredByEvent) {
        ctx.reasons.set(el, "event subprocesses are not modeled");
        continue;
      }
      const type = kind.as;
      const ext = ctx.extension(el, "procedo:Node");
      const id = ids.nodes.take(str(ext?.key) ?? str(el.id), el);
      const node: NodeWithEl = {
        el,
        id,
        type,
        label: label(ctx, el, ext, type),
        laneId: null,
        x: 0,
        y: 0,
        width: DEFAULT_SIZES[type].width,
        height: DEFAULT_SIZES[type].height,
      };
      if (parent) node.parentId = parent.id;
      // Lane: the extension says where flowNodeRef cannot; otherwise flowNodeRef, or the
      // subprocess's lane for its inside.
      const extLane = str(ext?.laneId);
      if (extLane !== undefined) {
        node.laneId = extLane === "" ? null : ids.lanes.lookup(extLane) ?? null;
      } else if (type !== "annotation") {
        node.laneId = lanes.laneOfEl.get(el) ?? parent?.laneId ?? null;
        if (node.laneId === null && first) {
          node.laneId = first.id;
          if (!lanes.synthetic) noLane.push(id);
        }
      }
      if (el.$type === "bpmn:IntermediateCatchEvent") node.event = "catch";
      nodeExtras(ctx, node, el, ext);
      nodes.push(node);
      nodeOfEl.set(el, node);
      ctx.consumed.add(el);
      for (const doc of list(el.documentation)) ctx.consumed.add(doc);
      if (kind.reason) ctx.report.mapped.push({ ...ctx.item(el), as: type, reason: kind.reason });
      if (EMBEDDED.has(el.$type)) {
        node.embedded = true;
        // Drawn open in the file, or closed with its inside on a plane of its own.
        if (ctx.shapes.get(el)?.isExpanded !== true) node.collapsed = true;
        containers.push(el);
        visit([...list(el.flowElements), ...list(el.artifacts)], node);
      }
    }
  };
  visit([
    ...list(process?.flowElements),
    ...list(process?.artifacts),
    ...list(collaboration?.artifacts),
  ], undefined);
  if (noLane.length) {
    ctx.warn(
      "node-without-lane",
      `${noLane.length} node(s) were in no lane and were put into the first lane (${first.name}): ${
        noLane.join(", ")
      }.`,
    );
  }
  return { nodes, nodeOfEl, containers };
}

function label(
  ctx: ImportContext,
  el: ModdleElement,
  ext: ModdleElement | undefined,
  type: NodeType,
): string {
  const text = type === "annotation" ? str(ext?.label) ?? str(el.text) ?? "" : str(el.name) ?? "";
  return ctx.limitText(text, el, "label");
}

/** Description, our extension's fields, and the process a call activity calls. */
function nodeExtras(
  ctx: ImportContext,
  node: ProcessNode,
  el: ModdleElement,
  ext: ModdleElement | undefined,
) {
  // Description: bpmn:documentation (a blank one is kept in the extension).
  const docs = list(el.documentation);
  const blank = str(ext?.description);
  if (blank !== undefined) node.description = blank;
  else if (docs.length) {
    let text = docs.map((d) => str(d.text) ?? "").join("\n\n");
    if (text.length > GRAPH_LIMITS.descriptionLength) {
      ctx.warn(
        "description-truncated",
        `The documentation of ${node.id} was cut to ${GRAPH_LIMITS.descriptionLength} characters.`,
        el,
      );
      text = text.slice(0, GRAPH_LIMITS.descriptionLength);
    }
    node.description = text;
  }
  if (ext) {
    const duration = str(ext.durationMinutes);
    if (duration !== undefined) {
      const n = Number(duration);
      if (duration === "") node.durationMinutes = null;
      else if (/^\d+$/.test(duration) && n <= 525_600) node.durationMinutes = n;
      else ctx.warn("invalid-extension", `Ignored the duration "${duration}" of ${node.id}.`, el);
    }
    const processId = str(ext.processId);
    if (processId !== undefined) {
      if (processId === "") node.processId = null;
      else if (UUID.test(processId)) node.processId = processId.toLowerCase();
      else {
        ctx.warn("invalid-extension", `Ignored the process id "${processId}" of ${node.id}.`, el);
      }
    }
    const raci = idLists(ctx, ext, RACI_ROLES, node.id, el, "RACI entry");
    if (raci) node.raci = raci;
    const links = idLists(ctx, ext, LINK_KINDS, node.id, el, "link");
    if (links) node.links = links;
  }
  if (node.type !== "subprocess") return;
  if (el.$type !== "bpmn:CallActivity") {
    node.processId = null;
    return;
  }
  // A foreign call activity: calledElement names the process when it is a Procedo id.
  const called = str(el.calledElement);
  if (node.processId !== undefined || called === undefined || called === "") return;
  // Our exports write Process_<uuid> (a QName); a bare UUID is accepted too.
  const uuid = called.replace(/^Process_/, "");
  if (UUID.test(uuid)) node.processId = uuid.toLowerCase();
  else {
    node.processId = null;
    ctx.warn(
      "called-element-unknown",
      `Call activity ${node.id} calls "${called}", which is not a Procedo process id; link the subprocess again.`,
      el,
    );
  }
}

/** RACI or links from their space-separated attributes; undefined when none is there. */
function idLists<K extends string>(
  ctx: ImportContext,
  ext: ModdleElement,
  keys: readonly K[],
  nodeId: string,
  el: ModdleElement,
  what: string,
): Record<K, string[]> | undefined {
  if (keys.every((k) => str(ext[k]) === undefined)) return undefined;
  const out = {} as Record<K, string[]>;
  for (const key of keys) {
    const ids = (str(ext[key]) ?? "").split(/\s+/).filter(Boolean);
    const valid = ids.filter((id) => UUID.test(id)).map((id) => id.toLowerCase());
    if (valid.length < ids.length) {
      ctx.warn("invalid-extension", `Ignored a ${what} of ${nodeId} that is not an id.`, el);
    }
    if (valid.length > GRAPH_LIMITS.linksPerNode) {
      ctx.warn(
        "too-many-links",
        `${nodeId} lists more than ${GRAPH_LIMITS.linksPerNode} ${key}; the rest was dropped.`,
        el,
      );
    }
    out[key] = valid.slice(0, GRAPH_LIMITS.linksPerNode);
  }
  return out;
}
