// The recycle bin (api/recycle_bin/): deleted content kept for 30 days with every row its
// delete removed, so a modeler or executive can restore it whole. Final deletion (at once by
// an executive, or by the scheduler after `purge_after`) removes the entry.
import { index, mysqlTable, primaryKey, varchar } from "drizzle-orm/mysql-core";
import { idColumn, jsonColumn, tenantIdColumn, timestampColumn } from "../api/db/columns.ts";

/** A referrer of deleted content, as the where-used preview named it. */
export interface WhereUsedItem {
  type: string;
  id: string;
  title: string;
}

/** Rows by SQL table name, each row under its SQL column names (the tenant archive's codec). */
export type BinRows = Record<string, Record<string, unknown>[]>;

export const recycleBin = mysqlTable("recycle_bin", {
  tenantId: tenantIdColumn(),
  id: idColumn("id"),
  /** What was deleted: "process", "orgchart.unit", … (the deleting plugin's word). */
  type: varchar("type", { length: 60 }).notNull(),
  objectId: varchar("object_id", { length: 36 }).notNull(),
  title: varchar("title", { length: 500 }).notNull(),
  /** Everything the delete removed, in insertion order (parents before children). */
  rows: jsonColumn<BinRows>("rows").notNull(),
  /** Rows per table, so lists need not read `rows` (null in entries older than the column). */
  counts: jsonColumn<Record<string, number>>("counts"),
  whereUsed: jsonColumn<WhereUsedItem[]>("where_used").notNull(),
  /** The user (or API key) that deleted it. */
  deletedBy: varchar("deleted_by", { length: 40 }).notNull(),
  deletedAt: timestampColumn("deleted_at").notNull(),
  /** When the scheduler deletes it for good: deleted_at + 30 days. */
  purgeAfter: timestampColumn("purge_after").notNull(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  index("recycle_bin_deleted").on(t.tenantId, t.deletedAt),
  index("recycle_bin_purge").on(t.tenantId, t.purgeAfter),
  index("recycle_bin_object").on(t.tenantId, t.objectId),
]);

export type RecycleBinRow = typeof recycleBin.$inferSelect;

export const recycleBinTables = { recycleBin };
