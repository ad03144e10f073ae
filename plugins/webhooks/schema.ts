// Tables of the webhooks plugin. Every primary key starts with tenant_id (the shard key).
// The signing secret is stored sealed (secret_box.ts) and never leaves after creation.
import { index, int, mysqlTable, primaryKey, varchar } from "drizzle-orm/mysql-core";
import { idColumn, jsonColumn, tenantIdColumn, timestampColumn } from "../../api/db/columns.ts";

/** Where a tenant's events go: an HTTPS URL and the event types it subscribed to. */
export const webhookEndpoints = mysqlTable("webhook_endpoints", {
  tenantId: tenantIdColumn(),
  id: idColumn("id"),
  url: varchar("url", { length: 2000 }).notNull(),
  /** Event types ("process.published", …) this endpoint receives. */
  events: jsonColumn<string[]>("events").notNull(),
  /** "v1.<iv>.<ciphertext>" of the whsec_… secret (secret_box.ts). */
  secretSealed: varchar("secret_sealed", { length: 200 }).notNull(),
  enabled: int("enabled").notNull().default(1),
  /** Failed attempts in a row since the last success (any event). */
  failureStreak: int("failure_streak").notNull().default(0),
  /** The first failure of the current streak; null while it delivers. */
  failingSince: timestampColumn("failing_since"),
  /** Why it was switched off automatically; null when enabled or switched off by hand. */
  disabledReason: varchar("disabled_reason", { length: 500 }),
  lastDeliveryAt: timestampColumn("last_delivery_at"),
  createdBy: varchar("created_by", { length: 36 }).notNull(),
  createdAt: timestampColumn("created_at").notNull(),
  updatedAt: timestampColumn("updated_at").notNull(),
}, (t) => [primaryKey({ columns: [t.tenantId, t.id] })]);

export const DELIVERY_STATUSES = ["delivered", "failed", "refused"] as const;
export type DeliveryStatus = typeof DELIVERY_STATUSES[number];

/** One row per delivery attempt: the endpoint's delivery log. */
export const webhookDeliveries = mysqlTable("webhook_deliveries", {
  tenantId: tenantIdColumn(),
  id: idColumn("id"),
  endpointId: idColumn("endpoint_id"),
  /** The webhook-id header: the same on every attempt of one message. */
  messageId: idColumn("message_id"),
  eventType: varchar("event_type", { length: 60 }).notNull(),
  attempt: int("attempt").notNull(),
  status: varchar("status", { length: 12, enum: DELIVERY_STATUSES }).notNull(),
  responseCode: int("response_code"),
  durationMs: int("duration_ms").notNull(),
  /** What went wrong, in our words (never the receiver's response body). */
  error: varchar("error", { length: 500 }),
  at: timestampColumn("at").notNull(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  index("webhook_deliveries_endpoint").on(t.tenantId, t.endpointId, t.at),
]);

export const webhookTables = { webhookEndpoints, webhookDeliveries };
export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
