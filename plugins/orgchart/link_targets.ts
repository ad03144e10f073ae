// Contributions to the processes plugin's extension point "processes.linkTargets": which
// positions and org units exist, and what they are called — "Head of Sales (Sales)" for a
// position, "Sales (Head office)" for a unit (unit names repeat across charts).
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import type { LinkTargetProvider } from "../processes/service.ts";
import { selectIn } from "./common.ts";
import { orgCharts, orgUnits, positions } from "./schema.ts";

export const positionTargets: LinkTargetProvider = {
  kind: "position",
  existing: async (scope: TenantScope, ids: string[]) =>
    new Set((await selectIn(scope, positions, positions.id, ids)).map((p) => p.id)),
  labels: async (scope: TenantScope, ids: string[]) => {
    const rows = await selectIn(scope, positions, positions.id, ids);
    const units = new Map(
      (await selectIn(scope, orgUnits, orgUnits.id, rows.map((p) => p.unitId)))
        .map((u) => [u.id, u.name]),
    );
    return new Map(rows.map((p) => {
      const unit = units.get(p.unitId);
      return [p.id, unit ? `${p.title} (${unit})` : p.title];
    }));
  },
};

export const orgUnitTargets: LinkTargetProvider = {
  kind: "orgUnit",
  existing: async (scope: TenantScope, ids: string[]) =>
    new Set((await selectIn(scope, orgUnits, orgUnits.id, ids)).map((u) => u.id)),
  labels: async (scope: TenantScope, ids: string[]) => {
    const rows = await selectIn(scope, orgUnits, orgUnits.id, ids);
    const charts = new Map(
      (await selectIn(scope, orgCharts, orgCharts.id, rows.map((u) => u.chartId)))
        .map((c) => [c.id, c.name]),
    );
    return new Map(rows.map((u) => {
      const chart = charts.get(u.chartId);
      return [u.id, chart ? `${u.name} (${chart})` : u.name];
    }));
  },
};
