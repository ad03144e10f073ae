// What positions and employees imports share: the report, the modes, row bookkeeping.
import { isDuplicateKey } from "../../api/db/errors.ts";
import { ProblemError } from "../../api/problem.ts";
import type { RowProblem, Table, TabularFormat } from "../../api/tabular/mod.ts";

/** Rows a file may have (the header included); larger files are refused. */
export const IMPORT_MAX_ROWS = 20_001;
/** Problems listed in a report at most; the counts stay exact. */
export const REPORT_MAX_PROBLEMS = 1000;
/** Rows written per INSERT statement. */
export const INSERT_BATCH = 500;

export interface ImportOptions {
  /** Only report what would happen; write nothing. */
  dryRun: boolean;
  /** Import the rows without problems and report the others (default: all or nothing). */
  partial: boolean;
  actorId: string;
}

export interface ImportReport {
  kind: "positions" | "employees";
  format: TabularFormat;
  /** CSV: the delimiter found. */
  delimiter: "," | ";" | null;
  dryRun: boolean;
  partial: boolean;
  /** Whether anything was written (false for dry runs and refused imports). */
  applied: boolean;
  /** Data rows read (blank rows not counted). */
  rows: number;
  /** Rows that create, update or leave unchanged an object (written, or would be). */
  created: number;
  updated: number;
  unchanged: number;
  /** Rows not imported because they have problems. */
  skipped: number;
  /** Positions imports: org units created from unit paths. */
  unitsCreated: number;
  /** Problems of rows (each such row is skipped); at most REPORT_MAX_PROBLEMS listed. */
  problems: RowProblem[];
  /** Things that do not stop a row: unknown columns ignored. */
  warnings: RowProblem[];
  /** Whether the problem list was cut short. */
  truncated: boolean;
}

/** A row being imported: its number and its problems so far. */
export interface RowState {
  row: number;
  problems: RowProblem[];
}

export function newReport(
  kind: ImportReport["kind"],
  table: Pick<Table<string>, "format" | "delimiter" | "warnings">,
  opts: ImportOptions,
): ImportReport {
  return {
    kind,
    format: table.format,
    delimiter: table.format === "csv" ? table.delimiter ?? "," : null,
    dryRun: opts.dryRun,
    partial: opts.partial,
    applied: false,
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    unitsCreated: 0,
    problems: [],
    warnings: table.warnings,
    truncated: false,
  };
}

/** Moves the rows' problems into the report, in row order, capped. */
export function finishReport(report: ImportReport, rows: RowState[]) {
  const all = rows.flatMap((r) => r.problems).sort((a, b) => a.row - b.row);
  report.skipped = rows.filter((r) => r.problems.length).length;
  report.problems = all.slice(0, REPORT_MAX_PROBLEMS);
  report.truncated = all.length > REPORT_MAX_PROBLEMS;
}

/** Adds a problem to a row. */
export function flag(r: RowState, field: string | null, problem: string) {
  r.problems.push({ row: r.row, field, problem });
}

/** Checks a text against a length; flags the row and returns undefined when too long. */
export function bounded(r: RowState, field: string, value: string, max: number) {
  if (value.length > max) {
    flag(r, field, `is ${value.length} characters long; at most ${max}`);
    return undefined;
  }
  return value;
}

/** The import failed as a whole: nothing was written (422 with the report). */
export class ImportRefused extends Error {
  constructor(readonly report: ImportReport) {
    super(
      `${report.skipped} of ${report.rows} rows have problems; nothing was imported. ` +
        "Fix them, or import with ?partial=true to import the other rows.",
    );
    this.name = "ImportRefused";
  }
}

/** Splits `list` into slices of `size`. */
export function* batches<T>(list: T[], size = INSERT_BATCH): Generator<T[]> {
  for (let i = 0; i < list.length; i += size) yield list.slice(i, i + size);
}

/**
 * Writes an import; a key someone else created meanwhile (another import of the same
 * employees into another chart, say) is a 409 — the transaction rolls back, nothing is written.
 */
export async function applyOrConflict(apply: () => Promise<void>) {
  try {
    await apply();
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    throw new ProblemError(
      409,
      "import-conflict",
      "An external key of the file was taken by a concurrent change; nothing was imported. " +
        "Import the file again.",
    );
  }
}
