// The orgchart plugin's domain logic, and its public face: the only file other plugins may
// import. Every function takes the caller's TenantScope; another tenant's objects do not
// exist for it (404).
export type { ChartInput, OrgChart } from "./chart_service.ts";
export { createChart, deleteChart, getChart, listCharts, updateChart } from "./chart_service.ts";
export type { OrgUnit, UnitInput } from "./unit_service.ts";
export {
  createUnit,
  deleteUnit,
  getUnit,
  listUnits,
  moveUnit,
  updateUnit,
} from "./unit_service.ts";
export type { Holder, Position, PositionDeletedHook, PositionInput } from "./position_service.ts";
export {
  createPosition,
  deletePosition,
  getPosition,
  holdersOf,
  listPositions,
  POSITION_DELETED_POINT,
  positionIdsByKey,
  updatePosition,
} from "./position_service.ts";
export type { Employee, EmployeeInput, Holding, HoldingInput } from "./employee_service.ts";
export {
  createEmployee,
  deleteEmployee,
  EMAIL_PATTERN,
  getEmployee,
  holdingsOf,
  listEmployees,
  updateEmployee,
} from "./employee_service.ts";
export type { ChartTree, TreeHolder, TreePosition, TreeUnit } from "./tree_service.ts";
export { chartTree } from "./tree_service.ts";
export type { ImportOptions, ImportReport } from "./import_common.ts";
export { ImportRefused } from "./import_common.ts";
export { EMPLOYEE_COLUMNS, importEmployees } from "./import_employees.ts";
export { importPositions, POSITION_COLUMNS, UNIT_PATH_SEPARATOR } from "./import_positions.ts";
export { orgUnitTargets, positionTargets } from "./link_targets.ts";
export { SAMPLE_CHART_NAME, samplePositionIds, seedOrgchart } from "./samples.ts";
