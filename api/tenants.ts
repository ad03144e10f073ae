// Creating tenants (demo seed now, self-service trial later) and running every plugin's
// onTenantCreated hook so a new workspace starts with sample content.
import { eq } from "drizzle-orm";
import { type Role, tenants, users } from "../schema/core.ts";
import { DEMO_TENANTS } from "./demo.ts";
import { uuidv7 } from "./db/ids.ts";
import { TenantScope } from "./db/tenant_scope.ts";
import type { PluginDeps } from "./plugin.ts";

export interface NewTenant {
  entraTenantId: string;
  name: string;
  plan: "trial" | "standard" | "excellence";
  trialEndsAt?: Date | null;
  /** Users to create before the plugins seed the tenant (the demo tenants' people). */
  users?: { oid: string; name: string; role: Role }[];
}

/** Creates a tenant and seeds it through every plugin's onTenantCreated, in deps.plugins order. */
export async function createTenant(deps: PluginDeps, t: NewTenant) {
  const now = new Date();
  const id = uuidv7();
  await deps.db.insert(tenants).values({
    id,
    entraTenantId: t.entraTenantId,
    name: t.name,
    plan: t.plan,
    status: "active",
    trialEndsAt: t.trialEndsAt ?? null,
    region: "local",
    settings: {},
    createdAt: now,
    updatedAt: now,
  });
  if (t.users?.length) {
    await deps.db.insert(users).values(t.users.map((u) => ({
      tenantId: id,
      id: uuidv7(),
      oid: u.oid,
      displayName: u.name,
      role: u.role,
      active: 1,
      createdAt: now,
    })));
  }
  const scope = new TenantScope(deps.db, id);
  for (const p of deps.plugins) await p.onTenantCreated?.({ ...deps, tenantId: id, scope });
  return id;
}

/** Seeds the demo tenants and their users once; later runs leave them as they are. */
export async function seedDemoTenants(deps: PluginDeps) {
  const created: string[] = [];
  for (const demo of DEMO_TENANTS) {
    const [existing] = await deps.db.select({ id: tenants.id }).from(tenants)
      .where(eq(tenants.entraTenantId, demo.entraTenantId)).limit(1);
    if (existing) continue;
    // The people first, so plugins can seed content that names them.
    await createTenant(deps, {
      entraTenantId: demo.entraTenantId,
      name: demo.name,
      plan: "excellence",
      users: demo.users,
    });
    created.push(demo.name);
  }
  return created;
}
