// The run of one list import, the same for every plugin (org charts, resources…): read every
// row into a line, plan the lines against what is stored, report, then — unless it is a dry
// run or a row has a problem and the import is not partial — write it all in one
// transaction. What differs per kind of row is in the ImportJob: how a row is read and what
// the lines do.
import type { TenantScope } from "../db/tenant_scope.ts";
import type { TableRow } from "./mod.ts";
import { createPace, type Pace } from "./pace.ts";
import {
  applyOrConflict,
  bounded,
  finishReport,
  flag,
  type ImportOptions,
  ImportRefused,
  type ImportReport,
  type RowState,
} from "./report.ts";

/** What the lines of an import do: the counts for the report, and the writes. */
export interface ImportPlan {
  /** Counts merged into the report (created, updated, unchanged and the job's own). */
  counts: Record<string, number>;
  /** Writes the plan (inside the transaction the plan was made in). */
  apply(): Promise<void>;
}

/** One kind of import: how its rows are read and planned. */
export interface ImportJob<F extends string, L extends RowState, R extends ImportReport> {
  /** The report to fill (newReport, plus the job's own counts). */
  report: R;
  /** A row as read → a line, with the problems of its cells. */
  read(row: TableRow<F>): L;
  /**
   * What the lines do against the stored state; flags rows it refuses. Throws for what stops
   * the whole import (a limit, say). Loops over the lines `await pace()` once per line, so
   * that other requests get a turn (pace.ts).
   */
  plan(tx: TenantScope, lines: L[], pace: Pace): Promise<ImportPlan>;
  /** Runs first in the writing transaction (to lock what the import changes). */
  lock?(tx: TenantScope): Promise<unknown>;
}

/**
 * Reads, plans and (unless a dry run) writes the rows of `rows`: all or nothing, unless
 * `opts.partial`. A refused import throws ImportRefused with its report.
 */
export async function runImportJob<F extends string, L extends RowState, R extends ImportReport>(
  scope: TenantScope,
  rows: AsyncIterable<TableRow<F>>,
  opts: ImportOptions,
  job: ImportJob<F, L, R>,
): Promise<R> {
  const { report } = job;
  const lines: L[] = [];
  // Reading is paced by the rows themselves (Table.rows); planning by this pace.
  for await (const r of rows) lines.push(job.read(r));
  report.rows = lines.length;
  const pace = createPace();
  const run = async (tx: TenantScope) => {
    const plan = await job.plan(tx, lines, pace);
    finishReport(report, lines);
    Object.assign(report, plan.counts);
    if (opts.dryRun) return report;
    if (report.skipped && !opts.partial) throw new ImportRefused(report);
    await applyOrConflict(() => plan.apply());
    report.applied = true;
    return report;
  };
  if (opts.dryRun) return await run(scope);
  return await scope.transaction(async (tx) => {
    await job.lock?.(tx);
    return await run(tx);
  });
}

/**
 * The start of a line keyed by its external key: the key (at most 100 characters), or a
 * problem when it is empty (`noun` names what the rows are: "the position's external key").
 */
export function keyedLine(r: TableRow<string>, noun: string): RowState & { key: string } {
  const line = { row: r.row, problems: [...r.problems], key: "" };
  const key = r.values.externalKey ?? "";
  if (!key && !r.problems.some((p) => p.field === "externalKey")) {
    const problem = `is empty; every row needs the ${noun}'s external key`;
    flag(line, "externalKey", "empty-required", problem);
  }
  line.key = bounded(line, "externalKey", key, 100) ?? "";
  return line;
}
