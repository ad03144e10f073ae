// Tables of the collaboration plugin. Every primary key starts with tenant_id (the shard key).
// People's words (comment bodies, feedback, problem texts) and contact addresses are personal
// data, declared in mod.ts.
import {
  date,
  index,
  int,
  mysqlTable,
  primaryKey,
  text,
  uniqueIndex,
  varchar,
} from "drizzle-orm/mysql-core";
import { idColumn, jsonColumn, tenantIdColumn, timestampColumn } from "../../api/db/columns.ts";

/** Comments on a process or one of its steps; replies point to the thread's first comment. */
export const comments = mysqlTable("collab_comments", {
  tenantId: tenantIdColumn(),
  id: idColumn("id"),
  processId: idColumn("process_id"),
  /** The step commented on; null for the process as a whole. */
  nodeId: varchar("node_id", { length: 64 }),
  /** The published version the comment was written on (0 before the first publication). */
  versionNumber: int("version_number").notNull(),
  /** The thread's first comment; null for that first comment itself. */
  parentId: varchar("parent_id", { length: 36 }),
  authorId: varchar("author_id", { length: 36 }).notNull(),
  /** As written; mentions are tokens @[Name](user id). Emptied when deleted with replies. */
  body: text("body").notNull(),
  /** User ids mentioned in the body. */
  mentions: jsonColumn<string[]>("mentions").notNull(),
  createdAt: timestampColumn("created_at").notNull(),
  editedAt: timestampColumn("edited_at"),
  deletedAt: timestampColumn("deleted_at"),
  resolvedAt: timestampColumn("resolved_at"),
  resolvedBy: varchar("resolved_by", { length: 36 }),
  version: int("version").notNull().default(1),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  index("collab_comments_tenant_process").on(t.tenantId, t.processId, t.createdAt),
  index("collab_comments_tenant_parent").on(t.tenantId, t.parentId),
]);

/** Helpful / not helpful with an optional text: one per person and process. */
export const feedback = mysqlTable("collab_feedback", {
  tenantId: tenantIdColumn(),
  id: idColumn("id"),
  processId: idColumn("process_id"),
  versionNumber: int("version_number").notNull(),
  userId: varchar("user_id", { length: 36 }).notNull(),
  helpful: int("helpful").notNull(),
  text: varchar("text", { length: 2000 }),
  createdAt: timestampColumn("created_at").notNull(),
  updatedAt: timestampColumn("updated_at").notNull(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  uniqueIndex("collab_feedback_tenant_process_user").on(t.tenantId, t.processId, t.userId),
]);

export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
export type Severity = typeof SEVERITIES[number];
export const PROBLEM_STATUSES = ["open", "in_progress", "resolved", "rejected"] as const;
export type ProblemStatus = typeof PROBLEM_STATUSES[number];

/** Problems and improvement suggestions, assigned (by default) to the process owner. */
export const problems = mysqlTable("collab_problems", {
  tenantId: tenantIdColumn(),
  id: idColumn("id"),
  processId: idColumn("process_id"),
  nodeId: varchar("node_id", { length: 64 }),
  title: varchar("title", { length: 200 }).notNull(),
  description: text("description").notNull(),
  severity: varchar("severity", { length: 10, enum: SEVERITIES }).notNull(),
  status: varchar("status", { length: 12, enum: PROBLEM_STATUSES }).notNull(),
  /** Why it was resolved or rejected (required for rejected). */
  statusReason: varchar("status_reason", { length: 2000 }),
  reporterId: varchar("reporter_id", { length: 36 }).notNull(),
  assigneeId: varchar("assignee_id", { length: 36 }),
  createdAt: timestampColumn("created_at").notNull(),
  updatedAt: timestampColumn("updated_at").notNull(),
  closedAt: timestampColumn("closed_at"),
  version: int("version").notNull().default(1),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  index("collab_problems_tenant_process").on(t.tenantId, t.processId),
  index("collab_problems_tenant_assignee").on(t.tenantId, t.assigneeId, t.status),
  index("collab_problems_tenant_status").on(t.tenantId, t.status, t.createdAt),
]);

export const CATEGORIES = [
  "mention",
  "reply",
  "comment",
  "problem",
  "feedback",
  "approval",
  "review",
] as const;
export type Category = typeof CATEGORIES[number];

/** How a category reaches someone by mail. In the app every notification is shown. */
export const CHANNELS = ["immediately", "daily", "off"] as const;
export type Channel = typeof CHANNELS[number];

export const MAIL_STATES = ["none", "queued", "digest", "digested"] as const;
export type MailState = typeof MAIL_STATES[number];

/** What happened that someone should know: shown in the app, mailed as they chose. */
export const notifications = mysqlTable("collab_notifications", {
  tenantId: tenantIdColumn(),
  id: idColumn("id"),
  userId: varchar("user_id", { length: 36 }).notNull(),
  category: varchar("category", { length: 12, enum: CATEGORIES }).notNull(),
  /** What happened, e.g. problem.assigned, approval.requested, review.overdue. */
  event: varchar("event", { length: 40 }).notNull(),
  processId: idColumn("process_id"),
  /** The comment, problem or approval it is about. */
  itemId: varchar("item_id", { length: 36 }),
  nodeId: varchar("node_id", { length: 64 }),
  actorId: varchar("actor_id", { length: 36 }),
  /** What the texts need, as of the event: titles, an excerpt, a due date, a status. */
  data: jsonColumn<Record<string, string | number | null>>("data").notNull(),
  /** Where it leads in the app (a path). */
  link: varchar("link", { length: 500 }).notNull(),
  createdAt: timestampColumn("created_at").notNull(),
  readAt: timestampColumn("read_at"),
  mailState: varchar("mail_state", { length: 10, enum: MAIL_STATES }).notNull(),
  /** The same event is noted once per person (a reminder per due date and stage). */
  dedupeKey: varchar("dedupe_key", { length: 200 }),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  index("collab_notifications_tenant_user").on(t.tenantId, t.userId, t.readAt, t.createdAt),
  index("collab_notifications_tenant_mail").on(t.tenantId, t.mailState, t.userId),
  uniqueIndex("collab_notifications_tenant_dedupe").on(t.tenantId, t.userId, t.dedupeKey),
]);

/** Each person's notification settings: where and in which language mail reaches them. */
export const settings = mysqlTable("collab_settings", {
  tenantId: tenantIdColumn(),
  userId: varchar("user_id", { length: 36 }).notNull(),
  email: varchar("email", { length: 320 }),
  /** en or de; null: English. */
  language: varchar("language", { length: 2 }),
  /** Category → channel; missing categories take the defaults. */
  channels: jsonColumn<Partial<Record<Category, Channel>>>("channels").notNull(),
  lastDigestAt: timestampColumn("last_digest_at"),
  updatedAt: timestampColumn("updated_at").notNull(),
  version: int("version").notNull().default(1),
}, (t) => [primaryKey({ columns: [t.tenantId, t.userId] })]);

export const REMINDER_STAGES = ["upcoming", "overdue", "escalated"] as const;
export type ReminderStage = typeof REMINDER_STAGES[number];

/** Review reminders sent: one row per process, review date and stage, so each goes out once. */
export const reminders = mysqlTable("collab_reminders", {
  tenantId: tenantIdColumn(),
  processId: idColumn("process_id"),
  dueDate: date("due_date", { mode: "string" }).notNull(),
  stage: varchar("stage", { length: 10, enum: REMINDER_STAGES }).notNull(),
  sentAt: timestampColumn("sent_at").notNull(),
}, (t) => [primaryKey({ columns: [t.tenantId, t.processId, t.dueDate, t.stage] })]);

export const collaborationTables = {
  comments,
  feedback,
  problems,
  notifications,
  settings,
  reminders,
};
