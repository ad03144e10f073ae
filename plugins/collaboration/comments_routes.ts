// /comments: threads on a process or a step, @mention autocomplete, edit, delete, resolve.
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../api/env.ts";
import { pageOf } from "../../api/http/paging.ts";
import { etagOf, IfMatchHeader } from "../../api/http/preconditions.ts";
import type { PluginDeps } from "../../api/plugin.ts";
import { ProblemError, problemResponses } from "../../api/problem.ts";
import { actorOf } from "./access.ts";
import {
  CommentCreate,
  CommentEdit,
  CommentResolve,
  CommentsQuery,
  IdParam,
  json,
  MentionableQuery,
  Person,
  ThreadSchema,
} from "./api_schemas.ts";
import * as service from "./comments_service.ts";
import { mentionable } from "./mentions.ts";

const ETag = {
  ETag: { schema: { type: "string" as const }, description: "The comment's version" },
};

const list = createRoute({
  method: "get",
  path: "/comments",
  operationId: "listComments",
  summary: "Comment threads of a process (or one step), newest first",
  description:
    "The comment threads of a process, or of one step with `nodeId`, newest first, with their " +
    "replies, paged.",
  "x-permission": "collaboration.read",
  request: { query: CommentsQuery },
  responses: {
    200: {
      description: "A page of threads",
      content: json(pageOf(ThreadSchema, "CommentThreadPage")),
    },
    ...problemResponses(401, 403, 404, 422),
  },
});

const people = createRoute({
  method: "get",
  path: "/comments/mentionable",
  operationId: "listMentionableUsers",
  summary: "People of the workspace to @mention, by part of their name",
  description: "Users of the workspace whose name contains `q`, for @mentions in comments.",
  "x-permission": "collaboration.read",
  request: { query: MentionableQuery },
  responses: {
    200: {
      description: "Active people, by name",
      content: json(z.array(Person).openapi("Mentionable")),
    },
    ...problemResponses(401, 403, 422),
  },
});

const get = createRoute({
  method: "get",
  path: "/comments/{id}",
  operationId: "getCommentThread",
  summary: "The thread holding a comment",
  description: "The whole thread a comment belongs to: the first comment and its replies.",
  "x-permission": "collaboration.read",
  request: { params: IdParam },
  responses: {
    200: { description: "The thread", content: json(ThreadSchema) },
    ...problemResponses(401, 403, 404, 422),
  },
});

const create = createRoute({
  method: "post",
  path: "/comments",
  operationId: "createComment",
  summary: "Comment on a process or a step, or reply to a comment",
  description: "Mentioned people, the thread's participants and the process owner are told " +
    "(in the app, and by mail as each of them chose).",
  "x-permission": "collaboration.contribute",
  request: { body: { required: true, content: json(CommentCreate) } },
  responses: {
    201: { description: "The thread with the new comment", content: json(ThreadSchema) },
    ...problemResponses(400, 401, 403, 404, 413, 415, 422),
  },
});

const edit = createRoute({
  method: "patch",
  path: "/comments/{id}",
  operationId: "updateComment",
  summary: "Change the words of your own comment",
  description: "If-Match is checked when sent. People newly mentioned are told.",
  "x-permission": "collaboration.personal",
  request: {
    params: IdParam,
    headers: IfMatchHeader,
    body: { required: true, content: json(CommentEdit) },
  },
  responses: {
    200: { description: "The thread", headers: ETag, content: json(ThreadSchema) },
    ...problemResponses(400, 401, 403, 404, 409, 412, 413, 415, 422),
  },
});

const remove = createRoute({
  method: "delete",
  path: "/comments/{id}",
  operationId: "deleteComment",
  summary: "Delete a comment (yours; executives: any)",
  description: "A thread's first comment with replies keeps its place with its words removed.",
  "x-permission": "collaboration.contribute",
  request: { params: IdParam },
  responses: { 204: { description: "Deleted" }, ...problemResponses(401, 403, 404, 422) },
});

const resolve = createRoute({
  method: "post",
  path: "/comments/{id}/resolve",
  operationId: "resolveCommentThread",
  summary: "Resolve a thread, or open it again (the process owner or an executive)",
  description:
    "Marks a thread resolved (`resolved: true`) or opens it again. The process owner or an " +
    "executive.",
  "x-permission": "collaboration.contribute",
  request: { params: IdParam, body: { required: false, content: json(CommentResolve) } },
  responses: {
    200: { description: "The thread", content: json(ThreadSchema) },
    ...problemResponses(400, 401, 403, 404, 415, 422),
  },
});

export function registerCommentRoutes(app: OpenAPIHono<AppEnv>, deps: PluginDeps) {
  app.openapi(list, async (c) => {
    const q = c.req.valid("query");
    return c.json(await service.listThreads(c.var.scope, q, actorOf(c.var.principal!)), 200);
  });
  // Before /comments/{id}, which would take "mentionable" for an id.
  app.openapi(people, async (c) => {
    const { q, limit } = c.req.valid("query");
    return c.json(await mentionable(c.var.scope, q, limit), 200);
  });
  app.openapi(get, async (c) => {
    return c.json(
      await service.getThread(c.var.scope, c.req.valid("param").id, actorOf(c.var.principal!)),
      200,
    );
  });
  app.openapi(create, async (c) => {
    const thread = await service.createComment(
      c.var.scope,
      deps,
      c.req.valid("json"),
      actorOf(c.var.principal!),
    );
    return c.json(thread, 201);
  });
  app.openapi(edit, async (c) => {
    const id = c.req.valid("param").id;
    const thread = await service.editComment(
      c.var.scope,
      deps.config,
      id,
      c.req.valid("json").body,
      actorOf(c.var.principal!),
      (version) => checkIfMatch(c.req.header("if-match"), version),
    );
    const own = [thread, ...thread.replies].find((x) => x.id === id)!;
    return c.json(thread, 200, { ETag: etagOf(own.version) });
  });
  app.openapi(remove, async (c) => {
    await service.deleteComment(c.var.scope, c.req.valid("param").id, actorOf(c.var.principal!));
    return c.body(null, 204);
  });
  app.openapi(resolve, async (c) => {
    const body = (c.req.valid("json") ?? { resolved: true }) as z.infer<typeof CommentResolve>;
    return c.json(
      await service.resolveThread(
        c.var.scope,
        c.req.valid("param").id,
        body.resolved ?? true,
        actorOf(c.var.principal!),
      ),
      200,
    );
  });
}

/** An If-Match that was sent must name the current version (412 otherwise). */
export function checkIfMatch(header: string | undefined, current: number) {
  if (!header || header.trim() === "*") return;
  const versions = header.split(",").map((t) => t.trim().match(/^(?:W\/)?"(\d+)"$/)?.[1]);
  if (!versions.includes(String(current))) {
    throw new ProblemError(
      412,
      undefined,
      "Someone changed this since you read it; reload and apply your change again.",
      { currentVersion: current, currentETag: etagOf(current) },
      { ETag: etagOf(current) },
    );
  }
}
