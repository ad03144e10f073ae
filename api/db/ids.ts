// UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then random bits. Time-ordered ids keep
// InnoDB primary keys append-mostly and still reveal nothing beyond creation time.

let lastMs = 0;
let lastSeq = 0;

// Random bytes are drawn 4 KiB at a time (one call into the runtime per 256 ids, not per id);
// each id takes 16 bytes of the pool once and writes its own bits over them.
const POOL = new Uint8Array(4096);
let poolAt = POOL.length;

/** A new UUIDv7 string, monotonic within this isolate. */
export function uuidv7(now: number = Date.now()): string {
  if (poolAt + 16 > POOL.length) {
    crypto.getRandomValues(POOL);
    poolAt = 0;
  }
  const o = poolAt;
  poolAt += 16;
  const b = POOL;
  // 12-bit sequence in rand_a keeps ids created in the same millisecond ordered.
  if (now <= lastMs) {
    now = lastMs;
    lastSeq = (lastSeq + 1) & 0xfff;
    if (lastSeq === 0) now = ++lastMs;
  } else {
    lastSeq = (b[o + 6] & 0x07) << 8 | b[o + 7];
  }
  lastMs = now;
  return HEX[(now / 2 ** 40) & 0xff] + HEX[(now / 2 ** 32) & 0xff] + HEX[(now >>> 24) & 0xff] +
    HEX[(now >>> 16) & 0xff] + "-" + HEX[(now >>> 8) & 0xff] + HEX[now & 0xff] + "-" +
    HEX[0x70 | ((lastSeq >>> 8) & 0x0f)] + HEX[lastSeq & 0xff] + "-" +
    HEX[0x80 | (b[o + 8] & 0x3f)] + HEX[b[o + 9]] + "-" + HEX[b[o + 10]] + HEX[b[o + 11]] +
    HEX[b[o + 12]] + HEX[b[o + 13]] + HEX[b[o + 14]] + HEX[b[o + 15]];
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
