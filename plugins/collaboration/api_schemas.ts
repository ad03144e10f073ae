// Request and response schemas of the collaboration routes (the OpenAPI document and the
// generated client come from these).
import { z } from "@hono/zod-openapi";
import { CATEGORIES, CHANNELS, PROBLEM_STATUSES, SEVERITIES } from "./schema.ts";
import { INBOX_KINDS } from "./inbox_service.ts";
import { LANGUAGES } from "./texts.ts";

export { json } from "../../api/http/content.ts";

const uuid = (what: string) => z.string().uuid({ error: `must be ${what} (UUID)` });
const nodeId = z.string().min(1).max(64).regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, {
  error: "a step id of the process",
});
const text = (max: number) =>
  z.string().trim().min(1, { error: "must not be empty" }).max(max, {
    error: `at most ${max} characters`,
  });

export const IdParam = z.object({ id: uuid("an id") });

const personFields = { id: z.string(), displayName: z.string() };
export const Person = z.object(personFields).openapi("CollaborationPerson");
/** Inline, so the registered component stays non-null. */
const NoPerson = z.object(personFields).nullable();

// ── comments ─────────────────────────────────────────────────────────────────────────────

export const COMMENT_MAX = 4000;

export const CommentCreate = z.strictObject({
  processId: uuid("a process id"),
  nodeId: nodeId.nullish().openapi({ description: "The step commented on; none: the process" }),
  parentId: uuid("a comment id").nullish().openapi({
    description: "Replies to this comment (its thread)",
  }),
  body: text(COMMENT_MAX).openapi({
    description: "The words; mention someone with @[Display Name](user id)",
  }),
}).openapi("CommentCreate");

export const CommentEdit = z.strictObject({ body: text(COMMENT_MAX) }).openapi("CommentEdit");

export const CommentResolve = z.strictObject({
  resolved: z.boolean().default(true),
}).openapi("CommentResolve");

const CommentFields = {
  id: z.string().uuid(),
  processId: z.string().uuid(),
  nodeId: z.string().nullable(),
  stepLabel: z.string().nullable(),
  versionNumber: z.number().int().openapi({
    description: "The published version it was written on (0: before the first)",
  }),
  parentId: z.string().nullable(),
  body: z.string(),
  mentions: z.array(Person),
  author: Person,
  createdAt: z.string().datetime(),
  editedAt: z.string().datetime().nullable(),
  deleted: z.boolean().openapi({ description: "Deleted while it had replies: body is empty" }),
  resolvedAt: z.string().datetime().nullable(),
  resolvedBy: z.string().nullable(),
  version: z.number().int(),
  canEdit: z.boolean(),
  canDelete: z.boolean(),
  canResolve: z.boolean(),
};

export const CommentSchema = z.object(CommentFields).openapi("Comment");
export const ThreadSchema = z.object({ ...CommentFields, replies: z.array(CommentSchema) })
  .openapi("CommentThread");

export const CommentsQuery = z.object({
  processId: uuid("a process id"),
  nodeId: nodeId.optional().openapi({ description: "Only the threads on this step" }),
  limit: z.coerce.number().int().min(1).max(200).default(50).openapi({
    type: "integer",
    minimum: 1,
    maximum: 200,
    default: 50,
  }),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0).openapi({
    type: "integer",
    minimum: 0,
    default: 0,
  }),
});

export const MentionableQuery = z.object({
  q: z.string().max(100).default("").openapi({ description: "Part of a name" }),
  limit: z.coerce.number().int().min(1).max(50).default(10).openapi({
    type: "integer",
    minimum: 1,
    maximum: 50,
    default: 10,
  }),
});

// ── problems ─────────────────────────────────────────────────────────────────────────────

const Severity = z.enum(SEVERITIES, { error: `one of ${SEVERITIES.join(", ")}` });
const Status = z.enum(PROBLEM_STATUSES, { error: `one of ${PROBLEM_STATUSES.join(", ")}` });

export const ProblemCreate = z.strictObject({
  processId: uuid("a process id"),
  nodeId: nodeId.nullish().openapi({ description: "The step it is about; none: the process" }),
  title: text(200),
  description: text(10_000),
  severity: Severity,
}).openapi("ProcessProblemCreate");

export const ProblemPatch = z.strictObject({
  title: text(200).optional(),
  description: text(10_000).optional(),
  severity: Severity.optional(),
  status: Status.optional(),
  reason: z.string().trim().max(2000, { error: "at most 2000 characters" }).nullish().openapi({
    description: "Why it was resolved or rejected (required to reject)",
  }),
  assigneeId: uuid("a user id").nullish(),
}).refine((v) => Object.values(v).some((x) => x !== undefined), {
  error: "name something to change",
}).openapi("ProcessProblemPatch");

export const ProblemSchema = z.object({
  id: z.string().uuid(),
  processId: z.string().uuid(),
  processTitle: z.string(),
  nodeId: z.string().nullable(),
  stepLabel: z.string().nullable(),
  title: z.string(),
  description: z.string(),
  severity: Severity,
  status: Status,
  statusReason: z.string().nullable(),
  reporter: Person,
  assignee: NoPerson,
  createdAt: z.string().datetime(),
  updatedAt: z.string().datetime(),
  closedAt: z.string().datetime().nullable(),
  version: z.number().int(),
  canTriage: z.boolean().openapi({ description: "May change status, assignee, severity" }),
  canEdit: z.boolean().openapi({ description: "May correct title and description" }),
}).openapi("ProcessProblem");

export const ProblemsQuery = CommentsQuery.omit({ processId: true, nodeId: true }).extend({
  processId: uuid("a process id").optional(),
  status: z.string().optional().transform((v, ctx) => {
    if (v === undefined) return undefined;
    const list = v.split(",").map((s) => s.trim()).filter(Boolean);
    const bad = list.find((s) => !(PROBLEM_STATUSES as readonly string[]).includes(s));
    if (bad) {
      ctx.addIssue({ code: "custom", message: `statuses among ${PROBLEM_STATUSES.join(", ")}` });
      return z.NEVER;
    }
    return list as (typeof PROBLEM_STATUSES)[number][];
  }).openapi({
    type: "string",
    description: "Statuses, separated by commas",
    example: "open,in_progress",
  }),
  severity: Severity.optional(),
  assigneeId: z.union([z.literal("me"), uuid("a user id")]).optional().openapi({
    description: "A user id, or me",
  }),
  reporterId: z.union([z.literal("me"), uuid("a user id")]).optional().openapi({
    description: "A user id, or me",
  }),
});

// ── feedback ─────────────────────────────────────────────────────────────────────────────

export const FeedbackCreate = z.strictObject({
  processId: uuid("a process id"),
  helpful: z.boolean(),
  text: z.string().trim().max(2000, { error: "at most 2000 characters" }).nullish(),
}).openapi("ProcessFeedbackCreate");

const feedbackFields = {
  id: z.string().uuid(),
  processId: z.string().uuid(),
  versionNumber: z.number().int(),
  user: Person,
  helpful: z.boolean(),
  text: z.string().nullable(),
  createdAt: z.string().datetime(),
  updatedAt: z.string().datetime(),
};
export const FeedbackSchema = z.object(feedbackFields).openapi("ProcessFeedback");

export const FeedbackSummarySchema = z.object({
  processId: z.string().uuid(),
  helpful: z.number().int(),
  notHelpful: z.number().int(),
  mine: z.object(feedbackFields).nullable(),
  canReadAll: z.boolean(),
  items: z.array(FeedbackSchema),
}).openapi("ProcessFeedbackSummary");

export const FeedbackQuery = z.object({ processId: uuid("a process id") });

// ── inbox, notifications, settings ───────────────────────────────────────────────────────

export const InboxItemSchema = z.object({
  kind: z.enum(INBOX_KINDS),
  id: z.string(),
  title: z.string().openapi({ description: "Names the process and the item" }),
  processId: z.string().uuid(),
  processTitle: z.string(),
  nodeId: z.string().nullable(),
  link: z.string().openapi({ description: "Where it is handled in the web app (a path)" }),
  at: z.string().datetime(),
  overdue: z.boolean(),
  severity: z.string().nullable(),
  itemId: z.string().nullable(),
}).openapi("InboxItem");

export const InboxSchema = z.object({
  items: z.array(InboxItemSchema),
  count: z.number().int(),
}).openapi("Inbox");

const Category = z.enum(CATEGORIES);

export const NotificationSchema = z.object({
  id: z.string().uuid(),
  category: Category,
  event: z.string(),
  processId: z.string().uuid(),
  itemId: z.string().nullable(),
  nodeId: z.string().nullable(),
  actorId: z.string().nullable(),
  title: z.string(),
  link: z.string(),
  createdAt: z.string().datetime(),
  readAt: z.string().datetime().nullable(),
}).openapi("Notification");

export const NotificationsQuery = CommentsQuery.omit({ processId: true, nodeId: true }).extend({
  unread: z.enum(["true", "false"]).default("false"),
});

export const MarkRead = z.strictObject({
  ids: z.array(uuid("a notification id")).max(200).optional(),
  itemId: uuid("an item id").optional().openapi({
    description: "Every notification about this comment thread, problem or approval",
  }),
  all: z.literal(true).optional(),
}).refine((v) => v.ids?.length || v.itemId || v.all, {
  error: "name ids, an itemId, or all: true",
}).openapi("NotificationsRead");

const Channel = z.enum(CHANNELS, { error: `one of ${CHANNELS.join(", ")}` });

export const SettingsSchema = z.object({
  email: z.string().nullable(),
  language: z.enum(LANGUAGES).nullable(),
  channels: z.object(
    Object.fromEntries(CATEGORIES.map((c) => [c, Channel])) as Record<
      (typeof CATEGORIES)[number],
      typeof Channel
    >,
  ),
  mailEnabled: z.boolean().openapi({ description: "Whether this installation sends mail" }),
  version: z.number().int(),
}).openapi("NotificationSettings");

export const SettingsInput = z.strictObject({
  email: z.string().trim().max(320).email({ error: "an e-mail address" }).nullish(),
  language: z.enum(LANGUAGES, { error: "en or de" }).nullish(),
  channels: z.strictObject(
    Object.fromEntries(CATEGORIES.map((c) => [c, Channel.optional()])) as Record<
      (typeof CATEGORIES)[number],
      z.ZodOptional<typeof Channel>
    >,
  ).optional(),
}).openapi("NotificationSettingsInput");
