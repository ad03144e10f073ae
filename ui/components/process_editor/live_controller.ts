// Editing a draft live, as a Lit reactive controller: the person's LiveSession (shared Yjs
// document, room connection, undo of their own changes, presence, local copy) put on screen
// with the same surface as the SaveController (EditorSaving), so the toolbar, the message
// bars and the page's leave guard work unchanged. The server stores the shared document;
// "saved" means every edit of mine is in the stored draft. Tickets come through the API
// client; a refused sign-in is renewed silently, else the person signs in again in place
// (saveSignIn, as for saves) and the connection follows, with every edit kept meanwhile.
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { CommandStack, type Draft, type DraftSaveResult, type Graph } from "../../editor/mod.ts";
import { ApiProblem, type ProcedoClient } from "../../lib/api/client.ts";
import { t } from "../../lib/i18n.ts";
import type { LocalCopies } from "../../live/local_copy.ts";
import { LiveSession, type Peer } from "../../live/live_session.ts";
import { TicketError } from "../../live/provider.ts";
import { liveTicket } from "./editor_api.ts";
import { saveFailureKind } from "./save_failure.ts";
import type {
  EditorSaving,
  SaveConflict,
  SaveSignIn,
  SaveStatus,
  SignInResult,
} from "./save_types.ts";

export interface LiveControllerOptions {
  api: ProcedoClient;
  signIn: SaveSignIn;
  copies: LocalCopies | null;
  /** Where online/offline events arrive (the window). */
  events?: EventTarget | null;
  online?: () => boolean;
}

/** What asking for the first ticket said: go live, or stay with saving by PUT. */
export type LiveProbe = { kind: "live"; url: string | null } | { kind: "unavailable" };

/** How long the editor waits for the room's document before showing the draft read-only. */
const LIVE_WAIT_MS = 3_000;

const problem = (status: number, detail: string) =>
  new ApiProblem({ type: "about:blank", title: detail, status, detail });

export class LiveController implements ReactiveController, EditorSaving {
  session: LiveSession | null = null;
  signingIn = false;
  signInProblem: Exclude<SignInResult, "signed-in"> | null = null;
  readonly restoreOffer: Draft | null = null;
  readonly conflict: SaveConflict | null = null;
  readonly #host: ReactiveControllerHost;
  readonly #o: LiveControllerOptions;
  #offs: (() => void)[] = [];

  constructor(host: ReactiveControllerHost, options: LiveControllerOptions) {
    this.#host = host;
    this.#o = options;
    host.addController(this);
  }

  hostConnected() {
    globalThis.addEventListener?.("beforeunload", this.#beforeUnload);
  }

  hostDisconnected() {
    globalThis.removeEventListener?.("beforeunload", this.#beforeUnload);
    this.detach();
  }

  /** Unsaved edits the browser could not keep a copy of would be lost: the browser asks. */
  #beforeUnload = (e: Event) => {
    const s = this.session;
    if (!s) return;
    s.flush();
    if (!s.unsaved || !s.storageProblem) return;
    e.preventDefault();
    (e as BeforeUnloadEvent).returnValue = "";
  };

  /**
   * Asks for the first ticket while the draft loads: a server without live editing (no such
   * route) keeps the editor on saving by PUT. Failures for other reasons still go live:
   * the session connects (or asks the person to sign in) by itself.
   */
  async probe(processId: string): Promise<LiveProbe> {
    try {
      return { kind: "live", url: await liveTicket(this.#o.api, processId) };
    } catch (e) {
      if (e instanceof ApiProblem && (e.status === 404 || e.status === 501)) {
        return { kind: "unavailable" };
      }
      return { kind: "live", url: null };
    }
  }

  /** Starts the live session of `processId` and binds `stack` to it. */
  start(processId: string, firstUrl: string | null): LiveSession {
    this.detach();
    let first = firstUrl;
    const session = new LiveSession({
      processId,
      copies: this.#o.copies,
      ticket: () => {
        const url = first;
        first = null;
        return url ? Promise.resolve(url) : this.#ticket(processId);
      },
      events: this.#o.events ?? null,
      online: this.#o.online,
    });
    this.session = session;
    this.#offs.push(session.onChange(() => this.#host.requestUpdate()));
    session.start();
    return session;
  }

  /**
   * Starts the session and gives the command stack over its shared document: editable at
   * once when the room's document arrives within LIVE_WAIT_MS (one round trip, usually), else
   * showing `loaded` (the draft as read) read-only until it comes.
   */
  async open(processId: string, firstUrl: string | null, loaded: Graph): Promise<CommandStack> {
    const live = this.start(processId, firstUrl);
    if (!live.ready) {
      await Promise.race([
        live.provider.whenSynced(),
        new Promise((r) => setTimeout(r, LIVE_WAIT_MS)),
      ]);
    }
    const stack = new CommandStack(live.ready ? live.graph : loaded, { history: live.history });
    this.attach(stack);
    return stack;
  }

  /** Other people's changes reach the stack (and so the canvas). */
  attach(stack: CommandStack) {
    const session = this.session;
    if (!session) return;
    this.#offs.push(session.binding.onChange((graph) => stack.applyRemote(graph)));
    // The room's document may have arrived before the stack existed.
    if (session.ready) stack.applyRemote(session.graph);
  }

  detach() {
    this.#offs.splice(0).forEach((off) => off());
    this.session?.destroy();
    this.session = null;
  }

  /** Whether edits can be made now: the diagram is there, the person may, not in review. */
  get editable(): boolean {
    const s = this.session;
    return !!s && s.ready && !s.inReview && s.link !== "forbidden" && s.link !== "gone";
  }

  get inReview(): boolean {
    return this.session?.inReview ?? false;
  }

  get peers(): Peer[] {
    return this.session?.peers ?? [];
  }

  get status(): SaveStatus {
    const s = this.session;
    if (!s) return "connecting";
    if (s.link === "signed-out") return "signed-out";
    if (this.error !== undefined) return "failed";
    if (!s.ready) return "connecting";
    const unsaved = s.unsaved;
    if (s.link === "offline") return "offline";
    if (s.link !== "online") return unsaved ? "offline" : "connecting";
    if (s.inReview) return unsaved ? "unsaved" : "saved";
    return unsaved ? "saving" : "saved";
  }

  get needsSignIn(): boolean {
    return this.session?.link === "signed-out";
  }

  get hasUnsavedWork(): boolean {
    return this.session?.unsaved ?? false;
  }

  /** Why edits are not stored, as a problem the bars know how to say (undefined: none). */
  get error(): unknown {
    const s = this.session;
    if (!s) return undefined;
    if (s.link === "forbidden") return problem(403, "You may no longer edit this draft.");
    if (s.link === "gone") return problem(404, "The process no longer exists.");
    const p = s.server?.problem;
    if (p?.kind === "invalid") return problem(422, p.detail);
    if (p?.kind === "unavailable") return problem(503, p.detail);
    return undefined;
  }

  get storageProblem(): Extract<DraftSaveResult, { ok: false }> | null {
    return this.session?.storageProblem
      ? { ok: false, reason: "quota-exceeded", chars: 0, message: t("editor.live.storageFull") }
      : null;
  }

  /** Resolves true once every edit of mine is stored (the room stores by itself). */
  async save(): Promise<boolean> {
    const s = this.session;
    if (!s) return false;
    if (!s.unsaved) return true;
    // Offline, signed out or refused: nothing can be stored now (the edits are kept).
    if (s.link !== "online" && s.link !== "connecting") return false;
    return await s.whenSaved();
  }

  /** The sign-in prompt's button: the same person signs in again, then connects again. */
  async signInAgain(): Promise<boolean> {
    const signIn = this.#o.signIn;
    if (this.signingIn) return false;
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
      this.signInProblem = result;
      this.#host.requestUpdate();
      return false;
    }
    this.session?.provider.connect();
    this.#host.requestUpdate();
    return await this.save();
  }

  restore() {}

  discardRestore() {}

  /** A ticket through the API client; a refused sign-in is renewed silently once. */
  async #ticket(processId: string): Promise<string> {
    for (let attempt = 0;; attempt++) {
      try {
        return await liveTicket(this.#o.api, processId);
      } catch (e) {
        const kind = saveFailureKind(e);
        if (kind === "sign-in") {
          if (attempt === 0 && await this.#o.signIn.renew().catch(() => false)) continue;
          throw new TicketError("sign-in");
        }
        if (kind === "network" || kind === "busy") throw new TicketError("network");
        const status = e instanceof ApiProblem ? e.status : 0;
        throw new TicketError(
          status === 404 ? "gone" : status === 501 ? "unavailable" : "forbidden",
        );
      }
    }
  }
}
