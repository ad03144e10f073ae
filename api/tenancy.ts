// Tenancy: the tenant and the user come from the verified credential only, never from a
// header, the path or the body. Unknown tenants are told to start a trial; suspended or
// offboarding tenants are locked out of every route.
import { and, eq } from "drizzle-orm";
import type { Context, MiddlewareHandler } from "hono";
import { type Role, ROLES, tenants, users } from "../schema/core.ts";
import { authenticateApiKey } from "./api_keys/service.ts";
import { auditRefusedCredential } from "./audit/middleware.ts";
import { AuthError, type TokenVerifier, type VerifiedToken } from "./auth/verify.ts";
import type { Db } from "./db/client.ts";
import { isDuplicateKey } from "./db/errors.ts";
import { uuidv7 } from "./db/ids.ts";
import { TenantScope } from "./db/tenant_scope.ts";
import type { AppEnv, Principal, TenantInfo } from "./env.ts";
import { requireFeature } from "./plans.ts";
import { ProblemError } from "./problem.ts";
import { bearerValue } from "./auth/credentials.ts";
import type { TenantCache } from "./tenant_cache/mod.ts";
import { IDENTITY_MAX_AGE_MS } from "./tenant_cache/identities.ts";
import { LastSeen } from "./users/last_seen.ts";

const RANK: Record<Role, number> = { reader: 1, modeler: 2, executive: 3 };

/** Whether `role` is at least `lowest`. */
export const roleAllows = (role: Role, lowest: Role) => RANK[role] >= RANK[lowest];

export interface TenancyDeps {
  db: Db;
  verifier: TokenVerifier;
  /** Remembered identities and the tenant data versions they are valid under. */
  tenantCache: TenantCache;
  /** Writes users' "last seen" now and then (one per instance by default). */
  lastSeen?: LastSeen;
}

export type Authenticator = ((c: Context<AppEnv>) => Promise<void>) & {
  /**
   * What a bearer token (the Authorization header's value) ran as on an earlier request, when
   * the token is still remembered as verified and that identity is not past its age; nothing
   * is fetched. The caller still compares `version` with the tenant's current one.
   */
  remembered(authorization: string): RememberedIdentity | undefined;
};

/** A token's tenant and principal (frozen, shared by its requests) and their data version. */
export interface RememberedIdentity {
  tenant: TenantInfo;
  principal: Principal;
  version: string;
}

/**
 * Tenancy: verifies the credential and sets tenant, principal, scope and the tenant's data
 * version on `c`, or throws the 401/403 problem (api/tenant_gate.ts calls it in its layer).
 */
export function authenticator(deps: TenancyDeps): Authenticator {
  const { db, verifier } = deps;
  const { versions, identities } = deps.tenantCache;
  const lastSeen = deps.lastSeen ?? new LastSeen();
  // Keyed by the verifier's remembered result (the same object for the same token text, so
  // no second hashing of the token): what the token ran as. Gone with the verifier's entry.
  const sessions = new WeakMap<VerifiedToken, Session>();
  const remembered = (authorization: string): RememberedIdentity | undefined => {
    // API keys (also as a bearer value) take their own path in `authenticate`.
    if (authorization.includes("pk_")) return undefined;
    const value = bearerValue(authorization);
    const token = value === undefined ? undefined : deps.verifier.remembered?.(value);
    const session = token && sessions.get(token);
    return session && Date.now() < session.until ? session : undefined;
  };
  const authenticate = async (c: Context<AppEnv>) => {
    const header = c.req.header("authorization");
    const apiKey = c.req.header("x-api-key");
    // An API key (X-API-Key, or a bearer value in the key format) takes its own path.
    const key = (apiKey !== undefined || header?.includes("pk_")) && await authenticateApiKey(db, {
      apiKey,
      authorization: header,
      requestId: c.get("requestId"),
      changed: (tenantId) => versions.changed(tenantId),
    });
    if (key) {
      c.set("tenant", key.tenant);
      c.set("principal", key.principal);
      c.set("scope", new TenantScope(db, key.tenant.id));
      c.set("tenantVersion", await versions.current(key.tenant.id));
      return;
    }
    const token = await verifyBearer(verifier, header);
    // A token seen within IDENTITY_MAX_AGE_MS under the tenant's current version: the same
    // tenant, principal and scope as then (a role change, a deactivation or a locked tenant
    // replaces the version, so none of them is reused past its change).
    const session = sessions.get(token);
    if (session) {
      const current = await versions.current(session.tenant.id);
      if (current !== null && current === session.version && Date.now() < session.until) {
        c.set("tenant", session.tenant);
        c.set("principal", session.principal);
        c.set("scope", session.scope);
        c.set("tenantVersion", current);
        return;
      }
      sessions.delete(token);
    }
    // The version is read before any row, so a row remembered under it is never older than it.
    const knownId = identities.tenantIdOf(token.tid);
    const version = knownId ? await versions.current(knownId) : null;
    let tenant = knownId && version ? identities.tenant(knownId, version) : undefined;
    if (!tenant) {
      [tenant] = await db.select().from(tenants).where(eq(tenants.entraTenantId, token.tid))
        .limit(1);
      if (tenant) identities.rememberTenant(tenant, tenant.id === knownId ? version : null);
    }
    if (!tenant || tenant.status === "deleted") {
      throw new ProblemError(
        403,
        "tenant-unknown",
        "Your organisation has no Procedo workspace yet: start a free trial with POST /api/v1/tenants/trial",
      );
    }
    // The token is verified, so the tenant is known for sure: refusals are audited.
    if (tenant.status !== "active") {
      await auditRefusedCredential(db, tenant.id, "tenant-locked", c.get("requestId"));
      throw new ProblemError(403, "tenant-locked", `This workspace is ${tenant.status}.`);
    }
    const info: TenantInfo = {
      id: tenant.id,
      name: tenant.name,
      plan: tenant.plan,
      status: tenant.status,
      trialEndsAt: tenant.trialEndsAt,
    };
    const usable = tenant.id === knownId ? version : null;
    if (token.appOnly) {
      // Applications are no users: no user row, a role from their app roles only.
      const principal = appPrincipal(tenant.id, token.oid, token.name, token.roles, info);
      settle(c, token, info, principal, usable);
      return;
    }
    let user = usable ? identities.user(tenant.id, token.oid, usable) : undefined;
    let joined = false;
    if (!user) {
      const found = await findOrCreateUser(db, tenant.id, token.oid, token.name ?? "Unnamed user");
      ({ user, created: joined } = found);
      // A new member shows in the tenant's lists: what was remembered is stale now.
      if (joined) await versions.changed(tenant.id);
      else if (usable) identities.rememberUser(user, usable);
    }
    if (!user.active) {
      await auditRefusedCredential(db, tenant.id, "user-deactivated", c.get("requestId"), {
        actorId: user.id,
      });
      throw new ProblemError(403, "user-deactivated", "Your account is deactivated.");
    }
    await lastSeen.seen(db, user);
    const principal: Principal = {
      kind: "user",
      tenantId: tenant.id,
      userId: user.id,
      role: user.role,
      displayName: user.displayName,
    };
    // A user who joined just now changed the tenant's version: nothing is reused this time.
    settle(c, token, info, principal, joined ? null : usable);
  };
  return Object.assign(authenticate, { remembered });

  /** Sets what the request runs as and, under a known version, remembers it for the token. */
  function settle(
    c: Context<AppEnv>,
    token: VerifiedToken,
    tenant: TenantInfo,
    principal: Principal,
    version: string | null,
  ) {
    const scope = new TenantScope(db, tenant.id);
    c.set("tenant", tenant);
    c.set("principal", principal);
    c.set("scope", scope);
    c.set("tenantVersion", version);
    if (version === null) return;
    // Shared by the token's next requests: frozen, so no request can change another's.
    sessions.set(token, {
      tenant: Object.freeze(tenant),
      principal: Object.freeze(principal),
      scope,
      version,
      until: Date.now() + IDENTITY_MAX_AGE_MS,
    });
  }
}

/** What a verified token ran as, valid under `version` until `until`. */
interface Session {
  tenant: TenantInfo;
  principal: Principal;
  scope: TenantScope;
  version: string;
  until: number;
}

/** App roles of the Procedo API registration and the role each grants. */
export const APP_ROLES: Record<string, Role> = {
  "Procedo.Read": "reader",
  "Procedo.ReadWrite": "modeler",
};

function appPrincipal(
  tenantId: string,
  oid: string,
  name: string | undefined,
  roles: string[],
  tenant: TenantInfo,
): Principal {
  requireFeature(tenant, "publicApi");
  const granted = roles.map((r) => APP_ROLES[r]).filter(Boolean);
  if (!granted.length) {
    throw new ProblemError(
      403,
      "app-role-required",
      `The application needs one of the app roles ${Object.keys(APP_ROLES).join(", ")}.`,
    );
  }
  const role = granted.reduce((a, b) => (RANK[b] > RANK[a] ? b : a));
  return { kind: "app", tenantId, userId: oid, role, displayName: name ?? "Application" };
}

/** Verifies `Authorization: Bearer <token>`; a missing or refused token is a 401 problem. */
export async function verifyBearer(verifier: TokenVerifier, header: string | undefined) {
  const value = bearerValue(header);
  if (!value) {
    throw new ProblemError(401, undefined, "Send an access token as Authorization: Bearer …", {}, {
      "WWW-Authenticate": 'Bearer realm="procedo"',
    });
  }
  try {
    return await verifier.verify(value);
  } catch (e) {
    if (!(e instanceof AuthError)) throw e;
    throw new ProblemError(401, "invalid-token", `Access token refused: ${e.message}`, {}, {
      "WWW-Authenticate": 'Bearer realm="procedo", error="invalid_token"',
    });
  }
}

/**
 * Refuses the request unless the caller's role is at least `lowest`; with `personOnly`, also
 * unless the caller is a person (API keys and applications never administer a workspace).
 */
export function requireRole(
  lowest: Role,
  action: string,
  opts: { personOnly?: boolean } = {},
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = c.get("principal");
    if (!principal) throw new ProblemError(401);
    if (opts.personOnly && principal.kind !== "user") {
      throw new ProblemError(
        403,
        "user-required",
        `"${action}" administers the workspace: only a person signed in with their own account may do it, never an ${
          principal.kind === "api-key" ? "API key" : "application"
        }, whatever role it carries.`,
        { action, rule: "administration-needs-a-person", credential: principal.kind },
      );
    }
    if (!roleAllows(principal.role, lowest)) {
      throw new ProblemError(
        403,
        "role-required",
        `"${action}" needs the role ${lowest}; you are ${principal.role}.`,
        { action, requiredRole: lowest },
      );
    }
    await next();
  };
}

/** Users appear on their first request; the first user of a tenant becomes executive. */
export async function findOrCreateUser(db: Db, tenantId: string, oid: string, name: string) {
  const where = and(eq(users.tenantId, tenantId), eq(users.oid, oid));
  const [existing] = await db.select().from(users).where(where).limit(1);
  if (existing) return { user: existing, created: false };
  const [anyone] = await db.select({ id: users.id }).from(users).where(eq(users.tenantId, tenantId))
    .limit(1);
  const row = {
    tenantId,
    id: uuidv7(),
    oid,
    displayName: name.slice(0, 200),
    role: (anyone ? "reader" : "executive") as Role,
    active: 1,
    createdAt: new Date(),
  };
  try {
    await db.insert(users).values(row);
  } catch (e) {
    // A parallel first request created the user: read theirs.
    if (!isDuplicateKey(e)) throw e;
  }
  const [created] = await db.select().from(users).where(where).limit(1);
  return { user: created, created: true };
}

export { ROLES };
