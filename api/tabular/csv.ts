// CSV reading for imports (RFC 4180): UTF-8 with or without byte order mark, `,` or `;`
// as delimiter (sniffed from the header line, as Excel writes `;` in German locales),
// quoted fields with doubled quotes, CRLF, LF or CR line ends. The input is decoded and
// parsed chunk by chunk, so memory stays bounded by the longest row, not the file.
//
// Invalid UTF-8 (a file saved as Windows-1252 or ISO-8859-1) is refused with a
// TabularError naming the row, rather than read as mojibake. Lenient where Excel is: a
// quote inside an unquoted field, or text after a closing quote, is kept literally.
import { type RawRow, rowProblem, type TabularBytes, TabularError } from "./types.ts";

export interface CsvOptions {
  /** Force a delimiter; by default it is sniffed from the first line. */
  delimiter?: "," | ";";
  /** Refuse files with more rows than this (blank lines count, as in a spreadsheet). */
  maxRows?: number;
  /** Refuse rows with more cells than this. */
  maxColumns?: number;
}

export const CSV_DELIMITERS = [",", ";"] as const;
export type CsvDelimiter = typeof CSV_DELIMITERS[number];

/**
 * Reads CSV rows. `row` is the row number a spreadsheet shows (1 = the first line; a
 * quoted field spanning lines stays one row). Blank lines are skipped but counted. The
 * delimiter used is reported through `onDelimiter` once known.
 */
export async function* readCsv(
  source: TabularBytes,
  options: CsvOptions & { onDelimiter?: (d: CsvDelimiter) => void } = {},
): AsyncGenerator<RawRow> {
  const maxRows = options.maxRows ?? Infinity;
  const maxColumns = options.maxColumns ?? 1000;
  const parser = new CsvParser(options.delimiter);
  let rowsSeen = 0;
  const emit = function* (rows: string[][]): Generator<RawRow> {
    for (const cells of rows) {
      rowsSeen++;
      if (rowsSeen > maxRows) {
        throw new TabularError(
          "too-many-rows",
          `The file has more than ${maxRows} rows; split it into smaller files.`,
          [rowProblem(rowsSeen, null, "too-many-rows", `more than ${maxRows} rows`, {
            max: maxRows,
          })],
        );
      }
      if (cells.length > maxColumns) {
        throw new TabularError(
          "too-many-columns",
          `Row ${rowsSeen} has ${cells.length} cells; at most ${maxColumns} are read.`,
          [
            rowProblem(rowsSeen, null, "too-many-columns", `more than ${maxColumns} cells`, {
              max: maxColumns,
            }),
          ],
        );
      }
      if (cells.length === 1 && cells[0] === "") continue; // a blank line
      yield { row: rowsSeen, cells: cells.map((text) => ({ text, kind: "text" as const })) };
    }
  };

  const decoder = new Utf8ChunkDecoder();
  let announced = false;
  for await (const chunk of chunksOf(source)) {
    let text: string;
    try {
      text = decoder.decode(chunk);
    } catch (e) {
      if (!(e instanceof InvalidUtf8)) throw e;
      // The valid text before the bad byte tells which row it is in.
      const before = parser.rowsCompletedAfter(e.validText);
      throw invalidEncoding(rowsSeen + before + 1, e.byte);
    }
    const rows = parser.push(text);
    if (!announced && parser.delimiter) {
      options.onDelimiter?.(parser.delimiter);
      announced = true;
    }
    yield* emit(rows);
  }
  let tail: string;
  try {
    tail = decoder.end();
  } catch (e) {
    if (!(e instanceof InvalidUtf8)) throw e;
    throw invalidEncoding(rowsSeen + parser.rowsCompletedAfter(e.validText) + 1, e.byte);
  }
  const rows = parser.push(tail);
  const rest = [...rows, ...parser.end()];
  if (!announced) options.onDelimiter?.(parser.delimiter ?? ",");
  yield* emit(rest);
}

/** Parses a whole CSV text at once (for tests and small inputs). */
export function parseCsvText(text: string, delimiter?: CsvDelimiter): string[][] {
  const p = new CsvParser(delimiter);
  return [...p.push(text.replace(/^\uFEFF/, "")), ...p.end()];
}

function invalidEncoding(row: number, byte: number) {
  return new TabularError(
    "invalid-encoding",
    `The file is not UTF-8: row ${row} contains the byte 0x${
      byte.toString(16).toUpperCase().padStart(2, "0")
    }, which UTF-8 does not allow. It was probably saved as Windows-1252 or ISO-8859-1 ` +
      `(Excel's "CSV (comma delimited)"); save it as "CSV UTF-8" and upload it again.`,
    [rowProblem(row, null, "not-utf8", "not valid UTF-8; save the file as CSV UTF-8")],
  );
}

/** The chunks of a byte source, whatever its shape. */
export async function* chunksOf(source: TabularBytes): AsyncGenerator<Uint8Array> {
  if (source instanceof Uint8Array) {
    // Slices keep the decoder and parser working on bounded pieces.
    for (let i = 0; i < source.length; i += 64 * 1024) yield source.subarray(i, i + 64 * 1024);
    return;
  }
  if (source instanceof ReadableStream) {
    const reader = source.getReader();
    try {
      while (true) {
        const { value, done } = await reader.read();
        if (done) return;
        if (value?.length) yield value;
      }
    } finally {
      reader.releaseLock();
    }
  }
  for await (const chunk of source as AsyncIterable<Uint8Array>) yield chunk;
}

class InvalidUtf8 extends Error {
  constructor(readonly validText: string, readonly byte: number) {
    super("invalid UTF-8");
  }
}

/**
 * Streaming UTF-8 decoding that knows where the input went wrong: it checks each chunk
 * itself (so it can say which byte), keeps an incomplete sequence at a chunk's end for the
 * next one and drops a leading byte order mark.
 */
class Utf8ChunkDecoder {
  #carry = new Uint8Array(0);
  #first = true;
  readonly #decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

  decode(chunk: Uint8Array): string {
    let bytes = chunk;
    if (this.#carry.length) {
      bytes = new Uint8Array(this.#carry.length + chunk.length);
      bytes.set(this.#carry);
      bytes.set(chunk, this.#carry.length);
    }
    let start = 0;
    if (this.#first && bytes.length >= 3) {
      this.#first = false;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
    } else if (this.#first) {
      // Too short to tell whether a BOM starts here: wait for more.
      this.#carry = bytes.slice();
      return "";
    }
    const { valid, error } = scanUtf8(bytes, start);
    const text = this.#decoder.decode(bytes.subarray(start, valid));
    if (error) throw new InvalidUtf8(text, bytes[valid]);
    this.#carry = bytes.slice(valid);
    return text;
  }

  /** The text still held back at the end of the input. */
  end(): string {
    const bytes = this.#carry;
    this.#carry = new Uint8Array(0);
    if (!bytes.length) return "";
    const start = this.#first && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
      ? 3
      : 0;
    this.#first = false;
    const { valid, error } = scanUtf8(bytes, start);
    const text = this.#decoder.decode(bytes.subarray(start, valid));
    // A sequence cut off by the end of the file is as wrong as a bad byte.
    if (error || valid < bytes.length) throw new InvalidUtf8(text, bytes[valid]);
    return text;
  }
}

/**
 * Scans UTF-8 from `start`: `valid` is where the well-formed text ends; `error` tells
 * whether it ends at a bad byte (true) or at an incomplete sequence at the very end (false).
 */
export function scanUtf8(b: Uint8Array, start: number): { valid: number; error: boolean } {
  let i = start;
  const n = b.length;
  while (i < n) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min2 = 0x80, max2 = 0xbf; // the allowed range of the second byte
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) min2 = 0xa0; // no overlong forms
      if (c === 0xed) max2 = 0x9f; // no surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) min2 = 0x90;
      if (c === 0xf4) max2 = 0x8f;
    } else return { valid: i, error: true };
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return { valid: i, error: false }; // continues in the next chunk
      const x = b[i + k];
      const lo = k === 1 ? min2 : 0x80;
      const hi = k === 1 ? max2 : 0xbf;
      if (x < lo || x > hi) return { valid: i, error: true };
    }
    i += need + 1;
  }
  return { valid: n, error: false };
}

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

/** An incremental RFC 4180 parser: push text, get the rows completed so far. */
class CsvParser {
  delimiter: CsvDelimiter | undefined;
  #state = State.FieldStart;
  #field = "";
  #row: string[] = [];
  #pendingCR = false;
  /** Text held back until the first line is complete and the delimiter is known. */
  #head = "";
  #rowsStarted = 0;

  constructor(delimiter?: CsvDelimiter) {
    this.delimiter = delimiter;
  }

  push(text: string): string[][] {
    if (!this.delimiter) {
      this.#head += text;
      const sniffed = sniffDelimiter(this.#head, false);
      if (!sniffed) return [];
      this.delimiter = sniffed;
      text = this.#head;
      this.#head = "";
    }
    return this.#consume(text);
  }

  end(): string[][] {
    if (!this.delimiter) {
      this.delimiter = sniffDelimiter(this.#head, true) ?? ",";
      const rows = this.#consume(this.#head);
      this.#head = "";
      return [...rows, ...this.#finish()];
    }
    return this.#finish();
  }

  /** How many rows would be complete after also reading `text` (for error positions). */
  rowsCompletedAfter(text: string): number {
    const pending = this.#head + text;
    let n = 0;
    let quoted = this.#state === State.Quoted;
    for (let i = 0; i < pending.length; i++) {
      const ch = pending[i];
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch === "\n") n++;
      else if (!quoted && ch === "\r" && pending[i + 1] !== "\n") n++;
    }
    return n;
  }

  #finish(): string[][] {
    const rows: string[][] = [];
    if (this.#state === State.Quoted) {
      throw new TabularError(
        "unterminated-quote",
        `Row ${this.#rowsStarted} opens a quoted field (") that is never closed.`,
        [rowProblem(this.#rowsStarted, null, "unclosed-quote", "a quoted field is never closed")],
      );
    }
    if (this.#state !== State.FieldStart || this.#row.length || this.#field) {
      this.#row.push(this.#field);
      rows.push(this.#row);
    }
    this.#row = [];
    this.#field = "";
    this.#state = State.FieldStart;
    return rows;
  }

  #consume(text: string): string[][] {
    const rows: string[][] = [];
    const d = this.delimiter!;
    const endRow = () => {
      this.#row.push(this.#field);
      rows.push(this.#row);
      this.#row = [];
      this.#field = "";
      this.#state = State.FieldStart;
    };
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (this.#pendingCR) {
        this.#pendingCR = false;
        if (ch === "\n") continue; // CRLF: the row already ended at CR
      }
      if (this.#state === State.FieldStart && !this.#row.length && !this.#field) {
        this.#rowsStarted++;
      }
      switch (this.#state) {
        case State.FieldStart:
          if (ch === '"') {
            this.#state = State.Quoted;
            break;
          }
          this.#state = State.Unquoted;
          // falls through
        case State.Unquoted:
          if (ch === d) {
            this.#row.push(this.#field);
            this.#field = "";
            this.#state = State.FieldStart;
          } else if (ch === "\n") endRow();
          else if (ch === "\r") {
            endRow();
            this.#pendingCR = true;
          } else {
            // Fast path: copy a run of ordinary characters at once.
            let j = i + 1;
            while (j < text.length) {
              const x = text[j];
              if (x === d || x === "\n" || x === "\r") break;
              j++;
            }
            this.#field += text.slice(i, j);
            i = j - 1;
          }
          break;
        case State.Quoted:
          if (ch === '"') this.#state = State.QuoteInQuoted;
          else {
            const j = text.indexOf('"', i);
            const stop = j === -1 ? text.length : j;
            this.#field += text.slice(i, stop);
            i = stop - 1;
          }
          break;
        case State.QuoteInQuoted:
          if (ch === '"') {
            this.#field += '"';
            this.#state = State.Quoted;
          } else if (ch === d) {
            this.#row.push(this.#field);
            this.#field = "";
            this.#state = State.FieldStart;
          } else if (ch === "\n") endRow();
          else if (ch === "\r") {
            endRow();
            this.#pendingCR = true;
          } else {
            // Text after a closing quote: kept, as spreadsheets do.
            this.#field += ch;
            this.#state = State.Unquoted;
          }
          break;
      }
    }
    return rows;
  }
}

/**
 * The delimiter of the first line: whichever of `,` and `;` occurs more often outside
 * quotes (`,` on a tie). Undefined while the first line is incomplete and more may come.
 */
export function sniffDelimiter(text: string, final: boolean): CsvDelimiter | undefined {
  let commas = 0, semicolons = 0, quoted = false, complete = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) {
      complete = true;
      break;
    } else if (!quoted && ch === ",") commas++;
    else if (!quoted && ch === ";") semicolons++;
  }
  if (!complete && !final) return undefined;
  return semicolons > commas ? ";" : ",";
}
