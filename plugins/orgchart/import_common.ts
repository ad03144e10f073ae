// What positions and employees imports share: the core report (api/tabular/report.ts) with
// the org units a positions import creates, and the run of an import into one chart (the
// generic one of api/tabular/import.ts, the chart locked while it writes).
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import { type ImportPlan, runImportJob } from "../../api/tabular/import.ts";
import type { Pace, Table, TableRow } from "../../api/tabular/mod.ts";
import {
  type ImportOptions,
  type ImportReport as CoreReport,
  newReport,
  type RowState,
} from "../../api/tabular/report.ts";
import { getChart, lockChart } from "./chart_service.ts";

export type { ImportOptions, RowState } from "../../api/tabular/report.ts";
export type { Pace } from "../../api/tabular/mod.ts";
export { batches, flag, ImportRefused } from "../../api/tabular/report.ts";
export { keyedLine } from "../../api/tabular/import.ts";

export interface ImportReport extends CoreReport<"positions" | "employees"> {
  /** Positions imports: org units created from unit paths. */
  unitsCreated: number;
}

/** Imports the rows of `table` into chart `chartId` (404 when there is no such chart). */
export async function importIntoChart<F extends string, L extends RowState>(
  scope: TenantScope,
  chartId: string,
  kind: ImportReport["kind"],
  table: Table<F>,
  opts: ImportOptions,
  job: {
    read(row: TableRow<F>): L;
    plan(tx: TenantScope, chartId: string, lines: L[], pace: Pace): Promise<ImportPlan>;
  },
): Promise<ImportReport> {
  await getChart(scope, chartId);
  return await runImportJob(scope, table.rows(), opts, {
    report: { ...newReport(kind, table, opts), unitsCreated: 0 },
    read: job.read,
    plan: (tx, lines, pace) => job.plan(tx, chartId, lines, pace),
    lock: (tx) => lockChart(tx, chartId),
  });
}
