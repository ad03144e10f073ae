// Tables of the ai plugin. Every primary key starts with tenant_id (the shard key).
import { boolean, index, int, mysqlTable, primaryKey, text, varchar } from "drizzle-orm/mysql-core";
import { idColumn, jsonColumn, tenantIdColumn, timestampColumn } from "../../api/db/columns.ts";

export const AI_FEATURES = ["analysis", "summary", "changeSummary", "fromText"] as const;
export type AiFeature = typeof AI_FEATURES[number];

/**
 * A tenant's AI settings. No row means the defaults: AI off. The API key is stored
 * encrypted (AES-GCM, see crypto.ts) and never returned; its last four characters are kept
 * apart so people can tell which key is set.
 */
export const aiSettings = mysqlTable("ai_settings", {
  tenantId: tenantIdColumn(),
  enabled: boolean("enabled").notNull().default(false),
  provider: varchar("provider", { length: 40 }),
  model: varchar("model", { length: 100 }),
  apiKeyCipher: text("api_key_cipher"),
  apiKeyLast4: varchar("api_key_last4", { length: 4 }),
  baseUrl: varchar("base_url", { length: 500 }),
  features: jsonColumn<Record<AiFeature, boolean>>("features").notNull(),
  /** Tokens in and out per calendar month (UTC); null: no limit. */
  monthlyTokenBudget: int("monthly_token_budget"),
  version: int("version").notNull().default(1),
  updatedBy: varchar("updated_by", { length: 36 }).notNull(),
  updatedAt: timestampColumn("updated_at").notNull(),
}, (t) => [primaryKey({ columns: [t.tenantId] })]);

/**
 * Every AI result with its provenance: which engine (rules or a provider), provider, model,
 * feature, who asked and when. `output` is what the person sees (placeholders restored).
 */
export const aiResults = mysqlTable("ai_results", {
  tenantId: tenantIdColumn(),
  id: idColumn("id"),
  feature: varchar("feature", { length: 20 }).notNull(),
  /** "rules" (offline analyser) or "provider". */
  engine: varchar("engine", { length: 10 }).notNull(),
  provider: varchar("provider", { length: 40 }),
  model: varchar("model", { length: 100 }),
  processId: varchar("process_id", { length: 36 }),
  /** What the result was made from: "draft:12", "version:3", "1..draft", "text". */
  source: varchar("source", { length: 40 }).notNull(),
  output: jsonColumn<Record<string, unknown>>("output").notNull(),
  userId: varchar("user_id", { length: 36 }).notNull(),
  createdAt: timestampColumn("created_at").notNull(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  index("ai_results_tenant_process").on(t.tenantId, t.processId, t.feature),
]);

export const SUGGESTION_STATES = ["open", "accepted", "rejected", "undone"] as const;
export type SuggestionState = typeof SUGGESTION_STATES[number];

/** One suggestion of an analysis; accepting applies it to the draft as a versioned save. */
export const aiSuggestions = mysqlTable("ai_suggestions", {
  tenantId: tenantIdColumn(),
  id: idColumn("id"),
  resultId: idColumn("result_id"),
  processId: idColumn("process_id"),
  position: int("position").notNull(),
  finding: jsonColumn<Record<string, unknown>>("finding").notNull(),
  /** The change to the graph: a list of operations (see suggestions.ts). */
  change: jsonColumn<Record<string, unknown>[]>("change").notNull(),
  state: varchar("state", { length: 10, enum: SUGGESTION_STATES }).notNull().default("open"),
  decidedBy: varchar("decided_by", { length: 36 }),
  decidedAt: timestampColumn("decided_at"),
  /** The draft version accepting produced, and the graph before it (for undo). */
  draftVersion: int("draft_version"),
  graphBefore: jsonColumn<Record<string, unknown>>("graph_before"),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  index("ai_suggestions_tenant_result").on(t.tenantId, t.resultId),
]);

/** The usage log: one row per provider call (and per refused one), for executives. */
export const aiUsage = mysqlTable("ai_usage", {
  tenantId: tenantIdColumn(),
  id: idColumn("id"),
  /** "2026-05": the budget counts per calendar month (UTC). */
  month: varchar("month", { length: 7 }).notNull(),
  feature: varchar("feature", { length: 20 }).notNull(),
  userId: varchar("user_id", { length: 36 }).notNull(),
  provider: varchar("provider", { length: 40 }).notNull(),
  model: varchar("model", { length: 100 }).notNull(),
  tokensIn: int("tokens_in").notNull().default(0),
  tokensOut: int("tokens_out").notNull().default(0),
  durationMs: int("duration_ms").notNull().default(0),
  /** "ok", or what went wrong: "bad-key", "quota", "timeout", "cancelled", "invalid-output"… */
  outcome: varchar("outcome", { length: 30 }).notNull(),
  createdAt: timestampColumn("created_at").notNull(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  index("ai_usage_tenant_month").on(t.tenantId, t.month),
]);

export const aiTables = { aiSettings, aiResults, aiSuggestions, aiUsage };
