// POST /api/v1/live/tickets: a WebSocket URL holding a short-lived, single-use ticket for the
// live room of one draft. Only people who may edit drafts get one (modelers, executives:
// the core refuses others with 403 role-required, API keys and applications with 403
// user-required); another tenant's process answers 404 like a missing one.
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { decodeJwt } from "jose";
import { bearerValue } from "../../api/auth/credentials.ts";
import type { Config } from "../../api/config.ts";
import type { AppEnv } from "../../api/env.ts";
import { json } from "../../api/http/content.ts";
import type { PluginDeps } from "../../api/plugin.ts";
import { ProblemError, problemResponses } from "../../api/problem.ts";
import { getDraft } from "../processes/service.ts";
import { issueTicket, TICKET_TTL_SECONDS } from "./tickets.ts";
import { liveTransport, liveUnavailable } from "./socket_routes.ts";

/** A sign-in with less time left than this buys no ticket. */
const MIN_SIGN_IN_LEFT_MS = 5_000;

const TicketRequest = z.strictObject({
  processId: z.string().uuid({ error: "must be a process id (UUID)" }),
}).openapi("LiveTicketRequest");

const TicketSchema = z.object({
  url: z.string().openapi({
    description: `The WebSocket URL to open, holding a ticket valid for ${TICKET_TTL_SECONDS} s ` +
      "and one connection. The socket speaks the y-protocols sync and awareness messages " +
      "as y-websocket does.",
    example: "wss://procedo.example.com/api/v1/live/ws/…/…?ticket=…",
  }),
}).openapi("LiveTicket");

const ticketRoute = createRoute({
  method: "post",
  path: "/tickets",
  operationId: "createLiveTicket",
  summary: "A ticket to co-edit a draft live over a WebSocket",
  description: "Browsers cannot send an Authorization header when opening a WebSocket, so " +
    "the URL carries a short-lived ticket instead. The connection lives while its person " +
    "may edit drafts of the tenant; a draft in review is shown read-only.",
  "x-permission": "live.edit",
  request: { body: { required: true, content: json(TicketRequest) } },
  responses: {
    200: { description: "The WebSocket URL", content: json(TicketSchema) },
    ...problemResponses(400, 401, 403, 404, 415, 422, 501),
  },
});

export function registerTicketRoutes(app: OpenAPIHono<AppEnv>, deps: PluginDeps) {
  app.openapi(ticketRoute, async (c) => {
    // A server that cannot hold rooms says so before anyone opens a socket in vain.
    if (liveTransport(c).kind === "none") throw liveUnavailable();
    const { processId } = c.req.valid("json");
    await getDraft(c.var.scope, processId); // 404 for unknown and other tenants' processes
    const p = c.var.principal!;
    const expiresAt = signInExpiry(c);
    // The API accepts a token a little past its expiry (clock skew); a connection bought with
    // one would end at once, over and over: the client renews its sign-in first.
    if (expiresAt !== undefined && expiresAt - Date.now() < MIN_SIGN_IN_LEFT_MS) {
      throw new ProblemError(
        401,
        "invalid-token",
        "Your sign-in expires now: renew it, then ask for a ticket again.",
        {},
        { "WWW-Authenticate": 'Bearer realm="procedo", error="invalid_token"' },
      );
    }
    const ticket = await issueTicket(deps.cache, {
      tenantId: p.tenantId,
      userId: p.userId,
      displayName: p.displayName,
      role: p.role,
      processId,
      expiresAt,
    });
    const url = new URL(`/api/v1/live/ws/${p.tenantId}/${processId}`, origin(c, deps.config));
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    url.searchParams.set("ticket", ticket);
    return c.json({ url: url.href }, 200);
  });
}

/** Where the browser reached us: PUBLIC_URL, else the request (behind a proxy, its scheme). */
function origin(c: Context<AppEnv>, config: Config): string {
  if (config.publicUrl) return config.publicUrl;
  const url = new URL(c.req.url);
  if (config.http.trustProxy) {
    const proto = c.req.header("x-forwarded-proto");
    if (proto === "https" || proto === "http") url.protocol = `${proto}:`;
    const host = c.req.header("x-forwarded-host");
    if (host && /^[A-Za-z0-9.:[\]-]+$/.test(host)) url.host = host;
  }
  return url.origin;
}

/** When the caller's access token (verified by the core already) expires, in ms. */
function signInExpiry(c: Context<AppEnv>): number | undefined {
  const token = bearerValue(c.req.header("authorization"));
  if (!token) return undefined;
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === "number" ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
