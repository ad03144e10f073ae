// Bodies are read piece by piece: whole and byte-exact, given up at the first byte beyond the
// limit (the rest is never pulled), and with turns of the event loop in between.
import assert from "node:assert/strict";
import { readBody } from "./body.ts";

function chunks(count: number, size: number, pulled = { count: 0 }): ReadableStream<Uint8Array> {
  return new ReadableStream({
    pull(controller) {
      if (pulled.count === count) return controller.close();
      controller.enqueue(new Uint8Array(size).fill(pulled.count % 251));
      pulled.count++;
    },
  });
}

const tooLarge = (n: number) => new RangeError(`too large: ${n}`);

Deno.test("a body is read whole and byte for byte, with or without its announced length", async () => {
  for (const expected of [undefined, 100 * 1000, 10]) {
    const bytes = await readBody(chunks(100, 1000), 1 << 20, tooLarge, expected);
    assert.equal(bytes.length, 100 * 1000);
    for (let i = 0; i < 100; i++) assert.equal(bytes[i * 1000 + 999], i % 251);
  }
  assert.equal((await readBody(null, 10, tooLarge)).length, 0);
});

Deno.test("a body beyond the limit is given up at the first chunk too many; the rest is not read", async () => {
  const pulled = { count: 0 };
  const refused = await readBody(chunks(1_000_000, 1000, pulled), 10_500, tooLarge).catch((e) => e);
  assert.ok(refused instanceof RangeError);
  assert.equal(refused.message, "too large: 11000");
  assert.ok(pulled.count < 20, `pulled ${pulled.count} chunks`);
});

Deno.test("reading a large body lets timers run in between", async () => {
  let ranMeanwhile = false;
  setTimeout(() => ranMeanwhile = true, 0);
  await readBody(chunks(40, 64 * 1024), 8 << 20, tooLarge);
  assert.ok(ranMeanwhile);
});
