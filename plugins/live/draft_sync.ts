// Between a room's shared document and the stored draft. The draft stays the source of truth
// for versions: the document is written to it through the processes plugin's saveDraft (the
// same validation, If-Match versioning, projections and audit trail as a REST save), a
// moment after the last change and at least every MAX_DELAY while people keep typing. A
// draft that moved on without us (a REST save, a restored version, submit and decisions)
// is noticed when the tenant's data version changes (every write announces it) and merged
// into the document: its changes against the version we last stored are written in as
// changes, so edits made live meanwhile stay. A 412 on saving means the same thing.
import * as Y from "yjs";
import { eq } from "drizzle-orm";
import { appendAudit } from "../../api/audit/chain.ts";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import type { Logger } from "../../api/log.ts";
import { ProblemError } from "../../api/problem.ts";
import type { TenantVersions } from "../../api/tenant_cache/version.ts";
import {
  assertGraphLimits,
  getDraft,
  type Graph,
  GraphSchema,
  saveDraft,
} from "../processes/service.ts";
import { fillDoc, readGraph, sameJson, writeGraphChange } from "./shared/graph_doc.ts";
import { SERVER_MAP, type ServerState } from "./shared/protocol.ts";
import { liveDocuments } from "./schema.ts";

/** The origin of the server's own writes into a document. */
export const SERVER_ORIGIN = Symbol("live-server");

export interface SyncTiming {
  /** Store this long after the last change. */
  persistMs: number;
  /** ...but at least this often while changes keep coming. */
  maxPersistMs: number;
  /** How often to look whether the stored draft moved on. */
  pollMs: number;
}

/** Polls without news after which the draft is read anyway. */
const FORCE_EVERY = 15;

export const DEFAULT_TIMING: SyncTiming = { persistMs: 1_500, maxPersistMs: 8_000, pollMs: 2_000 };

export interface SyncHooks {
  /** The process is gone: close everything. */
  gone(): void;
  /** The draft went into review or out of it. */
  stateChanged(state: ServerState["state"]): void;
  /** Client ids whose clocks the saved-state map should carry (the connected ones). */
  connectedClients(): number[];
}

interface Stored {
  version: number;
  graph: Graph;
  state: ServerState["state"];
}

const toBase64 = (bytes: Uint8Array) => {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(s);
};
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

export class DraftSync {
  #stored: Stored;
  #problem: ServerState["problem"] = null;
  #savedAt: string | null = null;
  #saved: Record<string, number> = {};
  #lastVector = new Map<number, number>();
  #contributors = new Set<string>();
  #queue: Promise<void> = Promise.resolve();
  #persistTimer?: ReturnType<typeof setTimeout>;
  #firstUnsaved = 0;
  #pollTimer?: ReturnType<typeof setInterval>;
  #seenVersion: string | null = null;
  #quietPolls = 0;
  #closed = false;
  #failures = 0;

  private constructor(
    private readonly doc: Y.Doc,
    private readonly scope: TenantScope,
    private readonly processId: string,
    private readonly deps: {
      versions: TenantVersions;
      logger: Logger;
      timing: SyncTiming;
      hooks: SyncHooks;
    },
    stored: Stored,
  ) {
    this.#stored = stored;
    this.#lastVector = Y.decodeStateVector(Y.encodeStateVector(doc));
  }

  /**
   * Loads the document of the draft (or makes it from the draft) into `doc`; a draft newer
   * than the stored document is merged in. 404 when the process does not exist.
   */
  static async open(
    doc: Y.Doc,
    scope: TenantScope,
    processId: string,
    deps: DraftSync["deps"],
  ): Promise<DraftSync> {
    const draft = await getDraft(scope, processId);
    const row = await scope.first(liveDocuments, eq(liveDocuments.processId, processId));
    if (row) {
      Y.applyUpdate(doc, fromBase64(row.state), SERVER_ORIGIN);
      if (row.draftVersion !== draft.version) {
        writeGraphChange(doc, readGraph(doc), draft.graph, SERVER_ORIGIN);
      }
    } else fillDoc(doc, draft.graph, SERVER_ORIGIN);
    const sync = new DraftSync(doc, scope, processId, deps, {
      version: draft.version,
      graph: draft.graph,
      state: draft.state,
    });
    sync.#seenVersion = await deps.versions.current(scope.tenantId);
    sync.#writeServerState();
    sync.#pollTimer = setInterval(() => sync.#poll(), deps.timing.pollMs);
    // The stored document may hold edits that were never stored in the draft (the server
    // stopped first): they are stored now.
    if (!sameJson(readGraph(doc), draft.graph)) sync.changed(null);
    return sync;
  }

  get state(): ServerState["state"] {
    return this.#stored.state;
  }

  /** The document changed (by `userId`, or by the server when null): store it soon. */
  changed(userId: string | null) {
    if (this.#closed) return;
    if (userId) this.#contributors.add(userId);
    const now = Date.now();
    if (!this.#persistTimer) this.#firstUnsaved = now;
    clearTimeout(this.#persistTimer);
    const { persistMs, maxPersistMs } = this.deps.timing;
    const wait = Math.max(0, Math.min(persistMs, this.#firstUnsaved + maxPersistMs - now));
    this.#persistTimer = setTimeout(() => {
      this.#persistTimer = undefined;
      void this.#run(() => this.#persist());
    }, wait);
  }

  /** Stores what is pending now and stops (the room closes). */
  async close(): Promise<void> {
    if (this.#closed) return;
    clearInterval(this.#pollTimer);
    const pending = this.#persistTimer !== undefined;
    clearTimeout(this.#persistTimer);
    this.#persistTimer = undefined;
    if (pending) await this.#run(() => this.#persist());
    this.#closed = true;
    await this.#queue;
  }

  /** Runs one step at a time: a persist and a refresh never interleave. */
  #run(step: () => Promise<void>): Promise<void> {
    this.#queue = this.#queue.then(step).catch((e) => {
      this.deps.logger.error("live draft sync failed", {
        tenantId: this.scope.tenantId,
        processId: this.processId,
        error: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
      });
    });
    return this.#queue;
  }

  async #poll() {
    if (this.#closed) return;
    const version = await this.deps.versions.current(this.scope.tenantId);
    // The draft is read again when the tenant's data changed, and now and then anyway: a
    // cache that is not shared (memory on Workers) or was flushed announces nothing.
    if (version !== null && version === this.#seenVersion && ++this.#quietPolls < FORCE_EVERY) {
      return;
    }
    this.#quietPolls = 0;
    this.#seenVersion = version;
    await this.#run(async () => void await this.#refresh());
  }

  /** Merges a draft that moved on into the document; notices review state and deletion. */
  async #refresh(): Promise<boolean> {
    if (this.#closed) return false;
    let draft;
    try {
      draft = await getDraft(this.scope, this.processId);
    } catch (e) {
      if (e instanceof ProblemError && e.status === 404) {
        this.#closed = true;
        clearInterval(this.#pollTimer);
        clearTimeout(this.#persistTimer);
        await this.scope.delete(liveDocuments, eq(liveDocuments.processId, this.processId));
        this.deps.hooks.gone();
        return false;
      }
      throw e;
    }
    const stored = this.#stored;
    let moved = false;
    if (draft.version !== stored.version) {
      writeGraphChange(this.doc, stored.graph, draft.graph, SERVER_ORIGIN);
      moved = true;
    }
    this.#stored = { version: draft.version, graph: draft.graph, state: draft.state };
    if (draft.state !== stored.state) this.deps.hooks.stateChanged(draft.state);
    if (moved || draft.state !== stored.state) this.#writeServerState();
    // Live edits the draft does not have yet (merged with theirs now) are stored next.
    if (draft.state === "editing" && !sameJson(readGraph(this.doc), draft.graph)) {
      this.changed(null);
    }
    return true;
  }

  async #persist(): Promise<void> {
    if (this.#closed || this.#stored.state === "in_review") return;
    const graph = readGraph(this.doc);
    if (sameJson(graph, this.#stored.graph)) {
      this.#markSaved();
      return;
    }
    let valid: Graph;
    try {
      assertGraphLimits(graph);
      const parsed = GraphSchema.safeParse(graph);
      if (!parsed.success) {
        this.#setProblem({
          kind: "invalid",
          detail: "The diagram is not valid; fix the named fields to save it.",
          errors: parsed.error.issues.slice(0, 20).map((i) => ({
            path: i.path.join("."),
            message: i.message,
          })),
        });
        return;
      }
      valid = parsed.data;
    } catch (e) {
      if (!(e instanceof ProblemError)) throw e;
      this.#setProblem({ kind: "invalid", detail: e.message });
      return;
    }
    // What the schema normalises (trimmed lane names) goes back into the document, so the
    // stored draft is exactly what every editor shows.
    if (!sameJson(valid, graph)) writeGraphChange(this.doc, graph, valid, SERVER_ORIGIN);
    const state = Y.encodeStateAsUpdate(this.doc);
    const vector = Y.decodeStateVector(Y.encodeStateVector(this.doc));
    const contributors = [...this.#contributors];
    this.#contributors.clear();
    const actorId = contributors.at(-1) ?? (await getDraft(this.scope, this.processId)).updatedBy;
    let draft;
    try {
      draft = await saveDraft(this.scope, this.processId, valid, {
        expectedVersion: this.#stored.version,
        actorId,
      });
    } catch (e) {
      contributors.forEach((c) => this.#contributors.add(c));
      if (e instanceof ProblemError && (e.status === 412 || e.status === 409)) {
        // Someone saved or submitted meanwhile: take that in; what is left is stored next.
        if (await this.#refresh()) this.changed(null);
        return;
      }
      if (e instanceof ProblemError && e.status === 404) {
        await this.#refresh();
        return;
      }
      this.#setProblem({ kind: "unavailable", detail: "The draft could not be stored just now." });
      const wait = Math.min(30_000, 1_000 * 2 ** this.#failures++);
      setTimeout(() => this.changed(null), wait);
      throw e;
    }
    this.#failures = 0;
    this.#stored = { version: draft.version, graph: draft.graph, state: draft.state };
    await this.#storeDocument(state, draft.version);
    for (const userId of contributors) {
      await appendAudit(this.scope.db, {
        tenantId: this.scope.tenantId,
        actorType: "user",
        actorId: userId,
        action: "live.edit",
        method: "WS",
        route: "/api/v1/live/ws/{tenantId}/{processId}",
        targetType: "processes",
        targetId: this.processId,
        status: 200,
        details: { draftVersion: draft.version },
      });
    }
    // Written outside a request: the tenant's remembered read answers are stale now.
    await this.deps.versions.changed(this.scope.tenantId);
    this.#savedAt = draft.updatedAt;
    this.#problem = null;
    this.#markSaved(vector);
  }

  async #storeDocument(state: Uint8Array, draftVersion: number) {
    const values = { state: toBase64(state), draftVersion, updatedAt: new Date() };
    const updated = await this.scope.update(
      liveDocuments,
      values,
      eq(liveDocuments.processId, this.processId),
    );
    if (updated) return;
    const exists = await this.scope.first(
      liveDocuments,
      eq(liveDocuments.processId, this.processId),
    );
    if (!exists) await this.scope.insert(liveDocuments, { processId: this.processId, ...values });
  }

  /** Records which clocks the stored draft includes: those of everyone who changed it. */
  #markSaved(vector = Y.decodeStateVector(Y.encodeStateVector(this.doc))) {
    const saved: Record<string, number> = {};
    for (const [client, clock] of vector) {
      if (this.#lastVector.get(client) !== clock) saved[client] = clock;
    }
    for (const client of this.deps.hooks.connectedClients()) {
      if (vector.has(client)) saved[client] = vector.get(client)!;
    }
    this.#lastVector = vector;
    this.#saved = saved;
    this.#writeServerState();
  }

  #setProblem(problem: ServerState["problem"]) {
    if (sameJson(problem, this.#problem)) return;
    this.#problem = problem;
    this.#writeServerState();
  }

  /** The server's map in the document (see ServerState). */
  serverState(): ServerState {
    return {
      version: this.#stored.version,
      state: this.#stored.state,
      savedAt: this.#savedAt,
      saved: this.#saved,
      problem: this.#problem,
    };
  }

  /** Writes the server's map; also puts it back when a client wrote there. */
  #writeServerState() {
    const map = this.doc.getMap(SERVER_MAP);
    const state = this.serverState() as unknown as Record<string, unknown>;
    this.doc.transact(() => {
      for (const [k, v] of Object.entries(state)) {
        if (!sameJson(map.get(k), v)) map.set(k, v);
      }
      for (const k of [...map.keys()]) if (!(k in state)) map.delete(k);
    }, SERVER_ORIGIN);
  }

  /** A client wrote into the server's map: put it back. */
  restoreServerState() {
    this.#writeServerState();
  }
}
