// Operators (the people running Procedo, not tenant users) change a tenant's plan and status.
import { asc, eq } from "drizzle-orm";
import { TENANT_PLANS, TENANT_STATUSES, tenants } from "../../schema/core.ts";
import type { Db } from "../db/client.ts";
import { ProblemError } from "../problem.ts";

export type TenantRow = typeof tenants.$inferSelect;
export interface TenantChange {
  plan?: typeof TENANT_PLANS[number];
  status?: typeof TENANT_STATUSES[number];
  trialEndsAt?: Date | null;
  /** The end of the contract: the workspace locks then (null: no end). */
  lockAt?: Date | null;
}

/** Every tenant, oldest first. */
export function listTenants(db: Db): Promise<TenantRow[]> {
  return db.select().from(tenants).orderBy(asc(tenants.createdAt), asc(tenants.id));
}

/** Finds a tenant by its id or its Entra tenant id. */
export async function findTenant(db: Db, idOrEntraId: string): Promise<TenantRow> {
  const [byId] = await db.select().from(tenants).where(eq(tenants.id, idOrEntraId)).limit(1);
  if (byId) return byId;
  const [byEntra] = await db.select().from(tenants).where(eq(tenants.entraTenantId, idOrEntraId))
    .limit(1);
  if (!byEntra) throw new ProblemError(404, undefined, `No tenant ${idOrEntraId}.`);
  return byEntra;
}

/** Changes plan, status or trial end; leaving the trial plan clears the trial end. */
export async function changeTenant(db: Db, idOrEntraId: string, change: TenantChange) {
  const tenant = await findTenant(db, idOrEntraId);
  const plan = change.plan ?? tenant.plan;
  const trialEndsAt = change.trialEndsAt !== undefined
    ? change.trialEndsAt
    : plan === "trial"
    ? tenant.trialEndsAt
    : null;
  await db.update(tenants).set({
    plan,
    status: change.status ?? tenant.status,
    trialEndsAt,
    ...(change.lockAt !== undefined ? { lockAt: change.lockAt } : {}),
    // Active again: the lock is over, so no purge counts from it any more.
    ...(change.status === "active" ? { lockedAt: null } : {}),
    updatedAt: new Date(),
  }).where(eq(tenants.id, tenant.id));
  return await findTenant(db, tenant.id);
}
