// Who may be in a live draft: a person of the tenant who may edit drafts (modeler or
// executive, the same rule as PUT /processes/{id}/draft), while the tenant is active and its
// trial has not ended. Checked when the ticket is issued and again while the connection
// lives (see LiveRoom#authorize): a role lowered, an account deactivated or a workspace
// suspended ends the connection at the next message.
import { and, eq } from "drizzle-orm";
import type { Db } from "../../api/db/client.ts";
import { trialExpired } from "../../api/plans.ts";
import { roleAllows } from "../../api/tenancy.ts";
import { type Role, tenants, users } from "../../schema/core.ts";

/** The role that may edit drafts, and so join them live. */
export const EDIT_ROLE: Role = "modeler";

/** The person a ticket was issued to. */
export interface LivePrincipal {
  tenantId: string;
  userId: string;
  displayName: string;
  role: Role;
  /**
   * When the sign-in the ticket was bought with expires (ms since the epoch): the connection
   * ends then, and the next one needs a ticket bought with a fresh sign-in.
   */
  expiresAt?: number;
}

/**
 * The person as the database says now, or null when they may no longer edit: unknown or
 * deactivated user, role below modeler, tenant locked or its trial ended.
 */
export async function currentPrincipal(db: Db, who: LivePrincipal): Promise<LivePrincipal | null> {
  const [row] = await db.select({
    role: users.role,
    active: users.active,
    displayName: users.displayName,
    status: tenants.status,
    plan: tenants.plan,
    trialEndsAt: tenants.trialEndsAt,
  }).from(users).innerJoin(tenants, eq(tenants.id, users.tenantId))
    .where(and(eq(users.tenantId, who.tenantId), eq(users.id, who.userId))).limit(1);
  if (!row || !row.active || row.status !== "active" || trialExpired(row)) return null;
  if (!roleAllows(row.role, EDIT_ROLE)) return null;
  return { ...who, role: row.role, displayName: row.displayName };
}
