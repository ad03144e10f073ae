// Writes a ZIP to a WritableStream one entry at a time with fflate's streaming Zip: each
// chunk is deflated and handed to the stream before the next is read, and the stream's
// backpressure is awaited, so memory holds about one chunk whatever the archive's size.
// Every entry's SHA-256 is computed on the way (node:crypto hashes incrementally; Web
// Crypto cannot), for the manifest.
import { createHash } from "node:crypto";
import { Zip, ZipDeflate } from "fflate";

export interface WrittenEntry {
  path: string;
  bytes: number;
  sha256: string;
}

export type EntryContent =
  | string
  | Uint8Array
  | AsyncIterable<string | Uint8Array>
  | Iterable<string | Uint8Array>;

const encoder = new TextEncoder();

export class ZipWriter {
  readonly #writer: WritableStreamDefaultWriter<Uint8Array>;
  readonly #zip: Zip;
  readonly #mtime: Date;
  #out: Uint8Array[] = [];
  #error: Error | null = null;
  #paths = new Set<string>();

  constructor(out: WritableStream<Uint8Array>, mtime: Date) {
    this.#writer = out.getWriter();
    this.#mtime = mtime;
    this.#zip = new Zip((err, chunk) => {
      if (err) this.#error ??= err;
      else if (chunk.length) this.#out.push(chunk);
    });
  }

  /** Adds one entry; `content` is read and written chunk by chunk. */
  async add(path: string, content: EntryContent): Promise<WrittenEntry> {
    if (this.#paths.has(path)) throw new Error(`the archive already holds ${path}`);
    this.#paths.add(path);
    const entry = new ZipDeflate(path, { level: 6 });
    entry.mtime = this.#mtime;
    this.#zip.add(entry);
    const hash = createHash("sha256");
    let bytes = 0;
    const chunks = typeof content === "string" || content instanceof Uint8Array
      ? [content]
      : content;
    for await (const chunk of chunks) {
      const data = typeof chunk === "string" ? encoder.encode(chunk) : chunk;
      if (!data.length) continue;
      hash.update(data);
      bytes += data.length;
      entry.push(data);
      await this.#flush();
    }
    entry.push(new Uint8Array(0), true);
    await this.#flush();
    return { path, bytes, sha256: hash.digest("hex") };
  }

  /** Writes the central directory and closes the stream. */
  async close(): Promise<void> {
    this.#zip.end();
    await this.#flush();
    await this.#writer.close();
  }

  /** Aborts the stream: whoever reads it sees an error, not a short archive. */
  async abort(reason: unknown): Promise<void> {
    this.#zip.terminate();
    await this.#writer.abort(reason).catch(() => {});
  }

  async #flush() {
    if (this.#error) throw this.#error;
    const out = this.#out;
    this.#out = [];
    for (const chunk of out) {
      await this.#writer.ready;
      await this.#writer.write(chunk);
    }
  }
}
