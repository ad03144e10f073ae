// Org units: a tree per chart. Moving a subtree under itself is refused with the path that
// would become a cycle; a unit with children or positions cannot be deleted.
import { type BinOptions, binUnit } from "./recycle.ts";
import { and, asc, desc, eq, isNull, like, type SQL } from "drizzle-orm";
import { uuidv7 } from "../../api/db/ids.ts";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import { ProblemError } from "../../api/problem.ts";
import { lockChart } from "./chart_service.ts";
import {
  bumped,
  CHART_LIMITS,
  chartFull,
  containsPattern,
  cycleClosedBy,
  unknownRef,
} from "./common.ts";
import { objectRows, type Page } from "./object_rows.ts";
import { orgCharts, orgUnits, positions, type UnitRow } from "./schema.ts";
import { releaseFromProcesses, type UnlinkResult } from "./usage.ts";

export interface OrgUnit {
  id: string;
  chartId: string;
  parentId: string | null;
  name: string;
  sortOrder: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface UnitInput {
  chartId: string;
  parentId?: string | null;
  name: string;
  sortOrder?: number;
}

const rows = objectRows({
  table: orgUnits,
  id: orgUnits.id,
  thing: "org unit",
  orderBy: [asc(orgUnits.sortOrder), asc(orgUnits.name), asc(orgUnits.id)],
  present: (_scope, list) => list.map(toUnit),
});

export async function listUnits(
  scope: TenantScope,
  q: { chartId?: string; parentId?: string; search?: string; limit: number; offset: number },
): Promise<Page<OrgUnit>> {
  const filters: SQL[] = [];
  if (q.chartId) filters.push(eq(orgUnits.chartId, q.chartId));
  if (q.parentId) filters.push(eq(orgUnits.parentId, q.parentId));
  if (q.search) filters.push(like(orgUnits.name, containsPattern(q.search)));
  return await rows.page(scope, filters.length ? and(...filters) : undefined, q);
}

export async function getUnit(scope: TenantScope, id: string): Promise<OrgUnit> {
  return await rows.get(scope, id);
}

export async function createUnit(scope: TenantScope, input: UnitInput): Promise<OrgUnit> {
  return await scope.transaction(async (tx) => {
    if (!await tx.first(orgCharts, eq(orgCharts.id, input.chartId))) {
      throw unknownRef("body.chartId", "org chart", input.chartId);
    }
    if (input.parentId) await parentIn(tx, input.chartId, input.parentId, "body.parentId");
    const units = await tx.count(orgUnits, eq(orgUnits.chartId, input.chartId));
    if (units >= CHART_LIMITS.units) throw chartFull("units", units + 1);
    const id = uuidv7();
    await insertUnit(tx, {
      id,
      chartId: input.chartId,
      parentId: input.parentId ?? null,
      name: input.name,
      sortOrder: input.sortOrder ?? await nextSortOrder(tx, input.chartId, input.parentId ?? null),
    });
    return await rows.get(tx, id);
  });
}

/** Inserts a unit row (ids and references already checked). */
export async function insertUnit(
  tx: TenantScope,
  u: { id: string; chartId: string; parentId: string | null; name: string; sortOrder: number },
) {
  const now = new Date();
  await tx.insert(orgUnits, { ...u, version: 1, createdAt: now, updatedAt: now });
}

export async function updateUnit(
  scope: TenantScope,
  id: string,
  patch: { name?: string; sortOrder?: number },
  check: (current: OrgUnit) => void,
): Promise<OrgUnit> {
  return await scope.transaction(async (tx) => {
    const row = await rows.locked(tx, id, check);
    await tx.update(orgUnits, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.sortOrder !== undefined ? { sortOrder: patch.sortOrder } : {}),
      ...bumped(row.version),
    }, eq(orgUnits.id, id));
    return await rows.get(tx, id);
  });
}

/**
 * Moves a unit with its subtree under another unit of the same chart (or to the top with
 * null). Moving it under itself or one of its descendants is a 409 naming the cycle.
 */
export async function moveUnit(
  scope: TenantScope,
  id: string,
  to: { parentId: string | null; sortOrder?: number },
  check: (current: OrgUnit) => void,
): Promise<OrgUnit> {
  return await scope.transaction(async (tx) => {
    await lockChart(tx, (await rows.row(tx, id)).chartId);
    const row = await rows.locked(tx, id, check);
    if (to.parentId) {
      await parentIn(tx, row.chartId, to.parentId, "body.parentId");
      const units = await tx.select(orgUnits, { where: eq(orgUnits.chartId, row.chartId) });
      const cycle = cycleClosedBy(
        units.map((u) => ({ id: u.id, up: u.parentId, name: u.name })),
        id,
        to.parentId,
      );
      if (cycle) {
        throw new ProblemError(
          409,
          "cycle",
          `Moving "${row.name}" under "${cycle.at(-2)!.name}" would make a cycle: ${
            cycle.map((u) => u.name).join(" → ")
          }.`,
          { cycle },
        );
      }
    }
    await tx.update(orgUnits, {
      parentId: to.parentId,
      sortOrder: to.sortOrder ??
        (row.parentId === to.parentId
          ? row.sortOrder
          : await nextSortOrder(tx, row.chartId, to.parentId)),
      ...bumped(row.version),
    }, eq(orgUnits.id, id));
    return await rows.get(tx, id);
  });
}

/** Deletes an empty unit; in use by processes → 409, unless `unlink`. */
export async function deleteUnit(
  scope: TenantScope,
  id: string,
  opts: BinOptions & { unlink: boolean },
  check: (current: OrgUnit) => void,
): Promise<UnlinkResult[]> {
  return await scope.transaction(async (tx) => {
    const row = await rows.locked(tx, id, check);
    const [children, held] = await Promise.all([
      tx.count(orgUnits, eq(orgUnits.parentId, id)),
      tx.count(positions, eq(positions.unitId, id)),
    ]);
    if (children || held) {
      const parts = [
        children ? `${children} sub-unit${children === 1 ? "" : "s"}` : "",
        held ? `${held} position${held === 1 ? "" : "s"}` : "",
      ].filter(Boolean);
      throw new ProblemError(
        409,
        "unit-not-empty",
        `The org unit "${row.name}" still has ${parts.join(" and ")}; move or delete them first.`,
        { children, positions: held },
      );
    }
    const unlinked = await releaseFromProcesses(tx, "orgUnit", id, row.name, opts);
    await binUnit(tx, row, opts, unlinked);
    await tx.delete(orgUnits, eq(orgUnits.id, id));
    return unlinked;
  });
}

/** Checks that `parentId` is a unit of chart `chartId` (422 naming `field` otherwise). */
export async function parentIn(tx: TenantScope, chartId: string, parentId: string, field: string) {
  const parent = await tx.first(orgUnits, eq(orgUnits.id, parentId));
  if (!parent || parent.chartId !== chartId) {
    throw unknownRef(field, "org unit", parentId, parent ? " in this org chart" : "");
  }
  return parent;
}

async function nextSortOrder(tx: TenantScope, chartId: string, parentId: string | null) {
  const last = await tx.first(
    orgUnits,
    and(
      eq(orgUnits.chartId, chartId),
      parentId ? eq(orgUnits.parentId, parentId) : isNull(orgUnits.parentId),
    ),
    { orderBy: [desc(orgUnits.sortOrder)] },
  );
  return last ? last.sortOrder + 1 : 0;
}

export function toUnit(r: UnitRow): OrgUnit {
  return {
    id: r.id,
    chartId: r.chartId,
    parentId: r.parentId,
    name: r.name,
    sortOrder: r.sortOrder,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
