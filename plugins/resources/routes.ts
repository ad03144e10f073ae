// The HTTP routes of every kind, from one factory: /api/v1/resources/<kind path> with list,
// create, get, change (If-Match), delete (?unlink=true), where used and import.
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../api/env.ts";
import { PagingQuery } from "../../api/http/paging.ts";
import { etagOf, requireIfMatch } from "../../api/http/preconditions.ts";
import { problemResponses } from "../../api/problem.ts";
import { runImport } from "../../api/tabular/report.ts";
import { readUpload, uploadBody } from "../../api/tabular/upload.ts";
import { UnlinkResultSchema, UsagePageSchema } from "../processes/service.ts";
import {
  CreatedHeaders,
  DeleteQuery,
  ETagHeader,
  IfMatch,
  ImportQuery,
  json,
  kindSchemas,
} from "./api_schemas.ts";
import { importColumns, ImportReportSchema } from "./import.ts";
import { KINDS, type KindSpec } from "./kinds.ts";
import * as service from "./service.ts";

const FacetsSchema = z.object({
  facets: z.array(z.object({
    field: z.string(),
    values: z.array(z.object({ value: z.string(), count: z.number().int() })),
  })),
}).openapi("ResourceFacets");

export function registerResourceRoutes(app: OpenAPIHono<AppEnv>) {
  for (const spec of KINDS) registerKindRoutes(app, spec);
}

function registerKindRoutes(app: OpenAPIHono<AppEnv>, spec: KindSpec) {
  const { Resource, Create, Update, ListQuery, Page } = kindSchemas(spec);
  const base = `/${spec.path}`;
  const [one, many] = spec.noun;
  const [One, Many] = spec.operationNoun;
  const a = /^[aeiou]/i.test(one) ? "an" : "a";
  const IdParam = z.object({ id: z.string().uuid({ error: `must be a ${one} id (UUID)` }) });
  const read = "resources.read";
  const write = "resources.write";
  const filterFields = spec.fields.filter((f) => f.filter).map((f) => f.field);

  const list = createRoute({
    method: "get",
    path: base,
    operationId: `list${Many}`,
    summary: `List ${many}`,
    description: `Search with \`q\`, order with \`sort\`${
      filterFields.length ? `, filter by ${filterFields.join(", ")}` : ""
    }.`,
    "x-permission": read,
    request: { query: ListQuery },
    responses: {
      200: { description: `A page of ${many}`, content: json(Page) },
      ...problemResponses(401, 403, 422),
    },
  });

  const create = createRoute({
    method: "post",
    path: base,
    operationId: `create${One}`,
    summary: `Create ${a} ${one}`,
    description: `Creates ${a} ${one}; the answer holds it, its Location and its ETag. ` +
      "A taken external key or a full workspace is a 409. Modelers and executives.",
    "x-permission": write,
    request: { body: { required: true, content: json(Create) } },
    responses: {
      201: { description: "Created", headers: CreatedHeaders, content: json(Resource) },
      ...problemResponses(400, 401, 403, 409, 413, 415, 422),
    },
  });

  const importRoute = createRoute({
    method: "post",
    path: `${base}/import`,
    operationId: `import${Many}`,
    summary: `Import ${many} from CSV or XLSX`,
    description: `Columns: externalKey, ${
      importColumns(spec).slice(1).map((c) => c.field).join(", ")
    }. A known external key updates the ${one}. See docs/import.md.`,
    "x-permission": write,
    request: { query: ImportQuery, body: uploadBody },
    responses: {
      200: { description: "The import report", content: json(ImportReportSchema) },
      ...problemResponses(401, 403, 409, 413, 415, 422),
    },
  });

  const get = createRoute({
    method: "get",
    path: `${base}/{id}`,
    operationId: `get${One}`,
    summary: `Get ${a} ${one}`,
    description: `One ${one}; the ETag is its version for If-Match. Everyone signed in.`,
    "x-permission": read,
    request: { params: IdParam },
    responses: {
      200: { description: `The ${one}`, headers: ETagHeader, content: json(Resource) },
      ...problemResponses(401, 403, 404, 422),
    },
  });

  const update = createRoute({
    method: "patch",
    path: `${base}/{id}`,
    operationId: `update${One}`,
    summary: `Change ${a} ${one} (If-Match required)`,
    description: "Fields left out stay as they are; null clears an optional field.",
    "x-permission": write,
    request: { params: IdParam, headers: IfMatch, body: { required: true, content: json(Update) } },
    responses: {
      200: { description: "Changed", headers: ETagHeader, content: json(Resource) },
      ...problemResponses(400, 401, 403, 404, 409, 412, 413, 415, 422, 428),
    },
  });

  const remove = createRoute({
    method: "delete",
    path: `${base}/{id}`,
    operationId: `delete${One}`,
    summary: `Delete ${a} ${one} (If-Match optional)`,
    description:
      `${
        a === "an" ? "An" : "A"
      } ${one} processes use is a 409 listing where (\`usedIn\`), unless ` +
      "?unlink=true removes it from every process draft. With If-Match, a stale ETag is a 412.",
    "x-permission": write,
    request: { params: IdParam, headers: IfMatch, query: DeleteQuery },
    responses: {
      200: {
        description: "Deleted and unlinked (?unlink=true)",
        content: json(UnlinkResultSchema),
      },
      204: { description: "Deleted" },
      ...problemResponses(401, 403, 404, 409, 412, 422),
    },
  });

  const whereUsed = createRoute({
    method: "get",
    path: `${base}/{id}/where-used`,
    operationId: `list${One}Usages`,
    summary: `The processes and steps that use ${a} ${one}`,
    description: "By process title; published and draft usages are marked. Readers see " +
      "published versions only; modelers also drafts.",
    "x-permission": read,
    request: { params: IdParam, query: PagingQuery },
    responses: {
      200: { description: "A page of processes", content: json(UsagePageSchema) },
      ...problemResponses(401, 403, 404, 422),
    },
  });

  const textFilters = spec.fields.filter((f) => f.filter && f.type === "text");
  const facets = createRoute({
    method: "get",
    path: `${base}/facets`,
    operationId: `get${One}Facets`,
    summary: `The values ${many} can be filtered by`,
    description: `For ${
      textFilters.map((f) => f.field).join(", ") || "no field"
    }: the values in use with how many ${many} have each (most used first, at most 100), ` +
      "for the list's filters (`?<field>=<value>`).",
    "x-permission": read,
    responses: {
      200: { description: "Values by field", content: json(FacetsSchema) },
      ...problemResponses(401, 403),
    },
  });

  // /import and /facets before /{id}: a static path is not an id.
  app.openapi(facets, async (c) => c.json(await service.resourceFacets(c.var.scope, spec), 200));
  app.openapi(importRoute, async (c) => {
    const opts = { ...c.req.valid("query"), actorId: c.var.principal!.userId };
    const report = await runImport(c, spec.path, async (upload) => {
      const table = await readUpload(c, upload, importColumns(spec));
      return await service.importResources(c.var.scope, spec, table, opts);
    });
    return c.json(report, 200);
  });

  app.openapi(list, async (c) => {
    const { q, sort, limit, offset, ...filters } = c.req.valid("query") as
      & z.infer<typeof PagingQuery>
      & { q?: string; sort: string }
      & Record<string, string | undefined>;
    const page = await service.listResources(c.var.scope, spec, {
      search: q,
      sort,
      filters,
      limit,
      offset,
    });
    return c.json(page as z.infer<typeof Page>, 200);
  });

  app.openapi(create, async (c) => {
    const resource = await service.createResource(
      c.var.scope,
      spec,
      c.req.valid("json") as service.ResourceInput,
      c.var.principal!.userId,
    );
    return c.json(resource as z.infer<typeof Resource>, 201, {
      ETag: etagOf(resource.version),
      Location: `/api/v1/resources/${spec.path}/${resource.id}`,
    });
  });

  app.openapi(get, async (c) => {
    const resource = await service.getResource(c.var.scope, spec, c.req.valid("param").id);
    return c.json(resource as z.infer<typeof Resource>, 200, { ETag: etagOf(resource.version) });
  });

  app.openapi(update, async (c) => {
    const resource = await service.updateResource(
      c.var.scope,
      spec,
      c.req.valid("param").id,
      c.req.valid("json") as service.ResourceInput,
      (current) => requireIfMatch(c, current.version, current),
    );
    return c.json(resource as z.infer<typeof Resource>, 200, { ETag: etagOf(resource.version) });
  });

  app.openapi(remove, async (c) => {
    const { unlink } = c.req.valid("query");
    const unlinked = await service.deleteResource(
      c.var.scope,
      spec,
      c.req.valid("param").id,
      { unlink, actorId: c.var.principal!.userId },
      (current) => ifMatchGiven(c, current.version, current),
    );
    return unlink ? c.json({ unlinked }, 200) : c.body(null, 204);
  });

  app.openapi(whereUsed, async (c) => {
    const { limit, offset } = c.req.valid("query");
    const page = await service.resourceUsage(c.var.scope, spec, c.req.valid("param").id, {
      includeDrafts: c.var.principal!.role !== "reader",
      limit,
      offset,
    });
    return c.json(page, 200);
  });
}

/** If-Match is optional on delete: checked when sent (412 when stale). */
function ifMatchGiven(c: Context, version: number, current: unknown) {
  if (c.req.header("if-match")) requireIfMatch(c, version, current);
}
