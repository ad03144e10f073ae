// What the cache adapters share. No imports: the Upstash adapter uses this on Workers,
// which must never bundle the ioredis adapter.

// INCR and the first EXPIRE must be one step, or a crash in between leaves a counter that
// never expires (a rate limit that never resets).
export const INCR_WITH_TTL = `
local n = redis.call('INCR', KEYS[1])
if n == 1 and ARGV[1] then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return n`;

/** Escapes the characters SCAN MATCH treats as glob syntax, so a prefix matches literally. */
export function globEscape(s: string): string {
  return s.replace(/[*?[\]\\]/g, "\\$&");
}

/** Redis accepts only whole, positive seconds; every adapter rejects the same inputs. */
export function checkTtl(ttlSeconds: number | undefined): void {
  if (ttlSeconds !== undefined && !(Number.isSafeInteger(ttlSeconds) && ttlSeconds > 0)) {
    throw new RangeError(`ttlSeconds must be a positive whole number (got ${ttlSeconds})`);
  }
}
