// Shared types of the tabular readers (see mod.ts for the overview).

import type { ImportProblemCode, ImportProblemParams } from "./codes.ts";

/** Bytes of an uploaded file: whole, as a web stream, or as any async iterable of chunks. */
export type TabularBytes = Uint8Array | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

/**
 * One problem of an import, as reported to the caller: the spreadsheet row (1 = the header
 * row), the field it concerns (the field name of the column spec, the header text for
 * header problems, null for the whole row or file), what is wrong as a stable code (with
 * the params its message needs, see codes.ts) and in plain English words.
 */
export interface RowProblem {
  row: number;
  field: string | null;
  code: ImportProblemCode;
  params?: ImportProblemParams;
  problem: string;
}

/** A RowProblem; `params` only when given. */
export function rowProblem(
  row: number,
  field: string | null,
  code: ImportProblemCode,
  problem: string,
  params?: ImportProblemParams,
): RowProblem {
  return params ? { row, field, code, params, problem } : { row, field, code, problem };
}

/** A cell as read: its text, or a formula or spreadsheet error (#N/A…) in XLSX. */
export interface RawCell {
  text: string;
  kind: "text" | "formula" | "error";
}

/** A row as read, before header mapping. */
export interface RawRow {
  /** The row number a spreadsheet shows for it (1-based). */
  row: number;
  cells: RawCell[];
}

export type TabularErrorCode =
  | "empty"
  | "invalid-encoding"
  | "unterminated-quote"
  | "too-many-rows"
  | "too-many-columns"
  | "too-large"
  | "missing-columns"
  | "duplicate-columns"
  | "unreadable-xlsx"
  | "unsupported-format";

/**
 * A problem with the file as a whole (it cannot be read, or lacks required columns): no
 * row of it can be imported. Routes answer 422 (415 for unsupported-format) with
 * `problems`.
 */
export class TabularError extends Error {
  constructor(
    readonly code: TabularErrorCode,
    message: string,
    readonly problems: RowProblem[] = [],
  ) {
    super(message);
    this.name = "TabularError";
  }
}
