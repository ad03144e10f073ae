// Tickets: browsers cannot set headers on a WebSocket, so the person asks for a ticket with
// their bearer token (POST /api/v1/live/tickets) and opens the socket with it in the URL. A
// ticket is a random secret in the cache port, under the tenant's prefix, valid for
// TICKET_TTL_SECONDS and good for one connection: redeeming deletes it, and only the
// request whose delete removed it may use it (two racing redemptions: one wins).
import type { Cache } from "../../api/cache/port.ts";
import type { LivePrincipal } from "./access.ts";

export const TICKET_TTL_SECONDS = 30;

export interface Ticket extends LivePrincipal {
  processId: string;
}

const keyOf = (tenantId: string, secret: string) => `${tenantId}:live:ticket:${secret}`;
const SECRET = /^[A-Za-z0-9_-]{43}$/;

function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** Stores a ticket for `ticket` and returns its secret. */
export async function issueTicket(cache: Cache, ticket: Ticket): Promise<string> {
  const secret = randomSecret();
  await cache.set(keyOf(ticket.tenantId, secret), JSON.stringify(ticket), {
    ttlSeconds: TICKET_TTL_SECONDS,
  });
  return secret;
}

/**
 * The ticket `secret` of tenant `tenantId` for process `processId`, used up now; null when
 * unknown, expired, used before, or issued for another tenant or process.
 */
export async function redeemTicket(
  cache: Cache,
  tenantId: string,
  processId: string,
  secret: string | undefined,
): Promise<Ticket | null> {
  if (!secret || !SECRET.test(secret)) return null;
  const key = keyOf(tenantId, secret);
  const raw = await cache.get(key);
  if (!raw || !(await cache.delete(key))) return null;
  let ticket: Ticket;
  try {
    ticket = JSON.parse(raw);
  } catch {
    return null;
  }
  return ticket.tenantId === tenantId && ticket.processId === processId ? ticket : null;
}
