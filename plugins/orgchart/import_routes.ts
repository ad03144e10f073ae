// Importing positions and employees into a chart from CSV or XLSX (docs/import.md): the file
// as multipart/form-data (field "file") or as the raw body (text/csv or the XLSX media
// type). ?dryRun=true only reports; by default an import is all or nothing (any row problem:
// 422 with the report, nothing written); ?partial=true imports the good rows.
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import type { AppEnv } from "../../api/env.ts";
import { problemResponses } from "../../api/problem.ts";
import type { ColumnSpec, Table } from "../../api/tabular/mod.ts";
import { runImport } from "../../api/tabular/report.ts";
import { readUpload, uploadBody } from "../../api/tabular/upload.ts";
import { idParam, ImportQuery, ImportReport, json } from "./api_schemas.ts";
import * as service from "./service.ts";

/** An import into a chart: its columns and what it does with them. */
interface ChartImport {
  kind: service.ImportReport["kind"];
  description: string;
  columns: readonly ColumnSpec[];
  run(
    scope: TenantScope,
    chartId: string,
    table: Table<string>,
    opts: service.ImportOptions,
  ): Promise<service.ImportReport>;
}

/** The imports, in the order of the document. */
const IMPORTS: ChartImport[] = [
  {
    kind: "positions",
    description: "Columns: externalKey, title, unit (a path like `Management > Sales`; " +
      "missing units are created), reportsTo (the manager's external key). A known external " +
      "key updates the position. See docs/import.md.",
    columns: service.POSITION_COLUMNS,
    run: service.importPositions,
  },
  {
    kind: "employees",
    description: "Columns: externalKey, name, email, phone, location, positions (external " +
      "keys of this chart's positions, the first one primary). A known external key updates " +
      "the employee. See docs/import.md.",
    columns: service.EMPLOYEE_COLUMNS,
    run: service.importEmployees,
  },
];

export function registerImportRoutes(app: OpenAPIHono<AppEnv>) {
  for (const { kind, description, columns, run } of IMPORTS) {
    const route = createRoute({
      method: "post",
      path: `/charts/{id}/import/${kind}`,
      operationId: kind === "positions" ? "importPositions" : "importEmployees",
      summary: `Import ${kind} from CSV or XLSX`,
      description,
      "x-permission": "orgchart.write",
      request: { params: idParam("an org chart"), query: ImportQuery, body: uploadBody },
      responses: {
        200: { description: "The import report", content: json(ImportReport) },
        ...problemResponses(401, 403, 404, 413, 415, 422),
      },
    });
    app.openapi(route, async (c) => {
      const { id } = c.req.valid("param");
      const opts = { ...c.req.valid("query"), actorId: c.var.principal!.userId };
      const report = await runImport(c, kind, async (upload) => {
        await service.getChart(c.var.scope, id); // 404 before reading the upload
        const table = await readUpload(c, upload, columns);
        return await run(c.var.scope, id, table, opts);
      }, { unitsCreated: 0 });
      return c.json(report, 200);
    });
  }
}
