// Awareness updates pass through the server, which vouches for who is who: each state's
// `user` is replaced by the person the ticket was issued to (nobody can appear under another
// name), only the pointer and the selection are kept (bounded), and a client may only
// speak for the awareness ids it introduced itself, never remove or change someone else's.
// Besides the pointer and selection, a state may name the client ids whose edits the person
// waits to see stored (pending), so the server reports their clocks when it stores.
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { PresenceState, PresenceUser } from "./shared/protocol.ts";

const MAX_SELECTION = 2_000;
const MAX_ENTRIES = 16;
const MAX_PENDING = 64;

/**
 * The update as the server passes it on, or null when nothing in it may pass. `mayUse` says
 * whether the connection may speak for an awareness id (its own, or one nobody has).
 */
export function guardAwareness(
  update: Uint8Array,
  user: PresenceUser,
  mayUse: (clientId: number) => boolean,
): Uint8Array | null {
  const decoder = decoding.createDecoder(update);
  const encoder = encoding.createEncoder();
  const count = decoding.readVarUint(decoder);
  const kept: [number, number, string][] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const raw = decoding.readVarString(decoder);
    if (i >= MAX_ENTRIES || !mayUse(clientId)) continue;
    let state: unknown;
    try {
      state = JSON.parse(raw);
    } catch {
      continue;
    }
    kept.push([clientId, clock, JSON.stringify(state === null ? null : vouch(state, user))]);
  }
  if (!kept.length) return null;
  encoding.writeVarUint(encoder, kept.length);
  for (const [clientId, clock, state] of kept) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, state);
  }
  return encoding.toUint8Array(encoder);
}

/** The state as the server lets it through: the person's identity, pointer, selection. */
export function vouch(state: unknown, user: PresenceUser): PresenceState {
  const s = (state && typeof state === "object" ? state : {}) as Record<string, unknown>;
  const out: PresenceState = { user };
  const p = s.pointer as { x?: unknown; y?: unknown } | null | undefined;
  if (p && Number.isFinite(p.x) && Number.isFinite(p.y)) {
    out.pointer = { x: p.x as number, y: p.y as number };
  } else out.pointer = null;
  if (Array.isArray(s.selection)) {
    out.selection = s.selection.filter((id): id is string =>
      typeof id === "string" && id.length <= 64
    ).slice(0, MAX_SELECTION);
  } else out.selection = [];
  // The client ids whose edits the person waits to see stored (see ServerState.saved).
  if (Array.isArray(s.pending)) {
    out.pending = s.pending.filter((id): id is number => Number.isSafeInteger(id) && id >= 0)
      .slice(0, MAX_PENDING);
  }
  return out;
}
