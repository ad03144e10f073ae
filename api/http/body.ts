// Reading a whole request or response body, piece by piece. `Request.arrayBuffer()` on
// Deno.serve reads a body in one operation that keeps the event loop for itself until the
// last byte: a 5 MB upload held every other request of the instance for up to 100 ms on a
// 2-core machine. Read chunk by chunk, other requests run between the chunks, and a body
// larger than allowed is given up at the first byte too many (not after all of it arrived).

/** How much is read between two turns of the event loop. */
const YIELD_BYTES = 512 * 1024;

/**
 * The bytes of `body`, at most `maxBytes` of them; beyond that the rest is not read, and the
 * error of `tooLarge(bytesSoFar)` is thrown. `expectedBytes` (a Content-Length) sizes the buffer.
 */
export async function readBody(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  tooLarge: (bytes: number) => Error,
  expectedBytes?: number,
): Promise<Uint8Array<ArrayBuffer>> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const sized = expectedBytes !== undefined && Number.isSafeInteger(expectedBytes) &&
    expectedBytes >= 0 && expectedBytes <= maxBytes;
  let bytes = new Uint8Array(sized ? expectedBytes : Math.min(maxBytes, 64 * 1024));
  let size = 0;
  let yielded = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (size + value.byteLength > maxBytes) {
        throw tooLarge(size + value.byteLength);
      }
      if (size + value.byteLength > bytes.length) {
        // A body longer than announced, or of unknown length: grow by doubling.
        const grown = new Uint8Array(
          Math.min(maxBytes, Math.max(bytes.length * 2, size + value.byteLength)),
        );
        grown.set(bytes.subarray(0, size));
        bytes = grown;
      }
      bytes.set(value, size);
      size += value.byteLength;
      // Chunks already received resolve at once, one after the other: every YIELD_BYTES, let
      // the event loop run (timers, other requests) before reading on.
      if (size - yielded >= YIELD_BYTES) {
        yielded = size;
        await new Promise((next) => setTimeout(next, 0));
      }
    }
  } catch (e) {
    await reader.cancel().catch(() => {});
    throw e;
  } finally {
    reader.releaseLock();
  }
  return size === bytes.length ? bytes : bytes.slice(0, size);
}
