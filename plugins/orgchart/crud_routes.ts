// The routes every orgchart object has, from one factory (as resources builds its kinds'):
// list, create, get, change (If-Match required) and delete (If-Match required; ?unlink=true
// where processes use the object). Each object's own routes (tree, move, responsibilities)
// stay in its file, registered in between where they always stood, so the OpenAPI document
// keeps its order.
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import type { AppEnv } from "../../api/env.ts";
import { pageOf } from "../../api/http/paging.ts";
import { etagOf, requireIfMatch } from "../../api/http/preconditions.ts";
import { problemResponses } from "../../api/problem.ts";
import {
  CreatedHeaders,
  DeleteQuery,
  ETagHeader,
  idParam,
  IfMatch,
  json,
  SearchQuery,
  Unlinked,
} from "./api_schemas.ts";
import type { Page } from "./object_rows.ts";
import type { UnlinkResult } from "./usage.ts";

interface Versioned {
  id: string;
  version: number;
}

type Check<T> = (current: T) => void;

/** What the routes of one kind of object need: texts, schemas and the service. */
export interface CrudSpec<T extends Versioned> {
  /** The route segment: /api/v1/orgchart/<path>. */
  path: string;
  /** In texts: "org unit", "org units"; `an` with its article ("an org unit"). */
  noun: readonly [singular: string, plural: string];
  an: string;
  /** The noun of the operationIds, PascalCase: ["OrgUnit", "OrgUnits"] → listOrgUnits. */
  operationNoun: readonly [singular: string, plural: string];
  schemas: {
    item: z.ZodType;
    /** The OpenAPI name of a page of items. */
    page: string;
    create: z.ZodType;
    update: z.ZodType;
    /** SearchQuery with the kind's filters. */
    list?: typeof SearchQuery;
  };
  summaries: { list: string; get: string; update: string; remove: string };
  descriptions?: { list?: string; update?: string; remove?: string };
  /** Writes that can answer 409 (a taken key, a cycle, a limit, something in the way). */
  conflicts: { create?: boolean; update?: boolean; remove?: boolean };
  /** Delete takes ?unlink=true: processes can use the object. */
  unlink?: boolean;
  service: {
    list(
      scope: TenantScope,
      q: { search?: string; limit: number; offset: number },
    ): Promise<Page<T>>;
    create(scope: TenantScope, input: never, actorId: string): Promise<T>;
    get(scope: TenantScope, id: string): Promise<T>;
    update(scope: TenantScope, id: string, patch: never, check: Check<T>): Promise<T>;
    remove(
      scope: TenantScope,
      id: string,
      opts: { unlink: boolean; actorId: string },
      check: Check<T>,
    ): Promise<UnlinkResult[] | void>;
  };
}

/** A route registration; call them in the order the document should list the routes. */
export type Register = (app: OpenAPIHono<AppEnv>) => void;

/**
 * The five routes of `spec`, each registered when called; `all` registers them in their
 * usual order.
 */
export function crudRoutes<T extends Versioned>(spec: CrudSpec<T>) {
  const { path, noun: [one, many], schemas, summaries, descriptions = {}, conflicts } = spec;
  const IdParam = idParam(spec.an);
  const read = "orgchart.read";
  const write = "orgchart.write";
  const conflict = (yes: boolean | undefined) => (yes ? [409] : []);
  const [One, Many] = spec.operationNoun;
  const ifMatch = "Send the ETag you read as If-Match (412 when it changed since, 428 without " +
    "it). Modelers and executives.";

  const list = createRoute({
    method: "get",
    path: `/${path}`,
    operationId: `list${Many}`,
    summary: summaries.list,
    description: descriptions.list ?? `A page of ${many}, searched with \`q\`. Everyone signed in.`,
    "x-permission": read,
    request: { query: schemas.list ?? SearchQuery },
    responses: {
      200: { description: `A page of ${many}`, content: json(pageOf(schemas.item, schemas.page)) },
      ...problemResponses(401, 403, 422),
    },
  });

  const create = createRoute({
    method: "post",
    path: `/${path}`,
    operationId: `create${One}`,
    summary: `Create ${spec.an}`,
    description: `Creates ${spec.an}; the answer holds it, its Location and its ETag. ` +
      "Modelers and executives.",
    "x-permission": write,
    request: { body: { required: true, content: json(schemas.create) } },
    responses: {
      201: { description: "Created", headers: CreatedHeaders, content: json(schemas.item) },
      ...problemResponses(400, 401, 403, ...conflict(conflicts.create), 413, 415, 422),
    },
  });

  const get = createRoute({
    method: "get",
    path: `/${path}/{id}`,
    operationId: `get${One}`,
    summary: summaries.get,
    description: `One ${one}; the ETag is its version for If-Match. Everyone signed in.`,
    "x-permission": read,
    request: { params: IdParam },
    responses: {
      200: { description: `The ${one}`, headers: ETagHeader, content: json(schemas.item) },
      ...problemResponses(401, 403, 404, 422),
    },
  });

  const update = createRoute({
    method: "patch",
    path: `/${path}/{id}`,
    operationId: `update${One}`,
    summary: summaries.update,
    description: descriptions.update ?? `Changes the fields sent. ${ifMatch}`,
    "x-permission": write,
    request: {
      params: IdParam,
      headers: IfMatch,
      body: { required: true, content: json(schemas.update) },
    },
    responses: {
      200: { description: "Changed", headers: ETagHeader, content: json(schemas.item) },
      ...problemResponses(
        400,
        401,
        403,
        404,
        ...conflict(conflicts.update),
        412,
        413,
        415,
        422,
        428,
      ),
    },
  });

  const remove = createRoute({
    method: "delete",
    path: `/${path}/{id}`,
    operationId: `delete${One}`,
    summary: summaries.remove,
    description: descriptions.remove ?? `Deletes ${spec.an}. ${ifMatch}`,
    "x-permission": write,
    request: spec.unlink
      ? { params: IdParam, headers: IfMatch, query: DeleteQuery }
      : { params: IdParam, headers: IfMatch },
    responses: {
      ...(spec.unlink
        ? { 200: { description: "Deleted and unlinked (?unlink=true)", content: json(Unlinked) } }
        : {}),
      204: { description: "Deleted" },
      ...problemResponses(
        401,
        403,
        404,
        ...conflict(conflicts.remove),
        412,
        ...(spec.unlink ? [422] : []),
        428,
      ),
    },
  });

  const svc = spec.service;
  const routes = {
    list: ((app) =>
      app.openapi(list, async (c) => {
        const { q, ...rest } = c.req.valid("query") as z.infer<typeof SearchQuery>;
        return c.json(await svc.list(c.var.scope, { search: q, ...rest }), 200);
      })) as Register,

    create: ((app) =>
      app.openapi(create, async (c) => {
        const item = await svc.create(
          c.var.scope,
          c.req.valid("json") as never,
          c.var.principal!.userId,
        );
        return c.json(item, 201, {
          ETag: etagOf(item.version),
          Location: `/api/v1/orgchart/${path}/${item.id}`,
        });
      })) as Register,

    get: ((app) =>
      app.openapi(get, async (c) => {
        const item = await svc.get(c.var.scope, c.req.valid("param").id);
        return c.json(item, 200, { ETag: etagOf(item.version) });
      })) as Register,

    update: ((app) =>
      app.openapi(update, async (c) => {
        const item = await svc.update(
          c.var.scope,
          c.req.valid("param").id,
          c.req.valid("json") as never,
          (current) => requireIfMatch(c, current.version, current),
        );
        return c.json(item, 200, { ETag: etagOf(item.version) });
      })) as Register,

    remove: ((app) =>
      app.openapi(remove, async (c) => {
        // The route validated it (DeleteQuery: true or false) where it takes it.
        const unlink = !!spec.unlink && c.req.query("unlink") === "true";
        const unlinked = await svc.remove(
          c.var.scope,
          c.req.valid("param").id,
          { unlink, actorId: c.var.principal!.userId },
          (current) => requireIfMatch(c, current.version, current),
        );
        return unlink ? c.json({ unlinked: unlinked ?? [] }, 200) : c.body(null, 204);
      })) as Register,
  };
  const all: Register = (app) => Object.values(routes).forEach((register) => register(app));
  return { ...routes, all };
}
