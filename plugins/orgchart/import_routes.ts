// Importing positions and employees into a chart from CSV or XLSX (docs/import.md): the file
// as multipart/form-data (field "file") or as the raw body (text/csv or the XLSX media
// type). ?dryRun=true only reports; by default an import is all or nothing (any row problem:
// 422 with the report, nothing written); ?partial=true imports the good rows.
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../api/env.ts";
import { ProblemError, problemResponses } from "../../api/problem.ts";
import {
  type ColumnSpec,
  detectFormat,
  openTable,
  type Table,
  TabularError,
  type TabularFormat,
  XLSX_MEDIA_TYPE,
} from "../../api/tabular/mod.ts";
import { idParam, ImportQuery, ImportReport, json } from "./api_schemas.ts";
import { IMPORT_MAX_ROWS, ImportRefused, type ImportReport as Report } from "./import_common.ts";
import * as service from "./service.ts";

/** The largest file imported (the app's body limit may be lower). */
export const IMPORT_MAX_BYTES = 8 * 2 ** 20;

/**
 * Raw body media types read (the content decides: a zip is XLSX, else CSV). Browsers on
 * Windows send .csv files as application/vnd.ms-excel; old binary .xls files are told apart
 * by their content and refused with 415.
 */
const RAW_TYPES = [
  "text/csv",
  "application/csv",
  "text/plain",
  XLSX_MEDIA_TYPE,
  "application/vnd.ms-excel",
  "application/octet-stream",
];

const fileBody = {
  required: true,
  description: "A CSV (UTF-8, `,` or `;`) or XLSX file; the first row names the columns",
  content: {
    "multipart/form-data": {
      schema: {
        type: "object" as const,
        properties: { file: { type: "string" as const, format: "binary" } },
        required: ["file"],
      },
    },
    "text/csv": { schema: { type: "string" as const } },
    [XLSX_MEDIA_TYPE]: { schema: { type: "string" as const, format: "binary" } },
  },
};

const importRoute = (kind: "positions" | "employees", description: string) =>
  createRoute({
    method: "post",
    path: `/charts/{id}/import/${kind}`,
    summary: `Import ${kind} from CSV or XLSX`,
    description,
    "x-permission": "orgchart.write",
    request: { params: idParam("an org chart"), query: ImportQuery, body: fileBody },
    responses: {
      200: { description: "The import report", content: json(ImportReport) },
      ...problemResponses(401, 403, 404, 413, 415, 422),
    },
  });

const importPositions = importRoute(
  "positions",
  "Columns: externalKey, title, unit (a path like `Management > Sales`; missing units are " +
    "created), reportsTo (the manager's external key). A known external key updates the " +
    "position. See docs/import.md.",
);
const importEmployees = importRoute(
  "employees",
  "Columns: externalKey, name, email, phone, location, positions (external keys of this " +
    "chart's positions, the first one primary). A known external key updates the employee. " +
    "See docs/import.md.",
);

export function registerImportRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(importPositions, async (c) => {
    const { id } = c.req.valid("param");
    const opts = { ...c.req.valid("query"), actorId: c.var.principal!.userId };
    return await answer(c, "positions", async (upload) => {
      await service.getChart(c.var.scope, id); // 404 before reading the upload
      const table = await readUpload(c, upload, service.POSITION_COLUMNS);
      return await service.importPositions(c.var.scope, id, table, opts);
    });
  });

  app.openapi(importEmployees, async (c) => {
    const { id } = c.req.valid("param");
    const opts = { ...c.req.valid("query"), actorId: c.var.principal!.userId };
    return await answer(c, "employees", async (upload) => {
      await service.getChart(c.var.scope, id);
      const table = await readUpload(c, upload, service.EMPLOYEE_COLUMNS);
      return await service.importEmployees(c.var.scope, id, table, opts);
    });
  });
}

/** What is known of the upload once it is read. */
interface Upload {
  format: TabularFormat;
}

/** Runs an import, turning refused imports and unreadable files into 422 with a report. */
async function answer(
  c: Context<AppEnv>,
  kind: Report["kind"],
  run: (upload: Upload) => Promise<Report>,
) {
  const upload: Upload = { format: "csv" };
  try {
    return c.json(await run(upload), 200);
  } catch (e) {
    if (e instanceof ImportRefused) {
      throw new ProblemError(422, "import-refused", e.message, { report: e.report });
    }
    if (e instanceof TabularError) {
      const status = e.code === "unsupported-format" ? 415 : 422;
      throw new ProblemError(status, e.code, e.message, {
        report: fileReport(c, kind, upload, e),
      });
    }
    throw e;
  }
}

/** Reads the uploaded file (multipart or raw body) and its header row. */
async function readUpload<F extends string>(
  c: Context<AppEnv>,
  upload: Upload,
  columns: ColumnSpec<F>[],
): Promise<Table<F>> {
  const type = (c.req.header("content-type") ?? "").split(";")[0].trim().toLowerCase();
  let bytes: Uint8Array;
  let format: TabularFormat;
  if (type === "multipart/form-data") {
    let form: FormData;
    try {
      form = await c.req.raw.formData();
    } catch {
      throw new ProblemError(400, undefined, "The multipart body could not be read.");
    }
    const file = form.get("file");
    if (!(file instanceof File)) {
      throw new ProblemError(422, undefined, 'Send the file in the form field "file".', {
        errors: [{ field: "body.file", message: "a file is required", code: "required" }],
      });
    }
    checkSize(file.size);
    bytes = new Uint8Array(await file.arrayBuffer());
    format = detectFormat(bytes, file.type, file.name);
  } else if (RAW_TYPES.includes(type)) {
    bytes = new Uint8Array(await c.req.arrayBuffer());
    checkSize(bytes.length);
    format = detectFormat(bytes, type);
  } else {
    throw new ProblemError(
      415,
      undefined,
      `Send the file as multipart/form-data (field "file"), text/csv or ${XLSX_MEDIA_TYPE}.`,
      { accepted: ["multipart/form-data", ...RAW_TYPES] },
    );
  }
  upload.format = format;
  if (!bytes.length) {
    throw new TabularError("empty", "The file is empty: it needs a header row and data rows.", [
      { row: 1, field: null, problem: "no header row" },
    ]);
  }
  return await openTable({ format, data: bytes }, columns, { maxRows: IMPORT_MAX_ROWS });
}

function checkSize(size: number) {
  if (size > IMPORT_MAX_BYTES) {
    throw new ProblemError(413, undefined, `Files are imported up to ${IMPORT_MAX_BYTES} bytes.`, {
      max: IMPORT_MAX_BYTES,
      actual: size,
    });
  }
}

/** The report of an import whose file could not be read: nothing but the problems. */
function fileReport(
  c: Context<AppEnv>,
  kind: Report["kind"],
  upload: Upload,
  e: TabularError,
): Report {
  const query = c.req.query();
  return {
    kind,
    format: upload.format,
    delimiter: null,
    dryRun: query.dryRun === "true",
    partial: query.partial === "true",
    applied: false,
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    unitsCreated: 0,
    problems: e.problems,
    warnings: [],
    truncated: false,
  };
}
