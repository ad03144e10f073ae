// In-process cache: the default when no Redis is configured, and the reference for the
// contract tests. It only holds for one process, so counters (rate limits) are per instance.
// No timers: expired entries are dropped when read, and swept now and then during writes,
// so nothing keeps a process alive or trips test sanitizers, and it runs on Workers as is.
import { checkTtl } from "./_shared.ts";
import type { Cache, SetOptions } from "./port.ts";

interface Entry {
  value: string;
  /** The value as a number once INCR checked it (counters skip the check and the parse). */
  counter?: number;
  /** Epoch milliseconds; null means no expiry. */
  expiresAt: number | null;
}

const SWEEP_EVERY_MS = 30_000;

export function createMemoryCache(): Cache {
  const entries = new Map<string, Entry>();
  let lastSweep = Date.now();

  function live(key: string, now: number): Entry | undefined {
    const entry = entries.get(key);
    if (entry && entry.expiresAt !== null && entry.expiresAt <= now) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  }

  function write(key: string, value: string, ttlSeconds: number | undefined, now: number): void {
    if (now - lastSweep >= SWEEP_EVERY_MS) {
      lastSweep = now;
      for (const [k, e] of entries) {
        if (e.expiresAt !== null && e.expiresAt <= now) entries.delete(k);
      }
    }
    entries.set(key, {
      value,
      expiresAt: ttlSeconds === undefined ? null : now + ttlSeconds * 1000,
    });
  }

  const now = {
    get(key: string): string | null {
      const entry = live(key, Date.now());
      if (!entry) return null;
      return entry.counter === undefined ? entry.value : String(entry.counter);
    },
    incr(key: string, ttlSeconds?: number): number {
      checkTtl(ttlSeconds);
      const now = Date.now();
      const entry = live(key, now);
      if (!entry) {
        write(key, "1", ttlSeconds, now);
        return 1;
      }
      // Same rule as Redis INCR: only integer text counts, and an existing TTL is kept.
      const next = (entry.counter ?? Number(entry.value)) + 1;
      if (
        (entry.counter === undefined && !/^-?\d+$/.test(entry.value)) ||
        !Number.isSafeInteger(next)
      ) {
        throw new Error("ERR value is not an integer or out of range");
      }
      entry.counter = next;
      entry.value = "";
      return next;
    },
  };

  return {
    kind: "memory",
    now,

    get: (key) => run(() => now.get(key)),

    set: (key: string, value: string, options: SetOptions = {}) =>
      run(() => {
        checkTtl(options.ttlSeconds);
        const now = Date.now();
        if (options.onlyIfAbsent && live(key, now)) return false;
        write(key, value, options.ttlSeconds, now);
        return true;
      }),

    incr: (key, ttlSeconds) => run(() => now.incr(key, ttlSeconds)),

    expire: (key, ttlSeconds) =>
      run(() => {
        checkTtl(ttlSeconds);
        const now = Date.now();
        const entry = live(key, now);
        if (!entry) return false;
        entry.expiresAt = now + ttlSeconds * 1000;
        return true;
      }),

    ttl: (key) =>
      run(() => {
        const now = Date.now();
        const entry = live(key, now);
        if (!entry || entry.expiresAt === null) return null;
        // Redis rounds the remaining milliseconds to the nearest second.
        return Math.round((entry.expiresAt - now) / 1000);
      }),

    delete: (key) => run(() => live(key, Date.now()) !== undefined && entries.delete(key)),

    deleteByPrefix: (prefix) =>
      run(() => {
        const now = Date.now();
        let count = 0;
        for (const key of [...entries.keys()]) {
          if (key.startsWith(prefix) && live(key, now)) count += entries.delete(key) ? 1 : 0;
        }
        return count;
      }),

    ping: () => Promise.resolve(),

    close: () => run(() => entries.clear()),
  };
}

/** Runs synchronous work so that a thrown error becomes a rejection, as with the other adapters. */
function run<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (err) {
    return Promise.reject(err);
  }
}
