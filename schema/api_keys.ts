// API keys (excellence plan): credentials for programs, created by executives. Only a hash
// of each key is stored; the key itself is shown once, when it is created.
//
// Key format: pk_<tenant id, 32 hex>_<prefix, 8 base32>_<secret, 52 base32>. The tenant id
// is part of the key so that a key is found with (tenant_id, prefix): one shard on
// PlanetScale/Vitess (sharded by tenant_id, see vschema.json), and the unique index can start
// with tenant_id like every other one. A global index on prefix alone would be a scatter
// query across all shards, and Vitess would not enforce its uniqueness across shards.
import { index, mysqlTable, primaryKey, uniqueIndex, varchar } from "drizzle-orm/mysql-core";
import { idColumn, tenantIdColumn, timestampColumn } from "../api/db/columns.ts";
import { ROLES } from "./core.ts";

export const apiKeys = mysqlTable("api_keys", {
  tenantId: tenantIdColumn(),
  id: idColumn("id"),
  name: varchar("name", { length: 100 }).notNull(),
  /** The role the key acts with; the same ranks as users. */
  role: varchar("role", { length: 20, enum: ROLES }).notNull(),
  /** The public lookup part of the key (not secret), unique per tenant. */
  prefix: varchar("prefix", { length: 16 }).notNull(),
  // SHA-256 (hex) of the whole key. A fast, unsalted hash is right here: the secret part is
  // 256 random bits, so there is nothing to guess or look up in a table, unlike a password
  // (which needs a slow, salted hash). It also keeps the per-request check cheap.
  hash: varchar("hash", { length: 64 }).notNull(),
  /** The user who created the key. */
  createdBy: idColumn("created_by"),
  createdAt: timestampColumn("created_at").notNull(),
  expiresAt: timestampColumn("expires_at").notNull(),
  revokedAt: timestampColumn("revoked_at"),
  /** Updated at most once a minute per key. */
  lastUsedAt: timestampColumn("last_used_at"),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  uniqueIndex("api_keys_tenant_prefix").on(t.tenantId, t.prefix),
  index("api_keys_tenant_created").on(t.tenantId, t.createdAt),
]);

export type ApiKeyRow = typeof apiKeys.$inferSelect;

export const apiKeyTables = { apiKeys };
