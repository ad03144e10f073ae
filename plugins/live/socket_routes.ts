// GET /api/v1/live/ws/{tenantId}/{processId}?ticket=…: the WebSocket of a draft's live room.
// It authenticates itself (a raw route, outside the authenticated sub-app): the ticket must
// be valid, unused, issued for this tenant and process, and its person must still be
// allowed to edit; otherwise the upgrade is refused with a problem document (401 ticket,
// 403 rights, 404 process) and no socket opens. On Deno the room lives in this process
// (Deno.upgradeWebSocket); on Cloudflare Workers the request goes to the draft's Durable
// Object (binding LIVE_ROOMS), which holds the room.
import type { Context, Hono } from "hono";
import type { AppEnv } from "../../api/env.ts";
import { ProblemError } from "../../api/problem.ts";
import type { PluginDeps } from "../../api/plugin.ts";
import { currentPrincipal, type LivePrincipal } from "./access.ts";
import { type DurableObjectNamespaceLike, PRINCIPAL_HEADER } from "./durable_object.ts";
import type { LiveRooms } from "./rooms.ts";
import { CLOSE } from "./shared/protocol.ts";
import { redeemTicket } from "./tickets.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function registerSocketRoutes(app: Hono<AppEnv>, deps: PluginDeps, rooms: () => LiveRooms) {
  app.get("/ws/:tenantId/:processId", async (c) => {
    const { tenantId, processId } = c.req.param();
    if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
      throw new ProblemError(426, "websocket-required", "Open this URL as a WebSocket.", {}, {
        Upgrade: "websocket",
      });
    }
    if (!UUID.test(tenantId) || !UUID.test(processId)) throw ticketRefused();
    const ticket = await redeemTicket(deps.cache, tenantId, processId, c.req.query("ticket"));
    if (!ticket) throw ticketRefused();
    const principal = await currentPrincipal(deps.db, ticket);
    if (!principal) {
      throw new ProblemError(403, "live-forbidden", "You may not edit this draft.");
    }
    const transport = liveTransport(c);
    if (transport.kind === "durable-object") {
      return await toDurableObject(transport.binding, tenantId, processId, principal);
    }
    if (transport.kind === "none") throw liveUnavailable();
    return await upgradeHere(c, transport.deno, rooms(), tenantId, processId, principal);
  });
}

const ticketRefused = () =>
  new ProblemError(
    401,
    "ticket-refused",
    "The ticket is missing, expired, already used or for another draft: ask POST /api/v1/live/tickets for a new one.",
  );

interface DenoUpgrade {
  upgradeWebSocket(req: Request): { socket: WebSocket; response: Response };
}

/** Where this server keeps its rooms: a Durable Object binding, this Deno process, nowhere. */
export function liveTransport(
  c: Context<AppEnv>,
):
  | { kind: "durable-object"; binding: DurableObjectNamespaceLike }
  | { kind: "deno"; deno: DenoUpgrade }
  | { kind: "none" } {
  const binding = (c.env as { LIVE_ROOMS?: DurableObjectNamespaceLike } | undefined)?.LIVE_ROOMS;
  if (binding) return { kind: "durable-object", binding };
  const deno = (globalThis as { Deno?: DenoUpgrade }).Deno;
  return deno?.upgradeWebSocket ? { kind: "deno", deno } : { kind: "none" };
}

export const liveUnavailable = () =>
  new ProblemError(
    501,
    "live-unavailable",
    "Live editing needs WebSockets: on Cloudflare Workers bind the LIVE_ROOMS Durable Object (docs/deploy-workers.md).",
  );

/** Deno: the socket and the room live in this process. */
async function upgradeHere(
  c: Context<AppEnv>,
  runtime: DenoUpgrade,
  rooms: LiveRooms,
  tenantId: string,
  processId: string,
  principal: LivePrincipal,
): Promise<Response> {
  // The room is joined first, so that a missing process is a 404 before any socket exists;
  // what it sends meanwhile waits for the socket to open.
  const pending: Uint8Array[] = [];
  const link: { ws?: WebSocket; closed?: [number, string] } = {};
  const socket = {
    send(data: Uint8Array) {
      const ws = link.ws;
      if (ws?.readyState === WebSocket.OPEN) ws.send(data as Uint8Array<ArrayBuffer>);
      else if (!ws || ws.readyState === WebSocket.CONNECTING) pending.push(data);
    },
    close(code: number, reason: string) {
      const ws = link.ws;
      if (ws?.readyState === WebSocket.OPEN) ws.close(code, reason);
      else link.closed = [code, reason];
    },
  };
  const { room, conn } = await rooms.join(tenantId, processId, socket, principal);
  let upgraded;
  try {
    upgraded = runtime.upgradeWebSocket(c.req.raw);
  } catch (e) {
    room.leave(conn);
    throw e;
  }
  const ws = link.ws = upgraded.socket;
  ws.binaryType = "arraybuffer";
  ws.onopen = () => {
    if (link.closed) return ws.close(...link.closed);
    for (const data of pending.splice(0)) ws.send(data as Uint8Array<ArrayBuffer>);
  };
  ws.onmessage = (e) => {
    if (e.data instanceof ArrayBuffer) void room.receive(conn, new Uint8Array(e.data));
    else socket.close(CLOSE.badMessage, "Binary messages only.");
  };
  ws.onclose = () => room.leave(conn);
  ws.onerror = () => room.leave(conn);
  return upgraded.response;
}

/** Workers: the draft's Durable Object holds the room; the person travels in a header. */
async function toDurableObject(
  binding: DurableObjectNamespaceLike,
  tenantId: string,
  processId: string,
  principal: LivePrincipal,
): Promise<Response> {
  const stub = binding.get(binding.idFromName(`${tenantId}:${processId}`));
  // A new request: nothing the client sent reaches the object but the upgrade itself.
  const res = await stub.fetch(
    new Request(`https://live.internal/${tenantId}/${processId}`, {
      headers: {
        Upgrade: "websocket",
        [PRINCIPAL_HEADER]: JSON.stringify(principal),
      },
    }),
  );
  if (res.status !== 101) {
    return new Response(res.body, { status: res.status, headers: res.headers });
  }
  // The stub's response headers are immutable; the app's middleware adds its own.
  return new Response(null, { status: 101, webSocket: res.webSocket } as ResponseInit);
}
