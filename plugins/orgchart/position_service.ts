// Positions: inside a unit, reporting to another position of the same chart. A reports-to
// line that would close a cycle is refused with the path; deleting a position processes
// use is refused with where it is used, unless the caller unlinks it everywhere.
import { type BinOptions, binPosition } from "./recycle.ts";
import { and, asc, eq, inArray, like, or, type SQL, sql } from "drizzle-orm";
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
  selectIn,
  unknownRef,
} from "./common.ts";
import { holdingsBy } from "./holdings.ts";
import { keyedWrite, keyTaken, objectRows, type Page } from "./object_rows.ts";
import { employeePositions, orgUnits, type PositionRow, positions } from "./schema.ts";
import { releaseFromProcesses, type UnlinkResult } from "./usage.ts";

export interface Holder {
  employeeId: string;
  name: string;
  primary: boolean;
  since: string | null;
}

export interface Position {
  id: string;
  chartId: string;
  unitId: string;
  title: string;
  reportsToId: string | null;
  externalKey: string | null;
  /** The employees holding the position, the ones for whom it is primary first. */
  holders: Holder[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface PositionInput {
  unitId: string;
  title: string;
  reportsToId?: string | null;
  externalKey?: string | null;
}

const rows = objectRows({
  table: positions,
  id: positions.id,
  thing: "position",
  orderBy: [asc(positions.title), asc(positions.id)],
  present: async (scope, list) => {
    const holders = await holdersOf(scope, list.map((r) => r.id));
    return list.map((r) => toPosition(r, holders.get(r.id)));
  },
});

export async function listPositions(
  scope: TenantScope,
  q: {
    chartId?: string;
    unitId?: string;
    /** Only these positions (ids of none of the tenant's are left out). */
    ids?: string[];
    search?: string;
    limit: number;
    offset: number;
  },
): Promise<Page<Position>> {
  const filters: SQL[] = [];
  if (q.ids) filters.push(inArray(positions.id, q.ids));
  if (q.chartId) filters.push(eq(positions.chartId, q.chartId));
  if (q.unitId) filters.push(eq(positions.unitId, q.unitId));
  if (q.search) {
    filters.push(
      or(
        like(positions.title, containsPattern(q.search)),
        like(positions.externalKey, containsPattern(q.search)),
      )!,
    );
  }
  return await rows.page(scope, filters.length ? and(...filters) : undefined, q);
}

export async function getPosition(scope: TenantScope, id: string): Promise<Position> {
  return await rows.get(scope, id);
}

export async function createPosition(scope: TenantScope, input: PositionInput): Promise<Position> {
  const id = uuidv7();
  await scope.transaction(async (tx) => {
    const unit = await tx.first(orgUnits, eq(orgUnits.id, input.unitId));
    if (!unit) throw unknownRef("body.unitId", "org unit", input.unitId);
    if (input.reportsToId) await managerIn(tx, unit.chartId, input.reportsToId);
    const count = await tx.count(positions, eq(positions.chartId, unit.chartId));
    if (count >= CHART_LIMITS.positions) throw chartFull("positions", count + 1);
    const now = new Date();
    await keyedWrite(() =>
      tx.insert(positions, {
        id,
        chartId: unit.chartId,
        unitId: unit.id,
        title: input.title,
        reportsToId: input.reportsToId ?? null,
        externalKey: input.externalKey ?? null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      }), () => positionKeyTaken(input.externalKey!));
  });
  return await getPosition(scope, id);
}

/**
 * Changes a position: title, unit (within its chart), reports-to line (a cycle is a 409
 * naming the path), external key (taken in the chart: 409).
 */
export async function updatePosition(
  scope: TenantScope,
  id: string,
  patch: Partial<PositionInput>,
  check: (current: Position) => void,
): Promise<Position> {
  await scope.transaction(async (tx) => {
    const first = await rows.row(tx, id);
    if (patch.reportsToId) await lockChart(tx, first.chartId);
    const row = await rows.locked(tx, id, check);
    if (patch.unitId !== undefined && patch.unitId !== row.unitId) {
      const unit = await tx.first(orgUnits, eq(orgUnits.id, patch.unitId));
      if (!unit || unit.chartId !== row.chartId) {
        throw unknownRef("body.unitId", "org unit", patch.unitId, unit ? " in this org chart" : "");
      }
    }
    if (patch.reportsToId && patch.reportsToId !== row.reportsToId) {
      await managerIn(tx, row.chartId, patch.reportsToId);
      const all = await tx.select(positions, { where: eq(positions.chartId, row.chartId) });
      const cycle = cycleClosedBy(
        all.map((p) => ({ id: p.id, up: p.reportsToId, name: p.title })),
        id,
        patch.reportsToId,
      )?.reverse();
      if (cycle) throw reportsToCycle(row.title, cycle);
    }
    await keyedWrite(() =>
      tx.update(positions, {
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.unitId !== undefined ? { unitId: patch.unitId } : {}),
        ...(patch.reportsToId !== undefined ? { reportsToId: patch.reportsToId } : {}),
        ...(patch.externalKey !== undefined ? { externalKey: patch.externalKey } : {}),
        ...bumped(row.version),
      }, eq(positions.id, id)), () => positionKeyTaken(patch.externalKey!));
  });
  return await getPosition(scope, id);
}

/**
 * Extension point: other plugins that refer to positions (documents and systems name an
 * owner) contribute a hook that lets go of a position inside the deleting transaction.
 */
export const POSITION_DELETED_POINT = "orgchart.positionDeleted";
export type PositionDeletedHook = (tx: TenantScope, positionId: string) => Promise<void>;

/**
 * Deletes a position and who held it. Positions reporting to it then report to its own
 * manager. Used by processes → 409 listing where, unless `unlink`. `hooks` run in the same
 * transaction, so a failing hook leaves the position in place.
 */
export async function deletePosition(
  scope: TenantScope,
  id: string,
  opts: BinOptions & { unlink: boolean; hooks?: readonly PositionDeletedHook[] },
  check: (current: Position) => void,
): Promise<UnlinkResult[]> {
  return await scope.transaction(async (tx) => {
    await lockChart(tx, (await rows.row(tx, id)).chartId);
    const row = await rows.locked(tx, id, check);
    const unlinked = await releaseFromProcesses(tx, "position", id, row.title, opts);
    await tx.update(positions, {
      reportsToId: row.reportsToId,
      version: sql`${positions.version} + 1` as unknown as number,
      updatedAt: new Date(),
    }, eq(positions.reportsToId, id));
    for (const hook of opts.hooks ?? []) await hook(tx, id);
    await binPosition(tx, row, opts, unlinked);
    await tx.delete(employeePositions, eq(employeePositions.positionId, id));
    await tx.delete(positions, eq(positions.id, id));
    return unlinked;
  });
}

/** Who holds each of `positionIds` (primary holders first, then by name). */
export async function holdersOf(
  scope: TenantScope,
  positionIds: string[],
): Promise<Map<string, Holder[]>> {
  const grouped = await holdingsBy(scope, "positionId", positionIds);
  return new Map(
    [...grouped].map(([id, list]) => [
      id,
      list.map(({ holding: h, name }) => ({
        employeeId: h.employeeId,
        name,
        primary: h.primary,
        since: h.since,
      })),
    ]),
  );
}

/**
 * The positions whose external key is one of `keys`, key → their ids (several when charts
 * share a key), for other plugins' imports that name positions by key.
 */
export async function positionIdsByKey(
  scope: TenantScope,
  keys: string[],
): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  for (const p of await selectIn(scope, positions, positions.externalKey, keys)) {
    map.set(p.externalKey!, [...map.get(p.externalKey!) ?? [], p.id]);
  }
  return map;
}

/** Positions of a chart by id (for labels and checks). */
export async function positionsByIds(scope: TenantScope, ids: string[]) {
  return await selectIn(scope, positions, positions.id, ids);
}

async function managerIn(tx: TenantScope, chartId: string, managerId: string) {
  const manager = await tx.first(positions, eq(positions.id, managerId));
  if (!manager || manager.chartId !== chartId) {
    throw unknownRef(
      "body.reportsToId",
      "position",
      managerId,
      manager ? " in this org chart" : "",
    );
  }
  return manager;
}

/** 409 for a reports-to line that would be circular; `path` runs along the lines. */
export function reportsToCycle(title: string, path: { id: string; name: string }[]) {
  return new ProblemError(
    409,
    "cycle",
    `"${title}" cannot report to "${path[1].name}": the reports-to lines would form a cycle: ${
      path.map((p) => p.name).join(" → ")
    } (each reports to the next).`,
    { cycle: path },
  );
}

const positionKeyTaken = (key: string) =>
  keyTaken(
    `Another position of this org chart has the external key "${key}".`,
    "already used in this org chart",
  );

/** Positions whose ids are in `ids`, restricted to one chart. */
export function inChart(chartId: string, ids: string[]): SQL {
  return and(eq(positions.chartId, chartId), inArray(positions.id, ids))!;
}

export function toPosition(r: PositionRow, holders: Holder[] = []): Position {
  return {
    id: r.id,
    chartId: r.chartId,
    unitId: r.unitId,
    title: r.title,
    reportsToId: r.reportsToId,
    externalKey: r.externalKey,
    holders,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
