// The org chart's import routes for the generic import panel: positions and employees of
// one chart, sent as multipart/form-data (the file keeps its name, which helps the API tell
// CSV from XLSX).
import type { ImportCaller, ImportKind, ImportReport } from "../../../components/import_dialog.ts";
import { type Schemas, unwrap } from "../../../lib/api/client.ts";
import { t } from "../../../lib/i18n.ts";
import { session } from "../../session.ts";

/** The kinds a chart imports, positions first (employees refer to them). */
export function chartImportKinds(): ImportKind[] {
  return [
    {
      value: "positions",
      label: t("orgchart.import.positions"),
      hint: t("orgchart.import.positionsHint"),
    },
    {
      value: "employees",
      label: t("orgchart.import.employees"),
      hint: t("orgchart.import.employeesHint"),
    },
  ];
}

/** Sends an import of chart `chartId` to its route. */
export function chartImporter(chartId: string): ImportCaller {
  return async ({ kind, file, dryRun, partial }) => {
    const form = new FormData();
    form.append("file", file, file.name);
    const path = kind === "employees"
      ? "/api/v1/orgchart/charts/{id}/import/employees" as const
      : "/api/v1/orgchart/charts/{id}/import/positions" as const;
    return unwrap(
      await session().api.POST(path, {
        params: {
          path: { id: chartId },
          query: { dryRun: dryRun ? "true" : "false", partial: partial ? "true" : "false" },
        },
        // openapi-fetch sends FormData as it is (the browser sets the boundary).
        body: form as unknown as { file: string },
      }),
    );
  };
}

/** The units an import of positions creates, as a line of the report. */
export function describeChartImport(report: ImportReport): string[] {
  const units = (report as Partial<Schemas["ImportReport"]>).unitsCreated ?? 0;
  return units > 0 ? [t("orgchart.import.unitsCreated", { count: units })] : [];
}
