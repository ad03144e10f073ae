// Who a token belongs to, remembered per instance: the tenant of an Entra tenant id and the
// user of an object id, each valid only under the tenant data version it was read under. A
// role change, a deactivation or a locked tenant changes the version, so they apply to the
// very next request, in every instance that shares the cache.
import type { tenants, users } from "../../schema/core.ts";
import { Lru } from "./lru.ts";

export type TenantRow = typeof tenants.$inferSelect;
export type UserRow = typeof users.$inferSelect;

interface Versioned<T> {
  version: string;
  row: T;
}

/** Changes made outside the API (the operator CLI, SQL) apply within this time at the latest. */
export const IDENTITY_MAX_AGE_MS = 30_000;
const MAX_TENANTS = 10_000;
const MAX_USERS = 100_000;

export class Identities {
  /** Entra tenant id → our tenant id. A mapping that never changes, so no version. */
  #tenantIds = new Lru<string>(MAX_TENANTS, 24 * 3600_000);
  #tenants = new Lru<Versioned<TenantRow>>(MAX_TENANTS, IDENTITY_MAX_AGE_MS);
  #users = new Lru<Versioned<UserRow>>(MAX_USERS, IDENTITY_MAX_AGE_MS);

  /** Our id of the tenant with this Entra tenant id, when seen before. */
  tenantIdOf(entraTenantId: string): string | undefined {
    return this.#tenantIds.get(entraTenantId);
  }

  tenant(tenantId: string, version: string): TenantRow | undefined {
    const hit = this.#tenants.get(tenantId);
    return hit?.version === version ? hit.row : undefined;
  }

  /** Remembers a tenant read after its version `version` was read (null: only its id). */
  rememberTenant(row: TenantRow, version: string | null) {
    this.#tenantIds.set(row.entraTenantId, row.id);
    if (version) this.#tenants.set(row.id, { version, row });
  }

  user(tenantId: string, oid: string, version: string): UserRow | undefined {
    const hit = this.#users.get(`${tenantId}:${oid}`);
    return hit?.version === version ? hit.row : undefined;
  }

  /** Remembers a user read after its tenant's version `version` was read. */
  rememberUser(row: UserRow, version: string) {
    this.#users.set(`${row.tenantId}:${row.oid}`, { version, row });
  }
}
