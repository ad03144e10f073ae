// Helpers shared by the orgchart services: problems, chunked id lookups, search patterns.
import { inArray, type SQL } from "drizzle-orm";
import type { MySqlColumn } from "drizzle-orm/mysql-core";
import type { TenantScope, TenantTable } from "../../api/db/tenant_scope.ts";
import { ProblemError } from "../../api/problem.ts";
import { escapeLike } from "../../api/db/like.ts";

/** What the objects are called in messages. */
export type Thing = "org chart" | "org unit" | "position" | "employee";

/** 404 for a missing object, exactly as for another tenant's. */
export const notFound = (thing: Thing, id: string) =>
  new ProblemError(404, undefined, `No ${thing} ${id}.`);

/** 422 naming the field that refers to an object that does not exist (here). */
export const unknownRef = (field: string, thing: Thing, id: string, where = "") =>
  new ProblemError(422, undefined, `${field} names no ${thing}${where}: ${id}.`, {
    errors: [{ field, message: `no ${thing} ${id}${where}`, code: "unknown_id" }],
  });

/** 422 for one field with a message. */
export const invalidField = (field: string, message: string, code = "invalid") =>
  new ProblemError(422, undefined, `${field} ${message}.`, {
    errors: [{ field, message, code }],
  });

/** IN lists are sent in slices of this many ids. */
export const CHUNK = 1000;

/** Rows of `table` whose `column` is one of `values`, queried in slices. */
export async function selectIn<T extends TenantTable>(
  scope: TenantScope,
  table: T,
  column: MySqlColumn,
  values: readonly string[],
  extra?: (where: SQL) => SQL,
): Promise<T["$inferSelect"][]> {
  const unique = [...new Set(values)];
  const slices: string[][] = [];
  for (let i = 0; i < unique.length; i += CHUNK) slices.push(unique.slice(i, i + CHUNK));
  // Slices run side by side (on a transaction's one connection they simply queue).
  const parts = await Promise.all(slices.map((ids) => {
    const where = inArray(column, ids);
    return scope.select(table, { where: extra ? extra(where) : where });
  }));
  return parts.flat();
}

/** A LIKE pattern matching `text` literally anywhere. */
export const containsPattern = (text: string) => `%${escapeLike(text)}%`;

/** Code-point order, independent of the locale. */
export const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Case-insensitive order for names, then code points (stable across runs). */
export const compareNames = (a: string, b: string) =>
  compareText(a.toLowerCase(), b.toLowerCase()) || compareText(a, b);

/** Version bump and timestamp for an update. */
export const bumped = (version: number) => ({ version: version + 1, updatedAt: new Date() });

/**
 * The cycle that making `up` the parent (or manager) of `id` would close, from `id` down to
 * `up` and back to `id`, or null when there is none. `nodes` link upwards by `up`.
 */
export function cycleClosedBy(
  nodes: { id: string; up: string | null; name: string }[],
  id: string,
  up: string,
): { id: string; name: string }[] | null {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const chain: { id: string; name: string }[] = [];
  for (let at = byId.get(up); at; at = at.up ? byId.get(at.up) : undefined) {
    chain.push({ id: at.id, name: at.name });
    if (at.id === id) {
      const path = chain.reverse();
      return [...path, path[0]];
    }
    if (chain.length > nodes.length) break; // a cycle already stored: never loop forever
  }
  return null;
}

/** Explicit limits per chart: beyond them, creating and importing are refused (409). */
export const CHART_LIMITS = { units: 5_000, positions: 20_000 } as const;

/** 409 for a chart that would grow beyond its limit of `kind`. */
export const chartFull = (kind: keyof typeof CHART_LIMITS, wouldBe: number) =>
  new ProblemError(
    409,
    "chart-limit",
    `An org chart holds at most ${CHART_LIMITS[kind]} ${kind}; this one would have ${wouldBe}.`,
    { limit: kind, max: CHART_LIMITS[kind], actual: wouldBe },
  );
