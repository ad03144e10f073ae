// Saving the draft, as a Lit reactive controller: explicit save and autosave (a few seconds
// after the last change, never in the middle of a drag or of typing: saving ends the stack's
// burst and would split one gesture into several undo steps), always with If-Match. A network
// failure keeps the work and retries with backoff (status "offline"); a 412 turns into a
// conflict the editor resolves in the merge dialog. Unsaved work is also kept in
// localStorage (DraftStore) on every change, so a reload offers it back; the browser warns
// before leaving while something is unsaved.
import type { ReactiveController, ReactiveControllerHost } from "lit";
import {
  type CommandStack,
  type Draft,
  type DraftSaveResult,
  type DraftStore,
  type Graph,
  replaceGraph,
  sameGraph,
} from "../../editor/mod.ts";
import type { ProcedoClient } from "../../lib/api/client.ts";
import { isNetworkFailure } from "../../lib/problems.ts";
import { saveDraft } from "./editor_api.ts";

export type SaveStatus = "saved" | "unsaved" | "saving" | "offline" | "conflict" | "failed";

/** My graph and the server's, both edited from `base`: what the merge dialog shows. */
export interface SaveConflict {
  /** "save": a save was refused (412); "restore": a stored draft is older than the server's. */
  reason: "save" | "restore";
  base: Graph;
  mine: Graph;
  theirs: Graph;
  theirsEtag: string;
  updatedByName: string | null;
  updatedAt: string | null;
}

export interface SaveControllerOptions {
  api: ProcedoClient;
  /** Local copies of unsaved work; null where the browser keeps none. */
  drafts: DraftStore | null;
  /** Autosave this long after the last change (Infinity: only explicit saves). */
  autosaveMs?: number;
  /** Local copies this long after the last change. */
  localMs?: number;
  /** Waits before retrying after network failures; the last one repeats. */
  retryMs?: readonly number[];
  /** How often autosave waits for an open burst before saving anyway. */
  maxBurstWaits?: number;
  /** Called when a conflict needs the person's decision. */
  onConflict?: (conflict: SaveConflict) => void;
}

const DEFAULT_RETRY = [1_000, 2_000, 5_000, 10_000, 30_000];

export class SaveController implements ReactiveController {
  /** The ETag of the server draft the stack's saved state corresponds to. */
  etag = "";
  /** The server's graph at `etag` (the base of a three-way merge). */
  base: Graph | null = null;
  conflict: SaveConflict | null = null;
  /** The last failure that is not a network failure (422, 409 in review, 403…). */
  error: unknown = undefined;
  /** A stored draft that differs from the server's, offered for restoring. */
  restoreOffer: Draft | null = null;
  /** Set when the browser refused the local copy (quota, too large). */
  storageProblem: Extract<DraftSaveResult, { ok: false }> | null = null;
  lastSavedAt: string | null = null;
  readonly #host: ReactiveControllerHost;
  readonly #o: Required<Omit<SaveControllerOptions, "onConflict" | "drafts">> & {
    drafts: DraftStore | null;
    onConflict?: (c: SaveConflict) => void;
  };
  #processId = "";
  #stack: CommandStack | null = null;
  #readonly = false;
  #off?: () => void;
  #saving = false;
  #offline = false;
  #inFlight: Promise<boolean> | null = null;
  #attempt = 0;
  #burstWaits = 0;
  #autosaveTimer?: ReturnType<typeof setTimeout>;
  #localTimer?: ReturnType<typeof setTimeout>;
  #retryTimer?: ReturnType<typeof setTimeout>;

  constructor(host: ReactiveControllerHost, options: SaveControllerOptions) {
    this.#host = host;
    this.#o = {
      autosaveMs: 3_000,
      localMs: 300,
      retryMs: DEFAULT_RETRY,
      maxBurstWaits: 10,
      ...options,
    };
    host.addController(this);
  }

  get status(): SaveStatus {
    if (this.conflict) return "conflict";
    if (this.#saving) return "saving";
    if (this.#offline) return "offline";
    if (this.error !== undefined) return "failed";
    return this.#stack?.dirty ? "unsaved" : "saved";
  }

  /** Whether leaving now would lose something not yet on the server. */
  get hasUnsavedWork(): boolean {
    return !!this.#stack?.dirty || this.#saving || !!this.conflict;
  }

  hostConnected() {
    globalThis.addEventListener?.("beforeunload", this.#beforeUnload);
    globalThis.addEventListener?.("pagehide", this.#flushLocal);
    globalThis.addEventListener?.("online", this.#online);
  }

  hostDisconnected() {
    // Leaving the page inside the app: keep a local copy and send what is unsaved once more
    // (fire and forget; if it fails, the copy is offered back on the next visit).
    const stack = this.#stack;
    this.#flushLocal();
    if (stack?.dirty && !this.#readonly && !this.conflict && !this.#inFlight) {
      void saveDraft(this.#o.api, this.#processId, stack.graph, this.etag).catch(() => {});
    }
    globalThis.removeEventListener?.("beforeunload", this.#beforeUnload);
    globalThis.removeEventListener?.("pagehide", this.#flushLocal);
    globalThis.removeEventListener?.("online", this.#online);
    this.detach();
  }

  /**
   * Starts saving `stack` for `processId`, whose server draft is `graph` at `etag`. A stored
   * draft that differs is put in `restoreOffer` (and not overwritten until answered).
   */
  attach(
    processId: string,
    stack: CommandStack,
    server: { etag: string; graph: Graph },
    options: { readonly?: boolean } = {},
  ) {
    this.detach();
    this.#processId = processId;
    this.#stack = stack;
    this.#readonly = !!options.readonly;
    this.etag = server.etag;
    this.base = server.graph;
    this.conflict = null;
    this.error = undefined;
    this.#offline = false;
    this.#attempt = 0;
    const stored = this.#o.drafts?.load(processId) ?? null;
    this.restoreOffer = null;
    if (stored && sameGraph(stored.graph, server.graph)) this.#o.drafts?.clear(processId);
    // A read-only editor (draft in review) keeps a stored draft for later, unoffered.
    else if (stored && !this.#readonly) this.restoreOffer = stored;
    this.#off = stack.onChange(() => this.#changed());
    this.#host.requestUpdate();
  }

  detach() {
    this.#off?.();
    this.#off = undefined;
    this.#clearTimers();
    this.#stack = null;
  }

  /** Saves now (button, Ctrl+S); resolves true once the server has the current graph. */
  async save(): Promise<boolean> {
    // One PUT at a time: a save asked for meanwhile waits, then sends what is current then.
    while (this.#inFlight) await this.#inFlight;
    const stack = this.#stack;
    if (!stack || this.#readonly || this.conflict) return false;
    clearTimeout(this.#autosaveTimer);
    clearTimeout(this.#retryTimer);
    if (!stack.dirty) {
      this.error = undefined;
      this.#offline = false;
      this.#host.requestUpdate();
      return true;
    }
    this.#inFlight = this.#put(stack);
    try {
      return await this.#inFlight;
    } finally {
      this.#inFlight = null;
    }
  }

  /**
   * The pending conflict with my side as it is now: edits made after the 412 (while the
   * person chose to decide later) belong to "mine" too.
   */
  currentConflict(): SaveConflict | null {
    const c = this.conflict;
    if (!c || !this.#stack || c.reason !== "save") return c;
    return { ...c, mine: this.#stack.graph };
  }

  /** The merge dialog's result: the server's draft becomes the base, `merged` is saved. */
  async applyMerge(merged: Graph): Promise<boolean> {
    const c = this.conflict;
    const stack = this.#stack;
    if (!c || !stack) return false;
    this.#adopt(c);
    stack.markSaved(c.theirs);
    stack.execute(replaceGraph(merged, "editor.command.merge"));
    return await this.save();
  }

  /** Takes the server's draft instead of mine (undoable: the step goes back to mine). */
  takeTheirs() {
    const c = this.conflict;
    const stack = this.#stack;
    if (!c || !stack) return;
    this.#adopt(c);
    stack.markSaved(c.theirs);
    stack.execute(replaceGraph(c.theirs, "editor.command.takeTheirs"));
    this.#o.drafts?.clear(this.#processId);
    this.#host.requestUpdate();
  }

  /** Applies the stored draft (through the merge dialog if the server moved on since). */
  restore() {
    const offer = this.restoreOffer;
    const stack = this.#stack;
    if (!offer || !stack || !this.base) return;
    this.restoreOffer = null;
    if (offer.baseEtag === this.etag) {
      stack.execute(replaceGraph(offer.graph, "editor.command.restore"));
    } else {
      this.conflict = {
        reason: "restore",
        // Without the stored base, the server's draft stands in: all my changes then win.
        base: offer.baseGraph ?? this.base,
        mine: offer.graph,
        theirs: this.base,
        theirsEtag: this.etag,
        updatedByName: null,
        updatedAt: null,
      };
      this.#o.onConflict?.(this.conflict);
    }
    this.#host.requestUpdate();
  }

  /** Forgets the stored draft (after the person confirmed). */
  discardRestore() {
    this.restoreOffer = null;
    this.#o.drafts?.clear(this.#processId);
    this.#host.requestUpdate();
  }

  #adopt(c: SaveConflict) {
    this.conflict = null;
    this.etag = c.theirsEtag;
    this.base = c.theirs;
    this.error = undefined;
  }

  async #put(stack: CommandStack): Promise<boolean> {
    const sent = stack.graph;
    this.#saving = true;
    this.#host.requestUpdate();
    try {
      const outcome = await saveDraft(this.#o.api, this.#processId, sent, this.etag);
      if (this.#stack !== stack) return false; // detached meanwhile
      this.#offline = false;
      this.#attempt = 0;
      if (outcome.kind === "conflict") {
        this.conflict = {
          reason: "save",
          base: this.base ?? sent,
          mine: stack.graph,
          theirs: outcome.current.graph,
          theirsEtag: outcome.etag,
          updatedByName: outcome.current.updatedByName,
          updatedAt: outcome.current.updatedAt,
        };
        this.#flushLocal();
        this.#o.onConflict?.(this.conflict);
        return false;
      }
      this.error = undefined;
      this.etag = outcome.etag;
      this.base = outcome.draft.graph;
      this.lastSavedAt = outcome.draft.updatedAt;
      stack.markSaved(sent);
      this.#flushLocal();
      return true;
    } catch (e) {
      if (isNetworkFailure(e)) {
        this.#offline = true;
        const delays = this.#o.retryMs;
        const wait = delays[Math.min(this.#attempt++, delays.length - 1)];
        this.#flushLocal();
        this.#retryTimer = setTimeout(() => void this.save(), wait);
      } else this.error = e;
      return false;
    } finally {
      this.#saving = false;
      this.#host.requestUpdate();
    }
  }

  #changed() {
    const stack = this.#stack;
    if (!stack) return;
    clearTimeout(this.#localTimer);
    this.#localTimer = setTimeout(this.#flushLocal, this.#o.localMs);
    clearTimeout(this.#autosaveTimer);
    this.#burstWaits = 0;
    if (stack.dirty && !this.#readonly && Number.isFinite(this.#o.autosaveMs)) {
      this.#autosaveTimer = setTimeout(this.#autosave, this.#o.autosaveMs);
    }
    this.#host.requestUpdate();
  }

  #autosave = () => {
    const stack = this.#stack;
    if (!stack || this.conflict || this.#offline) return; // offline: the retry timer runs
    if (stack.burstOpen && this.#burstWaits++ < this.#o.maxBurstWaits) {
      this.#autosaveTimer = setTimeout(this.#autosave, this.#o.autosaveMs);
      return;
    }
    void this.save();
  };

  /** Writes (or clears) the local copy now. */
  #flushLocal = () => {
    clearTimeout(this.#localTimer);
    const stack = this.#stack;
    const drafts = this.#o.drafts;
    // An unanswered restore offer is not overwritten by newer edits: it would be lost.
    if (!stack || !drafts || this.restoreOffer || this.#readonly) return;
    if (!stack.dirty && !this.conflict) {
      drafts.clear(this.#processId);
      return;
    }
    const result = drafts.save({
      processId: this.#processId,
      baseEtag: this.etag,
      // A stored draft waiting to be merged in is kept as it is; otherwise what is on screen.
      graph: this.conflict?.reason === "restore" ? this.conflict.mine : stack.graph,
      baseGraph: this.base ?? undefined,
    });
    this.storageProblem = result.ok ? null : result;
  };

  #beforeUnload = (e: Event) => {
    this.#flushLocal();
    if (!this.hasUnsavedWork) return;
    e.preventDefault();
    // Older browsers show the prompt only when returnValue is set.
    (e as BeforeUnloadEvent).returnValue = "";
  };

  #online = () => {
    if (this.#offline) void this.save();
  };

  #clearTimers() {
    clearTimeout(this.#autosaveTimer);
    clearTimeout(this.#localTimer);
    clearTimeout(this.#retryTimer);
  }
}
