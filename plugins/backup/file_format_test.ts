// The encrypted file format on its own: many segments round-trip; reordered, cut-off or
// moved files and a wrong key do not decrypt; plain files stay plain gzip.
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { readRows, RowFileWriter, type Sealing, UnreadableFileError } from "./file_format.ts";
import { tempDir } from "./test_support.ts";

const dir = await tempDir("procedo-backup-format-");
const key = () =>
  crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
const sealing: Sealing = { key: await key(), label: "processes/tenant-a" };

// Random text does not compress: 3,000 rows of it make several 64 KiB segments.
const rows = Array.from({ length: 3000 }, (_, i) => [
  i,
  crypto.randomUUID() + crypto.randomUUID(),
  i % 7 ? null : new Uint8Array([0, 255, i % 256]),
  "Ünïcödé → ✓",
]);

async function collect(path: string, s?: Sealing) {
  const out: unknown[][] = [];
  for await (const row of readRows(path, s)) out.push(row);
  return out;
}

const SEGMENT_HEADER = 17;
/** Offsets of the segments of an encrypted file. */
function segments(bytes: Uint8Array): { at: number; end: number }[] {
  const out = [];
  let at = 6;
  while (at < bytes.length) {
    const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(at + 1);
    out.push({ at, end: at + SEGMENT_HEADER + length });
    at += SEGMENT_HEADER + length;
  }
  return out;
}

Deno.test("an encrypted file of many segments reads back every row", async () => {
  const path = join(dir, "many.jsonl.gz.enc");
  const writer = await RowFileWriter.create(path, sealing);
  for (const r of rows) await writer.row(r);
  const written = await writer.finish();
  assert.equal(written.rows, rows.length);
  const bytes = await readFile(path);
  assert.equal(written.bytes, bytes.length);
  assert.ok(segments(bytes).length >= 3, "several segments");
  assert.deepEqual(await collect(path, sealing), rows);
});

Deno.test("reordered, cut-off or moved segments and a wrong key are refused", async () => {
  const path = join(dir, "tamper.jsonl.gz.enc");
  const writer = await RowFileWriter.create(path, sealing);
  for (const r of rows) await writer.row(r);
  await writer.finish();
  const bytes = new Uint8Array(await readFile(path));
  const segs = segments(bytes);
  const refused = async (content: Uint8Array, s: Sealing, why: RegExp) => {
    const p = join(dir, `t-${crypto.randomUUID()}`);
    await writeFile(p, content);
    await assert.rejects(
      collect(p, s),
      (e) => e instanceof UnreadableFileError && why.test(e.message),
    );
  };
  // The first two segments swapped.
  const [a, b] = segs;
  const swapped = new Uint8Array([
    ...bytes.subarray(0, a.at),
    ...bytes.subarray(b.at, b.end),
    ...bytes.subarray(a.at, a.end),
    ...bytes.subarray(b.end),
  ]);
  await refused(swapped, sealing, /does not decrypt/);
  // The last segment dropped: the file ends without its last segment.
  await refused(bytes.subarray(0, segs.at(-1)!.at), sealing, /cut off/);
  // The same bytes under another tenant's name, or with another key.
  await refused(bytes, { ...sealing, label: "processes/tenant-b" }, /does not decrypt/);
  await refused(bytes, { ...sealing, key: await key() }, /does not decrypt/);
});

Deno.test("a plain file is gzip-compressed JSON lines", async () => {
  const path = join(dir, "plain.jsonl.gz");
  const writer = await RowFileWriter.create(path);
  await writer.row(["a", 1, null]);
  await writer.row(["b", 2, new Uint8Array([1])]);
  await writer.finish();
  const text = gunzipSync(await readFile(path)).toString();
  assert.equal(text, '["a",1,null]\n["b",2,{"$b":"AQ=="}]\n');
  assert.deepEqual(await collect(path), [["a", 1, null], ["b", 2, new Uint8Array([1])]]);
});
