// Org charts: several per tenant, each a tree of units.
import { binChart, type BinOptions } from "./recycle.ts";
import { asc, eq, like, or, type SQL } from "drizzle-orm";
import { uuidv7 } from "../../api/db/ids.ts";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import { ProblemError } from "../../api/problem.ts";
import { bumped, containsPattern } from "./common.ts";
import { objectRows, type Page } from "./object_rows.ts";
import { type ChartRow, orgCharts, orgUnits } from "./schema.ts";

export interface OrgChart {
  id: string;
  name: string;
  description: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ChartInput {
  name: string;
  description?: string;
}

const rows = objectRows({
  table: orgCharts,
  id: orgCharts.id,
  thing: "org chart",
  orderBy: [asc(orgCharts.name), asc(orgCharts.id)],
  present: (_scope, list) => list.map(toChart),
});

export async function listCharts(
  scope: TenantScope,
  q: { search?: string; limit: number; offset: number },
): Promise<Page<OrgChart>> {
  const where: SQL | undefined = q.search
    ? or(
      like(orgCharts.name, containsPattern(q.search)),
      like(orgCharts.description, containsPattern(q.search)),
    )
    : undefined;
  return await rows.page(scope, where, q);
}

export async function getChart(scope: TenantScope, id: string): Promise<OrgChart> {
  return await rows.get(scope, id);
}

export async function createChart(
  scope: TenantScope,
  input: ChartInput,
  actorId: string,
): Promise<OrgChart> {
  const now = new Date();
  const id = uuidv7();
  await scope.insert(orgCharts, {
    id,
    name: input.name,
    description: input.description ?? "",
    version: 1,
    createdBy: actorId,
    createdAt: now,
    updatedAt: now,
  });
  return await getChart(scope, id);
}

export async function updateChart(
  scope: TenantScope,
  id: string,
  patch: Partial<ChartInput>,
  check: (current: OrgChart) => void,
): Promise<OrgChart> {
  return await scope.transaction(async (tx) => {
    const row = await rows.locked(tx, id, check);
    await tx.update(orgCharts, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...bumped(row.version),
    }, eq(orgCharts.id, id));
    return await rows.get(tx, id);
  });
}

/** Deletes an empty chart; one that still has units is a 409. */
export async function deleteChart(
  scope: TenantScope,
  id: string,
  opts: BinOptions,
  check: (current: OrgChart) => void,
) {
  await scope.transaction(async (tx) => {
    const row = await rows.locked(tx, id, check);
    const units = await tx.count(orgUnits, eq(orgUnits.chartId, id));
    if (units) {
      throw new ProblemError(
        409,
        "chart-not-empty",
        `The org chart "${row.name}" still has ${units} unit${
          units === 1 ? "" : "s"
        }; delete them first.`,
        { units },
      );
    }
    await binChart(tx, row, opts);
    await tx.delete(orgCharts, eq(orgCharts.id, id));
  });
}

/**
 * Reads and locks a chart row for the rest of the transaction. Structural changes (moves,
 * reports-to lines, imports) lock their chart first, so two of them cannot together build
 * a cycle that neither would alone.
 */
export async function lockChart(tx: TenantScope, id: string): Promise<ChartRow> {
  return await rows.row(tx, id, true);
}

export function toChart(r: ChartRow): OrgChart {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
