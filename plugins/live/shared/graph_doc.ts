// The process graph as a Yjs document, shared by the server (plugins/live) and the browser
// editor (ui/live): one top-level Y.Map per kind (lanes, nodes, edges), keyed by element id,
// each element a Y.Map of its fields. Field-level maps mean that two people changing
// different fields of one step (one moves it, one renames it) both keep their change, and
// that the same field changed twice converges on one value in every replica. Array order
// (lanes stack in it; nodes and edges are drawn in it) is an `order` number per element,
// ties broken by id, so every replica sorts the same way.
//
// readGraph projects the document onto a valid graph deterministically: wrongly typed fields
// fall back to defaults, elements whose ids are unusable are left out, a node whose lane was
// deleted by someone else meanwhile goes to the first lane (nobody's step is lost), edges
// whose step is gone are hidden (they come back if the step does, by undo). The document
// keeps what it holds; only the projection repairs. The same function runs on both sides,
// so the stored draft is exactly what every editor shows.
import * as Y from "yjs";
import type { Edge, Graph, Lane, ProcessNode } from "../../processes/graph_schema.ts";
import {
  ELEMENT_ID_LENGTH,
  ELEMENT_ID_PATTERN,
  GRAPH_SCHEMA_VERSION,
  INTERMEDIATE_EVENT_KINDS,
  LINK_KINDS,
  NODE_TYPES,
  RACI_ROLES,
} from "../../processes/graph_core/constants.ts";
import { assignOrders, compareOrdered } from "./order.ts";

export type { Edge, Graph, Lane, ProcessNode };

export type Kind = "lanes" | "nodes" | "edges";
export const KINDS: readonly Kind[] = ["lanes", "nodes", "edges"];
type Element = Lane | ProcessNode | Edge;
type Fields = Record<string, unknown>;

const ORDER = "order";
const RACI_KEYS = RACI_ROLES.map((r) => `raci.${r}`);
const LINK_KEYS = LINK_KINDS.map((k) => `links.${k}`);
const OPTIONAL_NODE_KEYS = [
  "durationMinutes",
  "description",
  "processId",
  "event",
  "embedded",
  "collapsed",
  "parentId",
] as const;
/** Fields of the graph itself (not of an element), in the document's "graph" map. */
const GRAPH_KEYS = ["pool"] as const;

/** The element's fields as the document stores them (id and order left out). */
export function fieldsOf(kind: Kind, el: Element): Fields {
  if (kind === "lanes") {
    const l = el as Lane;
    const f: Fields = {
      name: l.name,
      positionId: l.positionId,
      orgUnitId: l.orgUnitId,
      size: l.size,
    };
    if (l.parent !== undefined) f.parent = l.parent;
    return f;
  }
  if (kind === "edges") {
    const e = el as Edge;
    const f: Fields = {
      from: e.from,
      to: e.to,
      label: e.label,
      condition: e.condition,
      waypoints: e.waypoints,
    };
    if (e.isDefault !== undefined) f.isDefault = e.isDefault;
    return f;
  }
  const n = el as ProcessNode;
  const f: Fields = {
    type: n.type,
    label: n.label,
    laneId: n.laneId,
    x: n.x,
    y: n.y,
    width: n.width,
    height: n.height,
  };
  // Optional parts are flattened, so that two people assigning different RACI roles of one
  // step concurrently both keep theirs; an absent part has no keys at all.
  if (n.raci) RACI_ROLES.forEach((r, i) => (f[RACI_KEYS[i]] = n.raci![r]));
  if (n.links) LINK_KINDS.forEach((k, i) => (f[LINK_KEYS[i]] = n.links![k]));
  for (const k of OPTIONAL_NODE_KEYS) if (n[k] !== undefined) f[k] = n[k];
  return f;
}

/** Every field key an element of `kind` may have (to delete what an element no longer has). */
const ALL_KEYS: Record<Kind, readonly string[]> = {
  lanes: ["name", "positionId", "orgUnitId", "size", "parent"],
  nodes: [
    "type",
    "label",
    "laneId",
    "x",
    "y",
    "width",
    "height",
    ...RACI_KEYS,
    ...LINK_KEYS,
    ...OPTIONAL_NODE_KEYS,
  ],
  edges: ["from", "to", "label", "condition", "waypoints", "isDefault"],
};

/** Every field the document maps, by kind and for the graph (a test compares with the schema). */
export const MAPPED_KEYS = { ...ALL_KEYS, graph: GRAPH_KEYS };

/** Deep equality of JSON values (what Y.Map entries hold). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => sameJson(x, bb[i]));
  }
  const ao = a as Fields, bo = b as Fields;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) if (!sameJson(ao[k], bo[k])) return false;
  return true;
}

export const rootOf = (doc: Y.Doc, kind: Kind): Y.Map<Y.Map<unknown>> => doc.getMap(kind);
/** The graph's own fields (its pool's name). */
export const graphMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap("graph");

/**
 * Writes the change from `before` to `after` into the document: fields that differ, elements
 * added and removed, and orders where the sequence changed. Comparing the two graphs (not the
 * document) means a writer only ever touches what it changed; everything else another person
 * changed meanwhile stays as they left it. Also how a REST save is merged in: base → theirs.
 */
export function writeGraphChange(
  doc: Y.Doc,
  before: Graph,
  after: Graph,
  origin: unknown,
): void {
  doc.transact(() => {
    const meta = graphMap(doc);
    for (const key of GRAPH_KEYS) {
      const value = after[key];
      if (sameJson(value, before[key])) continue;
      if (value === undefined) meta.delete(key);
      else meta.set(key, value);
    }
    for (const kind of KINDS) {
      writeList(rootOf(doc, kind), kind, before[kind] as Element[], after[kind] as Element[]);
    }
  }, origin);
}

/** Fills an empty document with `graph` (the server does this once per draft). */
export function fillDoc(doc: Y.Doc, graph: Graph, origin: unknown): void {
  const empty: Graph = { schemaVersion: graph.schemaVersion, lanes: [], nodes: [], edges: [] };
  writeGraphChange(doc, empty, graph, origin);
}

function writeList(root: Y.Map<Y.Map<unknown>>, kind: Kind, before: Element[], after: Element[]) {
  if (before === after) return;
  const prevById = new Map(before.map((e) => [e.id, e]));
  const afterIds = new Set<string>();
  for (const el of after) {
    afterIds.add(el.id);
    const prev = prevById.get(el.id);
    if (prev === el) continue;
    const fields = fieldsOf(kind, el);
    const existing = root.get(el.id);
    if (!(existing instanceof Y.Map)) {
      const map = new Y.Map<unknown>();
      for (const [k, v] of Object.entries(fields)) map.set(k, v);
      root.set(el.id, map);
      continue;
    }
    // Compared with what the writer saw before (or, for an element it did not see, with
    // the document), so only its own changes are written.
    const old = prev ? fieldsOf(kind, prev) : Object.fromEntries(existing.entries());
    for (const key of ALL_KEYS[kind]) {
      const value = fields[key];
      if (value === undefined) {
        if (key in old && existing.has(key)) existing.delete(key);
      } else if (!sameJson(value, old[key])) existing.set(key, value);
    }
  }
  for (const prev of before) {
    if (!afterIds.has(prev.id)) root.delete(prev.id);
  }
  const current = after.map((el) => {
    const v = root.get(el.id)?.get(ORDER);
    return typeof v === "number" && Number.isFinite(v) ? v : undefined;
  });
  const changes = assignOrders(after.map((e) => e.id), current);
  for (const [i, order] of changes) root.get(after[i].id)!.set(ORDER, order);
}

// ---- Reading ------------------------------------------------------------------------------

const isId = (v: unknown): v is string =>
  typeof v === "string" && v.length <= ELEMENT_ID_LENGTH && ELEMENT_ID_PATTERN.test(v);
const num = (v: unknown, fallback: number) =>
  typeof v === "number" && Number.isFinite(v) ? v : fallback;
const str = (v: unknown, fallback = "") => typeof v === "string" ? v : fallback;
const strOrNull = (v: unknown) => typeof v === "string" ? v : null;
const strings = (v: unknown): string[] =>
  Array.isArray(v) && v.every((x) => typeof x === "string") ? v as string[] : [];
const positive = (v: unknown, fallback: number) => {
  const n = num(v, fallback);
  return n >= 1 ? n : fallback;
};

/** One stored element as an element value; null when it cannot be one (unknown type…). */
export function readElement(kind: Kind, id: string, m: Y.Map<unknown>): Element | null {
  if (!isId(id) || !(m instanceof Y.Map)) return null;
  const g = (k: string) => m.get(k);
  if (kind === "lanes") {
    return {
      id,
      name: str(g("name")),
      positionId: strOrNull(g("positionId")),
      orgUnitId: strOrNull(g("orgUnitId")),
      size: positive(g("size"), 160),
      ...(typeof g("parent") === "string" ? { parent: g("parent") as string } : {}),
    };
  }
  if (kind === "edges") {
    const from = g("from"), to = g("to");
    if (!isId(from) || !isId(to)) return null;
    const wp = g("waypoints");
    return {
      id,
      from,
      to,
      label: str(g("label")),
      condition: strOrNull(g("condition")),
      waypoints: Array.isArray(wp) &&
          wp.every((p) =>
            p && typeof p === "object" && Number.isFinite(p.x) && Number.isFinite(p.y)
          )
        ? wp as { x: number; y: number }[]
        : [],
      ...(typeof g("isDefault") === "boolean" ? { isDefault: g("isDefault") as boolean } : {}),
    };
  }
  const type = g("type");
  if (!(NODE_TYPES as readonly unknown[]).includes(type)) return null;
  const laneId = g("laneId");
  const node: ProcessNode = {
    id,
    type: type as ProcessNode["type"],
    label: str(g("label")),
    laneId: isId(laneId) ? laneId : null,
    x: num(g("x"), 0),
    y: num(g("y"), 0),
    width: positive(g("width"), 1),
    height: positive(g("height"), 1),
  };
  if (RACI_KEYS.some((k) => m.has(k))) {
    node.raci = Object.fromEntries(
      RACI_ROLES.map((r, i) => [r, strings(g(RACI_KEYS[i]))]),
    ) as ProcessNode["raci"];
  }
  if (LINK_KEYS.some((k) => m.has(k))) {
    node.links = Object.fromEntries(
      LINK_KINDS.map((k, i) => [k, strings(g(LINK_KEYS[i]))]),
    ) as ProcessNode["links"];
  }
  if (m.has("durationMinutes")) {
    const d = g("durationMinutes");
    node.durationMinutes = typeof d === "number" && Number.isFinite(d) ? d : null;
  }
  if (m.has("description")) node.description = str(g("description"));
  if (m.has("processId")) node.processId = strOrNull(g("processId"));
  const event = g("event");
  if ((INTERMEDIATE_EVENT_KINDS as readonly unknown[]).includes(event)) {
    node.event = event as ProcessNode["event"];
  }
  if (typeof g("embedded") === "boolean") node.embedded = g("embedded") as boolean;
  if (typeof g("collapsed") === "boolean") node.collapsed = g("collapsed") as boolean;
  if (m.has("parentId")) {
    const parent = g("parentId");
    node.parentId = isId(parent) ? parent : null;
  }
  return node;
}

/** An element with its sort key, as the projection caches it. */
export interface Entry<T extends Element = Element> {
  order: number;
  el: T;
}

export function readEntry(kind: Kind, id: string, m: Y.Map<unknown>): Entry | null {
  const el = readElement(kind, id, m);
  return el ? { order: num(m.get(ORDER), 0), el } : null;
}

/** The whole document as a graph (see the file comment for the repairs). */
export function readGraph(doc: Y.Doc): Graph {
  const entries = {} as Record<Kind, Map<string, Entry>>;
  for (const kind of KINDS) {
    const found = new Map<string, Entry>();
    rootOf(doc, kind).forEach((m, id) => {
      const e = readEntry(kind, id, m);
      if (e) found.set(id, e);
    });
    entries[kind] = found;
  }
  return { ...project(entries), ...readGraphFields(doc) };
}

/** The graph's own fields as the document holds them. */
export function readGraphFields(doc: Y.Doc): Pick<Graph, "pool"> {
  const pool = graphMap(doc).get("pool");
  return typeof pool === "string" && pool.trim() ? { pool } : {};
}

/**
 * Sorted, de-duplicated and repaired lists from cached entries. Elements that need no repair
 * keep their object identity, so a renderer can skip what did not change.
 */
export function project(entries: Record<Kind, ReadonlyMap<string, Entry>>): Graph {
  const sorted = <T extends Element>(kind: Kind): T[] => {
    const list = [...entries[kind].values()].sort((a, b) =>
      compareOrdered(a.order, a.el.id, b.order, b.el.id)
    );
    // Ids are unique without regard to case (the projections key on them that way).
    const seen = new Set<string>();
    return list.filter((e) => {
      const key = e.el.id.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }).map((e) => e.el as T);
  };
  const lanes = sorted<Lane>("lanes");
  const laneIds = new Set(lanes.map((l) => l.id));
  const first = lanes[0];
  const nodes: ProcessNode[] = [];
  for (const n of sorted<ProcessNode>("nodes")) {
    if (n.laneId === null ? n.type === "annotation" : laneIds.has(n.laneId)) nodes.push(n);
    else if (first) {
      // Its lane was deleted while someone worked on the step: it moves to the first lane.
      const room = first.size - n.height;
      nodes.push({ ...n, laneId: first.id, y: room >= 0 ? Math.min(Math.max(n.y, 0), room) : 0 });
    }
  }
  const nodeIds = new Set(nodes.map((n) => n.id));
  const edges = sorted<Edge>("edges").filter((e) => nodeIds.has(e.from) && nodeIds.has(e.to));
  return { schemaVersion: GRAPH_SCHEMA_VERSION, lanes, nodes, edges };
}
