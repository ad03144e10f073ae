// Sample content for a new tenant: one org chart whose units and positions match the lanes
// of the processes plugin's samples ("Order to cash": Sales, Warehouse, Accounting;
// "Purchase to pay": Purchasing, Accounting; "Management review": Management, Quality
// management), with a few obviously fictitious employees at example.com.
import { inArray } from "drizzle-orm";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import { createChart } from "./chart_service.ts";
import { compareText } from "./common.ts";
import { createEmployee } from "./employee_service.ts";
import { createPosition } from "./position_service.ts";
import { positions } from "./schema.ts";
import { createUnit } from "./unit_service.ts";

export const SAMPLE_CHART_NAME = "Example Trading Ltd";

/** [external key, title, unit, reports to (key)] — the keys make the samples findable. */
export const SAMPLE_POSITIONS = [
  ["SAMPLE-MD", "Managing Director", "Management", null],
  ["SAMPLE-QM", "Quality Manager", "Quality management", "SAMPLE-MD"],
  ["SAMPLE-SALES-HEAD", "Head of Sales", "Sales", "SAMPLE-MD"],
  ["SAMPLE-SALES-REP", "Sales Representative", "Sales", "SAMPLE-SALES-HEAD"],
  ["SAMPLE-PURCHASING-HEAD", "Head of Purchasing", "Purchasing", "SAMPLE-MD"],
  ["SAMPLE-WAREHOUSE-HEAD", "Warehouse Manager", "Warehouse", "SAMPLE-MD"],
  ["SAMPLE-ACCOUNTING-HEAD", "Head of Accounting", "Accounting", "SAMPLE-MD"],
  ["SAMPLE-ACCOUNTANT", "Accountant", "Accounting", "SAMPLE-ACCOUNTING-HEAD"],
] as const;

/** [key, name, position keys…] (the first position is primary). */
const SAMPLE_EMPLOYEES = [
  ["SAMPLE-E1", "Erika Mustermann", "SAMPLE-MD"],
  ["SAMPLE-E2", "Max Mustermann", "SAMPLE-SALES-HEAD"],
  ["SAMPLE-E3", "Jane Doe", "SAMPLE-SALES-REP"],
  ["SAMPLE-E4", "John Doe", "SAMPLE-ACCOUNTING-HEAD", "SAMPLE-QM"],
  ["SAMPLE-E5", "Alex Example", "SAMPLE-PURCHASING-HEAD"],
  ["SAMPLE-E6", "Sam Sample", "SAMPLE-WAREHOUSE-HEAD"],
] as const;

/** Seeds the sample org chart. */
export async function seedOrgchart(scope: TenantScope, actorId: string): Promise<void> {
  const chart = await createChart(scope, {
    name: SAMPLE_CHART_NAME,
    description: "Sample org chart. The company and all people in it are fictitious.",
  }, actorId);
  const root = await createUnit(scope, { chartId: chart.id, name: "Management" });
  const units = new Map([["Management", root.id]]);
  for (const name of ["Quality management", "Sales", "Purchasing", "Warehouse", "Accounting"]) {
    units.set(name, (await createUnit(scope, { chartId: chart.id, parentId: root.id, name })).id);
  }
  const ids = new Map<string, string>();
  for (const [key, title, unit, reportsTo] of SAMPLE_POSITIONS) {
    const p = await createPosition(scope, {
      unitId: units.get(unit)!,
      title,
      externalKey: key,
      reportsToId: reportsTo ? ids.get(reportsTo)! : null,
    });
    ids.set(key, p.id);
  }
  for (const [key, name, ...positionKeys] of SAMPLE_EMPLOYEES) {
    const [first, last] = name.toLowerCase().split(" ");
    await createEmployee(scope, {
      name,
      email: `${first}.${last}@example.com`,
      phone: `+1 555 01${key.slice(-1).padStart(2, "0")}`,
      location: "Head office, 1 Example Street, Sampletown",
      externalKey: key,
      positions: positionKeys.map((k, i) => ({ positionId: ids.get(k)!, primary: i === 0 })),
    });
  }
}

/**
 * The sample positions of the tenant, title → id ("Head of Sales" → its id), for binding
 * the processes samples' lanes and RACI. Empty before the samples are seeded (or when they
 * were deleted); when several charts hold them, the oldest wins.
 */
export async function samplePositionIds(scope: TenantScope): Promise<Map<string, string>> {
  const rows = await scope.select(positions, {
    where: inArray(positions.externalKey, SAMPLE_POSITIONS.map(([key]) => key)),
  });
  rows.sort((a, b) => compareText(a.id, b.id));
  const map = new Map<string, string>();
  for (const r of rows) if (!map.has(r.title)) map.set(r.title, r.id);
  return map;
}
