// The resources plugin's one table: documents, IT systems, locations and requirements side by
// side, told apart by `kind` (why one table: see mod.ts). Each kind uses some of the typed
// columns (kinds.ts says which); the others stay null. The primary key and every index start
// with tenant_id, the shard key, so uniqueness is per tenant.
import {
  date,
  index,
  int,
  mediumtext,
  mysqlTable,
  primaryKey,
  text,
  uniqueIndex,
  varchar,
} from "drizzle-orm/mysql-core";
import { idColumn, tenantIdColumn, timestampColumn } from "../../api/db/columns.ts";

export const RESOURCE_KINDS = ["document", "system", "location", "requirement"] as const;
export type ResourceKind = typeof RESOURCE_KINDS[number];

export const resources = mysqlTable("resources", {
  tenantId: tenantIdColumn(),
  id: idColumn("id"),
  kind: varchar("kind", { length: 20, enum: RESOURCE_KINDS }).notNull(),
  /** The title (documents, requirements) or name (systems, locations). */
  name: varchar("name", { length: 300 }).notNull(),
  /** What lists sort by: the lower-cased name; for requirements standard, clause, title. */
  sortKey: varchar("sort_key", { length: 300 }).notNull(),
  description: text("description"),
  url: varchar("url", { length: 2000 }),
  /** Documents: procedure, work instruction, form… (free text). */
  docType: varchar("doc_type", { length: 100 }),
  /** Documents and systems: the responsible position of the org chart (orgchart plugin). */
  ownerPositionId: varchar("owner_position_id", { length: 36 }),
  validUntil: date("valid_until", { mode: "string" }),
  vendor: varchar("vendor", { length: 200 }),
  address: varchar("address", { length: 500 }),
  site: varchar("site", { length: 200 }),
  standard: varchar("standard", { length: 100 }),
  clause: varchar("clause", { length: 50 }),
  /** Requirements: the requirement's text. */
  body: mediumtext("body"),
  /** A stable key from the source system; imports match on it (unique per tenant and kind). */
  externalKey: varchar("external_key", { length: 100 }),
  version: int("version").notNull().default(1),
  createdBy: varchar("created_by", { length: 36 }).notNull(),
  createdAt: timestampColumn("created_at").notNull(),
  updatedAt: timestampColumn("updated_at").notNull(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  index("resources_tenant_kind_sort").on(t.tenantId, t.kind, t.sortKey),
  uniqueIndex("resources_tenant_kind_key").on(t.tenantId, t.kind, t.externalKey),
  index("resources_tenant_owner").on(t.tenantId, t.ownerPositionId),
]);

export const resourceTables = { resources };

export type ResourceRow = typeof resources.$inferSelect;
export type ResourceInsert = Omit<typeof resources.$inferInsert, "tenantId">;
/** The typed columns a kind's fields map to. */
export type ResourceColumn = Exclude<
  keyof ResourceRow,
  | "tenantId"
  | "id"
  | "kind"
  | "sortKey"
  | "externalKey"
  | "version"
  | "createdBy"
  | "createdAt"
  | "updatedAt"
>;
