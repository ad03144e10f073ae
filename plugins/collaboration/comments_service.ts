// Comments on a process or on one of its steps, in threads: a first comment and its replies
// (a reply to a reply joins the same thread). Everyone who can read the process comments;
// authors edit and delete their own, executives delete any; the process owner (or an
// executive) resolves a thread. Mentions, replies and new comments notify people.
import { and, asc, desc, eq, inArray, isNull, type SQL } from "drizzle-orm";
import type { Config } from "../../api/config.ts";
import { uuidv7 } from "../../api/db/ids.ts";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import { publishEvent } from "../../api/events.ts";
import type { PluginDeps } from "../../api/plugin.ts";
import { ProblemError } from "../../api/problem.ts";
import { stepLabels } from "../processes/service.ts";
import { type Actor, isOwnerOrExecutive, notAllowed, processOf, stepLabelOf } from "./access.ts";
import { commentLink } from "./links.ts";
import { checkedMentions } from "./mentions.ts";
import { namesOf, notify } from "./notify.ts";
import { comments } from "./schema.ts";
import { excerptOf } from "./texts.ts";

type Row = typeof comments.$inferSelect;

export interface Person {
  id: string;
  displayName: string;
}

export interface Comment {
  id: string;
  processId: string;
  nodeId: string | null;
  stepLabel: string | null;
  versionNumber: number;
  parentId: string | null;
  body: string;
  mentions: Person[];
  author: Person;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  resolvedAt: string | null;
  resolvedBy: string | null;
  version: number;
  canEdit: boolean;
  canDelete: boolean;
  canResolve: boolean;
}

export interface Thread extends Comment {
  replies: Comment[];
}

export interface NewComment {
  processId: string;
  nodeId?: string | null;
  parentId?: string | null;
  body: string;
}

/** The threads of a process (of one step with `nodeId`), newest first, with their replies. */
export async function listThreads(
  scope: TenantScope,
  q: { processId: string; nodeId?: string; limit: number; offset: number },
  viewer: Actor,
) {
  const process = await processOf(scope, q.processId);
  const where = and(
    eq(comments.processId, q.processId),
    isNull(comments.parentId),
    q.nodeId ? eq(comments.nodeId, q.nodeId) : undefined,
  ) as SQL;
  const [roots, total] = await Promise.all([
    scope.select(comments, {
      where,
      orderBy: [desc(comments.createdAt), desc(comments.id)],
      limit: q.limit,
      offset: q.offset,
    }),
    scope.count(comments, where),
  ]);
  const replies = roots.length
    ? await scope.select(comments, {
      where: inArray(comments.parentId, roots.map((r) => r.id)),
      orderBy: [asc(comments.createdAt), asc(comments.id)],
    })
    : [];
  const view = await presenter(
    scope,
    [...roots, ...replies],
    viewer,
    isOwnerOrExecutive(process, viewer),
  );
  return {
    items: roots.map((r) => ({
      ...view(r),
      replies: replies.filter((x) => x.parentId === r.id).map(view),
    })),
    total,
    limit: q.limit,
    offset: q.offset,
  };
}

/** The thread holding comment `id` (404 when there is none). */
export async function getThread(scope: TenantScope, id: string, viewer: Actor): Promise<Thread> {
  const row = await commentRow(scope, id);
  const rootId = row.parentId ?? row.id;
  const process = await processOf(scope, row.processId);
  const root = rootId === row.id ? row : await commentRow(scope, rootId);
  const replies = await scope.select(comments, {
    where: eq(comments.parentId, rootId),
    orderBy: [asc(comments.createdAt), asc(comments.id)],
  });
  const view = await presenter(
    scope,
    [root, ...replies],
    viewer,
    isOwnerOrExecutive(process, viewer),
  );
  return { ...view(root), replies: replies.map(view) };
}

/** Writes a comment or a reply and tells whom it concerns. */
export async function createComment(
  scope: TenantScope,
  deps: PluginDeps,
  input: NewComment,
  actor: Actor,
): Promise<Thread> {
  const config = deps.config;
  const process = await processOf(scope, input.processId);
  let parent: Row | undefined;
  if (input.parentId) {
    parent = await scope.first(
      comments,
      and(eq(comments.id, input.parentId), eq(comments.processId, input.processId)),
    );
    if (!parent) {
      throw new ProblemError(422, undefined, "Some fields are not valid; see errors.", {
        errors: [{ field: "body.parentId", message: "no comment of this process has this id" }],
      });
    }
  }
  const root = parent?.parentId
    ? await scope.first(comments, eq(comments.id, parent.parentId))
    : parent;
  // A reply belongs to its thread's step.
  const nodeId = root ? root.nodeId : input.nodeId ?? null;
  if (root && input.nodeId && input.nodeId !== root.nodeId) {
    throw new ProblemError(422, undefined, "Some fields are not valid; see errors.", {
      errors: [{ field: "body.nodeId", message: "a reply is on the step of its thread" }],
    });
  }
  const stepLabel = await stepLabelOf(scope, input.processId, nodeId);
  const mentions = await checkedMentions(scope, input.body);
  const id = uuidv7();
  await scope.transaction(async (tx) => {
    await tx.insert(comments, {
      id,
      processId: input.processId,
      nodeId,
      versionNumber: process.publishedVersion,
      parentId: root?.id ?? null,
      authorId: actor.userId,
      body: input.body,
      mentions,
      createdAt: new Date(),
      editedAt: null,
      deletedAt: null,
      resolvedAt: null,
      resolvedBy: null,
      version: 1,
    });
    const threadId = root?.id ?? id;
    const data = {
      processTitle: process.title,
      stepLabel,
      actorName: actor.displayName,
      excerpt: excerptOf(input.body),
    };
    const base = {
      processId: process.id,
      itemId: threadId,
      nodeId,
      actorId: actor.userId,
      data,
      link: commentLink(process.id, threadId),
    };
    const told = new Set<string>([actor.userId]);
    await notify(tx, config, {
      ...base,
      userIds: mentions,
      category: "mention",
      event: "comment.mentioned",
    });
    mentions.forEach((m) => told.add(m));
    if (root) {
      const earlier = await tx.select(comments, {
        where: and(eq(comments.parentId, root.id), isNull(comments.deletedAt)),
      });
      const participants = [root.authorId, ...earlier.map((c) => c.authorId)]
        .filter((p) => !told.has(p));
      await notify(tx, config, {
        ...base,
        userIds: participants,
        category: "reply",
        event: "comment.replied",
      });
      participants.forEach((p) => told.add(p));
    }
    if (process.ownerUserId && !told.has(process.ownerUserId)) {
      await notify(tx, config, {
        ...base,
        userIds: [process.ownerUserId],
        category: "comment",
        event: "comment.created",
      });
    }
    // For integrations: ids and the title, not the words (they may name people).
    await publishEvent(tx, deps, {
      type: "comment.created",
      data: {
        commentId: id,
        threadId,
        processId: process.id,
        processTitle: process.title,
        nodeId,
        actorId: actor.userId,
      },
    });
  });
  return await getThread(scope, id, actor);
}

/** Changes the words of one's own comment; newly mentioned people are told. */
export async function editComment(
  scope: TenantScope,
  config: Config,
  id: string,
  body: string,
  actor: Actor,
  check: (version: number) => void,
): Promise<Thread> {
  const row = await commentRow(scope, id);
  if (row.authorId !== actor.userId) throw notAllowed("Only its author can change a comment.");
  if (row.deletedAt) throw new ProblemError(409, "comment-deleted", "This comment was deleted.");
  check(row.version);
  const process = await processOf(scope, row.processId);
  const mentions = await checkedMentions(scope, body);
  const added = mentions.filter((m) => !row.mentions.includes(m));
  const stepLabel = row.nodeId
    ? (await stepLabels(scope, [{ processId: row.processId, nodeId: row.nodeId }]))
      .get(`${row.processId}/${row.nodeId}`) ?? null
    : null;
  await scope.transaction(async (tx) => {
    const changed = await tx.update(comments, {
      body,
      mentions,
      editedAt: new Date(),
      version: row.version + 1,
    }, and(eq(comments.id, id), eq(comments.version, row.version))!);
    if (!changed) throw staleComment();
    const threadId = row.parentId ?? row.id;
    await notify(tx, config, {
      userIds: added,
      category: "mention",
      event: "comment.mentioned",
      processId: row.processId,
      itemId: threadId,
      nodeId: row.nodeId,
      actorId: actor.userId,
      data: {
        processTitle: process.title,
        stepLabel,
        actorName: actor.displayName,
        excerpt: excerptOf(body),
      },
      link: commentLink(row.processId, threadId),
    });
  });
  return await getThread(scope, id, actor);
}

/**
 * Deletes a comment (its author, or an executive). A thread's first comment with replies
 * keeps its place, its words removed, so the replies stay readable in context.
 */
export async function deleteComment(scope: TenantScope, id: string, actor: Actor): Promise<void> {
  const row = await commentRow(scope, id);
  if (row.authorId !== actor.userId && actor.role !== "executive") {
    throw notAllowed("Only its author or an executive can delete a comment.");
  }
  await scope.transaction(async (tx) => {
    const replies = row.parentId ? 0 : await tx.count(comments, eq(comments.parentId, id));
    if (replies > 0) {
      await tx.update(comments, {
        body: "",
        mentions: [],
        deletedAt: new Date(),
        version: row.version + 1,
      }, eq(comments.id, id));
    } else {
      await tx.delete(comments, eq(comments.id, id));
    }
  });
}

/** Marks a thread resolved, or open again (the process owner or an executive). */
export async function resolveThread(
  scope: TenantScope,
  id: string,
  resolved: boolean,
  actor: Actor,
): Promise<Thread> {
  const row = await commentRow(scope, id);
  const rootId = row.parentId ?? row.id;
  const process = await processOf(scope, row.processId);
  if (!isOwnerOrExecutive(process, actor)) {
    throw notAllowed("Only the process owner or an executive can resolve comments.");
  }
  await scope.update(comments, {
    resolvedAt: resolved ? new Date() : null,
    resolvedBy: resolved ? actor.userId : null,
  }, eq(comments.id, rootId));
  return await getThread(scope, rootId, actor);
}

async function commentRow(scope: TenantScope, id: string): Promise<Row> {
  const row = await scope.first(comments, eq(comments.id, id));
  if (!row) throw new ProblemError(404, undefined, `No comment ${id}.`);
  return row;
}

function staleComment() {
  return new ProblemError(412, undefined, "Someone changed this comment; reload it.");
}

/** A function turning rows into what `viewer` sees (names, steps, what they may do). */
async function presenter(scope: TenantScope, rows: Row[], viewer: Actor, answers: boolean) {
  const names = await namesOf(scope, rows.flatMap((r) => [r.authorId, ...r.mentions]));
  const labels = await stepLabels(
    scope,
    rows.filter((r) => r.nodeId).map((r) => ({ processId: r.processId, nodeId: r.nodeId! })),
  );
  const person = (id: string): Person => ({ id, displayName: names.get(id) ?? "Integration" });
  return (r: Row): Comment => ({
    id: r.id,
    processId: r.processId,
    nodeId: r.nodeId ?? null,
    stepLabel: r.nodeId ? labels.get(`${r.processId}/${r.nodeId}`) ?? null : null,
    versionNumber: r.versionNumber,
    parentId: r.parentId ?? null,
    body: r.body,
    mentions: r.mentions.map(person),
    author: person(r.authorId),
    createdAt: r.createdAt.toISOString(),
    editedAt: r.editedAt?.toISOString() ?? null,
    deleted: !!r.deletedAt,
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    resolvedBy: r.resolvedBy ?? null,
    version: r.version,
    canEdit: r.authorId === viewer.userId && !r.deletedAt,
    canDelete: (r.authorId === viewer.userId || viewer.role === "executive") && !r.deletedAt,
    canResolve: answers && !r.parentId,
  });
}
