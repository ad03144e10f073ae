// Embedding: which web origins may show a tenant's published content (web components on an
// intranet page, the app in an iframe). One row per tenant, written by its executives.
import { int, mysqlTable, primaryKey } from "drizzle-orm/mysql-core";
import { idColumn, jsonColumn, tenantIdColumn, timestampColumn } from "../api/db/columns.ts";

export const embeddingSettings = mysqlTable("embedding_settings", {
  tenantId: tenantIdColumn(),
  /** Normalised origins ("https://intranet.contoso.com"), at most MAX_ORIGINS. */
  allowedOrigins: jsonColumn<string[]>("allowed_origins").notNull(),
  /** Row version for If-Match; a tenant without a row is at version 0. */
  version: int("version").notNull().default(1),
  updatedAt: timestampColumn("updated_at").notNull(),
  updatedBy: idColumn("updated_by"),
}, (t) => [primaryKey({ columns: [t.tenantId] })]);

export type EmbeddingSettingsRow = typeof embeddingSettings.$inferSelect;

export const embeddingTables = { embeddingSettings };
