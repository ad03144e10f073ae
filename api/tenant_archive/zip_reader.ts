// Reads the entries of a ZIP held in memory through its central directory, and inflates
// one entry at a time in slices with fflate's streaming Inflate, so an entry is never held
// whole: the import hashes every entry first, then reads the tables line by line.
import { Inflate } from "fflate";
import { ArchiveError } from "./manifest.ts";

export interface ZipEntry {
  path: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const SLICE = 64 * 1024;
const decoder = new TextDecoder();

/** The entries listed in the ZIP's central directory, by path. */
export function zipEntries(zip: Uint8Array): Map<string, ZipEntry> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  // The end record is 22 bytes plus a comment of at most 65535.
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ArchiveError("the file is not a ZIP archive");
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const entries = new Map<string, ZipEntry>();
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || view.getUint32(at, true) !== 0x02014b50) {
      throw new ArchiveError("the ZIP archive's directory is damaged");
    }
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const path = decoder.decode(zip.subarray(at + 46, at + 46 + nameLength));
    entries.set(path, {
      path,
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The entry's content, inflated slice by slice. */
export function* entryChunks(zip: Uint8Array, entry: ZipEntry): Generator<Uint8Array> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const local = entry.localOffset;
  if (local + 30 > zip.length || view.getUint32(local, true) !== 0x04034b50) {
    throw new ArchiveError(`${entry.path}: the ZIP archive is damaged`);
  }
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  const end = start + entry.compressedSize;
  if (end > zip.length) throw new ArchiveError(`${entry.path}: the ZIP archive is cut short`);
  if (entry.method === 0) {
    for (let i = start; i < end; i += SLICE) yield zip.subarray(i, Math.min(end, i + SLICE));
    return;
  }
  if (entry.method !== 8) {
    throw new ArchiveError(`${entry.path}: compression method ${entry.method} is not supported`);
  }
  let out: Uint8Array[] = [];
  const inflate = new Inflate((chunk) => out.push(chunk));
  for (let i = start; i < end; i += SLICE) {
    try {
      inflate.push(zip.subarray(i, Math.min(end, i + SLICE)), i + SLICE >= end);
    } catch (e) {
      throw new ArchiveError(`${entry.path}: cannot be inflated (${(e as Error).message})`);
    }
    yield* out;
    out = [];
  }
}

/** The entry's lines (JSON lines), decoded as UTF-8, without their line ends. */
export function* entryLines(zip: Uint8Array, entry: ZipEntry): Generator<string> {
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  let rest = "";
  for (const chunk of entryChunks(zip, entry)) {
    const text = rest + utf8.decode(chunk, { stream: true });
    const lines = text.split("\n");
    rest = lines.pop()!;
    yield* lines;
  }
  rest += utf8.decode();
  if (rest) yield rest;
}

/** The whole entry as text (small files: the manifest, tenant.json). */
export function entryText(zip: Uint8Array, entry: ZipEntry): string {
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  let text = "";
  for (const chunk of entryChunks(zip, entry)) text += utf8.decode(chunk, { stream: true });
  return text + utf8.decode();
}
