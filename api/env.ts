// The per-request context every handler sees (Hono `Variables`).
import type { Role } from "../schema/core.ts";
import type { TenantScope } from "./db/tenant_scope.ts";

/** Who is calling: established from a verified credential only. */
export interface Principal {
  /** A person, an API key, or an application calling with an app-only Entra token. */
  kind: "user" | "api-key" | "app";
  tenantId: string;
  userId: string;
  role: Role;
  displayName: string;
}

export interface TenantInfo {
  id: string;
  name: string;
  plan: "trial" | "standard" | "excellence";
  status: "active" | "suspended" | "offboarding" | "deleted";
  trialEndsAt: Date | null;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    principal?: Principal;
    tenant?: TenantInfo;
    /** Data access for the request's tenant; set by the tenancy middleware. */
    scope: TenantScope;
    /**
     * The tenant's data version read before its identity rows (see api/tenant_cache/); null
     * when nothing may be reused for this request.
     */
    tenantVersion?: string | null;
    /**
     * What a handler adds to its write's audit entry (small, no personal data), e.g. the
     * settings changed with their values before and after.
     */
    auditDetails?: Record<string, unknown>;
  };
}
