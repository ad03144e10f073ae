// Receiving a CSV or XLSX upload in a route: as multipart/form-data (field "file") or as the
// raw body, size-checked, its format told by its content, its header read into a Table. One
// copy for every plugin that imports lists (org charts, resources…), with the OpenAPI body and
// the problem a file-level error becomes.
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { ProblemError } from "../problem.ts";
import { type ColumnSpec, detectFormat, openTable, type Table, type TabularFormat } from "./mod.ts";
import { IMPORT_PROBLEM_CODES, importProblemCodes } from "./codes.ts";
import { rowProblem, TabularError } from "./types.ts";
import { XLSX_MEDIA_TYPE } from "./xlsx.ts";
import { readBody } from "../http/body.ts";
import { MultipartError, type MultipartFile, multipartFile } from "../http/multipart.ts";

/** The largest file imported (the app's body limit may be lower). */
export const IMPORT_MAX_BYTES = 8 * 2 ** 20;
/** Rows a file may have (the header included); larger files are refused. */
export const IMPORT_MAX_ROWS = 20_001;
/** What a multipart body may hold besides the file: boundaries, part headers, other fields. */
const MULTIPART_FRAMING = 64 * 1024;

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

/** The OpenAPI request body of an import route. */
export const uploadBody = {
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

/** One problem of an import report, for response schemas. */
export const RowProblemSchema = z.object({
  row: z.number().int().openapi({ description: "The spreadsheet row (1: the header)" }),
  field: z.string().nullable(),
  code: z.enum(importProblemCodes).openapi({
    description: "What is wrong, as a stable code to show a message for:\n" +
      Object.entries(IMPORT_PROBLEM_CODES).map(([code, meaning]) => `- \`${code}\`: ${meaning}`)
        .join("\n"),
  }),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional().openapi({
    description: "The numbers and names the code's message needs (see `code`)",
  }),
  problem: z.string().openapi({ description: "What is wrong, in English words" }),
}).openapi("ImportRowProblem");

/** What is known of the upload once it is read (for the report of an unreadable file). */
export interface Upload {
  format: TabularFormat;
}

/** Reads the uploaded file (multipart or raw body) and its header row. */
export async function readUpload<F extends string>(
  c: Context,
  upload: Upload,
  columns: readonly ColumnSpec<F>[],
): Promise<Table<F>> {
  const contentType = c.req.header("content-type") ?? "";
  const type = contentType.split(";")[0].trim().toLowerCase();
  const declared = Number(c.req.header("content-length"));
  const expected = Number.isFinite(declared) ? declared : undefined;
  let bytes: Uint8Array;
  let format: TabularFormat;
  if (type === "multipart/form-data") {
    // Read like a raw body (chunk by chunk, given up beyond the limit), then the file is
    // found in the bytes: no formData(), which read and parsed the body in one go.
    if (expected !== undefined && expected > IMPORT_MAX_BYTES + MULTIPART_FRAMING) {
      throw sizeProblem(expected);
    }
    const body = await readBody(
      c.req.raw.body,
      IMPORT_MAX_BYTES + MULTIPART_FRAMING,
      sizeProblem,
      expected,
    );
    let file: MultipartFile | undefined;
    try {
      file = multipartFile(body, contentType, "file");
    } catch (e) {
      if (!(e instanceof MultipartError)) throw e;
      throw new ProblemError(400, undefined, `The multipart body could not be read: ${e.message}.`);
    }
    if (!file) {
      throw new ProblemError(422, undefined, 'Send the file in the form field "file".', {
        errors: [{ field: "body.file", message: "a file is required", code: "required" }],
      });
    }
    checkSize(file.bytes.length);
    bytes = file.bytes;
    format = detectFormat(bytes, file.type, file.filename);
  } else if (RAW_TYPES.includes(type)) {
    checkSize(expected ?? 0);
    bytes = await readBody(c.req.raw.body, IMPORT_MAX_BYTES, sizeProblem, expected);
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
      rowProblem(1, null, "no-header", "no header row"),
    ]);
  }
  return await openTable({ format, data: bytes }, columns, { maxRows: IMPORT_MAX_ROWS });
}

/** Problems of a whole file that are about its size: 413. */
const TOO_LARGE = new Set<TabularError["code"]>(["too-many-rows", "too-large"]);

/**
 * The problem answering a file that cannot be read: 422 (415 for an old .xls, 413 for more
 * rows or bytes than are read) typed by the error's code, with `report` (the caller's report
 * shape, holding the problems).
 */
export function unreadableFile(e: TabularError, report: unknown): ProblemError {
  if (TOO_LARGE.has(e.code)) {
    const max = e.problems[0]?.params?.max;
    const limit = e.code === "too-many-rows" ? "rows" : "bytes";
    return new ProblemError(413, e.code, e.message, { limit, max, report });
  }
  const status = e.code === "unsupported-format" ? 415 : 422;
  return new ProblemError(status, e.code, e.message, { report });
}

function checkSize(size: number) {
  if (size > IMPORT_MAX_BYTES) throw sizeProblem(size);
}

function sizeProblem(size: number): ProblemError {
  return new ProblemError(413, undefined, `Files are imported up to ${IMPORT_MAX_BYTES} bytes.`, {
    limit: "bytes",
    max: IMPORT_MAX_BYTES,
    actual: size,
  });
}
