// The orgchart plugin: org charts (several per tenant) with units in a tree, positions with
// reports-to lines, employees holding positions; the tree in one call; responsibilities
// from the processes plugin; CSV/XLSX import; link targets for process lanes and RACI.
// Other plugins import only service.ts.
import { orgchartRestoreChecks } from "./recycle.ts";
import type { ProcedoPlugin } from "../../api/plugin.ts";
import { bindSamplePositions, LINK_TARGETS_POINT } from "../processes/service.ts";
import { registerChartRoutes } from "./chart_routes.ts";
import { registerEmployeeRoutes } from "./employee_routes.ts";
import { erasePersonHoldings } from "./erase.ts";
import { orgchartExporters } from "./exporters.ts";
import { registerImportRoutes } from "./import_routes.ts";
import { orgUnitTargets, positionTargets } from "./link_targets.ts";
import { registerPositionRoutes } from "./position_routes.ts";
import { samplePositionIds, seedOrgchart } from "./samples.ts";
import { orgchartPersonalData, orgchartTables } from "./schema.ts";
import { registerUnitRoutes } from "./unit_routes.ts";

export const orgchartPlugin: ProcedoPlugin = {
  name: "orgchart",
  description: "Org charts: units, positions with reports-to lines, employees; CSV/XLSX import",
  tables: orgchartTables,
  personalData: orgchartPersonalData,
  permissions: {
    "orgchart.read": "reader",
    "orgchart.write": "modeler",
  },
  // Uses processes' service.ts (where used, responsibilities, unlink, link targets).
  dependsOn: ["processes"],
  contributes: {
    [LINK_TARGETS_POINT]: [positionTargets, orgUnitTargets],
    // Restoring a unit, position or employee needs what it hangs on (core.restoreChecks).
    "core.restoreChecks": orgchartRestoreChecks,
  },
  exporters: orgchartExporters,
  routes: (app, deps) => {
    registerChartRoutes(app);
    registerUnitRoutes(app);
    registerPositionRoutes(app, deps);
    registerEmployeeRoutes(app);
    registerImportRoutes(app);
  },
  // An erased employee's holdings go; the positions keep their responsibilities.
  onPersonErase: erasePersonHoldings,
  onTenantCreated: async ({ scope, plugins }) => {
    await seedOrgchart(scope, "system");
    // The processes samples exist already (we start after that plugin): bind their lanes.
    await bindSamplePositions(scope, await samplePositionIds(scope), plugins);
  },
};
