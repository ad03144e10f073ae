// Importing resources of one kind from CSV or XLSX (format: docs/import.md), one generic
// import for every kind: the columns are the kind's fields (kinds.ts), each cell is checked
// with the same schema as the API's (fieldSchema), rows are matched on the external key (per
// tenant and kind): a known key updates the resource, a new one creates it. The owner column
// names a position by its external key or id.
import { and, eq, gt, inArray } from "drizzle-orm";
import { z } from "@hono/zod-openapi";
import { uuidv7 } from "../../api/db/ids.ts";
import { rowProblem } from "../../api/tabular/types.ts";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import type { ColumnSpec, Pace, RowProblem, Table, TableRow } from "../../api/tabular/mod.ts";
import { keyedLine, runImportJob } from "../../api/tabular/import.ts";
import { type RowUpdate, updateRows } from "../../api/tabular/update_rows.ts";
import {
  batches,
  firstRowByKey,
  flag,
  type ImportOptions,
  type ImportReport,
  importReportSchema,
  newReport,
  type RowState,
} from "../../api/tabular/report.ts";
import { positionIdsByKey, positionTargets } from "../orgchart/service.ts";
import { fieldSchema } from "./api_schemas.ts";
import { type FieldSpec, KINDS, type KindSpec, nameField } from "./kinds.ts";
import {
  changesOf,
  newRow,
  RESOURCE_LIMIT,
  type ResourceInput,
  resourcesFull,
} from "./resource_service.ts";
import { type ResourceInsert, type ResourceRow, resources } from "./schema.ts";

const PATHS = KINDS.map((k) => k.path) as [string, ...string[]];

/** Rows listed in a report's preview at most; the counts stay exact. */
export const PREVIEW_ROWS = 200;
const PREVIEW_ACTIONS = ["create", "update", "unchanged", "skip", "duplicate"] as const;
type PreviewAction = typeof PREVIEW_ACTIONS[number];

export const ImportReportSchema = importReportSchema("ResourceImportReport", PATHS, {
  duplicates: z.number().int().openapi({
    description: "New rows with the name (or URL) of an existing object under another key: " +
      "flagged as possible-duplicate warnings, left out with skipDuplicates",
  }),
  preview: z.array(z.object({
    row: z.number().int(),
    key: z.string(),
    name: z.string(),
    action: z.enum(PREVIEW_ACTIONS),
  })).openapi({
    description: `What happens to each row (the first ${PREVIEW_ROWS}): created, updated, ` +
      "unchanged, skipped for its problems, or a possible duplicate",
  }),
});

export interface ResourceImportOptions extends ImportOptions {
  skipDuplicates?: boolean;
}

interface PreviewRow {
  row: number;
  key: string;
  name: string;
  action: PreviewAction;
}

const KEY_ALIASES = ["key", "external id", "Schlüssel", "Externer Schlüssel", "Kennung"];

/** The import column of a field (the owner is named by position key there). */
const columnOf = (f: FieldSpec) => f.importField ?? f.field;

/** The columns of a file of `spec`'s kind: externalKey (required), then the fields. */
export function importColumns(spec: KindSpec): ColumnSpec[] {
  return [
    { field: "externalKey", required: true, aliases: KEY_ALIASES },
    ...spec.fields.map((f) => ({ field: columnOf(f), aliases: f.aliases })),
  ];
}

interface Line extends RowState {
  key: string;
  /** What the plan does with the row. */
  action?: PreviewAction;
  /** The name the existing object has (rows that update one without naming it). */
  existingName?: string;
  /** Field values read; absent: the column is missing or its cell was refused. */
  values: ResourceInput;
  /** The owner as written (position key or id); null: clear; undefined: no column. */
  ownerRef?: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GERMAN_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

/** Imports the rows of `table` as resources of `spec`'s kind. */
export async function importResources(
  scope: TenantScope,
  spec: KindSpec,
  table: Table<string>,
  opts: ResourceImportOptions,
): Promise<ImportReport & { duplicates: number; preview: PreviewRow[] }> {
  const seen = { duplicates: 0, warnings: [] as RowProblem[], lines: [] as Line[] };
  const report = await runImportJob(scope, table.rows(), opts, {
    report: newReport(spec.path, table, opts),
    read: (r) => readLine(spec, r),
    plan: (tx, lines, pace) => {
      seen.lines = lines;
      return planImport(tx, spec, lines, opts, pace, seen);
    },
  });
  report.warnings = [...report.warnings, ...seen.warnings].slice(0, 1000);
  return { ...report, duplicates: seen.duplicates, preview: previewOf(spec, seen.lines) };
}

/** What happens to each of the first rows, in file order. */
function previewOf(spec: KindSpec, lines: Line[]): PreviewRow[] {
  const name = nameField(spec).field;
  return lines.slice(0, PREVIEW_ROWS).map((l) => ({
    row: l.row,
    key: l.key,
    name: String(l.values[name] ?? l.existingName ?? ""),
    action: l.problems.length ? "skip" : l.action ?? "skip",
  }));
}

function readLine(spec: KindSpec, r: TableRow<string>): Line {
  const line: Line = { ...keyedLine(r, spec.noun[0]), values: {} };
  for (const f of spec.fields) {
    const column = columnOf(f);
    let text = r.values[column];
    if (text === undefined) continue;
    if (f.type === "position") {
      line.ownerRef = text || null;
      continue;
    }
    // Excel in German locales writes dates as 31.12.2025 when saved as CSV.
    const german = f.type === "date" ? text.match(GERMAN_DATE) : null;
    if (german) {
      text = `${german[3]}-${german[2].padStart(2, "0")}-${german[1].padStart(2, "0")}`;
    }
    if (text === "") {
      // An empty required cell keeps the current value (a new row needs one: see planImport).
      if (!f.required) line.values[f.field] = null;
      continue;
    }
    const parsed = cellSchema(f).safeParse(text);
    if (parsed.success) line.values[f.field] = parsed.data;
    else {
      const issue = parsed.error.issues[0];
      const problem = `"${text.slice(0, 60)}": ${issue.message}`;
      if (issue.code === "too_big") {
        const max = Number(issue.maximum);
        flag(line, column, "too-long", problem, { length: text.length, max });
      } else flag(line, column, invalidCode(f), problem);
    }
  }
  return line;
}

// Building a zod schema costs far more than using one: once per field, not once per cell
// (20,000 rows × 6 fields built 120,000 schemas, most of a second of the import).
const cellSchemas = new WeakMap<FieldSpec, ReturnType<typeof fieldSchema>>();
function cellSchema(f: FieldSpec) {
  let schema = cellSchemas.get(f);
  if (!schema) cellSchemas.set(f, schema = fieldSchema(f));
  return schema;
}

/** The code of a value `fieldSchema(f)` refuses for another reason than its length. */
function invalidCode(f: FieldSpec) {
  return f.type === "url" ? "not-a-url" : f.type === "date" ? "not-a-date" : "invalid-value";
}

async function planImport(
  tx: TenantScope,
  spec: KindSpec,
  lines: Line[],
  opts: ResourceImportOptions,
  pace: Pace,
  seen: { duplicates: number; warnings: RowProblem[] },
) {
  const actorId = opts.actorId;
  const byKey = firstRowByKey(lines);
  const existing = new Map<string, ResourceRow>();
  for (const keys of batches([...byKey.keys()], 1000)) {
    const rows = await tx.select(resources, {
      where: and(eq(resources.kind, spec.kind), inArray(resources.externalKey, keys)),
    });
    for (const row of rows) existing.set(row.externalKey!.toLowerCase(), row);
  }
  const owners = await resolveOwners(tx, lines);
  // Read when the first new row needs them: an import that only updates never reads them.
  let twins: Awaited<ReturnType<typeof existingTwins>> | undefined;

  const counts = { created: 0, updated: 0, unchanged: 0 };
  const inserts: ResourceInsert[] = [];
  const updates: RowUpdate<Partial<ResourceInsert>>[] = [];
  const now = new Date();
  for (const line of lines) {
    await pace();
    if (line.problems.length) continue;
    const values = { ...line.values };
    if (line.ownerRef !== undefined) {
      const owner = line.ownerRef === null ? { id: null } : owners(line.ownerRef);
      if ("problem" in owner) flag(line, "owner", owner.code, owner.problem, owner.params);
      else values.ownerPositionId = owner.id;
    }
    const current = existing.get(line.key.toLowerCase());
    if (!current) {
      for (const f of spec.fields.filter((f) => f.required && values[f.field] == null)) {
        const problem = `is empty; a new ${spec.noun[0]} needs a ${f.field}`;
        flag(line, columnOf(f), "empty-for-new", problem, { kind: spec.kind, field: f.field });
      }
    }
    if (line.problems.length) continue;
    if (!current) {
      // A second object of the same name (or URL) under another key: said before writing.
      twins ??= await existingTwins(tx, spec);
      const twin = twins(values);
      if (twin) {
        seen.duplicates++;
        seen.warnings.push(rowProblem(
          line.row,
          nameField(spec).field,
          "possible-duplicate",
          `a ${spec.noun[0]} named "${twin.name}" exists already (${twin.key})`,
          { key: twin.key, name: twin.name },
        ));
        line.action = "duplicate";
        if (opts.skipDuplicates) continue;
      }
      inserts.push({
        ...newRow(spec, { ...values, externalKey: line.key }, actorId, now),
        id: uuidv7(),
      });
      counts.created++;
      line.action ??= "create";
      continue;
    }
    line.existingName = current.name;
    const changes = changesOf(spec, current, values);
    if (Object.keys(changes).length) {
      updates.push({
        id: current.id,
        patch: { ...changes, version: current.version + 1, updatedAt: now },
      });
      counts.updated++;
      line.action = "update";
    } else {
      counts.unchanged++;
      line.action = "unchanged";
    }
  }
  const total = (await tx.count(resources, eq(resources.kind, spec.kind))) + inserts.length;
  if (total > RESOURCE_LIMIT) throw resourcesFull(spec, total);
  return {
    counts,
    apply: async () => {
      for (const batch of batches(inserts)) await tx.insert(resources, batch);
      await updateRows(tx, resources, updates);
    },
  };
}

/** Rows per page when reading every object of a kind for the duplicate check. */
const TWIN_PAGE = 2000;

/**
 * The existing objects of the kind by name and by URL (both compared without case and outer
 * spaces): a function from a new row's values to the object it would duplicate, if any.
 */
async function existingTwins(tx: TenantScope, spec: KindSpec) {
  const norm = (v: unknown) => typeof v === "string" ? v.trim().toLowerCase() : "";
  const byName = new Map<string, ResourceRow>();
  const byUrl = new Map<string, ResourceRow>();
  // Page by page: turning 20,000 rows into objects at once held the event loop ~100 ms.
  let after: string | undefined;
  for (;;) {
    const rows = await tx.select(resources, {
      where: and(eq(resources.kind, spec.kind), after ? gt(resources.id, after) : undefined),
      orderBy: [resources.id],
      limit: TWIN_PAGE,
    });
    for (const r of rows) {
      if (norm(r.name)) byName.set(norm(r.name), r);
      if (norm(r.url)) byUrl.set(norm(r.url), r);
    }
    if (rows.length < TWIN_PAGE) break;
    after = rows[rows.length - 1].id;
  }
  const name = nameField(spec).field;
  return (values: ResourceInput) => {
    const hit = byName.get(norm(values[name])) ?? byUrl.get(norm(values.url));
    return hit ? { key: hit.externalKey ?? hit.id, name: hit.name } : undefined;
  };
}

/**
 * Looks up the owners the lines name, by position id or external key (ignoring case): a
 * function from the text to the position's id, or to the problem of the row.
 */
async function resolveOwners(tx: TenantScope, lines: Line[]) {
  const refs = [...new Set(lines.flatMap((l) => l.ownerRef ? [l.ownerRef] : []))];
  const ids = refs.filter((r) => UUID.test(r));
  const known = ids.length ? await positionTargets.existing(tx, ids) : new Set<string>();
  const byKey = new Map<string, string[]>();
  for (const [key, found] of await positionIdsByKey(tx, refs.filter((r) => !UUID.test(r)))) {
    byKey.set(key.toLowerCase(), [...byKey.get(key.toLowerCase()) ?? [], ...found]);
  }
  return (ref: string): { id: string } | Pick<RowProblem, "code" | "params" | "problem"> => {
    if (UUID.test(ref)) {
      if (known.has(ref)) return { id: ref };
      return { code: "unknown-position", problem: `names no position: "${ref}"` };
    }
    const found = byKey.get(ref.toLowerCase()) ?? [];
    if (found.length === 1) return { id: found[0] };
    if (!found.length) {
      const problem = `names no position with the external key "${ref}"`;
      return { code: "unknown-position", problem };
    }
    return {
      code: "ambiguous-position",
      params: { count: found.length },
      problem:
        `"${ref}" is the key of positions in ${found.length} org charts; use the position's id`,
    };
  };
}
