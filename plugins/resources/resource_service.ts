// Documents, systems, locations and requirements: list, read, create, change, delete — one
// implementation for every kind, driven by its KindSpec. Deleting one that processes use is
// refused with where it is used, unless the caller unlinks it everywhere.
import { moveToBin } from "../../api/recycle_bin/service.ts";
import { and, asc, desc, eq, like, or, type SQL } from "drizzle-orm";
import type { MySqlColumn } from "drizzle-orm/mysql-core";
import { isDuplicateKey } from "../../api/db/errors.ts";
import { uuidv7 } from "../../api/db/ids.ts";
import { escapeLike } from "../../api/db/like.ts";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import { ProblemError } from "../../api/problem.ts";
import { positionTargets } from "../orgchart/service.ts";
import {
  releaseFromProcesses,
  type UnlinkResult,
  type UsageOptions,
  type UsagePage,
  whereUsed,
} from "../processes/service.ts";
import { type FieldValues, type KindSpec, labelOf, nameField, sortKeyOf } from "./kinds.ts";
import { type ResourceInsert, type ResourceRow, resources } from "./schema.ts";

/** A resource as the API shows it: id, kind, the kind's fields, key, version, times. */
export type Resource = Record<string, unknown> & { id: string; version: number };

/** Field values as sent (absent: unchanged), with the external key. */
export type ResourceInput = Record<string, string | null | undefined>;

/** Explicit limit: a tenant holds at most this many resources of each kind (409 beyond). */
export const RESOURCE_LIMIT = 20_000;

export interface ListQuery {
  search?: string;
  sort: string;
  /** Exact-match filters on the kind's filterable fields. */
  filters: Record<string, string | undefined>;
  limit: number;
  offset: number;
}

export async function listResources(scope: TenantScope, spec: KindSpec, q: ListQuery) {
  const filters: SQL[] = [eq(resources.kind, spec.kind)];
  for (const f of spec.fields) {
    const value = q.filters[f.field];
    if (f.filter && value !== undefined) filters.push(eq(resources[f.column], value));
  }
  if (q.search) {
    const pattern = `%${escapeLike(q.search)}%`;
    const columns = [
      resources.name,
      resources.externalKey,
      ...spec.fields.filter((f) => f.search).map((f) => resources[f.column]),
    ];
    filters.push(or(...columns.map((c) => like(c, pattern)))!);
  }
  const where = and(...filters);
  const [rows, total] = await Promise.all([
    scope.select(resources, {
      where,
      orderBy: [...orderOf(spec, q.sort), asc(resources.id)],
      limit: q.limit,
      offset: q.offset,
    }),
    scope.count(resources, where),
  ]);
  return {
    items: await toResources(scope, spec, rows),
    total,
    limit: q.limit,
    offset: q.offset,
  };
}

/** The values a list can be filtered by: for each text filter field, its values and counts. */
export async function resourceFacets(scope: TenantScope, spec: KindSpec) {
  const fields = spec.fields.filter((f) => f.filter && f.type === "text");
  return {
    facets: await Promise.all(fields.map(async (f) => ({
      field: f.field,
      values: await scope.countBy(resources, resources[f.column], eq(resources.kind, spec.kind)),
    }))),
  };
}

export async function getResource(scope: TenantScope, spec: KindSpec, id: string) {
  return (await toResources(scope, spec, [await rowOf(scope, spec, id)]))[0];
}

export async function createResource(
  scope: TenantScope,
  spec: KindSpec,
  input: ResourceInput,
  actorId: string,
): Promise<Resource> {
  await checkOwner(scope, input);
  const id = uuidv7();
  const count = await scope.count(resources, eq(resources.kind, spec.kind));
  if (count >= RESOURCE_LIMIT) throw resourcesFull(spec, count + 1);
  const now = new Date();
  try {
    await scope.insert(resources, {
      ...newRow(spec, input, actorId, now),
      id,
    });
  } catch (e) {
    throw isDuplicateKey(e) ? keyTaken(spec, input.externalKey!) : e;
  }
  return await getResource(scope, spec, id);
}

/** Changes the fields present in `patch`; required fields cannot be cleared (422 before). */
export async function updateResource(
  scope: TenantScope,
  spec: KindSpec,
  id: string,
  patch: ResourceInput,
  check: (current: Resource) => void,
): Promise<Resource> {
  await scope.transaction(async (tx) => {
    const row = await rowOf(tx, spec, id, true);
    check((await toResources(tx, spec, [row]))[0]);
    if (patch.ownerPositionId && patch.ownerPositionId !== row.ownerPositionId) {
      await checkOwner(tx, patch);
    }
    try {
      await tx.update(resources, {
        ...changesOf(spec, row, patch),
        version: row.version + 1,
        updatedAt: new Date(),
      }, eq(resources.id, id));
    } catch (e) {
      throw isDuplicateKey(e) ? keyTaken(spec, patch.externalKey!) : e;
    }
  });
  return await getResource(scope, spec, id);
}

/**
 * Deletes a resource. Used by processes (drafts or published versions) → 409 "in-use" listing
 * where, unless `unlink`: then it is taken out of every draft (visible in their history) and
 * the drafts changed are returned. Published versions stay as they were published.
 */
export async function deleteResource(
  scope: TenantScope,
  spec: KindSpec,
  id: string,
  opts: {
    unlink: boolean;
    actorId: string;
    /** Receives the recycle bin entry's id (answered as Procedo-Recycle-Bin-Id). */
    binned?(entryId: string): void;
  },
  check: (current: Resource) => void,
): Promise<UnlinkResult[]> {
  return await scope.transaction(async (tx) => {
    const row = await rowOf(tx, spec, id, true);
    check((await toResources(tx, spec, [row]))[0]);
    const label = labelOf(spec, valuesOf(spec, row));
    const unlinked = await releaseFromProcesses(tx, spec.kind, id, label, opts);
    // Kept 30 days in the recycle bin (api/recycle_bin/), restorable under its id.
    const entryId = await moveToBin(tx, {
      type: spec.kind,
      objectId: id,
      title: label,
      parts: [{ table: resources, rows: [row] }],
      deletedBy: opts.actorId,
      // The drafts ?unlink=true took it out of: restoring does not put it back there.
      whereUsed: unlinked.map((u) => ({ type: "process", id: u.processId, title: u.title })),
    });
    opts.binned?.(entryId);
    await tx.delete(resources, eq(resources.id, id));
    return unlinked;
  });
}

/** The processes and steps using a resource (404 for unknown ids and other tenants'). */
export async function resourceUsage(
  scope: TenantScope,
  spec: KindSpec,
  id: string,
  opts: UsageOptions,
): Promise<UsagePage> {
  await rowOf(scope, spec, id);
  return await whereUsed(scope, spec.kind, id, opts);
}

/** The row of resource `id` of the kind, or 404 (also for another kind's or tenant's id). */
async function rowOf(scope: TenantScope, spec: KindSpec, id: string, forUpdate = false) {
  const row = await scope.first(
    resources,
    and(eq(resources.id, id), eq(resources.kind, spec.kind)),
    { forUpdate },
  );
  if (!row) throw new ProblemError(404, undefined, `No ${spec.noun[0]} ${id}.`);
  return row;
}

/** A new row from create input (or a new import row). */
export function newRow(
  spec: KindSpec,
  input: ResourceInput,
  actorId: string,
  now: Date,
): Omit<ResourceInsert, "id"> {
  const values: FieldValues = {};
  const columns: Partial<ResourceInsert> = {};
  for (const f of spec.fields) {
    values[f.field] = input[f.field] ?? null;
    (columns as Record<string, unknown>)[f.column] = values[f.field];
  }
  return {
    ...columns,
    kind: spec.kind,
    name: values[nameField(spec).field]!,
    sortKey: sortKeyOf(spec, values),
    externalKey: input.externalKey ?? null,
    version: 1,
    createdBy: actorId,
    createdAt: now,
    updatedAt: now,
  };
}

/** The columns `patch` changes on `row` (empty when nothing differs). */
export function changesOf(
  spec: KindSpec,
  row: ResourceRow,
  patch: ResourceInput,
): Partial<ResourceInsert> {
  const values = valuesOf(spec, row);
  const changes: Record<string, unknown> = {};
  for (const f of spec.fields) {
    const value = patch[f.field];
    if (value === undefined || value === values[f.field]) continue;
    values[f.field] = value;
    changes[f.column] = value;
  }
  if (patch.externalKey !== undefined && patch.externalKey !== row.externalKey) {
    changes.externalKey = patch.externalKey;
  }
  const sortKey = sortKeyOf(spec, values);
  if (sortKey !== row.sortKey) changes.sortKey = sortKey;
  return changes as Partial<ResourceInsert>;
}

/** A row's field values by field name. */
export function valuesOf(spec: KindSpec, row: ResourceRow): FieldValues {
  return Object.fromEntries(spec.fields.map((f) => [f.field, row[f.column] ?? null]));
}

/** Rows as the API shows them, with the owners' display names. */
async function toResources(
  scope: TenantScope,
  spec: KindSpec,
  rows: ResourceRow[],
): Promise<Resource[]> {
  const hasOwner = spec.fields.some((f) => f.type === "position");
  const owners = hasOwner
    ? [...new Set(rows.map((r) => r.ownerPositionId).filter((x): x is string => !!x))]
    : [];
  const labels = owners.length ? await positionTargets.labels(scope, owners) : new Map();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    ...valuesOf(spec, r),
    ...(hasOwner
      ? { ownerPositionLabel: r.ownerPositionId ? labels.get(r.ownerPositionId) ?? null : null }
      : {}),
    externalKey: r.externalKey,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

function orderOf(spec: KindSpec, sort: string): SQL[] {
  const field = sort.replace(/^-/, "");
  const column: MySqlColumn = field === "name"
    ? resources.sortKey
    : field === "createdAt"
    ? resources.createdAt
    : field === "updatedAt"
    ? resources.updatedAt
    : resources[spec.fields.find((f) => f.field === field)!.column];
  return [sort.startsWith("-") ? desc(column) : asc(column)];
}

/** 422 naming body.ownerPositionId when it names no position of the tenant. */
async function checkOwner(scope: TenantScope, input: ResourceInput) {
  const id = input.ownerPositionId;
  if (!id || (await positionTargets.existing(scope, [id])).has(id)) return;
  throw new ProblemError(422, undefined, `body.ownerPositionId names no position: ${id}.`, {
    errors: [{ field: "body.ownerPositionId", message: `no position ${id}`, code: "unknown_id" }],
  });
}

const keyTaken = (spec: KindSpec, key: string) =>
  new ProblemError(
    409,
    "external-key-taken",
    `Another ${spec.noun[0]} has the external key "${key}".`,
    { errors: [{ field: "body.externalKey", message: `already used by another ${spec.noun[0]}` }] },
  );

/** 409 for a kind that would grow beyond RESOURCE_LIMIT. */
export const resourcesFull = (spec: KindSpec, wouldBe: number) =>
  new ProblemError(
    409,
    "resource-limit",
    `A workspace holds at most ${RESOURCE_LIMIT} ${spec.noun[1]}; this one would have ${wouldBe}.`,
    { max: RESOURCE_LIMIT, actual: wouldBe },
  );
