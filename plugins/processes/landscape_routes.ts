// The process landscape over HTTP: create, list, tree, search, read, change, delete, and
// review cycles. Registered before the other route files of the plugin, so the static
// paths (/tree, /search, /reviews/due) are matched before any /{id} route.
import { json } from "../../api/http/content.ts";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../api/env.ts";
import { pageOf, PagingQuery } from "../../api/http/paging.ts";
import { etagOf, requireIfMatch } from "../../api/http/preconditions.ts";
import type { PluginDeps } from "../../api/plugin.ts";
import { problemResponses } from "../../api/problem.ts";
import { roleAllows } from "../../api/tenancy.ts";
import * as landscape from "./landscape_service.ts";
import { linkTargetProviders } from "./link_targets.ts";
import { confirmReview, dueReviews } from "./review_service.ts";
import { CATEGORIES } from "./schema.ts";
import {
  SEARCH_DEFAULT_LIMIT,
  SEARCH_MAX_LENGTH,
  SEARCH_MAX_LIMIT,
  SEARCH_MIN_LENGTH,
  searchProcesses,
} from "./search.ts";

const uuid = (what: string) => z.string().uuid({ error: `must be ${what} id (UUID)` });
const date = z.iso.date({ error: "a date like 2026-06-30" });
const category = z.enum(CATEGORIES, { error: `one of ${CATEGORIES.join(", ")}` });

const Process = z.object({
  id: z.string().uuid(),
  title: z.string(),
  description: z.string().openapi({ description: "Markdown" }),
  category,
  parentId: z.string().nullable(),
  ownerPositionId: z.string().nullable().openapi({ description: "A position of the org chart" }),
  ownerUserId: z.string().nullable().openapi({
    description: "The user who answers for the process, approves it and confirms reviews",
  }),
  tagIds: z.array(z.string()),
  reviewIntervalMonths: z.number().int(),
  nextReviewAt: z.string().nullable().openapi({
    format: "date",
    description: "Due for review from this date (UTC)",
  }),
  reviewDue: z.boolean().openapi({ description: "nextReviewAt is today or earlier" }),
  lastReviewedAt: z.string().datetime().nullable(),
  lastReviewedBy: z.string().nullable(),
  lastReviewNote: z.string().nullable().openapi({
    description: "What the reviewer noted when last confirming the process is still current",
  }),
  publishedVersion: z.number().int().openapi({ description: "0 before the first publication" }),
  publishedAt: z.string().datetime().nullable(),
  sortOrder: z.number().int(),
  version: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string().datetime(),
  updatedAt: z.string().datetime(),
  draftUrl: z.string().openapi({ description: "The editable draft of the model" }),
}).openapi("Process");

const title = z.string().trim().min(1, { error: "must not be empty" }).max(200, {
  error: "at most 200 characters",
});
const description = z.string().max(20_000, { error: "at most 20,000 characters" }).openapi({
  description: "Markdown",
});
const tagIds = z.array(uuid("a tag")).max(landscape.MAX_TAGS_PER_PROCESS, {
  error: `at most ${landscape.MAX_TAGS_PER_PROCESS} tags`,
});
const interval = z.number().int().min(1, { error: "1 to 60 months" }).max(60, {
  error: "1 to 60 months",
});
const sortOrder = z.number().int().min(0).max(1_000_000).openapi({
  description: "Position among siblings of the same category in the tree",
});

const ProcessCreate = z.strictObject({
  title,
  description: description.optional(),
  category,
  parentId: uuid("a process").nullable().optional(),
  ownerPositionId: uuid("a position").nullable().optional(),
  ownerUserId: uuid("a user").nullable().optional().openapi({
    description: "An active user of the tenant",
  }),
  tagIds: tagIds.optional(),
  reviewIntervalMonths: interval.default(landscape.DEFAULT_REVIEW_INTERVAL_MONTHS),
  nextReviewAt: date.optional().openapi({ description: "Default: today + the interval" }),
  sortOrder: sortOrder.optional(),
}).openapi("ProcessCreate");

const ProcessUpdate = z.strictObject({
  title: title.optional(),
  description: description.optional(),
  category: category.optional(),
  parentId: uuid("a process").nullable().optional().openapi({
    description: "null makes it a root process; a descendant is refused (409 hierarchy-cycle)",
  }),
  ownerPositionId: uuid("a position").nullable().optional(),
  ownerUserId: uuid("a user").nullable().optional(),
  tagIds: tagIds.optional(),
  reviewIntervalMonths: interval.optional().openapi({
    description: "Without nextReviewAt, the next review moves to last review (or creation) + it",
  }),
  nextReviewAt: date.optional(),
  sortOrder: sortOrder.optional(),
}).openapi("ProcessUpdate");

const IdParam = z.object({ id: uuid("a process") });
const IfMatch = z.object({ "if-match": z.string().optional() });
const ETagHeader = {
  ETag: { schema: { type: "string" as const }, description: "The process's row version" },
};

const ListQuery = PagingQuery.extend({
  q: z.string().trim().max(100).optional().openapi({
    description: "Search in title and description",
  }),
  category: category.optional(),
  parentId: z.string().regex(
    /^(root|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/,
    { error: 'a process id, or "root" for top-level processes' },
  ).optional().openapi({ description: 'A process id, or "root" for top-level processes' }),
  ownerPositionId: uuid("a position").optional(),
  ownerUserId: uuid("a user").optional(),
  tagId: uuid("a tag").optional(),
  status: z.enum(["published", "unpublished"]).optional().openapi({
    description: "published: at least one published version",
  }),
  reviewDue: z.enum(["true", "false"]).optional().openapi({
    description: "true: next review date today or earlier",
  }),
  sort: z.enum(landscape.SORTS).default("title"),
});

type TreeNodeT = landscape.TreeNode;
const TreeNode: z.ZodType<TreeNodeT> = z.lazy(() =>
  z.object({
    id: z.string(),
    title: z.string(),
    category,
    parentId: z.string().nullable(),
    sortOrder: z.number().int(),
    publishedVersion: z.number().int(),
    ownerPositionId: z.string().nullable(),
    ownerUserId: z.string().nullable(),
    nextReviewAt: z.string().nullable(),
    reviewDue: z.boolean(),
    children: z.array(TreeNode),
  })
).openapi("ProcessTreeNode");

const Tree = z.object({
  items: z.array(TreeNode).openapi({
    description: "Root processes; each level sorted by category, sortOrder, title",
  }),
  total: z.number().int().openapi({ description: "Processes in the tree" }),
}).openapi("ProcessTree");

const SearchQuery = z.object({
  q: z.string().trim().min(SEARCH_MIN_LENGTH, {
    error: `at least ${SEARCH_MIN_LENGTH} characters`,
  }).max(SEARCH_MAX_LENGTH, { error: `at most ${SEARCH_MAX_LENGTH} characters` }),
  limit: z.coerce.number().int().min(1).max(SEARCH_MAX_LIMIT).default(SEARCH_DEFAULT_LIMIT)
    .openapi({
      type: "integer",
      minimum: 1,
      maximum: SEARCH_MAX_LIMIT,
      default: SEARCH_DEFAULT_LIMIT,
    }),
});

const SearchMatch = z.object({
  field: z.enum(["title", "tag", "step", "description"]),
  text: z.string().openapi({ description: "Plain text; long texts cut with …" }),
  html: z.string().openapi({
    description: "text, HTML-escaped, with each match in <mark>…</mark> (no other markup)",
  }),
  highlights: z.array(z.object({ start: z.number().int(), end: z.number().int() })).openapi({
    description: "Matches in text as UTF-16 [start, end) ranges",
  }),
  nodeId: z.string().optional(),
  nodeType: z.string().optional(),
  source: z.enum(["published", "draft"]).optional(),
  tagId: z.string().optional(),
}).openapi("SearchMatch");

const SearchResult = z.object({
  q: z.string(),
  total: z.number().int(),
  limit: z.number().int(),
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      category,
      publishedVersion: z.number().int(),
      url: z.string(),
      score: z.number().int().openapi({
        description: "1000·title + 100·tags + 10·steps + description matches (each up to 9)",
      }),
      fields: z.array(z.enum(["title", "tag", "step", "description"])),
      matches: z.array(SearchMatch),
    }).openapi("SearchHit"),
  ),
}).openapi("SearchResult");

const DueQuery = z.object({
  ownerUserId: uuid("a user").optional(),
  within: z.coerce.number().int().min(0).max(366).default(0).openapi({
    type: "integer",
    minimum: 0,
    maximum: 366,
    default: 0,
    description: "Also list processes due within this many days",
  }),
});

const DueItem = z.object({
  id: z.string(),
  title: z.string(),
  category,
  ownerPositionId: z.string().nullable(),
  nextReviewAt: z.string().openapi({ format: "date" }),
  daysOverdue: z.number().int().openapi({
    description: "> 0 overdue, 0 due today, < 0 due within the window",
  }),
  overdue: z.boolean(),
  reviewIntervalMonths: z.number().int(),
  lastReviewedAt: z.string().datetime().nullable(),
  lastReviewNote: z.string().nullable().openapi({ description: "The last confirmation's note" }),
  publishedVersion: z.number().int(),
  url: z.string(),
  draftUrl: z.string().openapi({ description: "Edit the draft to change the process" }),
  confirmUrl: z.string().openapi({ description: "POST here to confirm it is still current" }),
}).openapi("ReviewDueItem");

const DueReviews = z.object({
  asOf: z.string().openapi({ format: "date" }),
  until: z.string().openapi({ format: "date" }),
  total: z.number().int(),
  truncated: z.boolean(),
  groups: z.array(z.object({
    owner: z.object({ id: z.string(), displayName: z.string(), active: z.boolean() }).nullable()
      .openapi({ description: "null: processes without an owner user" }),
    count: z.number().int(),
    items: z.array(DueItem),
  })),
}).openapi("ReviewsDue");

const ReviewConfirm = z.strictObject({
  note: z.string().trim().max(2000, { error: "at most 2,000 characters" }).optional(),
}).openapi("ReviewConfirm");

const ReviewConfirmation = z.object({
  process: Process,
  note: z.string().nullable().openapi({
    description: "The note as stored (also the process's lastReviewNote); null without one",
  }),
}).openapi("ReviewConfirmation");

// ── routes ───────────────────────────────────────────────────────────────────────────────

const list = createRoute({
  method: "get",
  path: "/",
  operationId: "listProcesses",
  summary: "List processes (filter, search, sort, page)",
  description:
    "The processes of the workspace, filtered by category, parent, owner, tag, status and review " +
    "due date, searched with `q`, sorted and paged.",
  "x-permission": "processes.read",
  request: { query: ListQuery },
  responses: {
    200: { description: "A page of processes", content: json(pageOf(Process, "ProcessPage")) },
    ...problemResponses(401, 403, 422),
  },
});

const create = createRoute({
  method: "post",
  path: "/",
  operationId: "createProcess",
  summary: "Create a process (with an empty draft)",
  description:
    "Creates a process with its metadata and an empty draft; it is published through an " +
    "approval. Modelers and executives.",
  "x-permission": "processes.write",
  request: { body: { required: true, content: json(ProcessCreate) } },
  responses: {
    201: {
      description: "Created",
      headers: {
        ...ETagHeader,
        Location: { schema: { type: "string" as const }, description: "The new process's URL" },
      },
      content: json(Process),
    },
    ...problemResponses(400, 401, 403, 413, 415, 422),
  },
});

const tree = createRoute({
  method: "get",
  path: "/tree",
  operationId: "getProcessTree",
  summary: "The whole process landscape as a tree",
  description:
    "Every process nested under its parent, with title, category and status, for navigation.",
  "x-permission": "processes.read",
  responses: {
    200: { description: "The landscape", content: json(Tree) },
    ...problemResponses(401, 403),
  },
});

const search = createRoute({
  method: "get",
  path: "/search",
  operationId: "searchProcesses",
  summary: "Search titles, descriptions, step labels and tags (ranked, with snippets)",
  description: "Ranked title > tag > step label > description, more matches higher, ties by " +
    "title. Step labels of drafts are searched for modelers and executives only. Snippets " +
    "come as plain `text` with `highlights`, and as `html`: escaped, matches in <mark>.",
  "x-permission": "processes.read",
  request: { query: SearchQuery },
  responses: {
    200: { description: "Ranked hits", content: json(SearchResult) },
    ...problemResponses(401, 403, 422),
  },
});

const due = createRoute({
  method: "get",
  path: "/reviews/due",
  operationId: "listDueReviews",
  summary: "Processes due or overdue for review, grouped by owner",
  description:
    "Published processes whose review date has passed or falls within `within` days, grouped by " +
    "owner.",
  "x-permission": "processes.read",
  request: { query: DueQuery },
  responses: {
    200: { description: "Due reviews per owner", content: json(DueReviews) },
    ...problemResponses(401, 403, 422),
  },
});

const get = createRoute({
  method: "get",
  path: "/{id}",
  operationId: "getProcess",
  summary: "Get a process",
  description:
    "One process with its metadata and the published version's graph; the ETag is the version " +
    "for If-Match.",
  "x-permission": "processes.read",
  request: { params: IdParam },
  responses: {
    200: { description: "The process", headers: ETagHeader, content: json(Process) },
    ...problemResponses(401, 403, 404, 422),
  },
});

const update = createRoute({
  method: "patch",
  path: "/{id}",
  operationId: "updateProcess",
  summary: "Change a process's metadata (If-Match required)",
  description:
    "Changes the process's metadata (title, description, category, parent and the rest of " +
    "ProcessUpdate). Send the ETag you read as If-Match (412 when it changed since). Modelers " +
    "and executives.",
  "x-permission": "processes.write",
  request: {
    params: IdParam,
    headers: IfMatch,
    body: { required: true, content: json(ProcessUpdate) },
  },
  responses: {
    200: { description: "Changed", headers: ETagHeader, content: json(Process) },
    ...problemResponses(400, 401, 403, 404, 409, 412, 413, 415, 422, 428),
  },
});

const remove = createRoute({
  method: "delete",
  path: "/{id}",
  operationId: "deleteProcess",
  summary: "Delete a process with its drafts and versions (If-Match required)",
  description:
    "Deletes the process with its draft, versions and approvals. Send the ETag you read as " +
    "If-Match (412 when it changed since); 409 when something still depends on it. Modelers and " +
    "executives.",
  "x-permission": "processes.write",
  request: { params: IdParam, headers: IfMatch },
  responses: {
    204: { description: "Deleted" },
    ...problemResponses(401, 403, 404, 409, 412, 422, 428),
  },
});

const confirm = createRoute({
  method: "post",
  path: "/{id}/review/confirm",
  operationId: "confirmProcessReview",
  summary: "Confirm a process is still current (owner or executive)",
  description:
    "Records that the process was reviewed and is still current; the next review date moves on " +
    "by the review interval. The process owner or an executive.",
  "x-permission": "processes.review",
  request: { params: IdParam, body: { required: false, content: json(ReviewConfirm) } },
  responses: {
    200: {
      description: "Reviewed; the next review is scheduled",
      headers: ETagHeader,
      content: json(ReviewConfirmation),
    },
    ...problemResponses(400, 401, 403, 404, 415, 422),
  },
});

export function registerLandscapeRoutes(app: OpenAPIHono<AppEnv>, deps: PluginDeps) {
  const ctx: landscape.LandscapeContext = { providers: linkTargetProviders(deps.plugins) };

  app.openapi(list, async (c) => {
    const { reviewDue, ...q } = c.req.valid("query");
    const page = await landscape.listProcesses(c.var.scope, {
      ...q,
      reviewDue: reviewDue === undefined ? undefined : reviewDue === "true",
    });
    return c.json(page, 200);
  });

  app.openapi(create, async (c) => {
    const process = await landscape.createProcess(
      c.var.scope,
      c.req.valid("json"),
      c.var.principal!.userId,
      ctx,
    );
    return c.json(process, 201, {
      ETag: etagOf(process.version),
      Location: landscape.processUrl(process.id),
    });
  });

  app.openapi(tree, async (c) => {
    const items = await landscape.processTree(c.var.scope);
    let total = 0;
    const stack = [...items];
    while (stack.length) {
      const n = stack.pop()!;
      total++;
      stack.push(...n.children);
    }
    return c.json({ items, total }, 200);
  });

  app.openapi(search, async (c) => {
    const { q, limit } = c.req.valid("query");
    // Drafts are for modelers (GET /{id}/draft needs processes.write); readers search the
    // published steps only.
    const includeDrafts = roleAllows(c.var.principal!.role, "modeler");
    return c.json(await searchProcesses(c.var.scope, q, { limit, includeDrafts }), 200);
  });

  app.openapi(due, async (c) => {
    return c.json(await dueReviews(c.var.scope, c.req.valid("query")), 200);
  });

  app.openapi(get, async (c) => {
    const process = await landscape.getProcess(c.var.scope, c.req.valid("param").id);
    return c.json(process, 200, { ETag: etagOf(process.version) });
  });

  app.openapi(update, async (c) => {
    const process = await landscape.updateProcess(
      c.var.scope,
      c.req.valid("param").id,
      c.req.valid("json"),
      (current) => requireIfMatch(c, current.version, current),
      ctx,
    );
    return c.json(process, 200, { ETag: etagOf(process.version) });
  });

  app.openapi(remove, async (c) => {
    await landscape.deleteProcess(
      c.var.scope,
      c.req.valid("param").id,
      (current) => requireIfMatch(c, current.version, current),
    );
    return c.body(null, 204);
  });

  app.openapi(confirm, async (c) => {
    const body = c.req.valid("json") as z.infer<typeof ReviewConfirm> | undefined;
    const result = await confirmReview(
      c.var.scope,
      c.req.valid("param").id,
      c.var.principal!,
      body?.note || undefined,
    );
    return c.json(result, 200, { ETag: etagOf(result.process.version) });
  });
}
