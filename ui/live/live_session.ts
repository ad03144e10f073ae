// One person's live session on a draft, without any DOM: the shared document, its binding
// to the editor's graph, undo of one's own changes, the connection to the room, presence, and
// the local copy that keeps unsaved edits across reloads and time offline. The editor's
// LiveController (ui/components/process_editor/live_controller.ts) puts it on screen.
//
// "Saved" means what it means without live editing: the server stored a draft that holds
// every edit of mine. The room reports, with each store, the clocks it included for the
// client ids people wait for (ServerState.saved); mine are this session's id and those of a
// restored local copy, and they are saved when no clock of theirs is above what was stored.
import * as Y from "yjs";
import { Awareness } from "y-protocols/awareness";
import type { Graph } from "../../plugins/live/shared/graph_doc.ts";
import {
  type PresenceState,
  type PresenceUser,
  SERVER_MAP,
  type ServerState,
} from "../../plugins/live/shared/protocol.ts";
import { GraphBinding } from "./graph_binding.ts";
import type { LocalCopies } from "./local_copy.ts";
import { type LinkState, LiveProvider, type ProviderOptions } from "./provider.ts";
import { SharedHistory } from "./shared_history.ts";

export interface Peer {
  clientId: number;
  user: PresenceUser;
  pointer: { x: number; y: number } | null;
  selection: string[];
}

export interface LiveSessionOptions extends Omit<ProviderOptions, "doc" | "awareness"> {
  processId: string;
  /** Where unsaved edits are kept between visits; null: nowhere. */
  copies?: LocalCopies | null;
  /** Write the local copy this long after the last change. */
  localMs?: number;
}

const RESTORED = Symbol("restored-local-copy");

export class LiveSession {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  readonly binding: GraphBinding;
  readonly history: SharedHistory;
  readonly provider: LiveProvider;
  /** A local copy with unsaved edits was loaded at the start. */
  readonly restored: boolean;
  /** The browser refused to keep the local copy (quota): only memory holds the edits. */
  storageProblem = false;
  readonly #o: LiveSessionOptions;
  readonly #mine = new Set<number>();
  readonly #savedKnown = new Map<number, number>();
  readonly #listeners = new Set<() => void>();
  #copyTimer?: ReturnType<typeof setTimeout>;
  #pendingShown = "";
  #destroyed = false;

  constructor(options: LiveSessionOptions) {
    this.#o = options;
    const copy = options.copies?.load(options.processId) ?? null;
    if (copy) {
      try {
        Y.applyUpdate(this.doc, copy.state, RESTORED);
        copy.mine.forEach((id) => this.#mine.add(id));
      } catch {
        options.copies?.clear(options.processId);
      }
    }
    this.restored = this.#mine.size > 0;
    this.#mine.add(this.doc.clientID);
    this.binding = new GraphBinding(this.doc);
    this.history = new SharedHistory(this.binding);
    this.provider = new LiveProvider({ ...options, doc: this.doc, awareness: this.awareness });
    this.doc.on("afterTransaction", this.#onTransaction);
    this.doc.getMap(SERVER_MAP).observe(this.#onServerState);
    this.awareness.on("change", this.#onPresence);
    this.provider.onChange(this.#notify);
    this.awareness.setLocalState({ pointer: null, selection: [], pending: [...this.#mine] });
  }

  /** Connects to the room (the first ticket may be one asked for already). */
  start() {
    this.provider.connect();
  }

  /** Called whenever anything shown changes (graph changes go through the binding). */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The document holds the diagram (synced with the room, or restored from the local copy). */
  get ready(): boolean {
    return this.provider.synced || !this.binding.empty;
  }

  get graph(): Graph {
    return this.binding.graph;
  }

  get link(): LinkState {
    return this.provider.state;
  }

  /** What the server says about the stored draft (null before anything came). */
  get server(): ServerState | null {
    const map = this.doc.getMap(SERVER_MAP);
    if (!map.has("version")) return null;
    return Object.fromEntries(map.entries()) as unknown as ServerState;
  }

  get inReview(): boolean {
    return this.server?.state === "in_review";
  }

  /** Some edit of mine is not in the stored draft yet. */
  get unsaved(): boolean {
    for (const id of this.#mine) {
      if (Y.getState(this.doc.store, id) > (this.#savedKnown.get(id) ?? 0)) return true;
    }
    return false;
  }

  /** Everyone else in the room, in the order they came. */
  get peers(): Peer[] {
    const out: Peer[] = [];
    for (const [clientId, s] of this.awareness.getStates()) {
      const state = s as PresenceState;
      if (clientId === this.doc.clientID || !state.user) continue;
      out.push({
        clientId,
        user: state.user,
        pointer: state.pointer ?? null,
        selection: state.selection ?? [],
      });
    }
    return out;
  }

  /** What I show the others: my pointer on the canvas (or null) and my selection. */
  setPresence(presence: Omit<PresenceState, "user">) {
    const current = (this.awareness.getLocalState() ?? {}) as PresenceState;
    this.awareness.setLocalState({ ...current, ...presence });
  }

  /** Resolves once nothing of mine waits to be stored (false after `ms`). */
  whenSaved(ms = 10_000): Promise<boolean> {
    if (!this.unsaved) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        off();
        resolve(false);
      }, ms);
      const off = this.onChange(() => {
        if (this.unsaved) return;
        clearTimeout(timer);
        off();
        resolve(true);
      });
    });
  }

  destroy() {
    if (this.#destroyed) return;
    this.#writeCopy();
    this.#destroyed = true;
    this.provider.destroy();
    this.awareness.setLocalState(null);
    this.awareness.destroy();
    this.history.destroy();
    this.binding.destroy();
    this.#listeners.clear();
    this.doc.destroy();
  }

  /** Keeps (or, when all is stored, forgets) the local copy now. */
  flush() {
    this.#writeCopy();
  }

  /**
   * After every transaction that changed the document. Not an "update" listener: Yjs would
   * encode each transaction for it, the room's whole document on arrival too.
   */
  #onTransaction = (tr: Y.Transaction) => {
    if (!changedDocument(tr)) return;
    clearTimeout(this.#copyTimer);
    this.#copyTimer = setTimeout(() => this.#writeCopy(), this.#o.localMs ?? 300);
    this.#announcePending();
  };

  #onServerState = () => {
    const saved = this.server?.saved ?? {};
    for (const [id, clock] of Object.entries(saved)) {
      const n = Number(id);
      if (clock > (this.#savedKnown.get(n) ?? 0)) this.#savedKnown.set(n, clock);
    }
    // Ids with nothing unsaved any more need not be waited for.
    for (const id of [...this.#mine]) {
      if (id !== this.doc.clientID && !this.#unsavedOf(id)) this.#mine.delete(id);
    }
    this.#announcePending();
    if (!this.unsaved) this.#writeCopy();
    this.#notify();
  };

  #unsavedOf(id: number) {
    return Y.getState(this.doc.store, id) > (this.#savedKnown.get(id) ?? 0);
  }

  /** Tells the room which client ids I wait for, when that changes. */
  #announcePending() {
    const pending = [...this.#mine].filter((id) => this.#unsavedOf(id) || id === this.doc.clientID);
    const key = pending.join(",");
    if (key === this.#pendingShown) return;
    this.#pendingShown = key;
    this.setPresence({ pending });
  }

  #writeCopy() {
    clearTimeout(this.#copyTimer);
    const copies = this.#o.copies;
    if (!copies || this.#destroyed) return;
    if (!this.unsaved) {
      copies.clear(this.#o.processId);
      this.storageProblem = false;
      return;
    }
    const mine = [...this.#mine].filter((id) => this.#unsavedOf(id));
    const ok = copies.save(this.#o.processId, { state: Y.encodeStateAsUpdate(this.doc), mine });
    if (ok === this.storageProblem) {
      this.storageProblem = !ok;
      this.#notify();
    }
  }

  /**
   * Someone's presence changed. Mine (my pointer, once a frame while it moves; my selection)
   * is shown to the others only, so it re-renders nothing here.
   */
  #onPresence = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
  ) => {
    const me = this.awareness.clientID;
    if ([...added, ...updated, ...removed].some((id) => id !== me)) this.#notify();
  };

  #notify = () => {
    for (const listener of this.#listeners) listener();
  };
}

/** Whether a transaction inserted or deleted anything (what Yjs would send as an update). */
function changedDocument(tr: Y.Transaction): boolean {
  if (tr.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of tr.afterState) {
    if ((tr.beforeState.get(client) ?? 0) !== clock) return true;
  }
  return false;
}
