// XLSX reading for imports with exceljs's streaming reader (ExcelJS.stream.xlsx.WorkbookReader):
// rows arrive one at a time from the zip stream, so 10,000 rows never become a workbook
// object model in memory. Only the first worksheet (sheet1) is read; the others are skipped.
//
// Cells become text: numbers as written by String(), dates as YYYY-MM-DD (or a full ISO
// time when they carry one), rich text and hyperlinks as their text, booleans as
// true/false. Formula cells and error cells (#N/A…) are passed on as such (kind "formula" /
// "error"), never as their cached results, so the caller refuses them per row.
//
// The compressed file is held in memory (an upload is bounded by the body limit anyway);
// before exceljs reads it, its zip entries are put in the order the streaming reader needs
// (relationships, workbook, shared strings, styles, then the sheets). Otherwise exceljs
// copies every sheet that precedes the shared strings — as in files exceljs itself writes —
// into a temporary file: no file system on Workers, and no personal data on disk.
import ExcelJS from "exceljs";
import { Buffer } from "node:buffer";
import { Readable } from "node:stream";
import { chunksOf } from "./csv.ts";
import { createPace, type Pace } from "./pace.ts";
import { type RawCell, type RawRow, rowProblem, type TabularBytes, TabularError } from "./types.ts";

export interface XlsxOptions {
  /** Refuse streamed input larger than this; default 64 MiB. */
  maxBytes?: number;
  /** Refuse workbooks whose first sheet has more rows than this (by row number). */
  maxRows?: number;
  /** Cells beyond this column are ignored. */
  maxColumns?: number;
}

export const XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Reads the rows of the first worksheet. `row` is the sheet's row number; empty rows are skipped. */
export async function* readXlsx(
  source: TabularBytes,
  options: XlsxOptions = {},
): AsyncGenerator<RawRow> {
  const maxRows = options.maxRows ?? Infinity;
  const maxColumns = options.maxColumns ?? 1000;
  let sheetsSeen = 0;
  try {
    const bytes = source instanceof Uint8Array
      ? source
      : await collect(source, options.maxBytes ?? 64 * 2 ** 20);
    const input = Readable.from(pacedSlices(zipInReadingOrder(bytes), createPace()));
    // A broken zip makes the input or the unzipper emit "error"; keep it from going unhandled.
    input.on("error", () => {});
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
      worksheets: "emit",
      sharedStrings: "cache",
      // Styles tell dates from numbers; hyperlinks are read as their text.
      styles: "cache",
      hyperlinks: "ignore",
      entries: "ignore",
    });
    // A workbook without shared strings (numbers only) would otherwise also send its sheets
    // to temporary files: the reader waits for strings that never come.
    (reader as unknown as { sharedStrings: unknown[] }).sharedStrings = [];
    for await (const sheet of reader) {
      if (sheetsSeen++ > 0) continue; // only the first sheet; the rest are drained unread
      for await (const row of sheet) {
        if (row.number > maxRows) {
          throw new TabularError(
            "too-many-rows",
            `The sheet has more than ${maxRows} rows; split it into smaller files.`,
            [
              rowProblem(row.number, null, "too-many-rows", `more than ${maxRows} rows`, {
                max: maxRows,
              }),
            ],
          );
        }
        const cells: RawCell[] = [];
        const values = row.values as unknown[]; // 1-based: values[0] is empty
        const last = Math.min(values.length - 1, maxColumns);
        for (let col = 1; col <= last; col++) cells.push(cellOf(values[col]));
        if (cells.every((c) => c.kind === "text" && c.text.trim() === "")) continue;
        yield { row: row.number, cells };
      }
    }
  } catch (e) {
    if (e instanceof TabularError) throw e;
    throw new TabularError(
      "unreadable-xlsx",
      "The file could not be read as an XLSX workbook (Excel 2007 or later); it may be " +
        "damaged, protected with a password, or another format.",
      [rowProblem(0, null, "unreadable-xlsx", `not a readable XLSX file (${shortReason(e)})`)],
    );
  }
  if (sheetsSeen === 0) {
    throw new TabularError("unreadable-xlsx", "The workbook has no worksheet.", [
      rowProblem(0, null, "no-worksheet", "the workbook has no worksheet"),
    ]);
  }
}

/** Converts one exceljs cell value into text (or marks it as a formula or an error). */
export function cellOf(value: unknown): RawCell {
  if (value === null || value === undefined) return { text: "", kind: "text" };
  if (typeof value === "string") return { text: value, kind: "text" };
  if (typeof value === "number") return { text: numberText(value), kind: "text" };
  if (typeof value === "boolean") return { text: String(value), kind: "text" };
  if (value instanceof Date) return { text: dateText(value), kind: "text" };
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if ("formula" in v || "sharedFormula" in v) {
      return { text: String(v.formula ?? v.sharedFormula ?? ""), kind: "formula" };
    }
    if ("error" in v) return { text: String(v.error), kind: "error" };
    if (Array.isArray(v.richText)) {
      return {
        text: (v.richText as { text?: string }[]).map((r) => r.text ?? "").join(""),
        kind: "text",
      };
    }
    if ("text" in v) return cellOf(v.text);
  }
  return { text: String(value), kind: "text" };
}

function numberText(n: number): string {
  if (Number.isInteger(n)) return Number.isSafeInteger(n) ? String(n) : n.toFixed(0);
  // 0.1 + 0.2 style noise from binary floating point, as Excel shows it (15 digits).
  return String(Number(n.toPrecision(15)));
}

function dateText(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
}

/** Bytes handed to the unzipper at a time: a few milliseconds of inflating and parsing. */
const SLICE = 1024;

/**
 * The pieces in slices, with a turn for other requests now and then (pace.ts). exceljs
 * unzips and parses whatever it is given in one go, through callbacks that never wait for
 * I/O: the shared strings of a 20,000-row sheet held the event loop for a quarter second.
 * Fed a slice at a time, its work comes in slices too.
 */
async function* pacedSlices(pieces: Uint8Array[], pace: Pace): AsyncGenerator<Buffer> {
  for (const piece of pieces) {
    for (let at = 0; at < piece.length; at += SLICE) {
      await pace();
      const length = Math.min(SLICE, piece.length - at);
      yield Buffer.from(piece.buffer, piece.byteOffset + at, length);
    }
  }
}

async function collect(source: TabularBytes, maxBytes: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunksOf(source)) {
    size += chunk.length;
    if (size > maxBytes) {
      throw new TabularError("too-large", `The file is larger than ${maxBytes} bytes.`, [
        rowProblem(0, null, "file-too-large", `larger than ${maxBytes} bytes`, { max: maxBytes }),
      ]);
    }
    parts.push(chunk);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The rank of a zip entry in the order exceljs' streaming reader wants to see them. */
function rank(name: string): number {
  if (name === "xl/_rels/workbook.xml.rels") return 1;
  if (name === "xl/workbook.xml") return 2;
  if (name === "xl/sharedStrings.xml") return 3;
  if (name === "xl/styles.xml") return 4;
  if (/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) return 6;
  return 5;
}

/**
 * The pieces of a zip file, its entries reordered for reading: each entry's bytes (local
 * header, data, descriptor) are moved whole, sheets last in sheet-number order, the central
 * directory last. Only zip's own structure is read (no decompression). Not a zip: throws.
 */
export function zipInReadingOrder(bytes: Uint8Array): Uint8Array[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error("no zip end record");
  const count = view.getUint16(end + 10, true);
  const dirOffset = view.getUint32(end + 16, true);
  if (dirOffset > end) throw new Error("zip directory out of range");
  const entries: { name: string; offset: number }[] = [];
  let p = dirOffset;
  const utf8 = new TextDecoder();
  for (let k = 0; k < count; k++) {
    if (p + 46 > end || view.getUint32(p, true) !== 0x02014b50) {
      throw new Error("broken zip directory");
    }
    const nameLength = view.getUint16(p + 28, true);
    const offset = view.getUint32(p + 42, true);
    if (offset >= dirOffset) throw new Error("zip entry out of range");
    entries.push({ name: utf8.decode(bytes.subarray(p + 46, p + 46 + nameLength)), offset });
    p += 46 + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  const byOffset = [...entries].sort((a, b) => a.offset - b.offset);
  const pieces = byOffset.map((e, i) => ({
    name: e.name,
    bytes: bytes.subarray(e.offset, byOffset[i + 1]?.offset ?? dirOffset),
  }));
  const sheetNo = (name: string) => Number(name.match(/sheet(\d+)\.xml$/)?.[1] ?? 0);
  pieces.sort((a, b) => rank(a.name) - rank(b.name) || sheetNo(a.name) - sheetNo(b.name));
  return [...pieces.map((x) => x.bytes), bytes.subarray(dirOffset)];
}

function shortReason(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.split("\n")[0].slice(0, 120);
}
