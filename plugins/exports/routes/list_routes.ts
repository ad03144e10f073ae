// GET /lists/{list}.csv and .xlsx: every list the plugins offer (lists/registry.ts). Lists
// holding personal data are for executives only, and each such export is written to the
// audit trail. The first row is read before the answer starts, so an unknown process or a
// missing right is a problem document, not a broken file.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { appendAudit } from "../../../api/audit/chain.ts";
import type { AppEnv } from "../../../api/env.ts";
import type { ListCell, ListExportContext, PluginDeps } from "../../../api/plugin.ts";
import { ProblemError, problemResponses } from "../../../api/problem.ts";
import { roleAllows } from "../../../api/tenancy.ts";
import { csvStream } from "../lists/csv.ts";
import { registeredLists } from "../lists/registry.ts";
import { xlsxStream } from "../lists/xlsx.ts";
import { languageOf } from "../words.ts";
import {
  binary,
  capitalized,
  dispositionHeader,
  download,
  FileRoutes,
  LangQuery,
} from "./file_route.ts";

const CSV = "text/csv; charset=utf-8";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const ListQuery = z.object({
  process: z.string().optional().openapi({ description: "raci: the process id (required)" }),
  source: z.string().optional().openapi({
    description: "raci: published (default) or draft (modelers and the owner)",
  }),
  excel: z.enum(["true", "false"], { error: "true or false" }).optional().openapi({
    description: "CSV for Excel: a byte order mark and ; as the separator",
  }),
  lang: LangQuery,
});

function listRoute(ext: "csv" | "xlsx", names: string[]) {
  return createRoute({
    method: "get",
    path: `/lists/{list}.${ext}`,
    operationId: `exportList${capitalized(ext)}`,
    summary: ext === "csv" ? "Download a list as CSV" : "Download a list as an Excel workbook",
    description: `Lists: ${names.join(", ")}. Headers in the request's language. ` +
      "Lists with personal data (employees) need the role executive and are audited. " +
      (ext === "csv"
        ? "UTF-8; cells that would start a formula (= + - @ tab CR) get a leading apostrophe."
        : "A bold frozen header row with an autofilter; dates and numbers as such."),
    "x-permission": "exports.read",
    request: {
      params: z.object({ list: z.enum(names as [string, ...string[]]) }),
      query: ListQuery,
    },
    responses: {
      200: {
        description: "The list",
        headers: dispositionHeader,
        content: { [ext === "csv" ? "text/csv" : XLSX]: { schema: binary("The file") } },
      },
      ...problemResponses(401, 403, 404, 422),
    },
  });
}

export function registerListRoutes(files: FileRoutes, deps: PluginDeps) {
  const lists = registeredLists(deps.plugins);
  const names = [...lists.keys()].sort();
  if (!names.length) return;
  for (const ext of ["csv", "xlsx"] as const) {
    files.add(listRoute(ext, names), (c, name) => answer(c, deps, name, ext));
  }
}

async function answer(c: Context<AppEnv>, deps: PluginDeps, name: string, ext: "csv" | "xlsx") {
  const entry = registeredLists(deps.plugins).get(name);
  if (!entry) throw new ProblemError(404, undefined, `There is no list named "${name}".`);
  const { list, personal } = entry;
  const principal = c.var.principal!;
  const query = c.req.query();
  if (query.excel && !["true", "false"].includes(query.excel)) {
    throw invalid("query.excel", "true or false");
  }
  if (query.lang && !["de", "en"].includes(query.lang)) throw invalid("query.lang", "de or en");
  if (personal.length && !roleAllows(principal.role, "executive")) {
    throw new ProblemError(
      403,
      "role-required",
      `The list "${name}" holds personal data; exporting it needs the role executive.`,
      { action: "exports.personal-data", requiredRole: "executive" },
    );
  }
  const params: Record<string, string> = {};
  for (const [key, spec] of Object.entries(list.params ?? {})) {
    const value = query[key];
    if (value) params[key] = value;
    else if (spec.required) throw invalid(`query.${key}`, `required: ${spec.description}`);
  }
  const language = languageOf(c);
  const ctx: ListExportContext = {
    ...deps,
    tenantId: c.var.scope.tenantId,
    scope: c.var.scope,
    params,
    userId: principal.userId,
    role: principal.role,
    language,
  };
  const iterator = list.rows(ctx)[Symbol.asyncIterator]();
  // The first row now: refusals and unknown ids surface as problems before the file starts.
  const first = await iterator.next();
  const rows = prepend(first, iterator);
  if (personal.length) {
    await appendAudit(deps.db, {
      tenantId: principal.tenantId,
      actorType: principal.kind,
      actorId: principal.userId,
      action: "exports.personal-data",
      method: "GET",
      route: `/api/v1/exports/lists/{list}.${ext}`,
      targetType: "list",
      targetId: name,
      requestId: c.get("requestId"),
      status: 200,
      details: { list: name, format: ext, columns: personal },
    });
  }
  const headers = list.columns.map((col) => col.header[language]);
  const date = new Date().toISOString().slice(0, 10);
  const filename = `${list.title[language]} ${date}.${ext}`;
  const body = ext === "csv"
    ? csvStream(list.columns, rows, { excel: query.excel === "true", headers })
    : xlsxStream(list.columns, rows, { sheet: list.title[language], headers });
  return new Response(body, { headers: download(ext === "csv" ? CSV : XLSX, filename) });
}

function prepend(
  first: IteratorResult<ListCell[]>,
  rest: AsyncIterator<ListCell[]>,
): AsyncIterator<ListCell[]> {
  let used = false;
  return {
    next: () => {
      if (!used) {
        used = true;
        return Promise.resolve(first);
      }
      return first.done ? Promise.resolve(first) : rest.next();
    },
    return: (v?: unknown) => rest.return?.(v) ?? Promise.resolve({ done: true, value: undefined }),
  };
}

export function invalid(path: string, message: string) {
  return new ProblemError(422, undefined, "Some fields are not valid; see errors.", {
    errors: [{ field: path, message, code: "invalid_value" }],
  });
}
