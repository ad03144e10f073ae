// Cloudflare Workers: one Durable Object per draft holds its live room (see
// docs/deploy-workers.md). The Worker's socket route (socket_routes.ts) checks the ticket and
// the person's rights, then hands the upgrade to the object named `<tenantId>:<processId>`
// with the person in a header of a request it builds itself, so nothing a client sends is
// trusted here. The object accepts the socket (without hibernation: the room's document
// lives in memory while anyone is connected) and runs the same LiveRoom as Deno; it reaches
// the database and the cache with the Worker's own settings.
import { createMemoryCache } from "../../api/cache/memory.ts";
import type { Cache } from "../../api/cache/port.ts";
import { createUpstashCache } from "../../api/cache/upstash.ts";
import { loadConfig } from "../../api/config.ts";
import { openDatabase } from "../../api/db/client.ts";
import { createLogger } from "../../api/log.ts";
import { createTenantVersions } from "../../api/tenant_cache/version.ts";
import type { LivePrincipal } from "./access.ts";
import { DEFAULT_ROOM_TIMING } from "./live_server.ts";
import { LiveRooms } from "./rooms.ts";
import { CLOSE } from "./shared/protocol.ts";

/** The header carrying the person from the Worker to the object. */
export const PRINCIPAL_HEADER = "x-procedo-live-principal";

/** What this code needs of a Durable Object namespace binding. */
export interface DurableObjectNamespaceLike {
  idFromName(name: string): unknown;
  get(id: unknown): { fetch(request: Request): Promise<Response & { webSocket?: unknown }> };
}

/** A workerd WebSocket (accept() and events, as in the WebSocketPair). */
interface WorkerSocket {
  accept(): void;
  binaryType?: string;
  send(data: ArrayBuffer | Uint8Array | string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: "message", fn: (e: { data: unknown }) => void): void;
  addEventListener(type: "close" | "error", fn: () => void): void;
}

/**
 * A binary message's bytes, whatever workerd hands over: a Blob (its default for binary
 * messages at recent compatibility dates), an ArrayBuffer or a view. The room reads messages
 * in the order they came, so a Blob's bytes are passed on as a promise.
 */
function bytesOf(data: unknown): Uint8Array | Promise<Uint8Array> {
  if (data instanceof Blob) return data.arrayBuffer().then((b) => new Uint8Array(b));
  if (ArrayBuffer.isView(data)) {
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  }
  return new Uint8Array(data as ArrayBuffer).slice();
}

declare const WebSocketPair: { new (): { 0: WorkerSocket; 1: WorkerSocket } };

/** The Durable Object class bound as LIVE_ROOMS (wrangler.toml). */
export class LiveRoomObject {
  #rooms: LiveRooms;

  constructor(_state: unknown, env: Record<string, unknown>) {
    const vars: Record<string, string> = {};
    for (const [k, v] of Object.entries(env)) if (typeof v === "string") vars[k] = v;
    const config = loadConfig(vars);
    const logger = createLogger(config.logLevel);
    const url = config.database.url;
    if (!url) throw new Error("DATABASE_URL is not set: live rooms need the database");
    const database = openDatabase({
      url,
      driver: config.database.driver,
      poolSize: 2,
      disableEval: true,
    });
    const cache: Cache = config.cache.kind === "upstash"
      ? createUpstashCache(config.cache.url, config.cache.token)
      : createMemoryCache();
    this.#rooms = new LiveRooms({
      db: database.db,
      versions: createTenantVersions(cache, logger),
      logger,
      timing: DEFAULT_ROOM_TIMING,
    });
  }

  async fetch(request: Request): Promise<Response> {
    const [tenantId, processId] = new URL(request.url).pathname.split("/").slice(1);
    const principal = JSON.parse(request.headers.get(PRINCIPAL_HEADER) ?? "null") as
      | LivePrincipal
      | null;
    if (!principal || principal.tenantId !== tenantId) {
      return new Response(null, { status: 400 });
    }
    const pair = new WebSocketPair();
    const client = pair[0], server = pair[1];
    server.accept();
    server.binaryType = "arraybuffer";
    const socket = {
      send: (data: Uint8Array) => server.send(data),
      close: (code: number, reason: string) => server.close(code, reason),
    };
    let joined;
    try {
      joined = await this.#rooms.join(tenantId, processId, socket, principal);
    } catch (e) {
      server.close(CLOSE.gone, "The process does not exist.");
      throw e;
    }
    const { room, conn } = joined;
    server.addEventListener("message", (e) => {
      const data = e.data;
      if (typeof data === "string") socket.close(CLOSE.badMessage, "Binary messages only.");
      else void room.receive(conn, bytesOf(data));
    });
    server.addEventListener("close", () => room.leave(conn));
    server.addEventListener("error", () => room.leave(conn));
    return new Response(null, { status: 101, webSocket: client } as ResponseInit);
  }
}
