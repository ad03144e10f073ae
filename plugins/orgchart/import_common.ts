// What positions and employees imports share: the core report (api/tabular/report.ts) with
// the org units a positions import creates.
import {
  type ImportReport as CoreReport,
  newReport as coreReport,
} from "../../api/tabular/report.ts";
import type { Table } from "../../api/tabular/mod.ts";
import type { ImportOptions } from "../../api/tabular/report.ts";

export type { ImportOptions, RowState } from "../../api/tabular/report.ts";
export {
  applyOrConflict,
  batches,
  bounded,
  finishReport,
  flag,
  ImportRefused,
} from "../../api/tabular/report.ts";

export interface ImportReport extends CoreReport<"positions" | "employees"> {
  /** Positions imports: org units created from unit paths. */
  unitsCreated: number;
}

export function newReport(
  kind: ImportReport["kind"],
  table: Pick<Table<string>, "format" | "delimiter" | "warnings">,
  opts: ImportOptions,
): ImportReport {
  return { ...coreReport(kind, table, opts), unitsCreated: 0 };
}
