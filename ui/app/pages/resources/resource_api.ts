// The resources API for any kind. The four kinds' routes have the same shape
// (/api/v1/resources/<kind>…), but the generated client types each path as its own literal,
// which a kind held in a variable cannot name; so the path is typed as the documents' one here,
// in this one file, and the answers as the union of the kinds' resources.
import type { ImportCaller } from "../../../components/import_dialog.ts";
import { type Schemas, unwrap } from "../../../lib/api/client.ts";
import { session } from "../../session.ts";
import type { Resource, ResourceKind } from "./kinds.ts";

const DOCS = "/api/v1/resources/documents" as const;
const DOC = "/api/v1/resources/documents/{id}" as const;
const WHERE = "/api/v1/resources/documents/{id}/where-used" as const;
const IMPORT = "/api/v1/resources/documents/import" as const;

const base = (kind: ResourceKind) => `/api/v1/resources/${kind}` as typeof DOCS;
const one = (kind: ResourceKind) => `/api/v1/resources/${kind}/{id}` as typeof DOC;
const ifMatch = (r: Resource) => ({ "if-match": `W/"${r.version}"` });

/** Field values as sent: text, or null to clear an optional field. */
export type ResourceBody = Record<string, string | null>;

export interface ResourcePage {
  items: Resource[];
  total: number;
}

export async function listResources(
  kind: ResourceKind,
  query: { q?: string; sort: string; limit: number; offset: number },
  filters: Record<string, string>,
  signal?: AbortSignal,
): Promise<ResourcePage> {
  return unwrap(
    await session().api.GET(base(kind), {
      params: { query: { ...filters, ...query } as { sort?: "name" } },
      signal,
    }),
  ) as ResourcePage;
}

export type Facet = Schemas["ResourceFacets"]["facets"][number];

/** The values the kind's list can be filtered by, with their counts. */
export async function resourceFacets(kind: ResourceKind, signal?: AbortSignal): Promise<Facet[]> {
  const path = `/api/v1/resources/${kind}/facets` as "/api/v1/resources/documents/facets";
  return unwrap(await session().api.GET(path, { signal })).facets;
}

export async function getResource(kind: ResourceKind, id: string): Promise<Resource> {
  return unwrap(await session().api.GET(one(kind), { params: { path: { id } } }));
}

/** Creates one, or changes `current` (If-Match: a change saved meanwhile is a 412). */
export async function saveResource(
  kind: ResourceKind,
  body: ResourceBody,
  current?: Resource,
): Promise<Resource> {
  const { api } = session();
  const sent = body as Schemas["DocumentCreate"];
  return current
    ? unwrap(
      await api.PATCH(one(kind), {
        params: { path: { id: current.id }, header: ifMatch(current) },
        body: sent,
      }),
    )
    : unwrap(await api.POST(base(kind), { body: sent }));
}

/** Deletes `r`; a resource processes use is a 409 "in-use" unless `unlink`. */
export async function deleteResource(kind: ResourceKind, r: Resource, unlink: boolean) {
  unwrap(
    await session().api.DELETE(one(kind), {
      params: {
        path: { id: r.id },
        header: ifMatch(r),
        query: { unlink: unlink ? "true" : "false" },
      },
    }),
  );
}

export type Usage = Schemas["ProcessUsage"];

/** The processes (and their steps) that use resource `id`. */
export async function whereUsed(
  kind: ResourceKind,
  id: string,
  limit: number,
  signal?: AbortSignal,
): Promise<Schemas["ProcessUsagePage"]> {
  const path = `/api/v1/resources/${kind}/{id}/where-used` as typeof WHERE;
  return unwrap(
    await session().api.GET(path, { params: { path: { id }, query: { limit } }, signal }),
  );
}

/** Sends an import of `kind` as multipart/form-data (the file keeps its name: CSV or XLSX). */
export function resourceImporter(kind: ResourceKind): ImportCaller {
  return async ({ file, dryRun, partial, skipDuplicates }) => {
    const form = new FormData();
    form.append("file", file, file.name);
    const path = `/api/v1/resources/${kind}/import` as typeof IMPORT;
    return unwrap(
      await session().api.POST(path, {
        params: {
          query: {
            dryRun: dryRun ? "true" : "false",
            partial: partial ? "true" : "false",
            skipDuplicates: skipDuplicates ? "true" : "false",
          },
        },
        // openapi-fetch sends FormData as it is (the browser sets the boundary).
        body: form as unknown as { file: string },
      }),
    );
  };
}
