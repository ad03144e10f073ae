// Tags: domain logic. The only file other plugins may import.
import { asc, desc, eq, like, or, type SQL } from "drizzle-orm";
import { isDuplicateKey } from "../../api/db/errors.ts";
import { uuidv7 } from "../../api/db/ids.ts";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import { ProblemError } from "../../api/problem.ts";
import { type TagRow, tags } from "./schema.ts";
import { escapeLike } from "../../api/db/like.ts";

export interface Tag {
  id: string;
  name: string;
  color: string;
  description: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface TagInput {
  name: string;
  color?: string;
  description?: string;
}

export const DEFAULT_COLOR = "#0f6cbd";

/** Lists the tenant's tags, optionally filtered by a search text, one page at a time. */
export async function listTags(
  scope: TenantScope,
  q: {
    search?: string;
    sort: "name" | "-name" | "createdAt" | "-createdAt";
    limit: number;
    offset: number;
  },
) {
  const where: SQL | undefined = q.search
    ? or(
      like(tags.nameKey, `%${escapeLike(q.search.toLowerCase())}%`),
      like(tags.description, `%${escapeLike(q.search)}%`),
    )
    : undefined;
  const column = q.sort.endsWith("name") ? tags.nameKey : tags.createdAt;
  const order = q.sort.startsWith("-") ? desc(column) : asc(column);
  const [rows, total] = await Promise.all([
    scope.select(tags, { where, orderBy: [order, asc(tags.id)], limit: q.limit, offset: q.offset }),
    scope.count(tags, where),
  ]);
  return { items: rows.map(toTag), total, limit: q.limit, offset: q.offset };
}

/** One tag, or a 404 problem (also for another tenant's tag). */
export async function getTag(scope: TenantScope, id: string): Promise<Tag> {
  const row = await scope.first(tags, eq(tags.id, id));
  if (!row) throw notFound(id);
  return toTag(row);
}

/** Creates a tag; a name already used in the tenant (any case) is a 409. */
export async function createTag(
  scope: TenantScope,
  input: TagInput,
  actorId: string,
): Promise<Tag> {
  const now = new Date();
  const id = uuidv7();
  await assertNameFree(scope, input.name);
  try {
    await scope.insert(tags, {
      id,
      name: input.name,
      nameKey: input.name.toLowerCase(),
      color: input.color ?? DEFAULT_COLOR,
      description: input.description ?? "",
      version: 1,
      createdBy: actorId,
      createdAt: now,
      updatedAt: now,
    });
  } catch (e) {
    throw duplicateOr(e, input.name);
  }
  return getTag(scope, id);
}

/** Changes a tag when `expectedVersion` still matches (checked by the caller via If-Match). */
export async function updateTag(
  scope: TenantScope,
  id: string,
  patch: Partial<TagInput>,
  check: (current: Tag) => void,
): Promise<Tag> {
  return await scope.transaction(async (tx) => {
    const row = await tx.first(tags, eq(tags.id, id), { forUpdate: true });
    if (!row) throw notFound(id);
    check(toTag(row));
    if (patch.name !== undefined && patch.name.toLowerCase() !== row.nameKey) {
      await assertNameFree(tx, patch.name);
    }
    try {
      await tx.update(tags, {
        ...(patch.name !== undefined
          ? { name: patch.name, nameKey: patch.name.toLowerCase() }
          : {}),
        ...(patch.color !== undefined ? { color: patch.color } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        version: row.version + 1,
        updatedAt: new Date(),
      }, eq(tags.id, id));
    } catch (e) {
      throw duplicateOr(e, patch.name ?? row.name);
    }
    return toTag((await tx.first(tags, eq(tags.id, id)))!);
  });
}

/** Deletes a tag after `check` accepted its current state. */
export async function deleteTag(scope: TenantScope, id: string, check: (current: Tag) => void) {
  await scope.transaction(async (tx) => {
    const row = await tx.first(tags, eq(tags.id, id), { forUpdate: true });
    if (!row) throw notFound(id);
    check(toTag(row));
    await tx.delete(tags, eq(tags.id, id));
  });
}

/** Sample tags for a new tenant. */
export async function seedTags(scope: TenantScope, actorId: string) {
  const samples: TagInput[] = [
    {
      name: "ISO 9001",
      color: "#0f6cbd",
      description: "Relevant for the quality management audit",
    },
    {
      name: "Customer-facing",
      color: "#107c10",
      description: "Customers notice when this goes wrong",
    },
    {
      name: "Needs review",
      color: "#c50f1f",
      description: "Content to check in the next review cycle",
    },
  ];
  for (const s of samples) await createTag(scope, s, actorId);
}

function toTag(r: TagRow): Tag {
  return {
    id: r.id,
    name: r.name,
    color: r.color,
    description: r.description,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

async function assertNameFree(scope: TenantScope, name: string) {
  if (await scope.first(tags, eq(tags.nameKey, name.toLowerCase()))) throw nameTaken(name);
}

function duplicateOr(e: unknown, name: string): unknown {
  return isDuplicateKey(e) ? nameTaken(name) : e;
}

const nameTaken = (name: string) =>
  new ProblemError(409, "tag-name-taken", `A tag named "${name}" already exists.`, {
    errors: [{ field: "body.name", message: "already used by another tag" }],
  });

const notFound = (id: string) => new ProblemError(404, undefined, `No tag ${id}.`);
