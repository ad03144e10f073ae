// The tenant's audit trail: one hash-chained, gap-free sequence of entries per tenant
// (api/audit/chain.ts appends and verifies). Entries name actors and targets by id only:
// no display names, e-mails or request bodies.
import { bigint, char, index, int, mysqlTable, primaryKey, varchar } from "drizzle-orm/mysql-core";
import { idColumn, jsonColumn, tenantIdColumn, timestampColumn } from "../api/db/columns.ts";

export const ACTOR_TYPES = ["user", "api-key", "app", "system", "anonymous"] as const;
export type ActorType = typeof ACTOR_TYPES[number];

export const auditLog = mysqlTable("audit_log", {
  tenantId: tenantIdColumn(),
  // 1, 2, 3 … per tenant, without gaps: a missing number is a deleted entry.
  seq: bigint("seq", { mode: "number", unsigned: true }).notNull(),
  id: idColumn("id"),
  at: timestampColumn("at").notNull(),
  actorType: varchar("actor_type", { length: 20, enum: ACTOR_TYPES }).notNull(),
  // A user id or an API key id; null for system and anonymous actors.
  actorId: varchar("actor_id", { length: 64 }),
  action: varchar("action", { length: 100 }).notNull(),
  method: varchar("method", { length: 10 }),
  // The route pattern (/api/v1/tags/:id), never the raw path.
  route: varchar("route", { length: 300 }),
  targetType: varchar("target_type", { length: 60 }),
  targetId: varchar("target_id", { length: 100 }),
  requestId: varchar("request_id", { length: 128 }),
  status: int("status"),
  details: jsonColumn<Record<string, unknown>>("details").notNull(),
  prevHash: char("prev_hash", { length: 64 }).notNull(),
  hash: char("hash", { length: 64 }).notNull(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.seq] }),
  // InnoDB appends the primary key to each index, so every filter still reads newest first.
  index("audit_log_tenant_action").on(t.tenantId, t.action),
  index("audit_log_tenant_actor").on(t.tenantId, t.actorId),
  index("audit_log_tenant_target").on(t.tenantId, t.targetType, t.targetId),
  index("audit_log_tenant_at").on(t.tenantId, t.at),
]);

/** One row per tenant: the end of its chain, locked to append one entry at a time. */
export const auditHeads = mysqlTable("audit_heads", {
  tenantId: tenantIdColumn(),
  lastSeq: bigint("last_seq", { mode: "number", unsigned: true }).notNull(),
  lastHash: char("last_hash", { length: 64 }).notNull(),
}, (t) => [primaryKey({ columns: [t.tenantId] })]);

/**
 * Signed anchors: from time to time the server signs a tenant's head (sequence and hash)
 * with its audit key (api/audit/anchors.ts). Kept apart from the chain: whoever can write
 * the database but does not hold the key can rewrite entries and head, but cannot sign the
 * rewritten hash, so verification names the rewrite. Anchors are also written to the log.
 */
export const auditAnchors = mysqlTable("audit_anchors", {
  tenantId: tenantIdColumn(),
  // The entry the anchor covers: it and every entry before it.
  seq: bigint("seq", { mode: "number", unsigned: true }).notNull(),
  hash: char("hash", { length: 64 }).notNull(),
  at: timestampColumn("at").notNull(),
  // Which key signed (api/audit/signing.ts), so that keys can be rotated.
  keyId: varchar("key_id", { length: 32 }).notNull(),
  // Ed25519 over the anchor's canonical form, base64url (86 characters).
  signature: varchar("signature", { length: 100 }).notNull(),
}, (t) => [primaryKey({ columns: [t.tenantId, t.seq] })]);

export type AuditRow = typeof auditLog.$inferSelect;
export type AuditAnchorRow = typeof auditAnchors.$inferSelect;

export const auditTables = { auditLog, auditHeads, auditAnchors };
