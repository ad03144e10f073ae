// A bounded map for what an instance remembers: least recently used entries go first when
// the count or the byte budget is exceeded, and no entry outlives its maximum age (the
// safety net for a change that could not be announced through the tenant's version).
//
// "Recently used" is kept to the second: a read moves its entry to the young end of the map
// at most once per REFRESH_MS. Moving it on every read (delete, then set) made V8 shrink and
// grow a small map's table, allocating anew, on every remembered answer.

interface Entry<V> {
  value: V;
  bytes: number;
  until: number;
  /** When the entry was last moved to the young end. */
  used: number;
}

/** How often a read entry is moved to the young end at most. */
export const REFRESH_MS = 1000;

export class Lru<V> {
  #entries = new Map<string, Entry<V>>();
  #bytes = 0;

  constructor(
    readonly maxEntries: number,
    readonly maxAgeMs: number,
    readonly maxBytes = Number.POSITIVE_INFINITY,
  ) {}

  get size() {
    return this.#entries.size;
  }

  get bytes() {
    return this.#bytes;
  }

  get(key: string, now = Date.now()): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= now) {
      this.#entries.delete(key);
      this.#bytes -= entry.bytes;
      return undefined;
    }
    if (now - entry.used >= REFRESH_MS) {
      // Now the most recently used.
      entry.used = now;
      this.#entries.delete(key);
      this.#entries.set(key, entry);
    }
    return entry.value;
  }

  set(key: string, value: V, bytes = 0, now = Date.now()) {
    if (bytes > this.maxBytes) return;
    this.delete(key);
    this.#entries.set(key, { value, bytes, until: now + this.maxAgeMs, used: now });
    this.#bytes += bytes;
    for (const [oldest, entry] of this.#entries) {
      if (this.#entries.size <= this.maxEntries && this.#bytes <= this.maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= entry.bytes;
    }
  }

  delete(key: string) {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }
}
