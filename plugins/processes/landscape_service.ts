// The process landscape: processes with their metadata (category, hierarchy of any depth,
// owner, tags, review interval) — create, read, list, tree, change, delete. Models live in
// drafts and versions (draft_service.ts, publish_service.ts); this file keeps the rows
// around them consistent.
import { escapeLike } from "../../api/db/like.ts";
import { and, asc, desc, eq, inArray, isNull, like, lte, ne, or, type SQL, sql } from "drizzle-orm";
import type { MySqlColumn } from "drizzle-orm/mysql-core";
import { uuidv7 } from "../../api/db/ids.ts";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import { type FieldError, ProblemError } from "../../api/problem.ts";
import { users } from "../../schema/core.ts";
import { getTag } from "../tags/service.ts";
import { createDraft, transact } from "./draft_service.ts";
import { emptyGraph } from "./graph_schema.ts";
import type { LinkTargetProvider } from "./link_targets.ts";
import { assertSafeLinks } from "./link_schemes.ts";
import { rebuildOwnerLink } from "./projections.ts";
import { binProcess } from "./recycle.ts";
import {
  CATEGORIES,
  type Category,
  type LinkTargetKind,
  processApprovals,
  processDrafts,
  processes,
  processLinks,
  processSteps,
  processVersions,
} from "./schema.ts";

export type ProcessRow = typeof processes.$inferSelect;

export const DEFAULT_REVIEW_INTERVAL_MONTHS = 12;
export const MAX_TAGS_PER_PROCESS = 50;

/** A process of the landscape, as the API shows it. */
export interface Process {
  id: string;
  title: string;
  description: string;
  category: Category;
  parentId: string | null;
  ownerPositionId: string | null;
  ownerUserId: string | null;
  tagIds: string[];
  reviewIntervalMonths: number;
  /** The date (YYYY-MM-DD, UTC) from which the process is due for review. */
  nextReviewAt: string | null;
  /** next_review_at ≤ today (UTC). */
  reviewDue: boolean;
  lastReviewedAt: string | null;
  lastReviewedBy: string | null;
  /** The note of the last review confirmation, if one was given. */
  lastReviewNote: string | null;
  publishedVersion: number;
  publishedAt: string | null;
  sortOrder: number;
  version: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** Where the editable draft of the model is. */
  draftUrl: string;
}

export interface ProcessInput {
  title: string;
  description?: string;
  category: Category;
  parentId?: string | null;
  ownerPositionId?: string | null;
  ownerUserId?: string | null;
  tagIds?: string[];
  reviewIntervalMonths?: number;
  /** YYYY-MM-DD; defaults to today + the review interval. */
  nextReviewAt?: string;
  sortOrder?: number;
}

export type ProcessPatch = Partial<ProcessInput>;

/** Who may be named where: the link target providers of the installed plugins. */
export interface LandscapeContext {
  /** Providers by kind (processes.linkTargets); a kind without one is not checked. */
  providers?: ReadonlyMap<LinkTargetKind, LinkTargetProvider>;
}

export const SORTS = [
  "title",
  "-title",
  "updatedAt",
  "-updatedAt",
  "nextReviewAt",
  "category",
] as const;
export type ProcessSort = typeof SORTS[number];

export interface ProcessFilter {
  category?: Category;
  /** A process id, or "root" for processes without a parent. */
  parentId?: string;
  ownerPositionId?: string;
  ownerUserId?: string;
  tagId?: string;
  status?: "published" | "unpublished";
  reviewDue?: boolean;
  /** Searched in title and description (literally: % and _ are no wildcards). */
  q?: string;
}

// ── dates ────────────────────────────────────────────────────────────────────────────────

/** Today's date in UTC, YYYY-MM-DD. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** `date` (YYYY-MM-DD) plus `months`, clamped to the month's last day (Jan 31 + 1 → Feb 28/29). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/** `date` (YYYY-MM-DD) plus `days` (may be negative). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD): positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

// ── reading ──────────────────────────────────────────────────────────────────────────────

export function toProcess(r: ProcessRow, today = todayUtc()): Process {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    category: r.category,
    parentId: r.parentId ?? null,
    ownerPositionId: r.ownerPositionId ?? null,
    ownerUserId: r.ownerUserId ?? null,
    tagIds: r.tagIds ?? [],
    reviewIntervalMonths: r.reviewIntervalMonths,
    nextReviewAt: r.nextReviewAt ?? null,
    reviewDue: isReviewDue(r.nextReviewAt, today),
    lastReviewedAt: r.lastReviewedAt ? r.lastReviewedAt.toISOString() : null,
    lastReviewedBy: r.lastReviewedBy ?? null,
    lastReviewNote: r.lastReviewNote ?? null,
    publishedVersion: r.publishedVersion,
    publishedAt: r.publishedAt ? r.publishedAt.toISOString() : null,
    sortOrder: r.sortOrder,
    version: r.version,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    draftUrl: draftUrl(r.id),
  };
}

export const processUrl = (id: string) => `/api/v1/processes/${id}`;
export const draftUrl = (id: string) => `/api/v1/processes/${id}/draft`;

export const isReviewDue = (nextReviewAt: string | null | undefined, today = todayUtc()) =>
  !!nextReviewAt && nextReviewAt <= today;

/** One process, or a 404 problem (also for another tenant's process). */
export async function getProcess(scope: TenantScope, id: string): Promise<Process> {
  return toProcess(await getProcessRow(scope, id));
}

/** The row of one process (optionally locked), or a 404 problem. */
export async function getProcessRow(
  scope: TenantScope,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<ProcessRow> {
  const row = await scope.first(processes, eq(processes.id, id), opts);
  if (!row) throw notFound(id);
  return row;
}

/** Titles of the given processes of the tenant (unknown ids are left out). */
export async function processTitles(
  scope: TenantScope,
  ids: string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await scope.select(processes, { where: inArray(processes.id, unique) });
  return new Map(rows.map((r) => [r.id, r.title]));
}

const CATEGORY_ORDER =
  sql`CASE ${processes.category} WHEN 'management' THEN 0 WHEN 'core' THEN 1 ELSE 2 END`;

/** A page of processes, filtered, searched and sorted. */
export async function listProcesses(
  scope: TenantScope,
  q: ProcessFilter & { sort: ProcessSort; limit: number; offset: number },
) {
  const where = filterSql(q);
  const order: (SQL | MySqlColumn)[] = {
    "title": [asc(processes.title)],
    "-title": [desc(processes.title)],
    "updatedAt": [asc(processes.updatedAt)],
    "-updatedAt": [desc(processes.updatedAt)],
    "nextReviewAt": [asc(processes.nextReviewAt), asc(processes.title)],
    "category": [CATEGORY_ORDER, asc(processes.sortOrder), asc(processes.title)],
  }[q.sort];
  const [rows, total] = await Promise.all([
    scope.select(processes, {
      where,
      orderBy: [...order, asc(processes.id)],
      limit: q.limit,
      offset: q.offset,
    }),
    scope.count(processes, where),
  ]);
  const today = todayUtc();
  return {
    items: rows.map((r) => toProcess(r, today)),
    total,
    limit: q.limit,
    offset: q.offset,
  };
}

function filterSql(f: ProcessFilter): SQL | undefined {
  const today = todayUtc();
  const parts: (SQL | undefined)[] = [
    f.category ? eq(processes.category, f.category) : undefined,
    f.parentId === "root"
      ? isNull(processes.parentId)
      : f.parentId
      ? eq(processes.parentId, f.parentId)
      : undefined,
    f.ownerPositionId ? eq(processes.ownerPositionId, f.ownerPositionId) : undefined,
    f.ownerUserId ? eq(processes.ownerUserId, f.ownerUserId) : undefined,
    f.tagId ? sql`JSON_CONTAINS(${processes.tagIds}, ${JSON.stringify(f.tagId)})` : undefined,
    f.status === "published"
      ? sql`${processes.publishedVersion} > 0`
      : f.status === "unpublished"
      ? eq(processes.publishedVersion, 0)
      : undefined,
    f.reviewDue === true
      ? lte(processes.nextReviewAt, today)
      : f.reviewDue === false
      ? or(isNull(processes.nextReviewAt), sql`${processes.nextReviewAt} > ${today}`)
      : undefined,
    f.q
      ? or(
        like(processes.title, `%${escapeLike(f.q)}%`),
        like(processes.description, `%${escapeLike(f.q)}%`),
      )
      : undefined,
  ];
  const set = parts.filter((p): p is SQL => !!p);
  return set.length ? and(...set) : undefined;
}

export interface TreeNode {
  id: string;
  title: string;
  category: Category;
  parentId: string | null;
  sortOrder: number;
  publishedVersion: number;
  ownerPositionId: string | null;
  ownerUserId: string | null;
  nextReviewAt: string | null;
  reviewDue: boolean;
  children: TreeNode[];
}

/**
 * The whole landscape of the tenant as a forest: roots and their children, each level
 * sorted by category (management, core, support), then sortOrder, then title.
 */
export async function processTree(scope: TenantScope): Promise<TreeNode[]> {
  const rows = await scope.select(processes);
  const today = todayUtc();
  const nodes = new Map<string, TreeNode>(rows.map((r) => [r.id, {
    id: r.id,
    title: r.title,
    category: r.category,
    parentId: r.parentId ?? null,
    sortOrder: r.sortOrder,
    publishedVersion: r.publishedVersion,
    ownerPositionId: r.ownerPositionId ?? null,
    ownerUserId: r.ownerUserId ?? null,
    nextReviewAt: r.nextReviewAt ?? null,
    reviewDue: isReviewDue(r.nextReviewAt, today),
    children: [],
  }]));
  const roots: TreeNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.parentId ? nodes.get(n.parentId) : undefined;
    // A missing parent cannot happen (deletes refuse parents); treat it as a root anyway.
    (parent ? parent.children : roots).push(n);
  }
  const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });
  const byOrder = (a: TreeNode, b: TreeNode) =>
    CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category) ||
    a.sortOrder - b.sortOrder || collator.compare(a.title, b.title) || (a.id < b.id ? -1 : 1);
  // Iterative, so a deep hierarchy cannot exhaust the stack.
  const stack = [roots];
  while (stack.length) {
    const list = stack.pop()!;
    list.sort(byOrder);
    for (const n of list) if (n.children.length) stack.push(n.children);
  }
  return roots;
}

// ── writing ──────────────────────────────────────────────────────────────────────────────

/**
 * Creates a process and its first (empty) draft in one transaction. Unknown parent, tags,
 * owner user or owner position are a 422 naming every such field; nothing is created then.
 */
export async function createProcess(
  scope: TenantScope,
  input: ProcessInput,
  actorId: string,
  ctx: LandscapeContext = {},
): Promise<Process> {
  const id = uuidv7();
  const now = new Date();
  const interval = input.reviewIntervalMonths ?? DEFAULT_REVIEW_INTERVAL_MONTHS;
  const tagIds = [...new Set(input.tagIds ?? [])];
  assertSafeLinks([{ field: "body.description", text: input.description }]);
  await scope.transaction(async (tx) => {
    await assertReferences(tx, {
      parentId: input.parentId ?? null,
      ownerUserId: input.ownerUserId ?? null,
      ownerPositionId: input.ownerPositionId ?? null,
      tagIds: (input.tagIds ?? []).map((id, index) => ({ id, index }))
        .filter((t, i, all) => all.findIndex((x) => x.id === t.id) === i),
    }, ctx);
    await tx.insert(processes, {
      id,
      title: input.title,
      description: input.description ?? "",
      category: input.category,
      parentId: input.parentId ?? null,
      ownerPositionId: input.ownerPositionId ?? null,
      ownerUserId: input.ownerUserId ?? null,
      tagIds,
      reviewIntervalMonths: interval,
      nextReviewAt: input.nextReviewAt ?? addMonths(todayUtc(now), interval),
      publishedVersion: 0,
      sortOrder: input.sortOrder ?? 0,
      version: 1,
      createdBy: actorId,
      createdAt: now,
      updatedAt: now,
    });
    await createDraft(tx, id, emptyGraph(), actorId);
    await rebuildOwnerLink(tx, id, input.ownerPositionId ?? null);
  });
  return getProcess(scope, id);
}

/**
 * Changes a process after `check` accepted its current state (If-Match). Moving it under
 * one of its own descendants is a 409 `hierarchy-cycle` naming the path; unknown ids are a
 * 422 naming the fields; an owner change rebuilds the owner link. Changing the interval
 * without a new nextReviewAt reschedules the review from the last review (or creation).
 */
export async function updateProcess(
  scope: TenantScope,
  id: string,
  patch: ProcessPatch,
  check: (current: Process) => void,
  ctx: LandscapeContext = {},
): Promise<Process> {
  assertSafeLinks([{ field: "body.description", text: patch.description }]);
  await transact(scope, async (tx) => {
    const row = await getProcessRow(tx, id, { forUpdate: true });
    check(toProcess(row));
    const tagIds = patch.tagIds ? [...new Set(patch.tagIds)] : undefined;
    const parentChanges = patch.parentId !== undefined &&
      (patch.parentId ?? null) !== (row.parentId ?? null);
    await assertReferences(tx, {
      parentId: parentChanges ? patch.parentId ?? null : null,
      ownerUserId: patch.ownerUserId !== undefined && patch.ownerUserId !== row.ownerUserId
        ? patch.ownerUserId
        : null,
      ownerPositionId:
        patch.ownerPositionId !== undefined && patch.ownerPositionId !== row.ownerPositionId
          ? patch.ownerPositionId
          : null,
      // Tags the process already carries are not checked again.
      tagIds: (patch.tagIds ?? []).map((id, index) => ({ id, index }))
        .filter((t) => !(row.tagIds ?? []).includes(t.id)),
    }, ctx);
    if (parentChanges && patch.parentId) await assertNoCycle(tx, row, patch.parentId);

    const set: Partial<typeof processes.$inferInsert> = {};
    if (patch.title !== undefined) set.title = patch.title;
    if (patch.description !== undefined) set.description = patch.description;
    if (patch.category !== undefined) set.category = patch.category;
    if (patch.parentId !== undefined) set.parentId = patch.parentId;
    if (patch.ownerPositionId !== undefined) set.ownerPositionId = patch.ownerPositionId;
    if (patch.ownerUserId !== undefined) set.ownerUserId = patch.ownerUserId;
    if (tagIds !== undefined) set.tagIds = tagIds;
    if (patch.sortOrder !== undefined) set.sortOrder = patch.sortOrder;
    if (patch.reviewIntervalMonths !== undefined) {
      set.reviewIntervalMonths = patch.reviewIntervalMonths;
      if (
        patch.nextReviewAt === undefined &&
        patch.reviewIntervalMonths !== row.reviewIntervalMonths
      ) {
        const base = todayUtc(row.lastReviewedAt ?? row.createdAt);
        set.nextReviewAt = addMonths(base, patch.reviewIntervalMonths);
      }
    }
    if (patch.nextReviewAt !== undefined) set.nextReviewAt = patch.nextReviewAt;
    await tx.update(processes, {
      ...set,
      version: row.version + 1,
      updatedAt: new Date(),
    }, eq(processes.id, id));
    if (
      patch.ownerPositionId !== undefined &&
      (patch.ownerPositionId ?? null) !== (row.ownerPositionId ?? null)
    ) {
      await rebuildOwnerLink(tx, id, patch.ownerPositionId ?? null);
    }
  });
  return getProcess(scope, id);
}

/**
 * Deletes a process and everything of it (drafts, versions, approvals, projections) in one
 * transaction, after `check` accepted its current state. Refused with 409 `process-in-use`
 * while it has child processes or other processes call it as a subprocess, naming them.
 */
export async function deleteProcess(
  scope: TenantScope,
  id: string,
  check: (current: Process) => void,
  deletedBy: string,
): Promise<string> {
  // Retried as a deadlock victim: a save of the same process locks its draft, then the process.
  return await transact(scope, async (tx) => {
    const row = await getProcessRow(tx, id, { forUpdate: true });
    check(toProcess(row));
    const children = await tx.select(processes, {
      where: eq(processes.parentId, id),
      orderBy: [asc(processes.title)],
      limit: 100,
    });
    const callerLinks = await tx.select(processLinks, {
      where: and(
        eq(processLinks.kind, "process"),
        eq(processLinks.targetId, id),
        ne(processLinks.processId, id),
      ),
      limit: 1000,
    });
    if (children.length || callerLinks.length) {
      const titles = await processTitles(tx, callerLinks.map((l) => l.processId));
      const callers = [...titles].map(([pid, title]) => ({ id: pid, title }))
        .sort((a, b) => a.title.localeCompare(b.title));
      const named = [
        ...(children.length
          ? [`child processes: ${children.map((c) => `"${c.title}"`).join(", ")}`]
          : []),
        ...(callers.length
          ? [`called as a subprocess by: ${callers.map((c) => `"${c.title}"`).join(", ")}`]
          : []),
      ];
      throw new ProblemError(
        409,
        "process-in-use",
        `"${row.title}" cannot be deleted while it has ${named.join("; and is ")}.`,
        {
          children: children.map((c) => ({ id: c.id, title: c.title })),
          callers,
        },
      );
    }
    // Kept 30 days in the recycle bin, restorable whole.
    const binId = await binProcess(tx, row, deletedBy);
    const own = (col: MySqlColumn) => eq(col, id);
    await tx.delete(processLinks, own(processLinks.processId));
    await tx.delete(processSteps, own(processSteps.processId));
    await tx.delete(processApprovals, own(processApprovals.processId));
    await tx.delete(processVersions, own(processVersions.processId));
    await tx.delete(processDrafts, own(processDrafts.processId));
    await tx.delete(processes, own(processes.id));
    return binId;
  });
}

// ── checks ───────────────────────────────────────────────────────────────────────────────

/** Refuses unknown parent, owner user, owner position and tags with one 422 naming each. */
async function assertReferences(
  tx: TenantScope,
  refs: {
    parentId: string | null;
    ownerUserId: string | null;
    ownerPositionId: string | null;
    /** With their index in the request body, to name the field. */
    tagIds: { id: string; index: number }[];
  },
  ctx: LandscapeContext,
) {
  const errors: FieldError[] = [];
  if (refs.parentId) {
    // Locked, so a parallel delete of the parent waits and then sees the new child.
    const parent = await tx.first(processes, eq(processes.id, refs.parentId), {
      forUpdate: true,
    });
    if (!parent) {
      errors.push({ field: "body.parentId", message: `no process ${refs.parentId}` });
    }
  }
  if (refs.ownerUserId) {
    const user = await tx.first(users, eq(users.id, refs.ownerUserId));
    if (!user) errors.push({ field: "body.ownerUserId", message: `no user ${refs.ownerUserId}` });
    else if (!user.active) {
      errors.push({ field: "body.ownerUserId", message: "the user is deactivated" });
    }
  }
  if (refs.ownerPositionId) {
    const provider = ctx.providers?.get("position");
    if (
      provider && !(await provider.existing(tx, [refs.ownerPositionId])).has(refs.ownerPositionId)
    ) {
      errors.push({
        field: "body.ownerPositionId",
        message: `no position ${refs.ownerPositionId}`,
      });
    }
  }
  for (const tag of refs.tagIds) {
    if (!(await tagExists(tx, tag.id))) {
      errors.push({ field: `body.tagIds.${tag.index}`, message: `no tag ${tag.id}` });
    }
  }
  if (errors.length) {
    throw new ProblemError(422, undefined, "Some referenced objects do not exist; see errors.", {
      errors,
    });
  }
}

async function tagExists(scope: TenantScope, id: string): Promise<boolean> {
  try {
    await getTag(scope, id);
    return true;
  } catch (e) {
    if (e instanceof ProblemError && e.status === 404) return false;
    throw e;
  }
}

const MAX_DEPTH_WALK = 10_000;

/**
 * Refuses to put `row` under `newParentId` when that parent is `row` itself or lies beneath
 * it. The ancestors are locked on the way up, so two crossing moves cannot both pass.
 */
async function assertNoCycle(tx: TenantScope, row: ProcessRow, newParentId: string) {
  const chain: { id: string; title: string }[] = [];
  let current: string | null = newParentId;
  const seen = new Set<string>();
  while (current && chain.length < MAX_DEPTH_WALK) {
    if (current === row.id) {
      // row → newParent → … → row, following parent links.
      const path = [{ id: row.id, title: row.title }, ...chain, { id: row.id, title: row.title }];
      throw new ProblemError(
        409,
        "hierarchy-cycle",
        `"${row.title}" cannot be placed under "${
          chain[0]?.title ?? row.title
        }": that would make it its own ancestor (${path.map((p) => p.title).join(" → ")}).`,
        {
          path,
          errors: [{ field: "body.parentId", message: "would create a cycle in the hierarchy" }],
        },
      );
    }
    if (seen.has(current)) break; // An existing cycle (cannot happen); stop walking.
    seen.add(current);
    const p: ProcessRow | undefined = await tx.first(processes, eq(processes.id, current), {
      forUpdate: true,
    });
    if (!p) break;
    chain.push({ id: p.id, title: p.title });
    current = p.parentId ?? null;
  }
}

const notFound = (id: string) => new ProblemError(404, undefined, `No process ${id}.`);

/** Escapes LIKE's wildcards so user input is matched literally. */
