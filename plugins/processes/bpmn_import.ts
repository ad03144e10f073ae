// BPMN 2.0 import: files written by Procedo, Camunda Modeler (7 and 8) or bpmn.io become a
// process graph. Parsing is bpmn-moddle's; a scan for the limits of xml_limits.ts (depth,
// elements, attributes, references, no DOCTYPE) and a well-formedness pass with saxen (the
// parser bpmn-moddle uses) run first so that XML errors name a real line and column and DOCTYPE
// declarations are refused. What we model is mapped, everything else is reported — nothing
// is dropped silently.
import { Parser } from "saxen";
import { ProblemError } from "../../api/problem.ts";
import {
  createModdle,
  type ModdleElement,
  type ModdleWarning,
  POOL_HEADER,
} from "./bpmn_export.ts";
import {
  assertGraphLimits,
  type Edge,
  type Graph,
  GRAPH_LIMITS,
  GRAPH_SCHEMA_VERSION,
  GraphSchema,
  type Lane,
  LINK_KINDS,
  type NodeType,
  type ProcessNode,
  RACI_ROLES,
} from "./graph_schema.ts";
import { layoutGraph, NODE_SIZES } from "./layout.ts";
import { checkXmlLimits } from "./xml_limits.ts";

/** Files larger than this are refused with 413. */
export const BPMN_MAX_BYTES = 5 * 1024 * 1024;

export interface ReportItem {
  /** The XML element, e.g. "bpmn:boundaryEvent". */
  element: string;
  id?: string;
  name?: string;
  /** 1-based line of the element in the file (where it has an id, or the parser says). */
  line?: number;
  /** 1-based column, where the parser names it. */
  column?: number;
  /** Why it was not imported, or how it was mapped. */
  reason?: string;
}

export interface MappedItem extends ReportItem {
  /** The node type it became. */
  as: NodeType;
}

export interface ImportWarning {
  code: string;
  message: string;
  id?: string;
  line?: number;
  column?: number;
}

export interface ImportReport {
  /** Elements that were not imported. */
  unsupported: ReportItem[];
  /** Elements imported as a close match (a user task became a task, …). */
  mapped: MappedItem[];
  warnings: ImportWarning[];
  /** Where the diagram came from: the file's DI, auto-layout, or a simple grid. */
  layout: "file" | "auto" | "grid";
}

export interface ImportResult {
  graph: Graph;
  report: ImportReport;
}

// ---------------------------------------------------------------------------------------
// Bytes and well-formedness

/** Decodes an uploaded file: UTF-8 (with or without BOM), UTF-16 by BOM, or the encoding
 * the XML declaration names. Undecodable bytes are a 422. */
export function decodeBpmn(bytes: Uint8Array): string {
  if (bytes.length > BPMN_MAX_BYTES) throw tooLarge(bytes.length);
  let label = "utf-8";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) label = "utf-16be";
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) label = "utf-16le";
  else {
    const head = new TextDecoder("latin1").decode(bytes.subarray(0, 200));
    const declared = head.match(
      /^(?:\uFEFF|ï»¿)?<\?xml[^>]*\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/,
    )
      ?.[1];
    if (declared) label = declared.toLowerCase();
  }
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch (e) {
    throw invalid(
      e instanceof RangeError
        ? `The file declares the encoding "${label}", which is not supported.`
        : `The file is not valid ${label.toUpperCase()} text.`,
    );
  }
}

export function tooLarge(bytes: number): ProblemError {
  return new ProblemError(
    413,
    undefined,
    `A BPMN file may have at most ${BPMN_MAX_BYTES} bytes (5 MB); this one has ${bytes}.`,
    { limit: "bpmnBytes", max: BPMN_MAX_BYTES, actual: bytes },
  );
}

function invalid(detail: string, extra: Record<string, unknown> = {}): ProblemError {
  return new ProblemError(422, "bpmn-invalid", detail, extra);
}

type SaxContext = () => { line: number; column: number; data: string };
/** saxen's element proxy (`proxy: true`): reading `attrs` parses the attributes. */
interface SaxElement {
  originalName: string;
  attrs: unknown;
}
interface SaxParser {
  on(event: "error" | "warn", cb: (err: Error, ctx: SaxContext) => void): SaxParser;
  on(
    event: "openTag",
    cb: (el: SaxElement, decode: unknown, selfClosing: boolean) => void,
  ): SaxParser;
  on(
    event: "closeTag",
    cb: (el: SaxElement, decode: unknown, selfClosing: boolean) => void,
  ): SaxParser;
  on(event: "attention", cb: (text: string, decode: unknown, ctx: SaxContext) => void): SaxParser;
  ns(map?: Record<string, string>): SaxParser;
  parse(xml: string): Error | null;
}

/** 1-based line and column of the end of the text (where a truncated file stops). */
function endPosition(xml: string): { line: number; column: number } {
  return positionAt(xml, xml.length);
}

/** 1-based line and column of a character offset. */
function positionAt(xml: string, offset: number): { line: number; column: number } {
  const lines = xml.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: lines.length, column: lines.at(-1)!.length + 1 };
}

/**
 * Refuses text that is not well-formed XML with a 422 naming the 1-based line and column,
 * and any DOCTYPE (no entity declarations, so no entity expansion and no external entities).
 */
export function checkWellFormed(xml: string): void {
  const parser = new (Parser as unknown as new (o: { proxy: boolean }) => SaxParser)({
    proxy: true,
  });
  const open: string[] = [];
  let rootClosed = false;
  let failure: ProblemError | undefined;
  const fail = (reason: string, at: { line: number; column: number }, detail: string) => {
    failure ??= invalid(`Line ${at.line}, column ${at.column}: ${detail}`, {
      line: at.line,
      column: at.column,
      reason,
    });
  };
  parser
    .on("openTag", (el, _decode, selfClosing) => {
      void el.attrs; // attribute syntax errors surface as warnings while they are read
      if (!selfClosing) open.push(el.originalName);
    })
    .on("closeTag", (_name, _decode, selfClosing) => {
      if (!selfClosing) open.pop();
      if (!open.length) rootClosed = true;
    })
    .on("attention", (text, _decode, ctx) => {
      if (/^<!DOCTYPE/i.test(text) || /^<!ENTITY/i.test(text)) {
        const c = ctx();
        fail(
          "doctype",
          { line: c.line + 1, column: c.column + 1 },
          "DOCTYPE and ENTITY declarations are not accepted in BPMN files.",
        );
        throw failure;
      }
    })
    .on("warn", (err, ctx) => {
      const message = err.message;
      if (/non-whitespace outside of root node/.test(message)) {
        // saxen has no position here: the text is before the first or after the last tag.
        const from = rootClosed ? xml.lastIndexOf(">") + 1 : 0;
        const offset = from + xml.slice(from).search(/\S/);
        fail("content-outside-root", positionAt(xml, offset), "text outside the root element.");
      } else {
        const c = ctx();
        const tag = c.data.match(/^<\/?([^\s/>]+)/)?.[1];
        fail(
          "attribute",
          { line: c.line + 1, column: c.column + 1 },
          `${message}${tag ? ` in <${tag}>` : ""}.`,
        );
      }
      throw failure;
    })
    .on("error", (err, ctx) => {
      const message = err.message;
      if (message === "unexpected end of file") {
        const at = endPosition(xml);
        const inner = open.at(-1);
        fail(
          "unexpected-end",
          at,
          `the file ends before ${inner ? `<${inner}> is closed` : "the root element is closed"}${
            open.length > 1 ? ` (${open.length} elements are open)` : ""
          }; is it truncated?`,
        );
      } else if (message === "missing start tag") {
        fail("no-root", { line: 1, column: 1 }, "the file contains no XML element.");
      } else {
        const c = ctx();
        const at = { line: c.line + 1, column: c.column + 1 };
        if (message === "closing tag mismatch") {
          const found = c.data.match(/^<\/([^\s>]*)/)?.[1] ?? c.data;
          fail(
            "tag-mismatch",
            at,
            `closing tag </${found}> does not match the open element <${open.at(-1)}>.`,
          );
        } else if (message === "unclosed tag") {
          const tag = c.data.match(/^<\/?([^\s/>]+)/)?.[1];
          fail("unclosed-tag", at, `the tag <${tag ?? "?"} is not closed with ">".`);
        } else {
          fail("syntax", at, `${message}.`);
        }
      }
      throw failure;
    });
  try {
    // Namespace mode, as bpmn-moddle parses: an undeclared prefix is an error too.
    parser.ns({}).parse(xml);
  } catch (e) {
    if (failure) throw failure;
    throw e;
  }
  if (failure) throw failure;
}

// ---------------------------------------------------------------------------------------
// Import

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ID = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;

const NODE_OF: Record<string, { as: NodeType; reason?: string }> = {
  "bpmn:StartEvent": { as: "start" },
  "bpmn:EndEvent": { as: "end" },
  "bpmn:IntermediateThrowEvent": { as: "intermediate" },
  "bpmn:IntermediateCatchEvent": {
    as: "intermediate",
    reason: "a catching intermediate event became an intermediate event",
  },
  "bpmn:Task": { as: "task" },
  "bpmn:UserTask": { as: "task", reason: "user task became a task" },
  "bpmn:ServiceTask": { as: "task", reason: "service task became a task" },
  "bpmn:ManualTask": { as: "task", reason: "manual task became a task" },
  "bpmn:ScriptTask": { as: "task", reason: "script task became a task (the script is not kept)" },
  "bpmn:BusinessRuleTask": { as: "task", reason: "business rule task became a task" },
  "bpmn:SendTask": { as: "task", reason: "send task became a task" },
  "bpmn:ReceiveTask": { as: "task", reason: "receive task became a task" },
  "bpmn:CallActivity": { as: "subprocess" },
  "bpmn:SubProcess": {
    as: "subprocess",
    reason: "embedded subprocess became a subprocess step; its inner elements are not imported",
  },
  "bpmn:Transaction": {
    as: "subprocess",
    reason: "transaction became a subprocess step; its inner elements are not imported",
  },
  "bpmn:AdHocSubProcess": {
    as: "subprocess",
    reason: "ad-hoc subprocess became a subprocess step; its inner elements are not imported",
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

/** Sizes for nodes without a diagram shape: auto-layout's standard ones. */
const DEFAULT_SIZE = NODE_SIZES;

const DEFAULT_LANE_SIZE = 160;

interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Parses BPMN XML into a graph and a report of what was mapped, reported and changed. */
export async function importBpmn(xml: string): Promise<ImportResult> {
  if (xml.length > BPMN_MAX_BYTES) throw tooLarge(new TextEncoder().encode(xml).length);
  checkXmlLimits(xml); // before any parser builds objects: depth, elements, DOCTYPE…
  checkWellFormed(xml);
  const moddle = createModdle();
  let parsed;
  try {
    parsed = await moddle.fromXML(xml);
  } catch (e) {
    throw notBpmn(firstLine(e));
  }
  const definitions = parsed.rootElement;
  if (!definitions || definitions.$type !== "bpmn:Definitions") throw notBpmn();
  return new Importer(xml, definitions, parsed.warnings).run();
}

function notBpmn(cause?: string): ProblemError {
  const root = cause && !/failed to parse document as/.test(cause) ? ` (${cause})` : "";
  return invalid(
    "The file is not BPMN 2.0: its root element must be <definitions> in the namespace " +
      `http://www.omg.org/spec/BPMN/20100524/MODEL${root}.`,
    { reason: "not-bpmn" },
  );
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split("\n")[0];
}

/** "bpmn:UserTask" → "bpmn:userTask"; generic elements keep their name. */
function tagOf(el: ModdleElement): string {
  const [prefix, local] = el.$type.includes(":") ? el.$type.split(":") : ["", el.$type];
  if (prefix === "bpmn" || prefix === "procedo") {
    return `${prefix}:${local.charAt(0).toLowerCase()}${local.slice(1)}`;
  }
  return el.$type;
}

const list = (v: unknown) => (Array.isArray(v) ? v as ModdleElement[] : []);
const str = (v: unknown) => (typeof v === "string" ? v : undefined);
const isDi = (el: ModdleElement) => /^(bpmndi|dc|di):/.test(el.$type);

class Importer {
  report: ImportReport = { unsupported: [], mapped: [], warnings: [], layout: "file" };
  consumed = new Set<ModdleElement>();
  reasons = new Map<ModdleElement, string>();
  shapes = new Map<ModdleElement, ModdleElement>();
  diEdges = new Map<ModdleElement, ModdleElement>();
  diOrder = new Map<ModdleElement, number>();
  /** The file is a Procedo export (its process carries procedo:model). */
  ownExport = false;
  #lineStarts?: number[];

  constructor(
    readonly xml: string,
    readonly definitions: ModdleElement,
    readonly moddleWarnings: ModdleWarning[],
  ) {}

  run(): ImportResult {
    this.consumed.add(this.definitions);
    this.readModdleWarnings();
    this.readDi();
    const { process, participant, collaboration } = this.chooseProcess();

    const lanesOut: Lane[] = [];
    const nodesOut: (ProcessNode & { el: ModdleElement })[] = [];
    const edgesOut: (Edge & { el: ModdleElement })[] = [];
    const laneOfEl = new Map<ModdleElement, string>();
    const laneIds = new IdSanitiser(this, "lane");
    const nodeIds = new IdSanitiser(this, "node");
    const edgeIds = new IdSanitiser(this, "edge");

    // Lanes: the leaves of the lane set (nested lanes are flattened).
    const laneEls: ModdleElement[] = [];
    let nested = false;
    const walkLanes = (set: ModdleElement | undefined) => {
      if (!set) return;
      this.consumed.add(set);
      for (const lane of list(set.lanes)) {
        this.consumed.add(lane);
        const child = lane.childLaneSet as ModdleElement | undefined;
        if (child && list(child.lanes).length) {
          nested = true;
          walkLanes(child);
        } else {
          laneEls.push(lane);
          if (child) this.consumed.add(child);
        }
      }
    };
    if (process) {
      for (const set of list(process.laneSets)) walkLanes(set);
      if (list(process.laneSets).length > 1) {
        this.warn("lane-sets-merged", "The lanes of several lane sets were merged into one.");
      }
    }
    if (nested) {
      this.warn(
        "nested-lanes-flattened",
        "Nested lanes were flattened: each innermost lane became a lane.",
      );
    }

    // Lane geometry decides the order (top to bottom) and sizes.
    const horizontalPool = !participant || this.shapes.get(participant)?.isHorizontal !== false;
    const laneShapes = laneEls.map((l) => this.shapes.get(l));
    const lanesHaveDi = laneEls.length > 0 && laneShapes.every((s) => s?.bounds);
    if (lanesHaveDi && horizontalPool) {
      const order = laneEls.map((el, i) => ({ el, i, y: bounds(laneShapes[i]!).y }));
      order.sort((a, b) => a.y - b.y || a.i - b.i);
      laneEls.splice(0, laneEls.length, ...order.map((o) => o.el));
    }

    for (const [i, el] of laneEls.entries()) {
      const ext = this.extension(el, "procedo:Lane");
      const id = laneIds.take(str(ext?.key) ?? str(el.id), el);
      let name = (str(el.name) ?? "").trim();
      if (!name) name = `Lane ${i + 1}`;
      if (name.length > 200) {
        this.warn("name-truncated", `The name of lane ${id} was cut to 200 characters.`, el);
        name = name.slice(0, 200).trim();
      }
      const shape = this.shapes.get(el);
      lanesOut.push({
        id,
        name,
        positionId: this.uuidAttr(ext, "positionId", el),
        orgUnitId: this.uuidAttr(ext, "orgUnitId", el),
        size: shape?.bounds && horizontalPool
          ? clampSize(bounds(shape).height, DEFAULT_LANE_SIZE)
          : DEFAULT_LANE_SIZE,
      });
      for (const ref of list(el.flowNodeRef)) laneOfEl.set(ref, id);
    }
    let syntheticLane = false;
    // A process without lanes gets one, unless it is our own export of a lane-less graph.
    if (!lanesOut.length && !this.ownExport) {
      syntheticLane = true;
      const name = (str(participant?.name) ?? str(process?.name) ?? "").trim().slice(0, 200) ||
        "Lane 1";
      lanesOut.push({ id: "lane_1", name, positionId: null, orgUnitId: null, size: 0 });
    }

    // Nodes: the process's flow nodes, then its annotations and the collaboration's.
    const flowElements = process ? list(process.flowElements) : [];
    const artifacts = [
      ...(process ? list(process.artifacts) : []),
      ...(collaboration ? list(collaboration.artifacts) : []),
    ];
    const nodeOfEl = new Map<ModdleElement, ProcessNode & { el: ModdleElement }>();
    const noLane: string[] = [];
    for (const el of [...flowElements, ...artifacts]) {
      const kind = NODE_OF[el.$type];
      if (!kind) continue;
      if (el.$type === "bpmn:SubProcess" && el.triggeredByEvent) {
        this.reasons.set(el, "event subprocesses are not modeled");
        continue;
      }
      const type = kind.as;
      const ext = this.extension(el, "procedo:Node");
      const id = nodeIds.take(str(ext?.key) ?? str(el.id), el);
      const node: ProcessNode & { el: ModdleElement } = {
        el,
        id,
        type,
        label: this.label(el, ext, type),
        laneId: null,
        x: 0,
        y: 0,
        width: DEFAULT_SIZE[type].width,
        height: DEFAULT_SIZE[type].height,
      };
      // Lane: the extension says where flowNodeRef cannot; otherwise flowNodeRef.
      const extLane = str(ext?.laneId);
      if (extLane !== undefined) {
        node.laneId = extLane === "" ? null : laneIds.lookup(extLane) ?? null;
      } else if (type !== "annotation") {
        node.laneId = laneOfEl.get(el) ?? null;
        if (node.laneId === null && lanesOut.length) {
          node.laneId = lanesOut[0].id;
          if (!syntheticLane) noLane.push(id);
        }
      }
      this.nodeExtras(node, el, ext, type);
      nodesOut.push(node);
      nodeOfEl.set(el, node);
      this.consumed.add(el);
      for (const doc of list(el.documentation)) this.consumed.add(doc);
      if (kind.reason) {
        this.report.mapped.push({ ...this.item(el), as: type, reason: kind.reason });
      }
    }
    if (noLane.length) {
      this.warn(
        "node-without-lane",
        `${noLane.length} node(s) were in no lane and were put into the first lane (${
          lanesOut[0].name
        }): ${noLane.join(", ")}.`,
      );
    }

    // Edges: sequence flows and the associations of annotations.
    for (const el of [...flowElements, ...artifacts]) {
      if (el.$type !== "bpmn:SequenceFlow" && el.$type !== "bpmn:Association") continue;
      const source = el.sourceRef as ModdleElement | undefined;
      const target = el.targetRef as ModdleElement | undefined;
      const from = source && nodeOfEl.get(source);
      const to = target && nodeOfEl.get(target);
      if (!from || !to) {
        const missing = [source, target].filter((e) => !e || !nodeOfEl.has(e));
        this.reasons.set(
          el,
          `connects ${
            missing.map((m) => m ? `<${tagOf(m)}> ${m.id ?? ""}`.trim() : "nothing").join(" and ")
          }, which is not imported`,
        );
        continue;
      }
      const ext = this.extension(el, "procedo:Edge");
      const id = edgeIds.take(str(ext?.key) ?? str(el.id), el);
      const edge: Edge & { el: ModdleElement } = {
        el,
        id,
        from: from.id,
        to: to.id,
        label: "",
        condition: null,
        waypoints: [],
      };
      if (el.$type === "bpmn:SequenceFlow") {
        edge.label = this.limitText(str(el.name) ?? "", el, "label");
        const expr = el.conditionExpression as ModdleElement | undefined;
        if (expr) {
          this.consumed.add(expr);
          const body = str(expr.body) ?? "";
          edge.condition = this.limitText(str(ext?.condition) ?? body, el, "condition");
        } else if (str(ext?.condition) !== undefined) {
          edge.condition = str(ext?.condition)!;
        }
      } else {
        edge.label = this.limitText(str(ext?.label) ?? "", el, "label");
        if (str(ext?.condition) !== undefined) edge.condition = str(ext?.condition)!;
      }
      edgesOut.push(edge);
      this.consumed.add(el);
    }

    // Geometry from DI, moved so the pool's top left corner is (0, 0).
    const origin = this.origin(participant, laneEls, nodesOut, horizontalPool);
    let needsLayout = !horizontalPool;
    if (!horizontalPool) {
      this.warn("vertical-pool", "The pool is vertical; the process was laid out anew.");
    }
    if (laneEls.length && !lanesHaveDi) needsLayout = true;
    const missingShapes: string[] = [];
    for (const node of nodesOut) {
      const shape = this.shapes.get(node.el);
      if (!shape?.bounds) {
        missingShapes.push(node.id);
        continue;
      }
      const b = bounds(shape);
      node.x = clampCoordinate(b.x - origin.x);
      node.y = clampCoordinate(b.y - origin.y);
      node.width = clampSize(b.width, DEFAULT_SIZE[node.type].width);
      node.height = clampSize(b.height, DEFAULT_SIZE[node.type].height);
    }
    if (missingShapes.length) {
      needsLayout = true;
      if (missingShapes.length < nodesOut.length) {
        this.warn(
          "partial-diagram",
          `${missingShapes.length} node(s) have no diagram shape (${
            missingShapes.slice(0, 20).join(", ")
          }${missingShapes.length > 20 ? ", …" : ""}); the process was laid out anew.`,
        );
      }
    }
    for (const edge of edgesOut) {
      const di = this.diEdges.get(edge.el);
      const points = list(di?.waypoint).map((p) => ({
        x: clampCoordinate(Number(p.x) - origin.x),
        y: clampCoordinate(Number(p.y) - origin.y),
      })).filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
      // Our waypoints include the end points, as DI does; our export marks added ones.
      const ext = this.extension(edge.el, "procedo:Edge");
      let route = ext?.addedEnds ? points.slice(1, -1) : points;
      if (route.length > GRAPH_LIMITS.waypointsPerEdge) {
        route = simplify(route);
        if (route.length > GRAPH_LIMITS.waypointsPerEdge) {
          this.warn(
            "waypoints-dropped",
            `Edge ${edge.id} had more than ${GRAPH_LIMITS.waypointsPerEdge} bend points; it is drawn straight.`,
            edge.el,
          );
          route = [];
        }
      }
      edge.waypoints = route;
    }
    if (syntheticLane) {
      const bottom = nodesOut.filter((n) => n.type !== "annotation")
        .reduce((m, n) => Math.max(m, n.y + n.height), 0);
      const poolShape = participant && this.shapes.get(participant);
      lanesOut[0].size = poolShape?.bounds && horizontalPool
        ? clampSize(bounds(poolShape).height, DEFAULT_LANE_SIZE)
        : Math.max(DEFAULT_LANE_SIZE, bottom + 40);
    }

    // Order as the diagram lists them (our own export writes shapes in graph order).
    const byDi = <T extends { el: ModdleElement }>(items: T[]) =>
      items.map((item, i) => ({ item, i, k: this.diOrder.get(item.el) ?? Infinity }))
        .sort((a, b) => a.k - b.k || a.i - b.i).map((o) => o.item);

    const raw = {
      schemaVersion: GRAPH_SCHEMA_VERSION,
      lanes: lanesOut,
      nodes: byDi(nodesOut).map(({ el: _el, ...n }) => n),
      edges: byDi(edgesOut).map(({ el: _el, ...e }) => e),
    };
    assertGraphLimits(raw);
    this.reportLeftovers();
    const parsed = GraphSchema.safeParse(raw);
    if (!parsed.success) {
      throw new ProblemError(
        422,
        "bpmn-unmappable",
        "The BPMN file could not be turned into a valid process model; see errors.",
        {
          errors: parsed.error.issues.slice(0, 50).map((i) => ({
            field: ["graph", ...i.path.map(String)].join("."),
            message: i.message,
          })),
          report: this.report,
        },
      );
    }
    let graph = parsed.data;
    if (needsLayout) graph = this.layout(graph);
    return { graph, report: this.report };
  }

  // -------------------------------------------------------------------------------------

  /** The process to import: the first participant's (or the first process with content). */
  chooseProcess() {
    const roots = list(this.definitions.rootElements);
    const collaboration = roots.find((r) => r.$type === "bpmn:Collaboration");
    const processes = roots.filter((r) => r.$type === "bpmn:Process");
    let participant: ModdleElement | undefined;
    let process: ModdleElement | undefined;
    const participants = collaboration ? list(collaboration.participants) : [];
    const withContent = (p: ModdleElement) =>
      list(p.flowElements).length > 0 || list(p.laneSets).length > 0;
    participant =
      participants.find((p) => p.processRef && withContent(p.processRef as ModdleElement)) ??
        participants.find((p) => p.processRef);
    process = participant?.processRef as ModdleElement | undefined;
    if (!process) process = processes.find(withContent) ?? processes[0];
    if (!participant && process) {
      participant = participants.find((p) => p.processRef === process);
    }
    if (collaboration) {
      this.consumed.add(collaboration);
      if (participant) this.consumed.add(participant);
      for (const p of participants) {
        if (p === participant) continue;
        this.reasons.set(
          p,
          p.processRef
            ? "only one pool is imported; this pool's process is not"
            : "pools without a process are not modeled",
        );
      }
    }
    if (process) {
      this.consumed.add(process);
      for (const ext of list((process.extensionElements as ModdleElement)?.values)) {
        if (ext.$type === "procedo:Model") {
          this.consumed.add(ext);
          this.ownExport = true;
        }
      }
    }
    for (const p of processes) {
      if (p !== process) this.reasons.set(p, "only one process is imported");
    }
    for (const r of roots) {
      if (r.$type === "bpmn:Collaboration" && r !== collaboration) {
        this.reasons.set(r, "only one collaboration is imported");
      }
    }
    if (!process) {
      this.warn("no-process", "The file contains no process; the model is empty.");
    }
    return { process, participant, collaboration };
  }

  readDi() {
    let order = 0;
    for (const diagram of list(this.definitions.diagrams)) {
      const plane = diagram.plane as ModdleElement | undefined;
      for (const el of list(plane?.planeElement)) {
        const target = el.bpmnElement as ModdleElement | undefined;
        if (!target) continue;
        if (el.$type === "bpmndi:BPMNShape" && !this.shapes.has(target)) {
          this.shapes.set(target, el);
          this.diOrder.set(target, order++);
        } else if (el.$type === "bpmndi:BPMNEdge" && !this.diEdges.has(target)) {
          this.diEdges.set(target, el);
          this.diOrder.set(target, order++);
        }
      }
    }
  }

  /** Where (0, 0) of the model is in the file's coordinates. */
  origin(
    participant: ModdleElement | undefined,
    laneEls: ModdleElement[],
    nodes: { el: ModdleElement; type: NodeType }[],
    horizontal: boolean,
  ): { x: number; y: number } {
    const pool = participant && this.shapes.get(participant);
    const laneBounds = laneEls.map((l) => this.shapes.get(l)).filter((s) => s?.bounds)
      .map((s) => bounds(s!));
    const laneTop = laneBounds.length ? Math.min(...laneBounds.map((b) => b.y)) : undefined;
    if (laneBounds.length && horizontal) {
      return { x: Math.min(...laneBounds.map((b) => b.x)), y: laneTop! };
    }
    if (pool?.bounds && horizontal) {
      const b = bounds(pool);
      return { x: b.x + POOL_HEADER, y: b.y };
    }
    const shapes = nodes.filter((n) => n.type !== "annotation").map((n) => this.shapes.get(n.el))
      .filter((s) => s?.bounds).map((s) => bounds(s!));
    if (!shapes.length) return { x: 0, y: 0 };
    return {
      x: Math.min(...shapes.map((b) => b.x)) - 60,
      y: Math.min(...shapes.map((b) => b.y)) - 40,
    };
  }

  label(el: ModdleElement, ext: ModdleElement | undefined, type: NodeType): string {
    let text: string;
    if (type === "annotation") {
      text = str(ext?.label) ?? str(el.text) ?? "";
    } else {
      text = str(el.name) ?? "";
    }
    return this.limitText(text, el, "label");
  }

  limitText(text: string, el: ModdleElement, what: string): string {
    if (text.length <= GRAPH_LIMITS.labelLength) return text;
    this.warn(
      `${what}-truncated`,
      `The ${what} of ${el.id ?? tagOf(el)} was cut to ${GRAPH_LIMITS.labelLength} characters.`,
      el,
    );
    return text.slice(0, GRAPH_LIMITS.labelLength);
  }

  nodeExtras(
    node: ProcessNode,
    el: ModdleElement,
    ext: ModdleElement | undefined,
    type: NodeType,
  ) {
    // Description: bpmn:documentation (a blank one is kept in the extension).
    const docs = list(el.documentation);
    const blank = str(ext?.description);
    if (blank !== undefined) node.description = blank;
    else if (docs.length) {
      let text = docs.map((d) => str(d.text) ?? "").join("\n\n");
      if (text.length > GRAPH_LIMITS.descriptionLength) {
        this.warn(
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
        else {this.warn(
            "invalid-extension",
            `Ignored the duration "${duration}" of ${node.id}.`,
            el,
          );}
      }
      const processId = str(ext.processId);
      if (processId !== undefined) {
        if (processId === "") node.processId = null;
        else if (UUID.test(processId)) node.processId = processId.toLowerCase();
        else {this.warn(
            "invalid-extension",
            `Ignored the process id "${processId}" of ${node.id}.`,
            el,
          );}
      }
      const raci = this.idLists(ext, RACI_ROLES, node.id, el, "RACI entry");
      if (raci) node.raci = raci;
      const links = this.idLists(ext, LINK_KINDS, node.id, el, "link");
      if (links) node.links = links;
    }
    // A foreign call activity: calledElement names the process when it is a Procedo id.
    if (type === "subprocess" && node.processId === undefined && el.$type === "bpmn:CallActivity") {
      const called = str(el.calledElement);
      if (called !== undefined && called !== "") {
        // Our exports write Process_<uuid> (a QName); a bare UUID is accepted too.
        const uuid = called.replace(/^Process_/, "");
        if (UUID.test(uuid)) node.processId = uuid.toLowerCase();
        else {
          node.processId = null;
          this.warn(
            "called-element-unknown",
            `Call activity ${node.id} calls "${called}", which is not a Procedo process id; link the subprocess again.`,
            el,
          );
        }
      }
    }
    if (type === "subprocess" && el.$type !== "bpmn:CallActivity") node.processId = null;
  }

  /** RACI or links from their space-separated attributes; undefined when none is there. */
  idLists<K extends string>(
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
        this.warn("invalid-extension", `Ignored a ${what} of ${nodeId} that is not an id.`, el);
      }
      if (valid.length > GRAPH_LIMITS.linksPerNode) {
        this.warn(
          "too-many-links",
          `${nodeId} lists more than ${GRAPH_LIMITS.linksPerNode} ${key}; the rest was dropped.`,
          el,
        );
      }
      out[key] = valid.slice(0, GRAPH_LIMITS.linksPerNode);
    }
    return out;
  }

  uuidAttr(ext: ModdleElement | undefined, name: string, el: ModdleElement): string | null {
    const v = str(ext?.[name]);
    if (v === undefined || v === "") return null;
    if (UUID.test(v)) return v.toLowerCase();
    this.warn("invalid-extension", `Ignored the ${name} "${v}" of lane ${el.id}.`, el);
    return null;
  }

  /** Our extension element of `type` on `el` (marked consumed), if any. */
  extension(el: ModdleElement, type: string): ModdleElement | undefined {
    const ext = el.extensionElements as ModdleElement | undefined;
    if (!ext) return undefined;
    const found = list(ext.values).find((v) => v.$type === type);
    if (found) this.consumed.add(found);
    return found;
  }

  layout(graph: Graph): Graph {
    try {
      const laid = GraphSchema.parse(layoutGraph(graph));
      this.report.layout = "auto";
      return inOrderOf(graph, laid);
    } catch (e) {
      this.warn(
        "grid-layout",
        `Auto-layout was not available (${firstLine(e)}); the nodes were placed on a simple grid.`,
      );
      this.report.layout = "grid";
      return inOrderOf(graph, gridLayout(graph));
    }
  }

  // ---- reporting ------------------------------------------------------------------------

  warn(code: string, message: string, el?: ModdleElement) {
    const id = el ? str(el.id) : undefined;
    this.report.warnings.push({
      code,
      message,
      ...(id ? { id } : {}),
      ...(id && this.lineOf(id) ? { line: this.lineOf(id) } : {}),
    });
  }

  item(el: ModdleElement): ReportItem {
    const id = str(el.id);
    const name = str(el.name) ?? (el.$type === "bpmn:TextAnnotation" ? str(el.text) : undefined);
    const line = id ? this.lineOf(id) : undefined;
    return {
      element: tagOf(el),
      ...(id ? { id } : {}),
      ...(name ? { name } : {}),
      ...(line ? { line } : {}),
    };
  }

  /** 1-based line of the element with this id attribute. */
  lineOf(id: string): number | undefined {
    const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const m = new RegExp(`\\sid\\s*=\\s*(["'])${escaped}\\1`).exec(this.xml);
    if (!m) return undefined;
    this.#lineStarts ??= lineStarts(this.xml);
    const starts = this.#lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= m.index) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** Warnings of the parser: unknown elements it skipped, references it could not resolve. */
  readModdleWarnings() {
    for (const w of this.moddleWarnings) {
      const pos = w.message.match(/line: (\d+)\s+column: (\d+)/);
      const at = pos ? { line: Number(pos[1]) + 1, column: Number(pos[2]) + 1 } : {};
      const nested = w.message.match(/nested error: (.*)$/m)?.[1] ?? w.message;
      if (/unsupported document encoding/.test(w.message)) continue; // decoded before parsing
      const skipped = w.message.match(/^unparsable content <([^\s>]+)/)?.[1];
      if (skipped) {
        // The parser skipped this element (and what it contains): report it.
        const illegalId = nested.match(/^illegal ID <(.*)>$/)?.[1];
        this.report.unsupported.push({
          element: skipped,
          ...(illegalId ? { id: illegalId } : {}),
          ...at,
          reason: illegalId
            ? "its id is not one BPMN tools accept (ASCII letters, digits, _ . -), so it " +
              "cannot be read"
            : /^(unrecognized element|unknown type)/.test(nested)
            ? `not a known BPMN 2.0 element here (${nested})`
            : nested,
        });
      } else if (/^unresolved reference/.test(w.message)) {
        const ref = str(w.value);
        this.report.warnings.push({
          code: "unresolved-reference",
          message: `${
            w.element?.id ?? tagOf(w.element!)
          } refers to "${ref}", which is not in the file.`,
          ...(w.element?.id ? { id: str(w.element.id) } : {}),
        });
      } else {
        this.report.warnings.push({ code: "parser", message: nested, ...at });
      }
    }
  }

  /**
   * Walks the whole document: every element that was not imported is reported (once, with
   * what it contains), vendor extensions of imported elements become one warning each.
   */
  reportLeftovers() {
    const visit = (el: ModdleElement, parent: ModdleElement | undefined) => {
      if (isDi(el)) return;
      if (!this.consumed.has(el)) {
        if (el.$type === "bpmn:ExtensionElements" && parent && this.consumed.has(parent)) {
          this.vendorExtensions(parent, el);
          return;
        }
        if (el.$type === "bpmn:ExtensionElements") return; // belongs to something reported
        const inner = countInner(el);
        const reason = this.reasons.get(el) ?? defaultReason(el, parent);
        this.report.unsupported.push({
          ...this.item(el),
          reason: inner ? `${reason} (with ${inner} inner element${inner > 1 ? "s" : ""})` : reason,
        });
        return;
      }
      for (const child of children(el)) visit(child, el);
      if (el !== this.definitions && this.consumed.has(el) && parent) this.vendorAttrs(el);
    };
    visit(this.definitions, undefined);
    this.flushVendorWarnings();
  }

  #vendor = new Map<ModdleElement, Set<string>>();

  vendorExtensions(owner: ModdleElement, ext: ModdleElement) {
    const names = list(ext.values).filter((v) => !this.consumed.has(v)).map((v) => v.$type);
    if (names.length) this.noteVendor(owner, names);
  }

  vendorAttrs(el: ModdleElement) {
    const kinds = ["bpmn:SequenceFlow", "bpmn:Association", "bpmn:Lane"];
    if (!NODE_OF[el.$type] && !kinds.includes(el.$type)) return;
    const names = Object.keys(el.$attrs ?? {}).filter((k) => !k.startsWith("xmlns"));
    if (names.length) this.noteVendor(el, names);
  }

  noteVendor(el: ModdleElement, names: string[]) {
    const set = this.#vendor.get(el) ?? new Set();
    for (const n of names) set.add(n);
    this.#vendor.set(el, set);
  }

  /** One warning per imported element that carried vendor extensions. */
  flushVendorWarnings() {
    for (const [el, names] of this.#vendor) {
      this.warn(
        "extension-ignored",
        `Vendor extensions of <${tagOf(el)}>${el.id ? ` ${el.id}` : ""} are not imported: ${
          [...names].join(", ")
        }.`,
        el,
      );
    }
  }
}

function defaultReason(el: ModdleElement, parent: ModdleElement | undefined): string {
  const t = el.$type;
  if (t === "bpmn:BoundaryEvent") return "boundary events are not modeled";
  if (t === "bpmn:MessageFlow") return "message flows between pools are not modeled";
  if (/Data(Object|Store)/.test(t)) return "data objects and stores are not modeled";
  if (/Data(Input|Output)Association/.test(t)) return "data associations are not modeled";
  if (/EventDefinition$/.test(t)) {
    return `event triggers and results are not modeled${parent?.id ? ` (on ${parent.id})` : ""}`;
  }
  if (/LoopCharacteristics$/.test(t)) {
    return `loops and multi-instance markers are not modeled${
      parent?.id ? ` (on ${parent.id})` : ""
    }`;
  }
  if (t === "bpmn:Documentation") {
    return `documentation is kept only on steps${parent?.id ? ` (this is on ${parent.id})` : ""}`;
  }
  if (t === "bpmn:Group") return "groups are not modeled";
  if (t === "bpmn:Category") return "categories (the labels of groups) are not modeled";
  if (/^bpmn:(Message|Signal|Error|Escalation)$/.test(t)) {
    return "message, signal, error and escalation definitions are not modeled";
  }
  if (t === "bpmn:Property" || t === "bpmn:IoSpecification") {
    return `data properties are not modeled${parent?.id ? ` (on ${parent.id})` : ""}`;
  }
  if (parent && parent.$type !== "bpmn:Definitions" && parent.$type !== "bpmn:Process") {
    return `not modeled (inside <${tagOf(parent)}>${parent.id ? ` ${parent.id}` : ""})`;
  }
  return "not modeled";
}

/** The contained elements (not references, not attributes) of a moddle element. */
function children(el: ModdleElement): ModdleElement[] {
  const out: ModdleElement[] = [];
  for (const p of el.$descriptor?.properties ?? []) {
    if (p.isReference || p.isAttr || p.isBody) continue;
    const v = el[p.name]; // not get(): that creates empty lists on every element
    if (Array.isArray(v)) {
      for (const c of v) if (c && typeof c === "object" && "$type" in c) out.push(c);
    } else if (v && typeof v === "object" && "$type" in (v as object)) {
      out.push(v as ModdleElement);
    }
  }
  for (const c of el.$children ?? []) out.push(c);
  return out;
}

function countInner(el: ModdleElement): number {
  let n = 0;
  for (const c of children(el)) {
    if (isDi(c) || c.$type === "bpmn:ExtensionElements" || c.$type === "bpmn:Documentation") {
      continue;
    }
    if (c.id) n++;
    n += countInner(c);
  }
  return n;
}

function bounds(shape: ModdleElement): Bounds {
  const b = shape.bounds as Record<string, unknown>;
  return { x: Number(b.x), y: Number(b.y), width: Number(b.width), height: Number(b.height) };
}

function clampCoordinate(v: number): number {
  if (!Number.isFinite(v)) return 0;
  return Math.max(-1_000_000, Math.min(1_000_000, v));
}

function clampSize(v: number, fallback: number): number {
  if (!Number.isFinite(v) || v < 1) return fallback;
  return Math.min(100_000, v);
}

function lineStarts(text: string): number[] {
  const starts = [0];
  const re = /\r\n|\r|\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) starts.push(m.index + m[0].length);
  return starts;
}

/** `laid` with lanes, nodes and edges in the order `original` has them (the file's order). */
function inOrderOf(original: Graph, laid: Graph): Graph {
  const order = <T extends { id: string }>(before: T[], after: T[]) => {
    const byId = new Map(after.map((x) => [x.id, x]));
    return before.map((x) => byId.get(x.id) ?? x);
  };
  return {
    ...laid,
    lanes: order(original.lanes, laid.lanes),
    nodes: order(original.nodes, laid.nodes),
    edges: order(original.edges, laid.edges),
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

/**
 * Ids are kept when our model accepts them; otherwise they are made valid the same way
 * every time (invalid characters → "_", a leading "_" where needed, long ids shortened with
 * a hash) and made unique with a suffix. Each change is a warning.
 */
class IdSanitiser {
  #taken = new Set<string>();
  #byOriginal = new Map<string, string>();
  #generated = 0;
  constructor(readonly importer: Importer, readonly kind: "lane" | "node" | "edge") {}

  take(original: string | undefined, el: ModdleElement): string {
    let id: string;
    if (original === undefined || original === "") {
      do id = `${this.kind}_${++this.#generated}`; while (this.#taken.has(id));
    } else {
      id = original;
      if (!ID.test(id)) {
        id = id.replace(/[^A-Za-z0-9_.-]/g, "_");
        if (!/^[A-Za-z_]/.test(id)) id = `_${id}`;
        if (id.length > 64) id = `${id.slice(0, 55)}_${hash(original)}`;
      }
      const base = id;
      for (let n = 2; this.#taken.has(id); n++) {
        const suffix = `_${n}`;
        id = `${base.slice(0, 64 - suffix.length)}${suffix}`;
      }
      if (id !== original) {
        this.importer.warn(
          "id-changed",
          `The ${this.kind} id "${original}" is not usable in Procedo and became "${id}".`,
          el,
        );
      }
      this.#byOriginal.set(original, id);
    }
    this.#taken.add(id);
    return id;
  }

  lookup(original: string): string | undefined {
    return this.#byOriginal.get(original);
  }
}

/** FNV-1a, 8 hex digits: a short, stable fingerprint of a long id. */
function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

/**
 * A simple deterministic placement when auto-layout is unavailable: columns by distance
 * from the start events along the edges, one row band per lane, annotations above their
 * neighbour.
 */
export function gridLayout(graph: Graph): Graph {
  const depth = new Map<string, number>();
  const out = new Map<string, string[]>();
  for (const e of graph.edges) out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
  const flowNodes = graph.nodes.filter((n) => n.type !== "annotation");
  const incoming = new Set(graph.edges.map((e) => e.to));
  const queue = flowNodes.filter((n) => n.type === "start" || !incoming.has(n.id)).map((n) => n.id);
  for (const id of queue) depth.set(id, 0);
  for (let i = 0; i < queue.length; i++) {
    for (const next of out.get(queue[i]) ?? []) {
      if (!depth.has(next)) {
        depth.set(next, depth.get(queue[i])! + 1);
        queue.push(next);
      }
    }
  }
  let maxDepth = Math.max(0, ...depth.values());
  for (const n of flowNodes) if (!depth.has(n.id)) depth.set(n.id, ++maxDepth);

  const COLUMN = 160;
  const ROW = 110;
  const lanes = graph.lanes.map((l) => ({ ...l }));
  const slots = new Map<string, number>(); // lane|column → nodes stacked there
  const rowsOf = new Map<string, number>();
  for (const n of flowNodes) {
    const key = `${n.laneId}|${depth.get(n.id)}`;
    const row = slots.get(key) ?? 0;
    slots.set(key, row + 1);
    rowsOf.set(n.id, row);
  }
  const laneRows = new Map<string, number>();
  for (const [key, count] of slots) {
    const lane = key.split("|")[0];
    laneRows.set(lane, Math.max(laneRows.get(lane) ?? 1, count));
  }
  const laneTop = new Map<string, number>();
  let top = 0;
  for (const lane of lanes) {
    lane.size = Math.max(DEFAULT_LANE_SIZE, (laneRows.get(lane.id) ?? 1) * ROW + 50);
    laneTop.set(lane.id, top);
    top += lane.size;
  }
  const placed = new Map<string, ProcessNode>();
  const nodes = graph.nodes.map((n) => {
    if (n.type === "annotation") return n;
    const col = depth.get(n.id)!;
    const rows = slots.get(`${n.laneId}|${col}`)!;
    const lane = lanes.find((l) => l.id === n.laneId);
    const bandTop = (laneTop.get(n.laneId ?? "") ?? 0) +
      ((lane?.size ?? DEFAULT_LANE_SIZE) - rows * ROW) / 2;
    const node = {
      ...n,
      x: POOL_HEADER + 50 + col * COLUMN + (100 - n.width) / 2,
      y: bandTop + rowsOf.get(n.id)! * ROW + (ROW - n.height) / 2,
    };
    placed.set(n.id, node);
    return node;
  });
  let free = 0;
  const final = nodes.map((n) => {
    if (n.type !== "annotation") return n;
    const neighbourId = graph.edges.find((e) => e.from === n.id)?.to ??
      graph.edges.find((e) => e.to === n.id)?.from;
    const neighbour = neighbourId ? placed.get(neighbourId) : undefined;
    if (neighbour) {
      return { ...n, x: neighbour.x + neighbour.width / 2, y: neighbour.y - n.height - 30 };
    }
    return { ...n, x: POOL_HEADER + 50 + (free++) * COLUMN, y: -n.height - 30 };
  });
  return {
    ...graph,
    lanes,
    nodes: final,
    edges: graph.edges.map((e) => ({ ...e, waypoints: [] })),
  };
}
