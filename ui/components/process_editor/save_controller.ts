// Saving the draft, as a Lit reactive controller: explicit save and autosave (a few seconds
// after the last change, never in the middle of a drag or of typing: saving ends the stack's
// burst and would split one gesture into several undo steps), always with If-Match. A network
// failure keeps the work and retries with backoff (status "offline"), and so does a server
// that cannot take the save now (429, 5xx: "retrying"); a 412 turns into a conflict the
// editor resolves in the merge dialog. A 401 (the sign-in expired) renews the token silently
// and sends the same revision again; when that fails the person signs in again in place
// ("signed-out", see signInAgain) and the save follows. "saved" only ever means the server
// answered 2xx for exactly the graph on screen. Unsaved work is also kept in localStorage
// (DraftStore) on every change until the server has it, so a reload or a closed tab offers
// it back; the browser warns before leaving while something is unsaved.
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
import { saveDraft, type SaveOutcome } from "./editor_api.ts";
import { saveFailureKind } from "./save_failure.ts";
import type {
  EditorSaving,
  SaveConflict,
  SaveControllerOptions,
  SaveSignIn,
  SaveStatus,
  SignInResult,
} from "./save_types.ts";

export type {
  EditorSaving,
  SaveConflict,
  SaveControllerOptions,
  SaveSignIn,
  SaveStatus,
  SignInResult,
} from "./save_types.ts";

const DEFAULT_RETRY = [1_000, 2_000, 5_000, 10_000, 30_000];

export class SaveController implements ReactiveController, EditorSaving {
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
  /** An in-place sign-in is running. */
  signingIn = false;
  /** How the last in-place sign-in ended when it did not work. */
  signInProblem: Exclude<SignInResult, "signed-in"> | null = null;
  readonly #host: ReactiveControllerHost;
  readonly #o: Required<Omit<SaveControllerOptions, "onConflict" | "drafts" | "signIn">> & {
    drafts: DraftStore | null;
    onConflict?: (c: SaveConflict) => void;
    signIn?: SaveSignIn;
  };
  #processId = "";
  #stack: CommandStack | null = null;
  #readonly = false;
  #off?: () => void;
  #saving = false;
  /** Why saves wait for the retry timer: no connection, or a server that cannot take them. */
  #waiting: "offline" | "retrying" | null = null;
  /** The API refused the sign-in and renewing it did not work: the person signs in again. */
  #signedOut = false;
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
    if (this.#signedOut) return "signed-out";
    if (this.#waiting) return this.#waiting;
    if (this.error !== undefined) return "failed";
    if (this.#stack?.dirty) return "unsaved";
    return this.restoreOffer ? "restorable" : "saved";
  }

  /** Saving waits until the person signs in again (see signInAgain). */
  get needsSignIn(): boolean {
    return this.#signedOut;
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
    this.#waiting = null;
    this.#signedOut = false;
    this.signInProblem = null;
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
      this.#waiting = null;
      this.#signedOut = false;
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
   * Signs the same person in again without leaving the editor (the prompt's button), then
   * saves; resolves true once the server has the current graph.
   */
  async signInAgain(): Promise<boolean> {
    const signIn = this.#o.signIn;
    if (!signIn || this.signingIn) return false;
    this.signingIn = true;
    this.signInProblem = null;
    this.#host.requestUpdate();
    let result: SignInResult = "failed";
    try {
      result = await signIn.again();
    } catch {
      result = "failed";
    } finally {
      this.signingIn = false;
    }
    if (result !== "signed-in") {
      // Asked from elsewhere (a failed layout), the prompt now shows what happened.
      this.#signedOut = true;
      this.signInProblem = result;
      this.#host.requestUpdate();
      return false;
    }
    this.#signedOut = false;
    return await this.save();
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
      // Restored work is unsaved work like any other, but nothing should wait for autosave.
      void this.save();
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
      const outcome = await this.#send(stack, sent);
      if (!outcome) return false; // detached meanwhile
      this.#waiting = null;
      this.#signedOut = false;
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
      if (this.#stack !== stack) return false;
      const kind = saveFailureKind(e);
      this.#flushLocal();
      if (kind === "sign-in") {
        this.#signedOut = true;
        this.error = undefined;
      } else if (kind === "network" || kind === "busy") {
        this.#waiting = kind === "network" ? "offline" : "retrying";
        // The failure bar says why a busy server did not take it (network: the status does).
        this.error = kind === "busy" ? e : undefined;
        const delays = this.#o.retryMs;
        const wait = delays[Math.min(this.#attempt++, delays.length - 1)];
        this.#retryTimer = setTimeout(() => void this.save(), wait);
      } else this.error = e;
      return false;
    } finally {
      this.#saving = false;
      this.#host.requestUpdate();
    }
  }

  /** PUTs `sent`; a refused token is renewed silently once and the same revision sent again. */
  async #send(stack: CommandStack, sent: Graph): Promise<SaveOutcome | null> {
    let outcome: SaveOutcome;
    try {
      outcome = await saveDraft(this.#o.api, this.#processId, sent, this.etag);
    } catch (e) {
      const signIn = this.#o.signIn;
      if (saveFailureKind(e) !== "sign-in" || !signIn) throw e;
      if (!(await signIn.renew().catch(() => false))) throw e;
      if (this.#stack !== stack) return null;
      outcome = await saveDraft(this.#o.api, this.#processId, sent, this.etag);
    }
    return this.#stack === stack ? outcome : null; // null: detached meanwhile
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
    // Waiting: the retry timer runs. Signed out: only signing in again helps.
    if (!stack || this.conflict || this.#waiting || this.#signedOut) return;
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
    if (this.#waiting === "offline") void this.save();
  };

  #clearTimers() {
    clearTimeout(this.#autosaveTimer);
    clearTimeout(this.#localTimer);
    clearTimeout(this.#retryTimer);
  }
}
