import { int, mysqlTable, primaryKey, uniqueIndex, varchar } from "drizzle-orm/mysql-core";
import { idColumn, tenantIdColumn, timestampColumn } from "../../api/db/columns.ts";

/** Tenant-wide labels that other content can carry. */
export const tags = mysqlTable("tags", {
  tenantId: tenantIdColumn(),
  id: idColumn("id"),
  name: varchar("name", { length: 60 }).notNull(),
  // Lower-cased name: unique per tenant, so "Quality" and "quality" are one tag.
  nameKey: varchar("name_key", { length: 60 }).notNull(),
  color: varchar("color", { length: 7 }).notNull(),
  description: varchar("description", { length: 500 }).notNull().default(""),
  version: int("version").notNull().default(1),
  createdBy: varchar("created_by", { length: 36 }).notNull(),
  createdAt: timestampColumn("created_at").notNull(),
  updatedAt: timestampColumn("updated_at").notNull(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  uniqueIndex("tags_tenant_name_key").on(t.tenantId, t.nameKey),
]);

export type TagRow = typeof tags.$inferSelect;
