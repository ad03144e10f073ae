// The connection of a shared document to its live room: y-protocols sync and awareness over
// a WebSocket, as y-websocket speaks them, with a fresh ticket for every connection. Edits
// made while it is down stay in the document; connecting again exchanges state vectors, so
// the room gets everything it lacks and the document everything it missed (that is the
// merge). The connection comes back by itself (backoff; at once when the device is online
// again), except when the person must sign in again or may no longer edit.
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import * as authProtocol from "y-protocols/auth";
import * as syncProtocol from "y-protocols/sync";
import {
  CLOSE,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
} from "../../plugins/live/shared/protocol.ts";

/**
 * connecting: on the way (or waiting to try again); online: synced with the room; offline:
 * no connection now, edits are kept; signed-out: a ticket needs a new sign-in; forbidden: the
 * person may not edit (any more); gone: the process was deleted; unavailable: the server has
 * no live editing.
 */
export type LinkState =
  | "connecting"
  | "online"
  | "offline"
  | "signed-out"
  | "forbidden"
  | "gone"
  | "unavailable";

/** Why no ticket came (the editor's API call maps HTTP answers to these). */
export class TicketError extends Error {
  constructor(
    readonly kind: "sign-in" | "forbidden" | "gone" | "network" | "unavailable",
    message: string = kind,
  ) {
    super(message);
    this.name = "TicketError";
  }
}

export interface ProviderOptions {
  doc: Y.Doc;
  awareness: awarenessProtocol.Awareness;
  /** A WebSocket URL with a fresh ticket (throws TicketError). */
  ticket: () => Promise<string>;
  WebSocketImpl?: typeof WebSocket;
  /** Waits before connecting again; the last one repeats. */
  retryMs?: readonly number[];
  /** Where `online`/`offline` events arrive (the window), if anywhere. */
  events?: EventTarget | null;
  /** Whether the device has a network (navigator.onLine). */
  online?: () => boolean;
  /** Ping this often; a socket silent for three times as long is given up. */
  pingMs?: number;
}

const DEFAULT_RETRY = [250, 1_000, 2_000, 5_000, 10_000];

const message = (type: number, write: (e: encoding.Encoder) => void) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, type);
  write(e);
  return encoding.toUint8Array(e);
};

export class LiveProvider {
  state: LinkState = "connecting";
  /** The room's document has been received since the last connect. */
  synced = false;
  /** Why the room does not take my updates now (draft-in-review), or null. */
  denied: string | null = null;
  /** The close code of the last connection (for diagnostics). */
  closeCode: number | null = null;
  readonly #o: Required<Omit<ProviderOptions, "events">> & { events: EventTarget | null };
  readonly #listeners = new Set<() => void>();
  #ws: WebSocket | null = null;
  #attempt = 0;
  #timer?: ReturnType<typeof setTimeout>;
  #ping?: ReturnType<typeof setInterval>;
  #lastHeard = 0;
  #stopped = false;
  #destroyed = false;
  #connecting = false;
  #syncWaiters: (() => void)[] = [];
  /** Listening to the document's updates (only while a transaction of mine runs). */
  #listening = false;

  constructor(options: ProviderOptions) {
    this.#o = {
      WebSocketImpl: globalThis.WebSocket,
      retryMs: DEFAULT_RETRY,
      events: null,
      online: () => true,
      pingMs: 15_000,
      ...options,
    };
    this.#o.doc.on("beforeTransaction", this.#onBeforeTransaction);
    this.#o.doc.on("afterAllTransactions", this.#stopListening);
    this.#o.awareness.on("update", this.#onAwarenessUpdate);
    this.#o.events?.addEventListener("online", this.#onOnline);
    this.#o.events?.addEventListener("offline", this.#onOffline);
  }

  /** Called whenever state, synced or denied change. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Resolves once the room's document has been received (after the next connect). */
  whenSynced(): Promise<void> {
    return this.synced ? Promise.resolve() : new Promise((r) => this.#syncWaiters.push(r));
  }

  /** Connects (again) now: at start, after signing in again, when back online. */
  connect() {
    if (this.#destroyed) return;
    this.#stopped = false;
    clearTimeout(this.#timer);
    void this.#open();
  }

  /** Closes the connection and stays closed until connect(). */
  disconnect(state: LinkState = "offline") {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#ws?.close(1000, "closed by the client");
    this.#gone(state);
  }

  destroy() {
    if (this.#destroyed) return;
    this.disconnect();
    this.#destroyed = true;
    this.#stopListening();
    this.#o.doc.off("beforeTransaction", this.#onBeforeTransaction);
    this.#o.doc.off("afterAllTransactions", this.#stopListening);
    this.#o.awareness.off("update", this.#onAwarenessUpdate);
    this.#o.events?.removeEventListener("online", this.#onOnline);
    this.#o.events?.removeEventListener("offline", this.#onOffline);
    this.#listeners.clear();
  }

  async #open() {
    if (this.#ws || this.#connecting || this.#stopped) return;
    if (!this.#o.online()) return this.#set("offline");
    this.#connecting = true;
    if (this.state !== "offline") this.#set("connecting");
    let url: string;
    try {
      url = await this.#o.ticket();
    } catch (e) {
      this.#connecting = false;
      const kind = e instanceof TicketError ? e.kind : "network";
      if (kind === "network") return this.#retryLater("offline");
      // Signing in again, rights or a deleted process: only the person or the app can help.
      this.#stopped = true;
      return this.#set(kind === "sign-in" ? "signed-out" : kind);
    }
    this.#connecting = false;
    if (this.#stopped || this.#destroyed) return;
    const ws = new this.#o.WebSocketImpl(url);
    ws.binaryType = "arraybuffer";
    this.#ws = ws;
    // A socket that never opens (a network that swallows it) is given up like a silent one.
    const opening = setTimeout(() => {
      if (ws.readyState === 0) this.#lost(ws, 4000);
    }, 2 * this.#o.pingMs);
    ws.onopen = () => {
      clearTimeout(opening);
      if (this.#ws !== ws) return;
      this.#lastHeard = Date.now();
      ws.send(message(MESSAGE_SYNC, (e) => syncProtocol.writeSyncStep1(e, this.#o.doc)));
      const awareness = this.#o.awareness;
      if (awareness.getLocalState() !== null) {
        ws.send(message(MESSAGE_AWARENESS, (e) =>
          encoding.writeVarUint8Array(
            e,
            awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]),
          )));
      }
      clearInterval(this.#ping);
      this.#ping = setInterval(() => this.#keepAlive(ws), this.#o.pingMs);
    };
    ws.onmessage = (e) => {
      if (this.#ws !== ws) return;
      this.#lastHeard = Date.now();
      this.#receive(ws, new Uint8Array(e.data as ArrayBuffer));
    };
    ws.onclose = (e) => this.#lost(ws, e.code);
  }

  /** The socket closed (or went silent): connect again unless that cannot help. */
  #lost(ws: WebSocket, code: number) {
    if (this.#ws !== ws) return;
    this.closeCode = code;
    this.#gone("connecting");
    if (code === CLOSE.forbidden || code === CLOSE.gone) {
      this.#stopped = true;
      return this.#set(code === CLOSE.forbidden ? "forbidden" : "gone");
    }
    if (this.#stopped) return;
    this.#retryLater(this.#o.online() ? "connecting" : "offline");
  }

  #receive(ws: WebSocket, data: Uint8Array) {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC) {
      const step = decoding.readVarUint(decoder);
      if (step === syncProtocol.messageYjsSyncStep1) {
        const vector = decoding.readVarUint8Array(decoder);
        ws.send(message(MESSAGE_SYNC, (e) => {
          encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
          encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(this.#o.doc, vector));
        }));
      } else {
        Y.applyUpdate(this.#o.doc, decoding.readVarUint8Array(decoder), this);
        if (step === syncProtocol.messageYjsSyncStep2 && !this.synced) {
          this.synced = true;
          this.#attempt = 0;
          this.denied = null;
          this.#set("online");
          this.#syncWaiters.splice(0).forEach((r) => r());
        }
      }
    } else if (type === MESSAGE_AWARENESS) {
      awarenessProtocol.applyAwarenessUpdate(
        this.#o.awareness,
        decoding.readVarUint8Array(decoder),
        this,
      );
    } else if (type === MESSAGE_AUTH) {
      authProtocol.readAuthMessage(decoder, this.#o.doc, (_doc, reason) => {
        this.denied = reason;
        this.#notify();
      });
    }
  }

  #keepAlive(ws: WebSocket) {
    if (this.#ws !== ws) return clearInterval(this.#ping);
    if (Date.now() - this.#lastHeard > 3 * this.#o.pingMs) {
      // A connection that went silent (a dead network path): start over.
      return this.#lost(ws, 4000);
    }
    if (ws.readyState === 1) ws.send(message(MESSAGE_QUERY_AWARENESS, () => {}));
  }

  /** The socket is gone: other people's presence goes with it. */
  #gone(state: LinkState) {
    clearInterval(this.#ping);
    const ws = this.#ws;
    this.#ws = null;
    if (ws && ws.readyState <= 1) ws.close(1000, "closed by the client");
    this.synced = false;
    const awareness = this.#o.awareness;
    const others = [...awareness.getStates().keys()].filter((id) => id !== awareness.clientID);
    if (others.length) awarenessProtocol.removeAwarenessStates(awareness, others, this);
    this.#set(state);
  }

  #retryLater(state: LinkState) {
    this.#set(state);
    const delays = this.#o.retryMs;
    const wait = delays[Math.min(this.#attempt++, delays.length - 1)];
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#open(), wait);
  }

  #set(state: LinkState) {
    if (this.state === state) return;
    this.state = state;
    this.#notify();
  }

  #notify() {
    for (const l of this.#listeners) l();
  }

  /**
   * Yjs encodes every transaction as an update while anything listens to "update", the room's
   * whole document arriving too (75 ms of a 1,000-step draft's opening). Only my own
   * transactions are sent, so the provider listens just while one of them runs: from its
   * start until every transaction of the batch has been cleaned up (and its update emitted).
   */
  #onBeforeTransaction = (tr: Y.Transaction) => {
    if (tr.origin === this || this.#listening) return;
    this.#listening = true;
    this.#o.doc.on("update", this.#onDocUpdate);
  };

  #stopListening = () => {
    if (!this.#listening) return;
    this.#listening = false;
    this.#o.doc.off("update", this.#onDocUpdate);
  };

  #onDocUpdate = (update: Uint8Array, origin: unknown) => {
    const ws = this.#ws;
    if (origin === this || !ws || ws.readyState !== 1) return;
    ws.send(message(MESSAGE_SYNC, (e) => syncProtocol.writeUpdate(e, update)));
  };

  #onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    const ws = this.#ws;
    if (origin === this || !ws || ws.readyState !== 1) return;
    const changed = [...added, ...updated, ...removed];
    ws.send(message(MESSAGE_AWARENESS, (e) =>
      encoding.writeVarUint8Array(
        e,
        awarenessProtocol.encodeAwarenessUpdate(this.#o.awareness, changed),
      )));
  };

  #onOnline = () => {
    if (this.state === "offline" || this.state === "connecting") {
      this.#attempt = 0;
      this.connect();
    }
  };

  #onOffline = () => {
    // Chromium keeps sockets open when the network goes; the room would miss nothing, but
    // the person must see that edits now wait, and the socket is as good as dead.
    if (this.state === "signed-out" || this.state === "forbidden" || this.state === "gone") return;
    this.#ws?.close(1000, "offline");
    this.#gone("offline");
    clearTimeout(this.#timer);
  };
}
