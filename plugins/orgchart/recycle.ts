// The orgchart plugin and the recycle bin (api/recycle_bin/): a deleted chart, unit,
// position or employee goes to the bin with the rows deleted with it (the holdings of a
// position or an employee), so a restore brings it back whole under its old id.
import { eq } from "drizzle-orm";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import { missingReference, moveToBin, type RestoreCheck } from "../../api/recycle_bin/service.ts";
import { employeePositions, employees, orgCharts, orgUnits, positions } from "./schema.ts";
import type { UnlinkResult } from "./usage.ts";

/** What a delete hands on: who deletes, and where to tell the bin entry's id. */
export interface BinOptions {
  actorId: string;
  /** Receives the bin entry's id (the route answers it as Procedo-Recycle-Bin-Id). */
  binned?(entryId: string): void;
}

async function put(
  tx: TenantScope,
  opts: BinOptions,
  entry: Omit<Parameters<typeof moveToBin>[1], "deletedBy">,
) {
  const id = await moveToBin(tx, { ...entry, deletedBy: opts.actorId });
  opts.binned?.(id);
}

export const binChart = (tx: TenantScope, row: typeof orgCharts.$inferSelect, o: BinOptions) =>
  put(tx, o, {
    type: "orgChart",
    objectId: row.id,
    title: row.name,
    parts: [{ table: orgCharts, rows: [row] }],
  });

/** The process drafts ?unlink=true took the object out of (a restore does not re-link). */
const usedIn = (unlinked: UnlinkResult[]) =>
  unlinked.map((u) => ({ type: "process", id: u.processId, title: u.title }));

export const binUnit = (
  tx: TenantScope,
  row: typeof orgUnits.$inferSelect,
  o: BinOptions,
  unlinked: UnlinkResult[] = [],
) =>
  put(tx, o, {
    type: "orgUnit",
    objectId: row.id,
    title: row.name,
    parts: [{ table: orgUnits, rows: [row] }],
    whereUsed: usedIn(unlinked),
  });

export async function binPosition(
  tx: TenantScope,
  row: typeof positions.$inferSelect,
  o: BinOptions,
  unlinked: UnlinkResult[] = [],
) {
  const held = await tx.select(employeePositions, {
    where: eq(employeePositions.positionId, row.id),
  });
  await put(tx, o, {
    type: "position",
    objectId: row.id,
    title: row.title,
    parts: [{ table: positions, rows: [row] }, { table: employeePositions, rows: held }],
    whereUsed: usedIn(unlinked),
  });
}

export async function binEmployee(
  tx: TenantScope,
  row: typeof employees.$inferSelect,
  o: BinOptions,
) {
  const held = await tx.select(employeePositions, {
    where: eq(employeePositions.employeeId, row.id),
  });
  await put(tx, o, {
    type: "employee",
    objectId: row.id,
    title: row.name,
    parts: [{ table: employees, rows: [row] }, { table: employeePositions, rows: held }],
  });
}

/** Whether every id of `ids` (nulls skipped) is a row of `table`; the first missing one. */
async function firstMissing(
  scope: TenantScope,
  table: typeof orgCharts | typeof orgUnits | typeof positions,
  ids: (string | null | undefined)[],
): Promise<string | undefined> {
  for (const id of ids) {
    if (id && !(await scope.first(table, eq(table.id, id)))) return id;
  }
  return undefined;
}

/** Org chart objects come back only where their chart, parent unit and unit still are. */
export const orgchartRestoreChecks: RestoreCheck[] = [
  {
    type: "orgUnit",
    async check(scope, rows, title) {
      const unit = rows.org_units?.[0] ?? {};
      const chart = await firstMissing(scope, orgCharts, [unit.chart_id as string]);
      if (chart) throw missingReference(title, "org chart", "org_units", "chart_id", chart);
      const parent = await firstMissing(scope, orgUnits, [unit.parent_id as string | null]);
      if (parent) throw missingReference(title, "parent unit", "org_units", "parent_id", parent);
    },
  },
  {
    type: "position",
    async check(scope, rows, title) {
      const unit = await firstMissing(scope, orgUnits, [rows.positions?.[0]?.unit_id as string]);
      if (unit) throw missingReference(title, "org unit", "positions", "unit_id", unit);
    },
  },
  {
    type: "employee",
    async check(scope, rows, title) {
      const held = (rows.employee_positions ?? []).map((h) => h.position_id as string);
      const position = await firstMissing(scope, positions, held);
      if (position) {
        throw missingReference(title, "position", "employee_positions", "position_id", position);
      }
    },
  },
];
