// The cache port: the small set of operations Procedo needs from a key-value cache.
// Adapters: memory (default), Redis over TCP, Upstash REST. Keys that hold tenant data
// start with the tenant id (see DESIGN.md); the adapters treat keys as opaque strings.

export interface SetOptions {
  /** Expire the key after this many seconds. */
  ttlSeconds?: number;
  /** Only set when the key does not exist yet (SET NX). */
  onlyIfAbsent?: boolean;
}

export interface Cache {
  readonly kind: "memory" | "redis" | "upstash";
  /** The value stored under `key`, or null when missing or expired. */
  get(key: string): Promise<string | null>;
  /** Stores `value`; returns false only when `onlyIfAbsent` was given and the key existed. */
  set(key: string, value: string, options?: SetOptions): Promise<boolean>;
  /** Atomically increments an integer counter; a new counter starts at 1 and gets `ttlSeconds`. */
  incr(key: string, ttlSeconds?: number): Promise<number>;
  /** Sets a time to live on an existing key; returns false when the key does not exist. */
  expire(key: string, ttlSeconds: number): Promise<boolean>;
  /** Seconds until the key expires; null when the key is missing or has no expiry. */
  ttl(key: string): Promise<number | null>;
  /** Removes one key; returns whether it existed. */
  delete(key: string): Promise<boolean>;
  /** Removes every key starting with `prefix` (used for tenant purge); returns the count. */
  deleteByPrefix(prefix: string): Promise<number>;
  /**
   * GET and INCR answered synchronously, only by a cache that needs no I/O (memory): a read
   * answered from memory then allocates no promise (api/http/remembered_reads.ts). Network
   * caches leave it out.
   */
  readonly now?: {
    get(key: string): string | null;
    incr(key: string, ttlSeconds?: number): number;
  };
  /** Throws when the cache cannot be reached (readiness check). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
