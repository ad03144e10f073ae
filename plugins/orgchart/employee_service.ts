// Employees (personal data) and the positions they hold. An employee's positions are set as
// a whole: one of them is primary (the first, unless another is marked).
import { binEmployee, type BinOptions } from "./recycle.ts";
import { and, asc, eq, inArray, like, or, type SQL } from "drizzle-orm";
import { z } from "@hono/zod-openapi";
import { uuidv7 } from "../../api/db/ids.ts";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import { ProblemError } from "../../api/problem.ts";
import { bumped, containsPattern, selectIn } from "./common.ts";
import { holdingsBy } from "./holdings.ts";
import { keyedWrite, keyTaken, objectRows, type Page } from "./object_rows.ts";
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

const rows = objectRows({
  table: employees,
  id: employees.id,
  thing: "employee",
  orderBy: [asc(employees.nameKey), asc(employees.id)],
  present: async (scope, list) => {
    const held = await holdingsOf(scope, list.map((r) => r.id));
    return list.map((r) => toEmployee(r, held.get(r.id)));
  },
});

export async function listEmployees(
  scope: TenantScope,
  q: { search?: string; positionId?: string; limit: number; offset: number },
): Promise<Page<Employee>> {
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
  return await rows.page(scope, filters.length ? and(...filters) : undefined, q);
}

export async function getEmployee(scope: TenantScope, id: string): Promise<Employee> {
  return await rows.get(scope, id);
}

export async function createEmployee(scope: TenantScope, input: EmployeeInput): Promise<Employee> {
  const id = uuidv7();
  await scope.transaction(async (tx) => {
    const holdings = await checkHoldings(tx, input.positions ?? []);
    const now = new Date();
    await keyedWrite(() =>
      tx.insert(employees, {
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
      }), () => employeeKeyTaken(input.externalKey!));
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
    const row = await rows.locked(tx, id, check);
    const holdings = patch.positions ? await checkHoldings(tx, patch.positions) : undefined;
    await keyedWrite(() =>
      tx.update(employees, {
        ...(patch.name !== undefined
          ? { name: patch.name, nameKey: patch.name.toLowerCase() }
          : {}),
        ...(patch.email !== undefined ? { email: patch.email } : {}),
        ...(patch.phone !== undefined ? { phone: patch.phone } : {}),
        ...(patch.location !== undefined ? { location: patch.location } : {}),
        ...(patch.externalKey !== undefined ? { externalKey: patch.externalKey } : {}),
        ...bumped(row.version),
      }, eq(employees.id, id)), () => employeeKeyTaken(patch.externalKey!));
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
  opts: BinOptions,
  check: (current: Employee) => void,
) {
  await scope.transaction(async (tx) => {
    await binEmployee(tx, await rows.locked(tx, id, check), opts);
    await tx.delete(employeePositions, eq(employeePositions.employeeId, id));
    await tx.delete(employees, eq(employees.id, id));
  });
}

/** The positions each of `employeeIds` holds, the primary one first, then by title. */
export async function holdingsOf(
  scope: TenantScope,
  employeeIds: string[],
): Promise<Map<string, Holding[]>> {
  const grouped = await holdingsBy(scope, "employeeId", employeeIds);
  return new Map(
    [...grouped].map(([id, list]) => [
      id,
      list.map(({ holding: h, name }) => ({
        positionId: h.positionId,
        chartId: h.chartId,
        title: name,
        primary: h.primary,
        since: h.since,
      })),
    ]),
  );
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

const employeeKeyTaken = (key: string) =>
  keyTaken(`Another employee has the external key "${key}".`, "already used by another employee");

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
