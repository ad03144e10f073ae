// Employees (personal data) and the positions they hold. An employee's positions are set as
// a whole: one of them is primary (the first, unless another is marked).
import { and, asc, eq, inArray, like, or, type SQL } from "drizzle-orm";
import { z } from "@hono/zod-openapi";
import { isDuplicateKey } from "../../api/db/errors.ts";
import { uuidv7 } from "../../api/db/ids.ts";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import { ProblemError } from "../../api/problem.ts";
import { bumped, compareNames, containsPattern, notFound, selectIn } from "./common.ts";
import { employeePositions, type EmployeeRow, employees, positions } from "./schema.ts";

/** Addresses we accept: the pattern zod's z.email() uses (also for imports). */
export const EMAIL_PATTERN: RegExp = z.regexes.email;

export interface Holding {
  positionId: string;
  chartId: string;
  title: string;
  primary: boolean;
  since: string | null;
}

export interface Employee {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  location: string | null;
  externalKey: string | null;
  /** The positions held, the primary one first. */
  positions: Holding[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface HoldingInput {
  positionId: string;
  primary?: boolean;
  since?: string | null;
}

export interface EmployeeInput {
  name: string;
  email?: string | null;
  phone?: string | null;
  location?: string | null;
  externalKey?: string | null;
  positions?: HoldingInput[];
}

export async function listEmployees(
  scope: TenantScope,
  q: { search?: string; positionId?: string; limit: number; offset: number },
) {
  const filters: SQL[] = [];
  if (q.search) {
    const p = containsPattern(q.search.toLowerCase());
    filters.push(
      or(
        like(employees.nameKey, p),
        like(employees.email, containsPattern(q.search)),
        like(employees.externalKey, containsPattern(q.search)),
      )!,
    );
  }
  if (q.positionId) {
    const ids = (await scope.select(employeePositions, {
      where: eq(employeePositions.positionId, q.positionId),
    })).map((h) => h.employeeId);
    if (!ids.length) return { items: [], total: 0, limit: q.limit, offset: q.offset };
    filters.push(inArray(employees.id, ids));
  }
  const where = filters.length ? and(...filters) : undefined;
  const [rows, total] = await Promise.all([
    scope.select(employees, {
      where,
      orderBy: [asc(employees.nameKey), asc(employees.id)],
      limit: q.limit,
      offset: q.offset,
    }),
    scope.count(employees, where),
  ]);
  const held = await holdingsOf(scope, rows.map((r) => r.id));
  return {
    items: rows.map((r) => toEmployee(r, held.get(r.id))),
    total,
    limit: q.limit,
    offset: q.offset,
  };
}

export async function getEmployee(scope: TenantScope, id: string): Promise<Employee> {
  const row = await scope.first(employees, eq(employees.id, id));
  if (!row) throw notFound("employee", id);
  return toEmployee(row, (await holdingsOf(scope, [id])).get(id));
}

export async function createEmployee(scope: TenantScope, input: EmployeeInput): Promise<Employee> {
  const id = uuidv7();
  await scope.transaction(async (tx) => {
    const holdings = await checkHoldings(tx, input.positions ?? []);
    const now = new Date();
    try {
      await tx.insert(employees, {
        id,
        name: input.name,
        nameKey: input.name.toLowerCase(),
        email: input.email ?? null,
        phone: input.phone ?? null,
        location: input.location ?? null,
        externalKey: input.externalKey ?? null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
    } catch (e) {
      throw isDuplicateKey(e) ? keyTaken(input.externalKey!) : e;
    }
    await tx.insert(employeePositions, holdings.map((h) => ({ ...h, employeeId: id })));
  });
  return await getEmployee(scope, id);
}

export async function updateEmployee(
  scope: TenantScope,
  id: string,
  patch: Partial<EmployeeInput>,
  check: (current: Employee) => void,
): Promise<Employee> {
  await scope.transaction(async (tx) => {
    const row = await tx.first(employees, eq(employees.id, id), { forUpdate: true });
    if (!row) throw notFound("employee", id);
    check(toEmployee(row, (await holdingsOf(tx, [id])).get(id)));
    const holdings = patch.positions ? await checkHoldings(tx, patch.positions) : undefined;
    try {
      await tx.update(employees, {
        ...(patch.name !== undefined
          ? { name: patch.name, nameKey: patch.name.toLowerCase() }
          : {}),
        ...(patch.email !== undefined ? { email: patch.email } : {}),
        ...(patch.phone !== undefined ? { phone: patch.phone } : {}),
        ...(patch.location !== undefined ? { location: patch.location } : {}),
        ...(patch.externalKey !== undefined ? { externalKey: patch.externalKey } : {}),
        ...bumped(row.version),
      }, eq(employees.id, id));
    } catch (e) {
      throw isDuplicateKey(e) ? keyTaken(patch.externalKey!) : e;
    }
    if (holdings) {
      await tx.delete(employeePositions, eq(employeePositions.employeeId, id));
      await tx.insert(employeePositions, holdings.map((h) => ({ ...h, employeeId: id })));
    }
  });
  return await getEmployee(scope, id);
}

/** Deletes an employee and their holdings (their personal data goes with them). */
export async function deleteEmployee(
  scope: TenantScope,
  id: string,
  check: (current: Employee) => void,
) {
  await scope.transaction(async (tx) => {
    const row = await tx.first(employees, eq(employees.id, id), { forUpdate: true });
    if (!row) throw notFound("employee", id);
    check(toEmployee(row, (await holdingsOf(tx, [id])).get(id)));
    await tx.delete(employeePositions, eq(employeePositions.employeeId, id));
    await tx.delete(employees, eq(employees.id, id));
  });
}

/** The positions each of `employeeIds` holds, the primary one first, then by title. */
export async function holdingsOf(
  scope: TenantScope,
  employeeIds: string[],
): Promise<Map<string, Holding[]>> {
  const map = new Map<string, Holding[]>();
  if (!employeeIds.length) return map;
  const rows = await selectIn(
    scope,
    employeePositions,
    employeePositions.employeeId,
    employeeIds,
  );
  const titles = new Map(
    (await selectIn(scope, positions, positions.id, rows.map((r) => r.positionId)))
      .map((p) => [p.id, p.title]),
  );
  for (const r of rows) {
    const list = map.get(r.employeeId) ?? [];
    list.push({
      positionId: r.positionId,
      chartId: r.chartId,
      title: titles.get(r.positionId) ?? "",
      primary: r.primary,
      since: r.since,
    });
    map.set(r.employeeId, list);
  }
  for (const list of map.values()) {
    list.sort((a, b) => Number(b.primary) - Number(a.primary) || compareNames(a.title, b.title));
  }
  return map;
}

/**
 * Checks a list of holdings: every position exists (422 naming the entry otherwise), none
 * twice, at most one primary (the first when none is marked).
 */
async function checkHoldings(tx: TenantScope, list: HoldingInput[]) {
  const found = new Map(
    (await selectIn(tx, positions, positions.id, list.map((h) => h.positionId)))
      .map((p) => [p.id, p]),
  );
  const errors: { field: string; message: string; code: string }[] = [];
  const seen = new Set<string>();
  list.forEach((h, i) => {
    const field = `body.positions.${i}.positionId`;
    if (!found.has(h.positionId)) {
      errors.push({ field, message: `no position ${h.positionId}`, code: "unknown_id" });
    } else if (seen.has(h.positionId)) {
      errors.push({ field, message: "listed twice", code: "duplicate" });
    }
    seen.add(h.positionId);
  });
  if (list.filter((h) => h.primary).length > 1) {
    errors.push({
      field: "body.positions",
      message: "at most one primary position",
      code: "too_many_primary",
    });
  }
  if (errors.length) {
    throw new ProblemError(422, undefined, "Some positions are not valid; see errors.", {
      errors,
    });
  }
  const primaryAt = Math.max(0, list.findIndex((h) => h.primary));
  return list.map((h, i) => ({
    positionId: h.positionId,
    chartId: found.get(h.positionId)!.chartId,
    primary: i === primaryAt,
    since: h.since ?? null,
  }));
}

const keyTaken = (key: string) =>
  new ProblemError(
    409,
    "external-key-taken",
    `Another employee has the external key "${key}".`,
    { errors: [{ field: "body.externalKey", message: "already used by another employee" }] },
  );

export function toEmployee(r: EmployeeRow, held: Holding[] = []): Employee {
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    phone: r.phone,
    location: r.location,
    externalKey: r.externalKey,
    positions: held,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
