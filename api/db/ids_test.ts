import assert from "node:assert/strict";
import { UUID_PATTERN, uuidv7 } from "./ids.ts";

Deno.test("uuidv7: RFC 9562 layout, time first, ordered and unique over many pool refills", () => {
  const now = Date.now();
  const ids = Array.from({ length: 5000 }, () => uuidv7());
  for (const id of ids) {
    assert.match(id, UUID_PATTERN);
    assert.equal(id[14], "7", "version 7");
    assert.ok("89ab".includes(id[19]), "RFC variant");
  }
  const ms = parseInt(ids[0].replace(/-/g, "").slice(0, 12), 16);
  assert.ok(Math.abs(ms - now) < 5000, "48-bit Unix milliseconds first");
  assert.equal(new Set(ids).size, ids.length);
  assert.deepEqual([...ids].sort(), ids, "monotonic within the isolate");
  // The random part differs between ids made in the same millisecond.
  const tails = new Set(ids.map((id) => id.slice(24)));
  assert.ok(tails.size > 4990);
});
