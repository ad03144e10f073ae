// A room: the shared document of one draft and the people connected to it, speaking the
// y-protocols sync and awareness messages as y-websocket does. The same class serves Deno
// (rooms.ts keeps one per open draft in the process) and Cloudflare Workers (one Durable
// Object per draft holds one); only the sockets differ (LiveSocket).
//
// Every message is checked before it is read: the person must still be allowed to edit (see
// #authorize), so a revoked role or a suspended workspace ends the connection at the next
// message, and at the latest after RECHECK_MS. While the draft is in review, the document
// takes no updates (the client is told with an auth message, keeps its edits and sends them
// again when the review ends: the room then asks everyone for what it lacks).
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import * as authProtocol from "y-protocols/auth";
import * as syncProtocol from "y-protocols/sync";
import type { Db } from "../../api/db/client.ts";
import { TenantScope } from "../../api/db/tenant_scope.ts";
import type { Logger } from "../../api/log.ts";
import type { TenantVersions } from "../../api/tenant_cache/version.ts";
import { currentPrincipal, type LivePrincipal } from "./access.ts";
import { guardAwareness } from "./awareness_guard.ts";
import { DraftSync, type SyncTiming } from "./draft_sync.ts";
import {
  CLOSE,
  colourOf,
  IN_REVIEW_REASON,
  MAX_MESSAGE_BYTES,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  type PresenceState,
  type PresenceUser,
  SERVER_MAP,
} from "./shared/protocol.ts";

/** A WebSocket as the room sees it (Deno's, or a Durable Object's hibernatable one). */
export interface LiveSocket {
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
}

export interface RoomTiming extends SyncTiming {
  /** Check every connection's rights at least this often, even when nothing changed. */
  recheckMs: number;
}

export interface RoomDeps {
  db: Db;
  versions: TenantVersions;
  logger: Logger;
  timing: RoomTiming;
}

/** One person's connection to a room. */
export class Connection {
  /** Awareness ids this connection introduced (its document's client ids). */
  readonly ids = new Set<number>();
  user: PresenceUser;
  checkedVersion: string | null = null;
  checkedAt = 0;
  closed = false;
  queue: Promise<void> = Promise.resolve();
  expiry?: ReturnType<typeof setTimeout>;

  constructor(readonly socket: LiveSocket, public principal: LivePrincipal) {
    this.user = {
      id: principal.userId,
      name: principal.displayName,
      colour: colourOf(principal.userId),
    };
  }
}

const message = (type: number, write: (e: encoding.Encoder) => void) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, type);
  write(e);
  return encoding.toUint8Array(e);
};

export class LiveRoom {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly #conns = new Map<LiveSocket, Connection>();
  readonly #owners = new Map<number, Connection>();
  #sync!: DraftSync;
  #recheck?: ReturnType<typeof setInterval>;
  #closed = false;

  private constructor(
    readonly tenantId: string,
    readonly processId: string,
    private readonly deps: RoomDeps,
    private readonly onEmpty: (room: LiveRoom) => void,
  ) {
    this.awareness.setLocalState(null);
  }

  /** Opens the room of a draft (404 ProblemError when the process does not exist). */
  static async open(
    deps: RoomDeps,
    tenantId: string,
    processId: string,
    onEmpty: (room: LiveRoom) => void,
  ): Promise<LiveRoom> {
    const room = new LiveRoom(tenantId, processId, deps, onEmpty);
    room.#sync = await DraftSync.open(room.doc, new TenantScope(deps.db, tenantId), processId, {
      versions: deps.versions,
      logger: deps.logger,
      timing: deps.timing,
      hooks: {
        gone: () => room.#closeAll(CLOSE.gone, "The process was deleted."),
        stateChanged: (state) => {
          // Out of review: everyone sends what the room refused meanwhile.
          if (state === "editing") room.#broadcast(room.#syncStep1());
        },
        connectedClients: () => room.#awaited(),
      },
    });
    room.doc.on("update", room.#onUpdate);
    room.doc.on("afterTransaction", room.#afterTransaction);
    room.awareness.on("update", room.#onAwareness);
    room.#recheck = setInterval(() => room.#recheckAll(), deps.timing.recheckMs);
    return room;
  }

  get size(): number {
    return this.#conns.size;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Adds a connection; the room greets it with its state vector and everyone's presence. */
  join(socket: LiveSocket, principal: LivePrincipal): Connection {
    const conn = new Connection(socket, principal);
    conn.checkedAt = Date.now();
    this.#conns.set(socket, conn);
    const left = (principal.expiresAt ?? Infinity) - Date.now();
    // Ended when the sign-in expires, even if the person sends nothing.
    if (left < 2 ** 31) {
      conn.expiry = setTimeout(() => {
        conn.queue = conn.queue.then(async () => void await this.#authorize(conn));
      }, Math.max(0, left));
    }
    void this.deps.versions.current(this.tenantId).then((v) => (conn.checkedVersion = v));
    socket.send(this.#syncStep1());
    const states = [...this.awareness.getStates().keys()];
    if (states.length) {
      socket.send(message(MESSAGE_AWARENESS, (e) =>
        encoding.writeVarUint8Array(
          e,
          awarenessProtocol.encodeAwarenessUpdate(this.awareness, states),
        )));
    }
    return conn;
  }

  /**
   * A message from `conn`; handled strictly in order, one after the other (the bytes may still
   * be on their way: a Blob's, on Workers).
   */
  receive(conn: Connection, data: Uint8Array | Promise<Uint8Array>): Promise<void> {
    conn.queue = conn.queue.then(async () => this.#handle(conn, await data)).catch((e) => {
      this.deps.logger.warn("live message refused", {
        tenantId: this.tenantId,
        processId: this.processId,
        error: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
      });
      this.#drop(conn, CLOSE.badMessage, "The message could not be read.");
    });
    return conn.queue;
  }

  /** The socket closed (or the room closed it). */
  leave(conn: Connection) {
    if (!this.#conns.has(conn.socket)) return;
    conn.closed = true;
    clearTimeout(conn.expiry);
    this.#conns.delete(conn.socket);
    const ids = [...conn.ids].filter((id) => this.#owners.get(id) === conn);
    ids.forEach((id) => this.#owners.delete(id));
    if (ids.length) awarenessProtocol.removeAwarenessStates(this.awareness, ids, null);
    if (!this.#conns.size) this.onEmpty(this);
  }

  /** Stores what is pending and lets go of everything (the last person left). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#recheck);
    await this.#sync.close();
    this.awareness.destroy();
    this.doc.destroy();
  }

  /** Ends every connection (the server shuts down, the process was deleted). */
  #closeAll(code: number, reason: string) {
    for (const conn of [...this.#conns.values()]) this.#drop(conn, code, reason);
  }

  async #handle(conn: Connection, data: Uint8Array) {
    if (conn.closed || this.#closed) return;
    if (data.byteLength > MAX_MESSAGE_BYTES) {
      return this.#drop(conn, CLOSE.tooLarge, "The message is too large.");
    }
    if (!(await this.#authorize(conn))) return;
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC) {
      const step = decoding.readVarUint(decoder);
      if (step === syncProtocol.messageYjsSyncStep1) {
        const vector = decoding.readVarUint8Array(decoder);
        conn.socket.send(message(MESSAGE_SYNC, (e) => {
          encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
          encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(this.doc, vector));
        }));
      } else if (
        step === syncProtocol.messageYjsSyncStep2 || step === syncProtocol.messageYjsUpdate
      ) {
        const update = decoding.readVarUint8Array(decoder);
        if (this.#sync.state === "in_review") {
          conn.socket.send(
            message(MESSAGE_AUTH, (e) => authProtocol.writePermissionDenied(e, IN_REVIEW_REASON)),
          );
          return;
        }
        Y.applyUpdate(this.doc, update, conn);
      } else throw new Error(`unknown sync step ${step}`);
    } else if (type === MESSAGE_AWARENESS) {
      const update = guardAwareness(decoding.readVarUint8Array(decoder), conn.user, (id) => {
        const owner = this.#owners.get(id);
        return owner === undefined ? id !== this.doc.clientID : owner === conn;
      });
      if (update) awarenessProtocol.applyAwarenessUpdate(this.awareness, update, conn);
    } else if (type === MESSAGE_QUERY_AWARENESS) {
      conn.socket.send(message(MESSAGE_AWARENESS, (e) =>
        encoding.writeVarUint8Array(
          e,
          awarenessProtocol.encodeAwarenessUpdate(this.awareness, [
            ...this.awareness.getStates().keys(),
          ]),
        )));
    } else if (type !== MESSAGE_AUTH) throw new Error(`unknown message type ${type}`);
  }

  /**
   * Whether `conn` may still edit. The tenant's data version (a cache read) changes with
   * every write in the tenant — a role change, a deactivation, a suspension among them — so
   * the person's rights are read from the database again whenever it changed since the last
   * check, and at least every recheckMs. The connection ends when the sign-in its ticket
   * was bought with expires: a new ticket needs a fresh sign-in (or a silent renewal).
   */
  async #authorize(conn: Connection): Promise<boolean> {
    const expiresAt = conn.principal.expiresAt;
    if (expiresAt !== undefined && Date.now() >= expiresAt) {
      this.#drop(conn, CLOSE.ticketRefused, "The sign-in expired: connect with a new ticket.");
      return false;
    }
    const version = await this.deps.versions.current(this.tenantId);
    const now = Date.now();
    if (
      version !== null && version === conn.checkedVersion &&
      now - conn.checkedAt < this.deps.timing.recheckMs
    ) return true;
    const current = await currentPrincipal(this.deps.db, conn.principal);
    if (conn.closed) return false;
    if (!current) {
      this.#drop(conn, CLOSE.forbidden, "You may no longer edit this draft.");
      return false;
    }
    conn.principal = current;
    conn.user = { ...conn.user, name: current.displayName };
    conn.checkedVersion = version;
    conn.checkedAt = now;
    return true;
  }

  #recheckAll() {
    for (const conn of [...this.#conns.values()]) {
      conn.queue = conn.queue.then(async () => void await this.#authorize(conn)).catch(() => {});
    }
  }

  #drop(conn: Connection, code: number, reason: string) {
    if (conn.closed) return;
    try {
      conn.socket.close(code, reason);
    } catch { /* already closed */ }
    this.leave(conn);
  }

  /** Client ids the connected people wait to see stored: theirs and what they list. */
  #awaited(): number[] {
    const ids = new Set(this.#owners.keys());
    for (const state of this.awareness.getStates().values()) {
      for (const id of (state as PresenceState).pending ?? []) ids.add(id);
    }
    return [...ids];
  }

  #syncStep1(): Uint8Array {
    return message(MESSAGE_SYNC, (e) => syncProtocol.writeSyncStep1(e, this.doc));
  }

  #broadcast(data: Uint8Array, except?: unknown) {
    for (const conn of this.#conns.values()) {
      if (conn === except) continue;
      try {
        conn.socket.send(data);
      } catch {
        this.leave(conn);
      }
    }
  }

  #onUpdate = (update: Uint8Array, origin: unknown) => {
    this.#broadcast(
      message(MESSAGE_SYNC, (e) => syncProtocol.writeUpdate(e, update)),
      origin,
    );
  };

  #afterTransaction = (tr: Y.Transaction) => {
    const server = this.doc.getMap(SERVER_MAP) as unknown as Y.AbstractType<unknown>;
    const changed = [...tr.changed.keys()] as Y.AbstractType<unknown>[];
    const graphChanged = changed.some((t) => t !== server && !isInside(t, server));
    if (tr.origin instanceof Connection) {
      if (changed.includes(server)) queueMicrotask(() => this.#sync.restoreServerState());
      if (graphChanged) this.#sync.changed(tr.origin.principal.userId);
    }
  };

  #onAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    if (origin instanceof Connection) {
      for (const id of added) {
        origin.ids.add(id);
        this.#owners.set(id, origin);
      }
    }
    for (const id of removed) this.#owners.delete(id);
    const changed = [...added, ...updated, ...removed];
    if (!changed.length) return;
    const data = message(MESSAGE_AWARENESS, (e) =>
      encoding.writeVarUint8Array(
        e,
        awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed),
      ));
    this.#broadcast(data, origin);
  };
}

function isInside(type: Y.AbstractType<unknown>, ancestor: Y.AbstractType<unknown>): boolean {
  for (let t = type._item?.parent; t; t = (t as Y.AbstractType<unknown>)._item?.parent) {
    if (t === ancestor) return true;
  }
  return false;
}
