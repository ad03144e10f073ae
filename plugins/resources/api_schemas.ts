// Request and response schemas, built per kind from the registry (kinds.ts): they validate
// requests, make up the OpenAPI document and so the generated client. The import checks its
// cells with the same field schemas (fieldSchema), so a value means the same in both.
import { z } from "@hono/zod-openapi";
import { pageOf, PagingQuery } from "../../api/http/paging.ts";
import { type FieldSpec, type KindSpec } from "./kinds.ts";

export { json } from "../../api/http/content.ts";

export {
  CreatedHeaders,
  ETagHeader,
  IfMatchHeader as IfMatch,
} from "../../api/http/preconditions.ts";

const MAX_URL = 2000;

/** Whether `text` is an absolute http(s) URL with a host. */
export function isHttpUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return (u.protocol === "https:" || u.protocol === "http:") && u.hostname !== "";
  } catch {
    return false;
  }
}

const limited = (max: number) => z.string().trim().max(max, { error: `at most ${max} characters` });
const nonEmpty = (max: number) => limited(max).min(1, { error: "must not be empty" });

/**
 * The schema of one field's value as sent: required fields take non-empty text; the others
 * also take null (or "", read as null) to clear them.
 */
export function fieldSchema(f: FieldSpec): z.ZodType<string | null> {
  if (f.required) return nonEmpty(f.max ?? 200).openapi({ description: f.description });
  let schema: z.ZodType<string | null>;
  switch (f.type) {
    case "url":
      schema = limited(MAX_URL).refine((v) => v === "" || isHttpUrl(v), {
        error: "must be an http or https URL like https://example.sharepoint.com/…",
      }).transform((v) => v || null).nullable();
      break;
    case "date":
      schema = z.iso.date({ error: "a date like 2025-12-31" }).nullable();
      break;
    case "position":
      schema = z.string().uuid({ error: "must be a position id (UUID)" }).nullable();
      break;
    default:
      schema = limited(f.max ?? 200).transform((v) => v || null).nullable();
  }
  return schema.openapi({ description: f.description });
}

/** The schemas of one kind: the resource, create and update bodies, list query and page. */
export function kindSchemas(spec: KindSpec) {
  const name = spec.schemaName;
  const output: Record<string, z.ZodType> = {};
  for (const f of spec.fields) {
    const value = f.type === "date"
      ? z.string().openapi({ format: "date" })
      : f.type === "position"
      ? z.string().uuid()
      : z.string();
    output[f.field] = (f.required ? value : value.nullable()).openapi({
      description: f.description,
    });
  }
  const hasOwner = spec.fields.some((f) => f.type === "position");
  const Resource = z.object({
    id: z.string().uuid(),
    kind: z.literal(spec.kind),
    ...output,
    ...(hasOwner
      ? {
        ownerPositionLabel: z.string().nullable().openapi({
          description: 'The owner\'s display name, "Quality Manager (Quality management)"; ' +
            "null without an owner or when the position no longer exists",
        }),
      }
      : {}),
    externalKey: z.string().nullable().openapi({
      description: "A stable key from the source system; imports match on it",
    }),
    version: z.number().int(),
    createdAt: z.string().datetime(),
    updatedAt: z.string().datetime(),
  }).openapi(name);

  const externalKey = limited(100).transform((v) => v || null).nullable().openapi({
    description: "A stable key from the source system, unique per kind; imports match on it",
  });
  const create: Record<string, z.ZodType> = {};
  const update: Record<string, z.ZodType> = {};
  for (const f of spec.fields) {
    create[f.field] = f.required ? fieldSchema(f) : fieldSchema(f).optional();
    update[f.field] = fieldSchema(f).optional();
  }
  const Create = z.strictObject({ ...create, externalKey: externalKey.optional() })
    .openapi(`${name}Create`);
  const Update = z.strictObject({ ...update, externalKey: externalKey.optional() })
    .openapi(`${name}Update`);

  const sorts = ["name", "createdAt", "updatedAt", ...(spec.sorts ?? [])]
    .flatMap((s) => [s, `-${s}`]) as [string, ...string[]];
  const filters: Record<string, z.ZodType> = {};
  for (const f of spec.fields.filter((f) => f.filter)) {
    filters[f.field] = (f.type === "position"
      ? z.string().uuid({ error: "must be a position id (UUID)" })
      : z.string().max(f.max ?? 200)).optional().openapi({
        description: `Only those whose ${f.field} is exactly this`,
      });
  }
  const ListQuery = PagingQuery.extend({
    q: z.string().max(100).optional().openapi({
      description: "Search text (name, external key and the main text fields)",
    }),
    sort: z.enum(sorts, { error: `one of ${sorts.join(", ")}` }).default("name").openapi({
      description: "Order by; a leading - reverses it",
    }),
    ...filters,
  });
  return { Resource, Create, Update, ListQuery, Page: pageOf(Resource, `${name}Page`) };
}

/** `?flag=true|false` in a query string. */
export const queryFlag = (description: string) =>
  z.enum(["true", "false"], { error: "true or false" }).default("false")
    .transform((v) => v === "true").openapi({ description });

export const DeleteQuery = z.object({
  unlink: queryFlag(
    "Also delete when processes use it: remove it from every process draft (409 otherwise)",
  ),
});

export const ImportQuery = z.object({
  dryRun: queryFlag("Only report what would happen; write nothing"),
  partial: queryFlag("Import the rows without problems and report the others"),
  skipDuplicates: queryFlag(
    "Leave out new rows whose name (or URL) an existing object of the kind has under " +
      "another external key (they are counted in `duplicates`)",
  ),
});
