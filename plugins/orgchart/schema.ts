// Tables of the orgchart plugin. Every primary key starts with tenant_id (the shard key);
// unique indexes too, so uniqueness is per tenant.
import {
  boolean,
  date,
  index,
  int,
  mysqlTable,
  primaryKey,
  uniqueIndex,
  varchar,
} from "drizzle-orm/mysql-core";
import { idColumn, tenantIdColumn, timestampColumn } from "../../api/db/columns.ts";

/** Org charts: several per tenant (one per legal entity or division, say). */
export const orgCharts = mysqlTable("org_charts", {
  tenantId: tenantIdColumn(),
  id: idColumn("id"),
  name: varchar("name", { length: 200 }).notNull(),
  description: varchar("description", { length: 2000 }).notNull().default(""),
  version: int("version").notNull().default(1),
  createdBy: varchar("created_by", { length: 36 }).notNull(),
  createdAt: timestampColumn("created_at").notNull(),
  updatedAt: timestampColumn("updated_at").notNull(),
}, (t) => [primaryKey({ columns: [t.tenantId, t.id] })]);

/** Org units: a tree per chart (parent_id null: a root of the chart). */
export const orgUnits = mysqlTable("org_units", {
  tenantId: tenantIdColumn(),
  id: idColumn("id"),
  chartId: idColumn("chart_id"),
  parentId: varchar("parent_id", { length: 36 }),
  name: varchar("name", { length: 200 }).notNull(),
  sortOrder: int("sort_order").notNull().default(0),
  version: int("version").notNull().default(1),
  createdAt: timestampColumn("created_at").notNull(),
  updatedAt: timestampColumn("updated_at").notNull(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  index("org_units_tenant_chart_parent").on(t.tenantId, t.chartId, t.parentId),
]);

/**
 * Positions inside a unit, with a reports-to line to another position of the same chart.
 * chart_id repeats the unit's chart (a position never leaves its chart) so a whole chart
 * reads with one indexed query; external_key is the stable key imports match on.
 */
export const positions = mysqlTable("positions", {
  tenantId: tenantIdColumn(),
  id: idColumn("id"),
  chartId: idColumn("chart_id"),
  unitId: idColumn("unit_id"),
  title: varchar("title", { length: 200 }).notNull(),
  reportsToId: varchar("reports_to_id", { length: 36 }),
  externalKey: varchar("external_key", { length: 100 }),
  version: int("version").notNull().default(1),
  createdAt: timestampColumn("created_at").notNull(),
  updatedAt: timestampColumn("updated_at").notNull(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  index("positions_tenant_unit").on(t.tenantId, t.unitId),
  index("positions_tenant_reports_to").on(t.tenantId, t.reportsToId),
  // Also serves reading a whole chart (tenant_id, chart_id).
  uniqueIndex("positions_tenant_chart_key").on(t.tenantId, t.chartId, t.externalKey),
]);

/** Employees of the tenant (personal data: see personalData in mod.ts). */
export const employees = mysqlTable("employees", {
  tenantId: tenantIdColumn(),
  id: idColumn("id"),
  name: varchar("name", { length: 200 }).notNull(),
  // Lower-cased name for search and sorting.
  nameKey: varchar("name_key", { length: 200 }).notNull(),
  email: varchar("email", { length: 254 }),
  phone: varchar("phone", { length: 50 }),
  location: varchar("location", { length: 200 }),
  externalKey: varchar("external_key", { length: 100 }),
  version: int("version").notNull().default(1),
  createdAt: timestampColumn("created_at").notNull(),
  updatedAt: timestampColumn("updated_at").notNull(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  index("employees_tenant_name").on(t.tenantId, t.nameKey),
  uniqueIndex("employees_tenant_key").on(t.tenantId, t.externalKey),
]);

/** Who holds which position (chart_id repeats the position's chart, for reading a chart). */
export const employeePositions = mysqlTable("employee_positions", {
  tenantId: tenantIdColumn(),
  employeeId: idColumn("employee_id"),
  positionId: idColumn("position_id"),
  chartId: idColumn("chart_id"),
  primary: boolean("is_primary").notNull().default(false),
  since: date("since", { mode: "string" }),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.employeeId, t.positionId] }),
  index("employee_positions_tenant_position").on(t.tenantId, t.positionId),
  index("employee_positions_tenant_chart").on(t.tenantId, t.chartId),
]);

export const orgchartTables = { orgCharts, orgUnits, positions, employees, employeePositions };

/** Columns holding personal data, by table (the plugin contract's `personalData`). */
export const orgchartPersonalData = {
  employees: ["name", "name_key", "email", "phone", "location", "external_key"],
  employee_positions: ["since"],
};

export type ChartRow = typeof orgCharts.$inferSelect;
export type UnitRow = typeof orgUnits.$inferSelect;
export type PositionRow = typeof positions.$inferSelect;
export type EmployeeRow = typeof employees.$inferSelect;
export type HoldingRow = typeof employeePositions.$inferSelect;
