// Tables of the deletion plugin. Jobs of an offboarding and the protocols are kept under the
// system tenant (schema/background.ts), with the tenant they concern in `subject_tenant_id`,
// so that purging that tenant leaves them: the status link and the protocol outlive it.
import { index, int, mysqlTable, primaryKey, text, varchar } from "drizzle-orm/mysql-core";
import { idColumn, jsonColumn, tenantIdColumn, timestampColumn } from "../../api/db/columns.ts";

export const JOB_KINDS = ["offboarding", "export", "purge"] as const;
export type JobKind = typeof JOB_KINDS[number];
export const JOB_STATUSES = ["queued", "running", "done", "failed"] as const;
export type JobStatus = typeof JOB_STATUSES[number];
// "recycle bin": one object's final deletion from the bin (bin_protocol.ts), not a purge.
export const PURGE_REASONS = [
  "offboarding",
  "contract end",
  "person erasure",
  "recycle bin",
] as const;
export type PurgeReason = typeof PURGE_REASONS[number];

/**
 * Background work of the plugin: a purge (kind "offboarding" when an executive asked for it,
 * "purge" when the contract ended) or an exit export. `state` is the cursor a runner saves
 * after every batch, so a runner killed halfway is followed by one that resumes there.
 */
export const deletionJobs = mysqlTable("deletion_jobs", {
  /** The system tenant for purges (they outlive the tenant), the tenant itself for exports. */
  tenantId: tenantIdColumn(),
  id: idColumn("id"),
  subjectTenantId: idColumn("subject_tenant_id"),
  kind: varchar("kind", { length: 20, enum: JOB_KINDS }).notNull(),
  status: varchar("status", { length: 10, enum: JOB_STATUSES }).notNull(),
  progress: int("progress").notNull().default(0),
  reason: varchar("reason", { length: 20, enum: PURGE_REASONS }),
  /** Not before this time (a scheduled purge). */
  runAfter: timestampColumn("run_after").notNull(),
  state: jsonColumn<Record<string, unknown>>("state").notNull(),
  /** A pseudonymous id of the person who asked, or "system". */
  requestedBy: varchar("requested_by", { length: 40 }).notNull(),
  /** The runner holding the job and until when (a dead runner's job is taken over after). */
  holder: varchar("holder", { length: 64 }),
  leaseUntil: timestampColumn("lease_until"),
  protocolId: varchar("protocol_id", { length: 36 }),
  error: varchar("error", { length: 500 }),
  createdAt: timestampColumn("created_at").notNull(),
  updatedAt: timestampColumn("updated_at").notNull(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  index("deletion_jobs_subject").on(t.tenantId, t.subjectTenantId),
  index("deletion_jobs_due").on(t.status, t.runAfter),
]);

/** Deletion protocols: what was deleted, why, when, how, and the proof; no personal data. */
export const deletionProtocols = mysqlTable("deletion_protocols", {
  tenantId: tenantIdColumn(),
  id: idColumn("id"),
  subjectTenantId: idColumn("subject_tenant_id"),
  jobId: idColumn("job_id"),
  reason: varchar("reason", { length: 20, enum: PURGE_REASONS }).notNull(),
  /** The protocol as JSON (protocol.ts), hashed into `sha256`. */
  document: text("document").notNull(),
  sha256: varchar("sha256", { length: 64 }).notNull(),
  createdAt: timestampColumn("created_at").notNull(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  index("deletion_protocols_subject").on(t.tenantId, t.subjectTenantId, t.createdAt),
]);

/** The secret that signs download links when no AUDIT_SIGNING_KEY is configured (dev, tests). */
export const deletionLinkKeys = mysqlTable("deletion_link_keys", {
  tenantId: tenantIdColumn(),
  id: varchar("id", { length: 20 }).notNull(),
  secret: varchar("secret", { length: 64 }).notNull(),
  createdAt: timestampColumn("created_at").notNull(),
}, (t) => [primaryKey({ columns: [t.tenantId, t.id] })]);

export type JobRow = typeof deletionJobs.$inferSelect;
export type ProtocolRow = typeof deletionProtocols.$inferSelect;

export const deletionTables = { deletionJobs, deletionProtocols, deletionLinkKeys };
