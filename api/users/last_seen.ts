// "Last seen" of a user: written when someone signs in or comes back, at most once per
// LAST_SEEN_INTERVAL_MS per user and instance (remembered in memory, so the request path
// costs no database write and no cache round trip in between). The write touches only
// last_seen_at: not the row's version (an executive's If-Match stays valid) and not the
// tenant's data version (no remembered answer or identity goes stale because someone looked).
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { users } from "../../schema/core.ts";
import { Lru } from "../tenant_cache/lru.ts";

/** "Last seen" is exact to within this much. */
export const LAST_SEEN_INTERVAL_MS = 5 * 60_000;
const MAX_USERS = 100_000;

export interface LastSeenOptions {
  intervalMs?: number;
  now?: () => number;
}

export class LastSeen {
  readonly #interval: number;
  readonly #now: () => number;
  readonly #written: Lru<number>;
  /** Writes done (for tests and metrics). */
  writes = 0;

  constructor(opts: LastSeenOptions = {}) {
    this.#interval = opts.intervalMs ?? LAST_SEEN_INTERVAL_MS;
    this.#now = opts.now ?? Date.now;
    this.#written = new Lru<number>(MAX_USERS, this.#interval);
  }

  /**
   * Notes that the user was seen now; writes it when this instance has not written it within
   * the interval and the row read does not say so either. Never throws: a failed write only
   * leaves "last seen" older.
   */
  async seen(
    db: Db,
    user: { tenantId: string; id: string; lastSeenAt: Date | null },
  ): Promise<void> {
    const key = `${user.tenantId}:${user.id}`;
    const now = this.#now();
    const mine = this.#written.get(key, now);
    if (mine !== undefined && now - mine < this.#interval) return;
    const stored = user.lastSeenAt?.getTime();
    this.#written.set(key, now, 0, now);
    if (stored !== undefined && now - stored < this.#interval && stored <= now) return;
    try {
      this.writes++;
      await db.update(users).set({ lastSeenAt: new Date(now) })
        .where(and(eq(users.tenantId, user.tenantId), eq(users.id, user.id)));
    } catch {
      this.#written.delete(key); // try again on the next request
    }
  }
}
