// The open rooms of one server process (Deno): one per draft somebody is connected to. A
// room whose last person left stays open for GRACE_MS (a reload or a dropped connection
// comes straight back), then stores what is pending and closes. A room still closing is
// waited for before the draft's next room opens, so that one never reads an older document.
import type { LivePrincipal } from "./access.ts";
import { type Connection, LiveRoom, type LiveSocket, type RoomDeps } from "./room.ts";

const GRACE_MS = 5_000;

export class LiveRooms {
  readonly #open = new Map<string, Promise<LiveRoom>>();
  readonly #closing = new Map<string, Promise<void>>();
  readonly #idle = new Map<LiveRoom, ReturnType<typeof setTimeout>>();

  constructor(private readonly deps: RoomDeps, private readonly graceMs = GRACE_MS) {}

  /** How many rooms are open (for the bench and tests). */
  get size(): number {
    return this.#open.size;
  }

  /** The rooms open now. */
  async rooms(): Promise<LiveRoom[]> {
    return await Promise.all(this.#open.values());
  }

  /**
   * Connects `socket` to the room of the draft, opening it when needed (404 ProblemError
   * when the process does not exist).
   */
  async join(
    tenantId: string,
    processId: string,
    socket: LiveSocket,
    principal: LivePrincipal,
  ): Promise<{ room: LiveRoom; conn: Connection }> {
    const key = `${tenantId}:${processId}`;
    for (;;) {
      await this.#closing.get(key);
      let opening = this.#open.get(key);
      if (!opening) {
        opening = LiveRoom.open(this.deps, tenantId, processId, (r) => this.#empty(key, r));
        this.#open.set(key, opening);
        opening.catch(() => this.#open.delete(key));
      }
      const room = await opening;
      if (room.closed) continue;
      clearTimeout(this.#idle.get(room));
      this.#idle.delete(room);
      return { room, conn: room.join(socket, principal) };
    }
  }

  /** Stores every room's pending changes and closes them all (the server stops). */
  async closeAll(): Promise<void> {
    const rooms = await Promise.allSettled([...this.#open.values()]);
    this.#open.clear();
    for (const timer of this.#idle.values()) clearTimeout(timer);
    this.#idle.clear();
    await Promise.allSettled(
      rooms.flatMap((r) => r.status === "fulfilled" ? [r.value.close()] : []),
    );
  }

  #empty(key: string, room: LiveRoom) {
    clearTimeout(this.#idle.get(room));
    this.#idle.set(
      room,
      setTimeout(() => {
        this.#idle.delete(room);
        if (room.size || room.closed) return;
        this.#open.delete(key);
        const closing = room.close().catch((e) => {
          this.deps.logger.error("live room did not close cleanly", {
            tenantId: room.tenantId,
            processId: room.processId,
            error: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
          });
        }).finally(() => {
          if (this.#closing.get(key) === closing) this.#closing.delete(key);
        });
        this.#closing.set(key, closing);
      }, this.graceMs),
    );
  }
}
