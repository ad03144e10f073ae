// The editor's graph over a shared Yjs document: local commands are written into the document
// as changes (write), and whatever else changes it — other people, the server, my own undo —
// is read back into a graph (onChange). Reading is incremental: a transaction names the
// elements it touched, only those are read again, and every other element keeps its object,
// so the canvas re-renders only what changed. The projection is the one the server stores
// (plugins/live/shared/graph_doc.ts), so every editor shows exactly the stored draft.
import * as Y from "yjs";
import {
  type Entry,
  type Graph,
  graphMap,
  type Kind,
  KINDS,
  project,
  readEntry,
  readGraphFields,
  rootOf,
  writeGraphChange,
} from "../../plugins/live/shared/graph_doc.ts";

/** The origin of my own edits in the document (what my undo tracks). */
export const LOCAL_ORIGIN = Symbol("local-edit");

type Listener = (graph: Graph, origin: unknown) => void;

export class GraphBinding {
  readonly doc: Y.Doc;
  readonly #entries = {} as Record<Kind, Map<string, Entry>>;
  readonly #roots: Map<Y.AbstractType<unknown>, Kind>;
  readonly #listeners = new Set<Listener>();
  #graph: Graph;
  /** The elements of the graph a local write is producing, to keep their objects. */
  #writing: Map<string, Graph[Kind][number]> | null = null;

  constructor(doc: Y.Doc) {
    this.doc = doc;
    this.#roots = new Map(KINDS.map((k) => [rootOf(doc, k) as Y.AbstractType<unknown>, k]));
    for (const kind of KINDS) {
      const found = new Map<string, Entry>();
      rootOf(doc, kind).forEach((m, id) => {
        const e = readEntry(kind, id, m);
        if (e) found.set(id, e);
      });
      this.#entries[kind] = found;
    }
    this.#graph = { ...project(this.#entries), ...readGraphFields(doc) };
    doc.on("afterTransaction", this.#afterTransaction);
  }

  /** The document as a graph now. */
  get graph(): Graph {
    return this.#graph;
  }

  /** Whether the document holds no diagram yet (nothing was synced into it). */
  get empty(): boolean {
    return KINDS.every((k) => rootOf(this.doc, k).size === 0);
  }

  /** Writes my change from `before` to `after`; listeners are not told (I made it). */
  write(before: Graph, after: Graph, origin: unknown = LOCAL_ORIGIN): void {
    const byId = new Map<string, Graph[Kind][number]>();
    for (const kind of KINDS) for (const el of after[kind]) byId.set(`${kind}:${el.id}`, el);
    this.#writing = byId;
    try {
      writeGraphChange(this.doc, before, after, origin);
    } finally {
      this.#writing = null;
    }
  }

  /** Called with the new graph after every change I did not write (with its origin). */
  onChange(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  destroy() {
    this.doc.off("afterTransaction", this.#afterTransaction);
    this.#listeners.clear();
  }

  #afterTransaction = (tr: Y.Transaction) => {
    const touched = new Map<Kind, Set<string>>();
    const meta = graphMap(this.doc) as Y.AbstractType<unknown>;
    let graphFields = false;
    const mark = (kind: Kind, id: string) => {
      let set = touched.get(kind);
      if (!set) touched.set(kind, set = new Set());
      set.add(id);
    };
    for (const [type, keys] of tr.changed) {
      const t = type as Y.AbstractType<unknown>;
      if (t === meta) {
        graphFields = true;
        continue;
      }
      const kind = this.#roots.get(t);
      if (kind) {
        for (const key of keys) if (key !== null) mark(kind, key);
        continue;
      }
      const parent = t._item?.parent as Y.AbstractType<unknown> | undefined;
      const parentKind = parent ? this.#roots.get(parent) : undefined;
      const id = t._item?.parentSub;
      if (parentKind && id) mark(parentKind, id);
    }
    if (!touched.size && !graphFields) return;
    for (const [kind, ids] of touched) {
      const root = rootOf(this.doc, kind);
      const entries = this.#entries[kind];
      for (const id of ids) {
        const m = root.get(id);
        const read = m ? readEntry(kind, id, m) : null;
        if (!read) {
          entries.delete(id);
          continue;
        }
        // My own element: the object the command made (same content), so nothing re-renders.
        const mine = this.#writing?.get(`${kind}:${id}`);
        entries.set(id, mine ? { order: read.order, el: mine } : read);
      }
    }
    this.#graph = { ...project(this.#entries), ...readGraphFields(this.doc) };
    if (tr.origin === LOCAL_ORIGIN) return;
    for (const listener of this.#listeners) listener(this.#graph, tr.origin);
  };
}
