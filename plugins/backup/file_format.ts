// The files of a backup: gzip-compressed JSON lines, one array of column values per row.
// A tenant's file is then encrypted with AES-256-GCM under that tenant's data key in
// segments of 64 KiB, so neither writing nor reading holds more than one segment:
//   "PRBK1\n", then per segment: flag (1 = last) · length (u32 BE) · IV (12) · ciphertext
// Each segment's additional data names the file, its index and the flag, so segments cannot
// be reordered, dropped, cut off at the end or moved into another tenant's file.
import { createHash } from "node:crypto";
import { open } from "node:fs/promises";

const MAGIC = new TextEncoder().encode("PRBK1\n");
const SEGMENT = 64 * 1024;
const HEADER = 1 + 4 + 12;

export interface Written {
  rows: number;
  bytes: number;
  sha256: string;
}

/** Whether a file is encrypted, and under which key and name. */
export interface Sealing {
  key: CryptoKey;
  /** Bound into every segment: "<table>/<tenant id>". */
  label: string;
}

/** Writes rows to `path` (which must not exist) as gzip JSONL, encrypted when `sealing` is given. */
export class RowFileWriter {
  #rows = 0;
  #pending: string[] = [];
  #pendingChars = 0;
  readonly #input: WritableStreamDefaultWriter<BufferSource>;
  readonly #done: Promise<{ bytes: number; sha256: string }>;

  private constructor(gzip: CompressionStream, done: Promise<{ bytes: number; sha256: string }>) {
    this.#input = gzip.writable.getWriter();
    this.#done = done;
    // A failed sink fails the next write or finish(); never an unhandled rejection.
    done.catch(() => {});
  }

  static async create(path: string, sealing?: Sealing): Promise<RowFileWriter> {
    const file = await open(path, "wx", 0o600);
    const gzip = new CompressionStream("gzip");
    const hash = createHash("sha256");
    let bytes = 0;
    const put = async (chunk: Uint8Array) => {
      hash.update(chunk);
      bytes += chunk.length;
      await file.write(chunk);
    };
    const done = (async () => {
      try {
        const sink = sealing ? encryptingSink(put, sealing) : { write: put, end: async () => {} };
        if (sealing) await put(MAGIC);
        for await (const chunk of gzip.readable) await sink.write(chunk);
        await sink.end();
        return { bytes, sha256: hash.digest("hex") };
      } finally {
        await file.close();
      }
    })();
    return new RowFileWriter(gzip, done);
  }

  /** Adds one row (its values in column order). */
  async row(values: unknown[]): Promise<void> {
    const line = JSON.stringify(values.map(encodeValue)) + "\n";
    this.#pending.push(line);
    this.#pendingChars += line.length;
    this.#rows++;
    if (this.#pendingChars >= SEGMENT) await this.#flush();
  }

  async finish(): Promise<Written> {
    await this.#flush();
    await this.#input.close();
    return { rows: this.#rows, ...await this.#done };
  }

  async #flush() {
    if (!this.#pending.length) return;
    const text = this.#pending.join("");
    this.#pending = [];
    this.#pendingChars = 0;
    await this.#input.ready;
    await this.#input.write(new TextEncoder().encode(text));
  }
}

function encryptingSink(put: (chunk: Uint8Array) => Promise<void>, sealing: Sealing) {
  let buffer: Uint8Array = new Uint8Array(0);
  let index = 0;
  const emit = async (plain: Uint8Array, last: boolean) => {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const cipher = new Uint8Array(
      await crypto.subtle.encrypt(
        { name: "AES-GCM", iv, additionalData: segmentLabel(sealing.label, index++, last) },
        sealing.key,
        plain as Uint8Array<ArrayBuffer>,
      ),
    );
    const head = new Uint8Array(HEADER);
    head[0] = last ? 1 : 0;
    new DataView(head.buffer).setUint32(1, cipher.length);
    head.set(iv, 5);
    await put(head);
    await put(cipher);
  };
  return {
    async write(chunk: Uint8Array) {
      buffer = concat(buffer, chunk);
      while (buffer.length > SEGMENT) {
        await emit(buffer.subarray(0, SEGMENT), false);
        buffer = buffer.slice(SEGMENT);
      }
    },
    end: () => emit(buffer, true),
  };
}

/** The lines of a file written by RowFileWriter, each parsed back into its values. */
export async function* readRows(path: string, sealing?: Sealing): AsyncGenerator<unknown[]> {
  const gunzip = new DecompressionStream("gzip");
  const writer = gunzip.writable.getWriter();
  const feeding = (async () => {
    try {
      for await (const chunk of sealing ? decryptedChunks(path, sealing) : plainChunks(path)) {
        await writer.ready;
        await writer.write(chunk as Uint8Array<ArrayBuffer>);
      }
      await writer.close();
    } catch (e) {
      await writer.abort(e).catch(() => {});
      throw e;
    }
  })();
  let rest = "";
  let complete = false;
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    for await (const chunk of gunzip.readable) {
      const lines = (rest + decoder.decode(chunk, { stream: true })).split("\n");
      rest = lines.pop()!;
      for (const line of lines) if (line) yield (JSON.parse(line) as unknown[]).map(decodeValue);
    }
    rest += decoder.decode();
    if (rest) yield (JSON.parse(rest) as unknown[]).map(decodeValue);
    complete = true;
  } finally {
    // A reader that stops early cancels the stream, which fails the feeding: not an error.
    await feeding.catch((e) => {
      if (complete) throw e;
    });
  }
}

async function* plainChunks(path: string): AsyncGenerator<Uint8Array> {
  const file = await open(path, "r");
  try {
    const buf = new Uint8Array(SEGMENT);
    while (true) {
      const { bytesRead } = await file.read(buf, 0, buf.length, null);
      if (!bytesRead) return;
      yield buf.slice(0, bytesRead);
    }
  } finally {
    await file.close();
  }
}

/** Thrown when a file does not decrypt: wrong key, changed or cut-off bytes. */
export class UnreadableFileError extends Error {
  constructor(path: string, why: string) {
    super(`${path}: ${why}`);
    this.name = "UnreadableFileError";
  }
}

async function* decryptedChunks(path: string, sealing: Sealing): AsyncGenerator<Uint8Array> {
  const file = await open(path, "r");
  try {
    const exact = async (n: number) => {
      const buf = new Uint8Array(n);
      let got = 0;
      while (got < n) {
        const { bytesRead } = await file.read(buf, got, n - got, null);
        if (!bytesRead) break;
        got += bytesRead;
      }
      return buf.subarray(0, got);
    };
    const magic = await exact(MAGIC.length);
    if (magic.length !== MAGIC.length || magic.some((b, i) => b !== MAGIC[i])) {
      throw new UnreadableFileError(path, "not an encrypted backup file");
    }
    for (let index = 0;; index++) {
      const head = await exact(HEADER);
      if (head.length === 0) throw new UnreadableFileError(path, "the file is cut off");
      if (head.length < HEADER || head[0] > 1) {
        throw new UnreadableFileError(path, "a segment header is damaged");
      }
      const last = head[0] === 1;
      const length = new DataView(head.buffer, head.byteOffset).getUint32(1);
      if (length > SEGMENT + 16) throw new UnreadableFileError(path, "a segment is too long");
      const cipher = await exact(length);
      let plain: ArrayBuffer;
      try {
        plain = await crypto.subtle.decrypt(
          {
            name: "AES-GCM",
            iv: head.slice(5, 17),
            additionalData: segmentLabel(sealing.label, index, last),
          },
          sealing.key,
          cipher as Uint8Array<ArrayBuffer>,
        );
      } catch {
        throw new UnreadableFileError(path, "does not decrypt with this tenant's key");
      }
      yield new Uint8Array(plain);
      if (last) {
        if ((await exact(1)).length) {
          throw new UnreadableFileError(path, "bytes follow the last segment");
        }
        return;
      }
    }
  } finally {
    await file.close();
  }
}

/** The SHA-256 of a file, in hex, read in chunks. */
export async function hashFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of plainChunks(path)) hash.update(chunk);
  return hash.digest("hex");
}

function segmentLabel(label: string, index: number, last: boolean): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`${label}|${index}|${last ? "last" : "more"}`);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (!a.length) return b.slice();
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

// Values as the driver gives them: strings (dates, decimals, big numbers, JSON text),
// numbers, null, and bytes (BLOB, BINARY), which JSON carries as {"$b": base64}.
function encodeValue(v: unknown): unknown {
  if (v instanceof Uint8Array) {
    let s = "";
    for (const b of v) s += String.fromCharCode(b);
    return { $b: btoa(s) };
  }
  if (v instanceof Date) return v.toISOString().replace("T", " ").replace("Z", "");
  if (typeof v === "bigint") return v.toString();
  // A JSON value the driver parsed after all: its text again.
  if (v !== null && typeof v === "object") return JSON.stringify(v);
  return v;
}

function decodeValue(v: unknown): unknown {
  if (v && typeof v === "object" && "$b" in v) {
    return Uint8Array.from(atob((v as { $b: string }).$b), (c) => c.charCodeAt(0));
  }
  return v;
}
