// Importing employees for a chart from CSV or XLSX (format: docs/import.md). Rows are
// matched on the employee's external key (tenant-wide): a known key updates the employee, a
// new one creates them. The positions column lists external keys of positions of this chart,
// the first being the primary one; it replaces what the employee holds in this chart
// (positions in other charts stay).
import { and, eq, inArray, or } from "drizzle-orm";
import { uuidv7 } from "../../api/db/ids.ts";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import type { ColumnSpec, Table, TableRow } from "../../api/tabular/mod.ts";
import { bounded, firstRowByKey } from "../../api/tabular/report.ts";
import { UPDATE_BATCH, updateRows } from "../../api/tabular/update_rows.ts";
import { bumped, selectIn } from "./common.ts";
import { EMAIL_PATTERN } from "./employee_service.ts";
import {
  batches,
  flag,
  importIntoChart,
  type ImportOptions,
  type ImportReport,
  keyedLine,
  type Pace,
  type RowState,
} from "./import_common.ts";
import {
  employeePositions,
  type EmployeeRow,
  employees,
  type HoldingRow,
  positions,
} from "./schema.ts";

export type EmployeeField = "externalKey" | "name" | "email" | "phone" | "location" | "positions";

/** The columns of an employees file; header texts are matched ignoring case and punctuation. */
export const EMPLOYEE_COLUMNS: ColumnSpec<EmployeeField>[] = [
  {
    field: "externalKey",
    required: true,
    aliases: [
      "key",
      "employee id",
      "employee number",
      "personnel number",
      "Personalnummer",
      "Mitarbeiternummer",
    ],
  },
  { field: "name", aliases: ["full name", "employee", "Mitarbeiter"] },
  { field: "email", aliases: ["e-mail address", "mail", "E-Mail-Adresse"] },
  { field: "phone", aliases: ["telephone", "phone number", "Telefon", "Telefonnummer"] },
  { field: "location", aliases: ["office", "site", "Standort", "Ort"] },
  {
    field: "positions",
    aliases: ["position", "position keys", "position key", "Stelle", "Stellen"],
  },
];

/** Separators between position keys in one cell. */
const KEY_SEPARATORS = /[,;|\n]/;
const MAX_POSITIONS = 50;

interface EmployeeLine extends RowState {
  key: string;
  name?: string;
  /** null: clear; undefined: column absent or cell refused. */
  email?: string | null;
  phone?: string | null;
  location?: string | null;
  /** Position keys in order (the first is primary); undefined: column absent. */
  positionKeys?: string[];
}

export async function importEmployees(
  scope: TenantScope,
  chartId: string,
  table: Table<EmployeeField>,
  opts: ImportOptions,
): Promise<ImportReport> {
  return await importIntoChart(scope, chartId, "employees", table, opts, {
    read: readLine,
    plan: planImport,
  });
}

function readLine(r: TableRow<EmployeeField>): EmployeeLine {
  const line: EmployeeLine = keyedLine(r, "employee");
  const v = r.values;
  if (v.name) line.name = bounded(line, "name", v.name, 200);
  if (v.email !== undefined) {
    if (v.email === "") line.email = null;
    else if (v.email.length > 254 || !EMAIL_PATTERN.test(v.email)) {
      flag(line, "email", "not-an-email", `"${v.email.slice(0, 100)}" is not an e-mail address`);
    } else line.email = v.email;
  }
  if (v.phone !== undefined) line.phone = v.phone ? bounded(line, "phone", v.phone, 50) : null;
  if (v.location !== undefined) {
    line.location = v.location ? bounded(line, "location", v.location, 200) : null;
  }
  if (v.positions !== undefined) {
    const keys = [
      ...new Set(v.positions.split(KEY_SEPARATORS).map((s) => s.trim()).filter(Boolean)),
    ];
    if (keys.length > MAX_POSITIONS) {
      flag(
        line,
        "positions",
        "too-many-positions",
        `lists ${keys.length} positions; at most ${MAX_POSITIONS}`,
        { count: keys.length, max: MAX_POSITIONS },
      );
    } else line.positionKeys = keys;
  }
  return line;
}

async function planImport(
  tx: TenantScope,
  chartId: string,
  lines: EmployeeLine[],
  pace: Pace,
) {
  const firstRow = firstRowByKey(lines, "externalKey", (key) => key);
  const chartPositions = await tx.select(positions, { where: eq(positions.chartId, chartId) });
  const positionByKey = new Map(
    chartPositions.filter((p) => p.externalKey).map((p) => [p.externalKey!, p]),
  );
  const existing = new Map(
    (await selectIn(tx, employees, employees.externalKey, [...firstRow.keys()]))
      .map((e) => [e.externalKey!, e]),
  );
  const holdingsOf = Map.groupBy(
    await selectIn(
      tx,
      employeePositions,
      employeePositions.employeeId,
      [...existing.values()].map((e) => e.id),
    ),
    (h) => h.employeeId,
  );

  const counts = { created: 0, updated: 0, unchanged: 0, unitsCreated: 0 };
  const inserts: Omit<typeof employees.$inferInsert, "tenantId">[] = [];
  const updates: { id: string; patch: Partial<EmployeeRow> }[] = [];
  const holdingInserts: Omit<HoldingRow, "tenantId">[] = [];
  const holdingDeletes: { employeeId: string; positionIds: string[] }[] = [];
  const primaryChanges: { employeeId: string; positionId: string; primary: boolean }[] = [];
  const now = new Date();

  for (const line of lines) {
    await pace();
    if (line.problems.length) continue;
    const wanted: string[] = [];
    for (const key of line.positionKeys ?? []) {
      const p = positionByKey.get(key);
      if (p) wanted.push(p.id);
      else {
        // The cell lists several keys: which one is unknown is worth saying.
        const problem = `names no position of this chart: "${key}"`;
        flag(line, "positions", "unknown-position", problem, { key });
      }
    }
    const current = existing.get(line.key);
    if (!current && line.name === undefined) {
      flag(line, "name", "empty-for-new", "is empty; a new employee needs a name", {
        kind: "employee",
        field: "name",
      });
    }
    if (line.problems.length) continue;

    const id = current?.id ?? uuidv7();
    const held = holdingsOf.get(id) ?? [];
    const here = held.filter((h) => h.chartId === chartId);
    const primaryElsewhere = held.some((h) => h.chartId !== chartId && h.primary);
    let holdingsChanged = false;
    if (line.positionKeys) {
      const primaryId = primaryElsewhere ? undefined : wanted[0];
      const gone = here.filter((h) => !wanted.includes(h.positionId)).map((h) => h.positionId);
      if (gone.length) holdingDeletes.push({ employeeId: id, positionIds: gone });
      for (const positionId of wanted) {
        const primary = positionId === primaryId;
        const had = here.find((h) => h.positionId === positionId);
        if (!had) {
          holdingInserts.push({ employeeId: id, positionId, chartId, primary, since: null });
        } else if (had.primary !== primary) {
          primaryChanges.push({ employeeId: id, positionId, primary });
        } else continue;
        holdingsChanged = true;
      }
      if (gone.length) holdingsChanged = true;
    }

    if (!current) {
      inserts.push({
        id,
        name: line.name!,
        nameKey: line.name!.toLowerCase(),
        email: line.email ?? null,
        phone: line.phone ?? null,
        location: line.location ?? null,
        externalKey: line.key,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      counts.created++;
      continue;
    }
    const patch: Partial<EmployeeRow> = {};
    if (line.name !== undefined && line.name !== current.name) {
      patch.name = line.name;
      patch.nameKey = line.name.toLowerCase();
    }
    if (line.email !== undefined && line.email !== current.email) patch.email = line.email;
    if (line.phone !== undefined && line.phone !== current.phone) patch.phone = line.phone;
    if (line.location !== undefined && line.location !== current.location) {
      patch.location = line.location;
    }
    if (Object.keys(patch).length || holdingsChanged) {
      updates.push({ id, patch: { ...patch, ...bumped(current.version) } });
      counts.updated++;
    } else counts.unchanged++;
  }

  return {
    counts,
    apply: async () => {
      for (const batch of batches(inserts)) await tx.insert(employees, batch);
      await updateRows(tx, employees, updates);
      // A statement per batch of employees, not per employee (UPDATE_BATCH of them).
      for (const batch of batches(holdingDeletes, UPDATE_BATCH)) {
        await tx.delete(
          employeePositions,
          or(...batch.map((d) =>
            and(
              eq(employeePositions.employeeId, d.employeeId),
              inArray(employeePositions.positionId, d.positionIds),
            )
          ))!,
        );
      }
      for (const primary of [true, false]) {
        const changes = primaryChanges.filter((c) => c.primary === primary);
        for (const batch of batches(changes, UPDATE_BATCH)) {
          await tx.update(
            employeePositions,
            { primary },
            or(...batch.map((c) =>
              and(
                eq(employeePositions.employeeId, c.employeeId),
                eq(employeePositions.positionId, c.positionId),
              )
            ))!,
          );
        }
      }
      for (const batch of batches(holdingInserts)) await tx.insert(employeePositions, batch);
    },
  };
}
