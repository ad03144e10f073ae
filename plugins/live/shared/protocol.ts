// What the live server and its clients agree on beyond the y-protocols messages themselves:
// the message types as y-websocket numbers them, the close codes, the server's map in the
// document, and how a person's colour is chosen. No runtime imports: the browser bundles it.

/** y-websocket's message types (the first varUint of every binary message). */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

/** Why the server closed a connection (4000-4999: the application's own codes). */
export const CLOSE = {
  /**
   * The ticket was missing, unknown, used before, expired or for another draft, or the
   * sign-in it was bought with expired: connect again with a new ticket.
   */
  ticketRefused: 4401,
  /** The person may no longer edit: removed from the tenant, deactivated, role lowered. */
  forbidden: 4403,
  /** The process was deleted. */
  gone: 4404,
  /** A message could not be read (not the y-protocols wire format). */
  badMessage: 4400,
  /** A message above MAX_MESSAGE_BYTES. */
  tooLarge: 1009,
  /** The server is going away (restart, deploy): connect again. */
  goingAway: 1001,
} as const;

/** Close codes after which connecting again with a fresh ticket cannot help. */
export const FINAL_CLOSE_CODES: readonly number[] = [CLOSE.forbidden, CLOSE.gone];

/** The largest message a client may send (an offline client's first sync can be large). */
export const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

/**
 * The server's map in the document ("draft"): the stored draft's version and state, what
 * was saved from whom, and why the last save failed. Only the server writes it; a client's
 * write there is put back.
 */
export const SERVER_MAP = "draft";

export interface ServerState {
  /** The stored draft's version. */
  version: number;
  /** "in_review": submitted for approval, so nobody edits until the request is decided. */
  state: "editing" | "in_review";
  /** When the draft was last stored (ISO). */
  savedAt: string | null;
  /**
   * Per client id (as a string) the clock the stored draft includes, for the ids that changed
   * since the store before and those connected people wait for (PresenceState.pending): a
   * client whose own clock is not above it has nothing unsaved.
   */
  saved: Record<string, number>;
  /** Why the document could not be stored (null: it was). */
  problem: { kind: "invalid" | "unavailable"; detail: string; errors?: unknown[] } | null;
}

/** Reason text of an auth message telling a client its updates are not taken now. */
export const IN_REVIEW_REASON = "draft-in-review";

/** How many presence colours there are (see colourOf). */
export const PRESENCE_COLOURS = 8;

/** A person's presence colour: the same index for the same user everywhere. */
export function colourOf(userId: string): number {
  let h = 2166136261;
  for (let i = 0; i < userId.length; i++) {
    h ^= userId.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) % PRESENCE_COLOURS;
}

/** Who a client is, as the server vouches for it in every awareness state. */
export interface PresenceUser {
  id: string;
  name: string;
  colour: number;
}

/** What a client shares in its awareness state besides `user` (set by the server). */
export interface PresenceState {
  user?: PresenceUser;
  /** The pointer on the canvas in diagram units, or null when it is elsewhere. */
  pointer?: { x: number; y: number } | null;
  /** Ids of the selected lanes, nodes and edges. */
  selection?: string[];
  /**
   * The document client ids whose edits this person has not seen stored yet (this session's
   * and those of a restored local copy): the server's saved map reports them.
   */
  pending?: number[];
}
