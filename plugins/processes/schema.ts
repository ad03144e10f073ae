// Tables of the processes plugin. Every primary key starts with tenant_id (the shard key).
import {
  date,
  index,
  int,
  mediumtext,
  mysqlTable,
  primaryKey,
  text,
  varchar,
} from "drizzle-orm/mysql-core";
import { idColumn, jsonColumn, tenantIdColumn, timestampColumn } from "../../api/db/columns.ts";
import type { Graph } from "./graph_schema.ts";

export const CATEGORIES = ["management", "core", "support"] as const;
export type Category = typeof CATEGORIES[number];

/** The landscape: one row per process, its metadata and where it stands. */
export const processes = mysqlTable("processes", {
  tenantId: tenantIdColumn(),
  id: idColumn("id"),
  title: varchar("title", { length: 200 }).notNull(),
  description: text("description").notNull(),
  category: varchar("category", { length: 20, enum: CATEGORIES }).notNull(),
  parentId: varchar("parent_id", { length: 36 }),
  /** The owning position of the org chart (orgchart plugin). */
  ownerPositionId: varchar("owner_position_id", { length: 36 }),
  /** The Procedo user who answers for the process and approves its versions. */
  ownerUserId: varchar("owner_user_id", { length: 36 }),
  /** Tag ids (tags plugin). */
  tagIds: jsonColumn<string[]>("tag_ids").notNull(),
  reviewIntervalMonths: int("review_interval_months").notNull().default(12),
  nextReviewAt: date("next_review_at", { mode: "string" }),
  lastReviewedAt: timestampColumn("last_reviewed_at"),
  lastReviewedBy: varchar("last_reviewed_by", { length: 36 }),
  /** What the reviewer noted when confirming the process still current (null: nothing). */
  lastReviewNote: varchar("last_review_note", { length: 2000 }),
  /** The number of the newest published version; 0 before the first publication. */
  publishedVersion: int("published_version").notNull().default(0),
  publishedAt: timestampColumn("published_at"),
  sortOrder: int("sort_order").notNull().default(0),
  /** Row version for If-Match on metadata changes. */
  version: int("version").notNull().default(1),
  createdBy: varchar("created_by", { length: 36 }).notNull(),
  createdAt: timestampColumn("created_at").notNull(),
  updatedAt: timestampColumn("updated_at").notNull(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  index("processes_tenant_parent").on(t.tenantId, t.parentId),
  index("processes_tenant_category").on(t.tenantId, t.category),
  index("processes_tenant_owner").on(t.tenantId, t.ownerPositionId),
  index("processes_tenant_review").on(t.tenantId, t.nextReviewAt),
]);

export const DRAFT_STATES = ["editing", "in_review"] as const;

/** The one editable draft of each process. */
export const processDrafts = mysqlTable("process_drafts", {
  tenantId: tenantIdColumn(),
  processId: idColumn("process_id"),
  graph: jsonColumn<Graph>("graph").notNull(),
  /** Optimistic concurrency: If-Match on every save. */
  version: int("version").notNull().default(1),
  state: varchar("state", { length: 20, enum: DRAFT_STATES }).notNull().default("editing"),
  /** The published version this draft started from (0: none). */
  baseVersion: int("base_version").notNull().default(0),
  updatedBy: varchar("updated_by", { length: 36 }).notNull(),
  updatedAt: timestampColumn("updated_at").notNull(),
}, (t) => [primaryKey({ columns: [t.tenantId, t.processId] })]);

/** Immutable published versions. */
export const processVersions = mysqlTable("process_versions", {
  tenantId: tenantIdColumn(),
  processId: idColumn("process_id"),
  number: int("number").notNull(),
  graph: jsonColumn<Graph>("graph").notNull(),
  title: varchar("title", { length: 200 }).notNull(),
  /** What the submitter wrote when requesting approval. */
  changeNote: varchar("change_note", { length: 2000 }).notNull(),
  requestedBy: varchar("requested_by", { length: 36 }).notNull(),
  approvedBy: varchar("approved_by", { length: 36 }).notNull(),
  /** What the approver wrote (null: nothing), kept beside the change note. */
  approvalComment: varchar("approval_comment", { length: 2000 }),
  publishedAt: timestampColumn("published_at").notNull(),
}, (t) => [primaryKey({ columns: [t.tenantId, t.processId, t.number] })]);

export const APPROVAL_STATES = ["open", "approved", "rejected", "withdrawn"] as const;

/** Approval tasks: a draft submitted for review, decided by the owner or an executive. */
export const processApprovals = mysqlTable("process_approvals", {
  tenantId: tenantIdColumn(),
  id: idColumn("id"),
  processId: idColumn("process_id"),
  /** The draft version that was submitted; edits after submission need a new request. */
  draftVersion: int("draft_version").notNull(),
  changeNote: varchar("change_note", { length: 2000 }).notNull(),
  state: varchar("state", { length: 20, enum: APPROVAL_STATES }).notNull(),
  requestedBy: varchar("requested_by", { length: 36 }).notNull(),
  requestedAt: timestampColumn("requested_at").notNull(),
  decidedBy: varchar("decided_by", { length: 36 }),
  decidedAt: timestampColumn("decided_at"),
  /** Why it was rejected, or withdrawn by a system change. */
  reason: varchar("reason", { length: 2000 }),
  /** What the approver wrote when approving (null: nothing). */
  comment: varchar("comment", { length: 2000 }),
  /** The version number published on approval. */
  publishedVersion: int("published_version"),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  index("process_approvals_tenant_process").on(t.tenantId, t.processId),
  index("process_approvals_tenant_state").on(t.tenantId, t.state),
]);

/** Which graph a projection row comes from. */
export const SOURCES = ["draft", "published"] as const;

/** Projection: the steps of each draft and published version, for search and RACI. */
export const processSteps = mysqlTable("process_steps", {
  tenantId: tenantIdColumn(),
  processId: idColumn("process_id"),
  source: varchar("source", { length: 10, enum: SOURCES }).notNull(),
  nodeId: varchar("node_id", { length: 64 }).notNull(),
  type: varchar("type", { length: 20 }).notNull(),
  label: varchar("label", { length: 500 }).notNull(),
  laneId: varchar("lane_id", { length: 64 }),
  laneName: varchar("lane_name", { length: 200 }),
  description: mediumtext("description"),
}, (t) => [primaryKey({ columns: [t.tenantId, t.processId, t.source, t.nodeId] })]);

export const LINK_TARGET_KINDS = [
  "position",
  "orgUnit",
  "document",
  "system",
  "requirement",
  "location",
  "process",
] as const;
export type LinkTargetKind = typeof LINK_TARGET_KINDS[number];

export const LINK_RELATIONS = [
  "responsible",
  "accountable",
  "consulted",
  "informed",
  "lane",
  "link",
  "owner",
  "subprocess",
] as const;
export type LinkRelation = typeof LINK_RELATIONS[number];

/**
 * Projection: every reference from a process to another object, so "where used" and
 * "responsibilities of a position" answer from an index. node_id is "" for process-level
 * links (the owner).
 */
export const processLinks = mysqlTable("process_links", {
  tenantId: tenantIdColumn(),
  processId: idColumn("process_id"),
  source: varchar("source", { length: 10, enum: SOURCES }).notNull(),
  nodeId: varchar("node_id", { length: 64 }).notNull(),
  kind: varchar("kind", { length: 20, enum: LINK_TARGET_KINDS }).notNull(),
  targetId: varchar("target_id", { length: 36 }).notNull(),
  relation: varchar("relation", { length: 20, enum: LINK_RELATIONS }).notNull(),
}, (t) => [
  primaryKey({
    // MySQL names are at most 64 characters; the generated name would be longer.
    name: "process_links_pk",
    columns: [t.tenantId, t.processId, t.source, t.nodeId, t.kind, t.targetId, t.relation],
  }),
  index("process_links_tenant_target").on(t.tenantId, t.kind, t.targetId),
]);

export const processTables = {
  processes,
  processDrafts,
  processVersions,
  processApprovals,
  processSteps,
  processLinks,
};
