// The backup plugin's tables. `tenant_data_keys` is the key store: it is never written into a
// backup, so deleting a tenant's row makes that tenant's rows in every backup unreadable
// (crypto-shredding). `backup_runs` records the scheduled backups, one row per due time.
import { bigint, mysqlTable, primaryKey, varchar } from "drizzle-orm/mysql-core";
import { tenantIdColumn, timestampColumn } from "../../api/db/columns.ts";

/** One AES-256 data key per tenant, wrapped (AES-KW) with the master key, in base64. */
export const tenantDataKeys = mysqlTable("tenant_data_keys", {
  tenantId: tenantIdColumn(),
  wrappedKey: varchar("wrapped_key", { length: 64 }).notNull(),
  createdAt: timestampColumn("created_at").notNull(),
}, (t) => [primaryKey({ columns: [t.tenantId] })]);

/** Scheduled backups (tenant SYSTEM_TENANT_ID): claimed per due time, so one instance runs it. */
export const backupRuns = mysqlTable("backup_runs", {
  tenantId: tenantIdColumn(),
  /** The schedule's due time, in minutes since the Unix epoch (UTC). */
  slot: bigint("slot", { mode: "number" }).notNull(),
  startedAt: timestampColumn("started_at").notNull(),
  finishedAt: timestampColumn("finished_at"),
  /** The backup's directory name, once written. */
  directory: varchar("directory", { length: 64 }),
}, (t) => [primaryKey({ columns: [t.tenantId, t.slot] })]);

/** The key store: the one table a backup leaves out. */
export const KEY_STORE_TABLE = "tenant_data_keys";

export const backupTables = { tenantDataKeys, backupRuns };
