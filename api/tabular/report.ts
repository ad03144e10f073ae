// The import report every list import answers with, and the bookkeeping behind it: rows and
// their problems, dry run, all or nothing unless partial, the 422 of a refused import. Shared
// by the plugins that import lists (org charts, resources…); docs/import.md describes it.
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { isDuplicateKey } from "../db/errors.ts";
import { ProblemError } from "../problem.ts";
import type { Table, TabularFormat } from "./mod.ts";
import type { ImportProblemCode, ImportProblemParams } from "./codes.ts";
import { type RowProblem, rowProblem, TabularError } from "./types.ts";
import { RowProblemSchema, unreadableFile, type Upload } from "./upload.ts";

/** Problems listed in a report at most; the counts stay exact. */
export const REPORT_MAX_PROBLEMS = 1000;
/**
 * Rows written per INSERT statement: building and escaping 500 rows took 10–20 ms of CPU in
 * one go, long enough to hold other requests up; 200 cost little more in round trips.
 */
export const INSERT_BATCH = 200;

export interface ImportOptions {
  /** Only report what would happen; write nothing. */
  dryRun: boolean;
  /** Import the rows without problems and report the others (default: all or nothing). */
  partial: boolean;
  actorId: string;
}

export interface ImportReport<K extends string = string> {
  kind: K;
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
  /** Problems of rows (each such row is skipped); at most REPORT_MAX_PROBLEMS listed. */
  problems: RowProblem[];
  /** Things that do not stop a row: unknown columns ignored. */
  warnings: RowProblem[];
  /** Whether the problem list was cut short. */
  truncated: boolean;
}

/** The report's schema for a plugin's import routes; `extra` adds the plugin's own counts. */
export function importReportSchema<K extends readonly [string, ...string[]]>(
  name: string,
  kinds: K,
  extra: Record<string, z.ZodType> = {},
) {
  return z.object({
    kind: z.enum(kinds),
    format: z.enum(["csv", "xlsx"]),
    delimiter: z.enum([",", ";"]).nullable(),
    dryRun: z.boolean(),
    partial: z.boolean(),
    applied: z.boolean(),
    rows: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    skipped: z.number().int(),
    ...extra,
    problems: z.array(RowProblemSchema),
    warnings: z.array(RowProblemSchema),
    truncated: z.boolean(),
  }).openapi(name);
}

/** A row being imported: its number and its problems so far. */
export interface RowState {
  row: number;
  problems: RowProblem[];
}

/** A report with nothing counted yet. */
export function newReport<K extends string>(
  kind: K,
  table: Pick<Table<string>, "format" | "delimiter" | "warnings">,
  opts: Pick<ImportOptions, "dryRun" | "partial">,
): ImportReport<K> {
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

/** Adds a problem to a row: its code (codes.ts), English words and the params of its message. */
export function flag(
  r: RowState,
  field: string | null,
  code: ImportProblemCode,
  problem: string,
  params?: ImportProblemParams,
) {
  r.problems.push(rowProblem(r.row, field, code, problem, params));
}

/** Checks a text against a length; flags the row and returns undefined when too long. */
export function bounded(r: RowState, field: string, value: string, max: number) {
  if (value.length > max) {
    flag(r, field, "too-long", `is ${value.length} characters long; at most ${max}`, {
      length: value.length,
      max,
    });
    return undefined;
  }
  return value;
}

/**
 * Flags every row whose key an earlier row has already (by default ignoring case, as the
 * database's unique indexes do); returns the first row of each key, by the key as `fold`
 * makes it (lower-cased by default).
 */
export function firstRowByKey<R extends RowState & { key: string }>(
  rows: R[],
  field = "externalKey",
  fold: (key: string) => string = (key) => key.toLowerCase(),
): Map<string, R> {
  const first = new Map<string, R>();
  for (const r of rows) {
    if (!r.key) continue;
    const earlier = first.get(fold(r.key));
    if (earlier) {
      flag(r, field, "duplicate-key", `"${r.key}" is also in row ${earlier.row}`, {
        row: earlier.row,
      });
    } else first.set(fold(r.key), r);
  }
  return first;
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
 * Writes an import; a key someone else created meanwhile (a concurrent import of the same
 * file, say) is a 409 — the transaction rolls back, nothing is written.
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

/**
 * Runs an import route's work: a refused import becomes 422 `import-refused` with its report,
 * an unreadable file 422 (415 for .xls) with a report of nothing but the file's problems.
 * `extra` fills the plugin's own counts in that report.
 */
export async function runImport<R extends ImportReport>(
  c: Context,
  kind: R["kind"],
  run: (upload: Upload) => Promise<R>,
  extra: Omit<R, keyof ImportReport> = {} as Omit<R, keyof ImportReport>,
): Promise<R> {
  const upload: Upload = { format: "csv" };
  try {
    return await run(upload);
  } catch (e) {
    if (e instanceof ImportRefused) {
      throw new ProblemError(422, "import-refused", e.message, { report: e.report });
    }
    if (!(e instanceof TabularError)) throw e;
    const query = c.req.query();
    const report = newReport(kind, { format: upload.format, warnings: [] }, {
      dryRun: query.dryRun === "true",
      partial: query.partial === "true",
    });
    throw unreadableFile(e, { ...report, delimiter: null, ...extra, problems: e.problems });
  }
}
