// Tabular imports: reading CSV and XLSX uploads into named fields, row by row, with a
// per-row problem report. Generic on purpose — any plugin importing lists (org charts,
// resources…) uses it the same way:
//
//   const table = await openTable(
//     { format: detectFormat(bytes, contentType), data: bytes },
//     [{ field: "externalKey", aliases: ["Key"], required: true }, { field: "title" }],
//   );
//   for await (const r of table.rows()) {
//     // r.row: the spreadsheet row; r.values.title: trimmed text, present when the column
//     // is; r.problems: cells refused while reading (formulas, spreadsheet errors)
//   }
//
// What it guarantees:
// - CSV: UTF-8 with or without BOM, `,` or `;` sniffed from the header line, RFC 4180
//   quoting; invalid UTF-8 is a TabularError naming the row (see csv.ts).
// - XLSX: the first worksheet, streamed with exceljs so memory stays bounded (see xlsx.ts).
// - The first non-empty row is the header. Header texts are matched to fields ignoring case,
//   spaces, dashes, underscores and dots ("E-Mail" = "email" = "e_mail"), by the field
//   name or one of its aliases. Unknown columns are ignored and reported as warnings;
//   missing required columns or two columns meaning one field make a TabularError.
// - Formula injection ("CSV injection"): formula cells in XLSX, and text that looks like a
//   formula (starts with =, or with +, -, @ followed by something that is not a number or
//   phone number — see looksLikeFormula), are not passed on: the row gets a problem for
//   that field instead. Spreadsheet error cells (#N/A…) likewise.
// - Cell text is trimmed; empty cells are "" (present, but empty).
//
// Routes receive the file with upload.ts (multipart or raw body, limits, OpenAPI body) and
// answer with report.ts (the import report, dry run, all or nothing unless partial).
import { type CsvDelimiter, readCsv } from "./csv.ts";
import {
  type RawCell,
  type RawRow,
  type RowProblem,
  rowProblem,
  type TabularBytes,
  TabularError,
} from "./types.ts";
import { createPace, type Pace } from "./pace.ts";
import { readXlsx, XLSX_MEDIA_TYPE } from "./xlsx.ts";

export { parseCsvText, readCsv } from "./csv.ts";
export { readXlsx, XLSX_MEDIA_TYPE } from "./xlsx.ts";
export type { RawCell, RawRow, RowProblem, TabularBytes } from "./types.ts";
export { rowProblem, TabularError } from "./types.ts";
export { IMPORT_PROBLEM_CODES, type ImportProblemCode } from "./codes.ts";
export { createPace, type Pace } from "./pace.ts";

export type TabularFormat = "csv" | "xlsx";

export interface ColumnSpec<F extends string = string> {
  /** The field name; also accepted as header text. */
  field: F;
  /** Other header texts meaning this field (e.g. "E-Mail", "Externer Schlüssel"). */
  aliases?: readonly string[];
  /** The column must be present in the header (its cells may still be empty). */
  required?: boolean;
}

export interface TableOptions {
  /** Largest row number read (the header included); default 20,001. */
  maxRows?: number;
  /** Cells per row read at most; default 200. */
  maxColumns?: number;
  /** CSV only: force the delimiter instead of sniffing it. */
  delimiter?: CsvDelimiter;
}

/** A data row mapped to fields. */
export interface TableRow<F extends string> {
  row: number;
  /** Trimmed text per field whose column is present and whose cell was accepted. */
  values: Partial<Record<F, string>>;
  /** Cells refused while reading (formulas, spreadsheet errors). */
  problems: RowProblem[];
}

export interface Table<F extends string> {
  format: TabularFormat;
  /** CSV: the delimiter found. */
  delimiter?: CsvDelimiter;
  /** The fields whose columns the header has. */
  fields: Set<F>;
  /** The header's row number. */
  headerRow: number;
  /** Unknown header texts (ignored), as problems of the header row. */
  warnings: RowProblem[];
  /**
   * The data rows after the header, one at a time. Iterate once. Gives the event loop a turn
   * now and then (`pace`, a new one by default), also for the caller's work between rows.
   */
  rows(pace?: Pace): AsyncGenerator<TableRow<F>>;
}

export const CSV_MEDIA_TYPES = ["text/csv", "application/csv", "text/plain"] as const;

/**
 * The format of an upload from its first bytes, then its media type and file name: a zip
 * is XLSX, anything else CSV. Old binary Excel files (.xls) are refused with a
 * TabularError ("unsupported-format").
 */
export function detectFormat(
  head: Uint8Array,
  mediaType?: string | null,
  fileName?: string | null,
): TabularFormat {
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return "xlsx";
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    throw new TabularError(
      "unsupported-format",
      "This is an Excel 97–2003 workbook (.xls); save it as .xlsx or as CSV UTF-8.",
      [rowProblem(0, null, "xls-not-supported", "old Excel format (.xls) is not supported")],
    );
  }
  const type = (mediaType ?? "").split(";")[0].trim().toLowerCase();
  if (type === XLSX_MEDIA_TYPE || /\.xlsx$/i.test(fileName ?? "")) {
    // Says XLSX but is no zip: report it as a damaged workbook rather than parse it as CSV.
    return "xlsx";
  }
  return "csv";
}

/** Reads the header of `source` and returns the table, ready to iterate its rows. */
export async function openTable<F extends string>(
  source: { format: TabularFormat; data: TabularBytes },
  columns: readonly ColumnSpec<F>[],
  options: TableOptions = {},
): Promise<Table<F>> {
  const maxRows = options.maxRows ?? 20_001;
  const maxColumns = options.maxColumns ?? 200;
  let delimiter: CsvDelimiter | undefined;
  const raw: AsyncGenerator<RawRow> = source.format === "xlsx"
    ? readXlsx(source.data, { maxRows, maxColumns })
    : readCsv(source.data, {
      maxRows,
      maxColumns,
      delimiter: options.delimiter,
      onDelimiter: (d) => delimiter = d,
    });

  const first = await raw.next();
  if (first.done) {
    throw new TabularError("empty", "The file is empty: it needs a header row and data rows.", [
      rowProblem(1, null, "no-header", "no header row"),
    ]);
  }
  const header = first.value;
  const byKey = new Map<string, F>();
  for (const c of columns) {
    for (const name of [c.field, ...(c.aliases ?? [])]) byKey.set(headerKey(name), c.field);
  }
  const columnField: (F | undefined)[] = [];
  const seen = new Map<F, string>();
  const warnings: RowProblem[] = [];
  const problems: RowProblem[] = [];
  header.cells.forEach((cell, i) => {
    const text = cell.text.trim();
    if (!text) return;
    const field = byKey.get(headerKey(text));
    if (!field) {
      warnings.push(rowProblem(header.row, text, "unknown-column", "unknown column, ignored"));
      return;
    }
    if (seen.has(field)) {
      const other = seen.get(field)!;
      problems.push(
        rowProblem(
          header.row,
          text,
          "duplicate-column",
          `means ${field}, like the column "${other}"`,
          {
            means: field,
            column: other,
          },
        ),
      );
      return;
    }
    seen.set(field, text);
    columnField[i] = field;
  });
  if (problems.length) {
    throw new TabularError(
      "duplicate-columns",
      "Two columns of the header mean the same field; keep one of them.",
      problems,
    );
  }
  const missing = columns.filter((c) => c.required && !seen.has(c.field));
  if (missing.length) {
    // A header read as one cell holding tabs or pipes: the file uses another delimiter.
    const oneCell = header.cells.filter((c) => c.text.trim()).length === 1 &&
      /[\t|]/.test(header.cells.find((c) => c.text.trim())?.text ?? "");
    throw new TabularError(
      "missing-columns",
      `The header row lacks the column${missing.length > 1 ? "s" : ""} ${
        missing.map((c) => c.field).join(", ")
      } (row ${header.row} is read as the header).${
        oneCell && source.format === "csv"
          ? " It was read as a single column: separate the columns with , or ; (not tabs or |)."
          : ""
      }`,
      missing.map((c) =>
        rowProblem(header.row, c.field, "required-column-missing", "required column missing")
      ),
    );
  }

  let iterated = false;
  return {
    format: source.format,
    get delimiter() {
      return delimiter;
    },
    fields: new Set(seen.keys()),
    headerRow: header.row,
    warnings,
    rows: async function* (pace = createPace()) {
      if (iterated) throw new Error("Table.rows() can be iterated once");
      iterated = true;
      for await (const r of raw) {
        // Reading, and what the caller does with each row, give other requests a turn now
        // and then (pace.ts): a chunk of CSV parses without ever waiting for I/O.
        await pace();
        const mapped = mapRow(r, columnField);
        // Text only in ignored columns: nothing to import, like a blank row.
        if (!mapped.problems.length && Object.values(mapped.values).every((v) => v === "")) {
          continue;
        }
        yield mapped;
      }
    },
  };
}

function mapRow<F extends string>(r: RawRow, columnField: (F | undefined)[]): TableRow<F> {
  const values: Partial<Record<F, string>> = {};
  const problems: RowProblem[] = [];
  columnField.forEach((field, i) => {
    if (!field) return;
    const cell: RawCell = r.cells[i] ?? { text: "", kind: "text" };
    const refused = refusal(cell);
    if (refused) problems.push({ row: r.row, field, ...refused });
    else values[field] = cell.text.trim();
  });
  return { row: r.row, values, problems };
}

function refusal(cell: RawCell): Pick<RowProblem, "code" | "params" | "problem"> | undefined {
  if (cell.kind === "formula") {
    return {
      code: "formula",
      problem: "is a formula; formulas are not imported (paste the value instead)",
    };
  }
  if (cell.kind === "error") {
    return {
      code: "spreadsheet-error",
      params: { error: cell.text },
      problem: `holds the spreadsheet error ${cell.text}`,
    };
  }
  if (looksLikeFormula(cell.text)) {
    return {
      code: "looks-like-formula",
      problem: `starts like a formula (${
        JSON.stringify(cell.text.trim().slice(0, 20))
      }); values starting with =, +, - or @ followed by a formula are refused`,
    };
  }
  return undefined;
}

/**
 * Whether text would run as a formula when the data is opened in a spreadsheet again (CSV
 * injection). `=` anything is a formula. `+`, `-` and `@` are formulas when what follows is
 * more than a number, phone number or plain words: a call or operator character
 * (`(`, `!`, `|`, `=`, `*`, `/`, `^`, `&`) or a cell reference like A1. So "+49 30 1234-5",
 * "-5", "- none -" and "@home office" pass; "=1+1", "+A1", "-2+3+cmd|' /C calc'!A0",
 * "@SUM(A1:A2)" do not. Leading spaces and control characters (tab, CR) are looked past.
 */
export function looksLikeFormula(text: string): boolean {
  // deno-lint-ignore no-control-regex
  const s = text.replace(/^[\s\u0000-\u001f]+/, "");
  if (s.length < 2) return false;
  const first = s[0];
  if (first === "=") return true;
  if (first !== "+" && first !== "-" && first !== "@") return false;
  const rest = s.slice(1);
  if (/^[\d\s()./+-]*$/.test(rest)) return false; // numbers, dates, phone numbers
  if (/[(!|=*/^&]/.test(rest)) return true;
  return /^\s*\$?[A-Za-z]{1,3}\$?\d+\b/.test(rest); // a cell reference: A1, $B$2
}

/** Header text → comparison key: lower case, without spaces, dashes, underscores and dots. */
export function headerKey(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/[\s_.\-]+/g, "");
}
