// Core tables: tenants and their users. Tenant-owned tables put tenant_id first in their
// primary key so that PlanetScale/Vitess can shard by it (see vschema.json).
import { index, int, mysqlTable, primaryKey, uniqueIndex, varchar } from "drizzle-orm/mysql-core";
import { idColumn, jsonColumn, tenantIdColumn, timestampColumn } from "../api/db/columns.ts";

export const TENANT_PLANS = ["trial", "standard", "excellence"] as const;
export const TENANT_STATUSES = ["active", "suspended", "offboarding", "deleted"] as const;
export const ROLES = ["reader", "modeler", "executive"] as const;
export type Role = typeof ROLES[number];

export const tenants = mysqlTable("tenants", {
  id: idColumn("id").primaryKey(),
  entraTenantId: varchar("entra_tenant_id", { length: 36 }).notNull(),
  name: varchar("name", { length: 200 }).notNull(),
  plan: varchar("plan", { length: 20, enum: TENANT_PLANS }).notNull(),
  status: varchar("status", { length: 20, enum: TENANT_STATUSES }).notNull(),
  trialEndsAt: timestampColumn("trial_ends_at"),
  /** When the contract ends: the workspace locks then (set by operators; trials at trialEndsAt). */
  lockAt: timestampColumn("lock_at"),
  /** When the workspace was locked (offboarding or contract end); its purge counts from here. */
  lockedAt: timestampColumn("locked_at"),
  region: varchar("region", { length: 40 }).notNull().default("local"),
  /** What executives set, by plugin: { processes: { fourEyes: false } } (api/settings). */
  settings: jsonColumn<Record<string, unknown>>("settings").notNull(),
  /** Version of `settings` for If-Match. */
  settingsVersion: int("settings_version").notNull().default(1),
  createdAt: timestampColumn("created_at").notNull(),
  updatedAt: timestampColumn("updated_at").notNull(),
}, (t) => [uniqueIndex("tenants_entra_tenant_id").on(t.entraTenantId)]);

export const users = mysqlTable("users", {
  tenantId: tenantIdColumn(),
  id: idColumn("id"),
  // The Entra object id (or the dev issuer's subject): with the tenant, the identity.
  oid: varchar("oid", { length: 64 }).notNull(),
  displayName: varchar("display_name", { length: 200 }).notNull(),
  role: varchar("role", { length: 20, enum: ROLES }).notNull(),
  active: int("active").notNull().default(1),
  createdAt: timestampColumn("created_at").notNull(),
  lastSeenAt: timestampColumn("last_seen_at"),
  /** Row version for If-Match on role and status changes (sign-ins do not change it). */
  version: int("version").notNull().default(1),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  uniqueIndex("users_tenant_oid").on(t.tenantId, t.oid),
  index("users_tenant_role").on(t.tenantId, t.role),
]);

export const coreTables = { tenants, users };

/**
 * Columns of core tables holding personal data, like a plugin's `personalData`: the
 * display name and the Entra object id of a user (ids elsewhere are pseudonymous).
 */
export const corePersonalData: Record<string, string[]> = { users: ["display_name", "oid"] };
