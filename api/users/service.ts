// Users of a tenant and their roles. Executives administer them; the last active
// executive can neither be demoted nor deactivated, so no workspace is left without one.
import { and, asc, eq, inArray, like, type SQL } from "drizzle-orm";
import type { TenantScope } from "../db/tenant_scope.ts";
import { ProblemError } from "../problem.ts";
import { type Role, users } from "../../schema/core.ts";
import { escapeLike } from "../db/like.ts";

export interface User {
  id: string;
  displayName: string;
  role: Role;
  active: boolean;
  createdAt: string;
  lastSeenAt: string | null;
  /** Row version: its ETag for If-Match. */
  version: number;
}

type Row = typeof users.$inferSelect;

/** Lists the tenant's users, filtered by role, status and name. */
export async function listUsers(
  scope: TenantScope,
  q: { role?: Role; active?: boolean; search?: string; limit: number; offset: number },
) {
  const parts: SQL[] = [];
  if (q.role) parts.push(eq(users.role, q.role));
  if (q.active !== undefined) parts.push(eq(users.active, q.active ? 1 : 0));
  if (q.search) parts.push(like(users.displayName, `%${escapeLike(q.search)}%`));
  const where = parts.length ? and(...parts) : undefined;
  const [rows, total] = await Promise.all([
    scope.select(users, {
      where,
      orderBy: [asc(users.displayName), asc(users.id)],
      limit: q.limit,
      offset: q.offset,
    }),
    scope.count(users, where),
  ]);
  return { items: rows.map(toUser), total, limit: q.limit, offset: q.offset };
}

/** The most ids one names request may ask for. */
export const MAX_NAME_IDS = 200;

/**
 * Display names of the tenant's users among `ids` (deactivated ones too, since history
 * names them); ids of other tenants or of no user are left out. Nothing else about them.
 */
export async function userNames(
  scope: TenantScope,
  ids: string[],
): Promise<{ id: string; displayName: string }[]> {
  if (!ids.length) return [];
  const rows = await scope.select(users, {
    where: inArray(users.id, ids),
    orderBy: [asc(users.displayName), asc(users.id)],
  });
  return rows.map((r) => ({ id: r.id, displayName: r.displayName }));
}

/** One user of the tenant, or 404. */
export async function getUser(scope: TenantScope, id: string): Promise<User> {
  const row = await scope.first(users, eq(users.id, id));
  if (!row) throw new ProblemError(404, undefined, `No user ${id}.`);
  return toUser(row);
}

/**
 * Changes a user's role or status after `check` accepted the current user (If-Match);
 * refuses to remove the last active executive (409).
 */
export async function changeUser(
  scope: TenantScope,
  id: string,
  patch: { role?: Role; active?: boolean },
  check: (current: User) => void,
): Promise<{ before: User; after: User }> {
  return await scope.transaction(async (tx) => {
    // Lock every executive row so two executives cannot demote each other at once.
    const executives = await tx.select(users, {
      where: and(eq(users.role, "executive"), eq(users.active, 1)),
      forUpdate: true,
    });
    const row = await tx.first(users, eq(users.id, id), { forUpdate: true });
    if (!row) throw new ProblemError(404, undefined, `No user ${id}.`);
    check(toUser(row));
    const losesExecutive = row.role === "executive" && row.active === 1 &&
      ((patch.role !== undefined && patch.role !== "executive") || patch.active === false);
    if (losesExecutive && executives.length <= 1) {
      throw new ProblemError(
        409,
        "last-executive",
        "This is the last active executive: make someone else executive first.",
      );
    }
    await tx.update(users, {
      ...(patch.role !== undefined ? { role: patch.role } : {}),
      ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
      version: row.version + 1,
    }, eq(users.id, id));
    const after = (await tx.first(users, eq(users.id, id)))!;
    return { before: toUser(row), after: toUser(after) };
  });
}

function toUser(r: Row): User {
  return {
    id: r.id,
    displayName: r.displayName,
    role: r.role,
    active: r.active === 1,
    createdAt: r.createdAt.toISOString(),
    lastSeenAt: r.lastSeenAt ? r.lastSeenAt.toISOString() : null,
    version: r.version,
  };
}
