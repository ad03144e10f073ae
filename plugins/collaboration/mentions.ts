// @mentions in comments: the body holds tokens @[Display Name](user id), written by the
// web app's autocomplete (or by an integration). The ids must be people of the tenant.
import { and, asc, eq, inArray, like } from "drizzle-orm";
import { escapeLike } from "../../api/db/like.ts";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import { ProblemError } from "../../api/problem.ts";
import { users } from "../../schema/core.ts";

const TOKEN =
  /@\[([^\]\n]{1,200})\]\(([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\)/gi;

/** The user ids a body mentions, in order, once each. */
export function mentionedIds(body: string): string[] {
  return [...new Set([...body.matchAll(TOKEN)].map((m) => m[2].toLowerCase()))];
}

/** The mentioned ids after checking they are people of this tenant (422 on `field` if not). */
export async function checkedMentions(
  scope: TenantScope,
  body: string,
  field = "body.body",
): Promise<string[]> {
  const ids = mentionedIds(body);
  if (!ids.length) return [];
  if (ids.length > 50) {
    throw new ProblemError(422, undefined, "Some fields are not valid; see errors.", {
      errors: [{ field, message: "at most 50 people can be mentioned in one comment" }],
    });
  }
  const found = new Set(
    (await scope.select(users, { where: inArray(users.id, ids) })).map((u) => u.id),
  );
  const unknown = ids.filter((id) => !found.has(id));
  if (unknown.length) {
    throw new ProblemError(422, undefined, "Some fields are not valid; see errors.", {
      errors: [{ field, message: `mentions someone who is not in this workspace: ${unknown[0]}` }],
    });
  }
  return ids;
}

/** Active people of the tenant whose name contains `q`, for the @ autocomplete. */
export async function mentionable(scope: TenantScope, q: string, limit: number) {
  const rows = await scope.select(users, {
    where: and(
      eq(users.active, 1),
      q ? like(users.displayName, `%${escapeLike(q)}%`) : undefined,
    ),
    orderBy: [asc(users.displayName), asc(users.id)],
    limit,
  });
  return rows.map((u) => ({ id: u.id, displayName: u.displayName }));
}
