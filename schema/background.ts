// Core tables of the work that runs in the background (api/scheduler/, api/outbox/). Both
// are tenant-owned like every other table, so they shard with the tenant's data; work that
// belongs to no tenant (a global scheduled task) uses SYSTEM_TENANT_ID.
import {
  bigint,
  index,
  int,
  mysqlTable,
  primaryKey,
  uniqueIndex,
  varchar,
} from "drizzle-orm/mysql-core";
import { idColumn, jsonColumn, tenantIdColumn, timestampColumn } from "../api/db/columns.ts";

/** The tenant id of work that belongs to no tenant (global scheduled tasks). */
export const SYSTEM_TENANT_ID = "00000000-0000-0000-0000-000000000000";

/**
 * One row per scheduled task and tenant: which tick (slot) it last ran for, who holds it and
 * until when. Claiming is one conditional UPDATE, so of several instances ticking at once
 * exactly one runs a slot; a holder that died loses the lease when it runs out.
 */
export const schedulerLeases = mysqlTable("scheduler_leases", {
  tenantId: tenantIdColumn(),
  task: varchar("task", { length: 100 }).notNull(),
  /** The tick this row stands for: minutes since the Unix epoch (UTC). */
  slot: bigint("slot", { mode: "number" }).notNull(),
  /** The instance running it (random per process). */
  holder: varchar("holder", { length: 64 }).notNull(),
  leaseUntil: timestampColumn("lease_until").notNull(),
  /** Null while the run is going on (or its holder died). */
  finishedAt: timestampColumn("finished_at"),
  /** Why the last run failed (class and message, cut), null after a success. */
  lastError: varchar("last_error", { length: 500 }),
}, (t) => [primaryKey({ columns: [t.tenantId, t.task] })]);

export const OUTBOX_STATES = ["pending", "sending", "sent", "dead"] as const;
export type OutboxState = typeof OUTBOX_STATES[number];

/**
 * Messages to send after the write that caused them (mail, later webhooks): written in the
 * same transaction as that write, delivered by the scheduler with retries and backoff.
 */
export const outbox = mysqlTable("outbox", {
  tenantId: tenantIdColumn(),
  id: idColumn("id"),
  /** Which handler delivers it ("mail", or a kind a plugin registers). */
  kind: varchar("kind", { length: 40 }).notNull(),
  payload: jsonColumn<Record<string, unknown>>("payload").notNull(),
  /** The same key twice (per tenant and kind) is queued once. */
  dedupeKey: varchar("dedupe_key", { length: 200 }),
  state: varchar("state", { length: 10, enum: OUTBOX_STATES }).notNull(),
  /** Delivery attempts begun so far. */
  attempts: int("attempts").notNull().default(0),
  nextAttemptAt: timestampColumn("next_attempt_at").notNull(),
  /** While sending: the instance that claimed it and until when the claim holds. */
  claimedBy: varchar("claimed_by", { length: 64 }),
  claimedUntil: timestampColumn("claimed_until"),
  lastError: varchar("last_error", { length: 1000 }),
  createdAt: timestampColumn("created_at").notNull(),
  sentAt: timestampColumn("sent_at"),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  uniqueIndex("outbox_tenant_dedupe").on(t.tenantId, t.kind, t.dedupeKey),
  // The worker's scan across tenants: what is due, oldest first.
  index("outbox_state_due").on(t.state, t.nextAttemptAt),
]);

export type OutboxRow = typeof outbox.$inferSelect;

export const backgroundTables = { schedulerLeases, outbox };
