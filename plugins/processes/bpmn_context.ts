// What the steps of a BPMN import share: the parsed document, its diagram shapes, the report
// being written, and which elements were taken over (everything else is reported at the end
// by bpmn_report.ts, so nothing is dropped silently).
import type { ModdleElement } from "./bpmn_export.ts";
import { type Edge, GRAPH_LIMITS, type NodeType, type ProcessNode } from "./graph_schema.ts";

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

/** A pool of a collaboration: the person chooses which one to import. */
export interface PoolChoice {
  /** The participant's id: pass it as `pool` to import this one. */
  id: string;
  name: string;
  /** Flow nodes of its process (0: a black-box pool). */
  nodes: number;
  /** The pool this import took. */
  chosen: boolean;
}

export interface ImportReport {
  /** Elements that were not imported. */
  unsupported: ReportItem[];
  /** Elements imported as a close match (a user task became a task, …). */
  mapped: MappedItem[];
  warnings: ImportWarning[];
  /** Where the diagram came from: the file's DI, auto-layout, or a simple grid. */
  layout: "file" | "auto" | "grid";
  /** The pools of a collaboration with more than one (absent otherwise). */
  pools?: PoolChoice[];
}

export interface ImportOptions {
  /** The participant id of the pool to import (see ImportReport.pools). */
  pool?: string;
}

/** A node or edge on its way into the graph, with the element it came from. */
export type NodeWithEl = ProcessNode & { el: ModdleElement };
export type EdgeWithEl = Edge & { el: ModdleElement };

export const list = (v: unknown): ModdleElement[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** "bpmn:UserTask" → "bpmn:userTask"; generic elements keep their name. */
export function tagOf(el: ModdleElement): string {
  const [prefix, local] = el.$type.includes(":") ? el.$type.split(":") : ["", el.$type];
  if (prefix === "bpmn" || prefix === "procedo") {
    return `${prefix}:${local.charAt(0).toLowerCase()}${local.slice(1)}`;
  }
  return el.$type;
}

export class ImportContext {
  report: ImportReport = { unsupported: [], mapped: [], warnings: [], layout: "file" };
  /** Elements taken over into the graph (or deliberately covered by a warning). */
  consumed = new Set<ModdleElement>();
  /** Why an element that was not taken over was left out, where the default is too vague. */
  reasons = new Map<ModdleElement, string>();
  /** DI shapes and edges by the element they draw, and the order the diagram lists them. */
  shapes = new Map<ModdleElement, ModdleElement>();
  diEdges = new Map<ModdleElement, ModdleElement>();
  diOrder = new Map<ModdleElement, number>();
  /** The plane each shape lies on (a collapsed subprocess has its own plane). */
  planeOf = new Map<ModdleElement, ModdleElement | undefined>();
  /** The file is a Procedo export (its process carries procedo:model). */
  ownExport = false;
  #lineStarts?: number[];

  constructor(readonly xml: string, readonly definitions: ModdleElement) {
    this.consumed.add(definitions);
    this.readDi();
  }

  readDi() {
    let order = 0;
    for (const diagram of list(this.definitions.diagrams)) {
      const plane = diagram.plane as ModdleElement | undefined;
      const onPlane = plane?.bpmnElement as ModdleElement | undefined;
      for (const el of list(plane?.planeElement)) {
        const target = el.bpmnElement as ModdleElement | undefined;
        if (!target) continue;
        if (el.$type === "bpmndi:BPMNShape" && !this.shapes.has(target)) {
          this.shapes.set(target, el);
          this.planeOf.set(target, onPlane);
          this.diOrder.set(target, order++);
        } else if (el.$type === "bpmndi:BPMNEdge" && !this.diEdges.has(target)) {
          this.diEdges.set(target, el);
          this.diOrder.set(target, order++);
        }
      }
    }
  }

  /** Our extension element of `type` on `el` (marked consumed), if any. */
  extension(el: ModdleElement, type: string): ModdleElement | undefined {
    const ext = el.extensionElements as ModdleElement | undefined;
    if (!ext) return undefined;
    const found = list(ext.values).find((v) => v.$type === type);
    if (found) this.consumed.add(found);
    return found;
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

  warn(code: string, message: string, el?: ModdleElement) {
    const id = el ? str(el.id) : undefined;
    const line = id ? this.lineOf(id) : undefined;
    this.report.warnings.push({
      code,
      message,
      ...(id ? { id } : {}),
      ...(line ? { line } : {}),
    });
  }

  /** How the report names an element: its tag, id, name and line. */
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
}

function lineStarts(text: string): number[] {
  const starts = [0];
  const re = /\r\n|\r|\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) starts.push(m.index + m[0].length);
  return starts;
}
