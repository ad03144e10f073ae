// Tags: HTTP routes. Each names its permission in x-permission; the core enforces it.
import { json } from "../../api/http/content.ts";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../api/env.ts";
import { pageOf, PagingQuery } from "../../api/http/paging.ts";
import { etagOf, requireIfMatch } from "../../api/http/preconditions.ts";
import { problemResponses } from "../../api/problem.ts";
import * as service from "./service.ts";

const Tag = z.object({
  id: z.string().uuid(),
  name: z.string(),
  color: z.string().openapi({ example: "#0f6cbd" }),
  description: z.string(),
  version: z.number().int(),
  createdAt: z.string().datetime(),
  updatedAt: z.string().datetime(),
}).openapi("Tag");

const name = z.string().trim().min(1, { error: "must not be empty" }).max(60, {
  error: "at most 60 characters",
});
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: "a colour like #0f6cbd" })
  .transform((v) => v.toLowerCase());
const description = z.string().max(500, { error: "at most 500 characters" });

const TagCreate = z.strictObject({
  name,
  color: color.optional(),
  description: description.optional(),
})
  .openapi("TagCreate");
const TagUpdate = z.strictObject({
  name: name.optional(),
  color: color.optional(),
  description: description.optional(),
}).openapi("TagUpdate");

const IdParam = z.object({ id: z.string().uuid({ error: "must be a tag id (UUID)" }) });
const ListQuery = PagingQuery.extend({
  q: z.string().max(100).optional().openapi({ description: "Search in name and description" }),
  sort: z.enum(["name", "-name", "createdAt", "-createdAt"]).default("name"),
});
const ETagHeader = {
  ETag: { schema: { type: "string" as const }, description: "The tag's version" },
};

const list = createRoute({
  method: "get",
  path: "/",
  operationId: "listTags",
  summary: "List tags",
  description:
    "The workspace's tags, searched by name with `q` and sorted, paged. Every signed-in user may " +
    "read them.",
  "x-permission": "tags.read",
  request: { query: ListQuery },
  responses: {
    200: { description: "A page of tags", content: json(pageOf(Tag, "TagPage")) },
    ...problemResponses(401, 403, 422),
  },
});

const get = createRoute({
  method: "get",
  path: "/{id}",
  operationId: "getTag",
  summary: "Get a tag",
  description: "One tag; the ETag is its version for If-Match.",
  "x-permission": "tags.read",
  request: { params: IdParam },
  responses: {
    200: { description: "The tag", headers: ETagHeader, content: json(Tag) },
    ...problemResponses(401, 403, 404, 422),
  },
});

const create = createRoute({
  method: "post",
  path: "/",
  operationId: "createTag",
  summary: "Create a tag",
  description:
    "Creates a tag; names are unique in the workspace (409 otherwise). Modelers and executives.",
  "x-permission": "tags.write",
  request: { body: { required: true, content: json(TagCreate) } },
  responses: {
    201: {
      description: "Created",
      headers: {
        ...ETagHeader,
        Location: { schema: { type: "string" as const }, description: "The new tag's URL" },
      },
      content: json(Tag),
    },
    ...problemResponses(400, 401, 403, 409, 413, 415, 422),
  },
});

const update = createRoute({
  method: "patch",
  path: "/{id}",
  operationId: "updateTag",
  summary: "Change a tag (If-Match required)",
  description:
    "Renames or recolours a tag. Send the ETag you read as If-Match (412 when someone changed it " +
    "since). Modelers and executives.",
  "x-permission": "tags.write",
  request: {
    params: IdParam,
    headers: z.object({ "if-match": z.string().optional() }),
    body: { required: true, content: json(TagUpdate) },
  },
  responses: {
    200: { description: "Changed", headers: ETagHeader, content: json(Tag) },
    ...problemResponses(400, 401, 403, 404, 409, 412, 413, 415, 422, 428),
  },
});

const remove = createRoute({
  method: "delete",
  path: "/{id}",
  operationId: "deleteTag",
  summary: "Delete a tag (If-Match required)",
  description:
    "Deletes a tag and removes it from every process. Send the ETag you read as If-Match. " +
    "Modelers and executives.",
  "x-permission": "tags.write",
  request: { params: IdParam, headers: z.object({ "if-match": z.string().optional() }) },
  responses: {
    204: { description: "Deleted" },
    ...problemResponses(401, 403, 404, 412, 428),
  },
});

export function registerTagRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(list, async (c) => {
    const { q, sort, limit, offset } = c.req.valid("query");
    return c.json(await service.listTags(c.var.scope, { search: q, sort, limit, offset }), 200);
  });

  app.openapi(get, async (c) => {
    const tag = await service.getTag(c.var.scope, c.req.valid("param").id);
    return c.json(tag, 200, { ETag: etagOf(tag.version) });
  });

  app.openapi(create, async (c) => {
    const tag = await service.createTag(c.var.scope, c.req.valid("json"), c.var.principal!.userId);
    return c.json(tag, 201, {
      ETag: etagOf(tag.version),
      Location: `/api/v1/tags/${tag.id}`,
    });
  });

  app.openapi(update, async (c) => {
    const tag = await service.updateTag(
      c.var.scope,
      c.req.valid("param").id,
      c.req.valid("json"),
      (current) => requireIfMatch(c, current.version, current),
    );
    return c.json(tag, 200, { ETag: etagOf(tag.version) });
  });

  app.openapi(remove, async (c) => {
    await service.deleteTag(
      c.var.scope,
      c.req.valid("param").id,
      (current) => requireIfMatch(c, current.version, current),
    );
    return c.body(null, 204);
  });
}
