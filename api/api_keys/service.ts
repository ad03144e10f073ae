// API keys: creating, listing and revoking them, and resolving a presented key to its tenant
// and role. The key is shown once; the database keeps only its SHA-256 (see schema/api_keys.ts).
//
// Format: pk_<tenant id as 32 hex>_<prefix: 8 base32>_<secret: 52 base32 = 256 random bits>.
// The tenant id in the key lets resolution go straight to the tenant's rows (one shard on
// Vitess, tenant_id being the shard key) and look the key up by (tenant_id, prefix) without a
// cross-tenant index. The tenant id is not a secret: it grants nothing without the secret.
// Lower-case base32 keeps the key free of characters that need quoting or break a
// double-click selection.
import { auditRefusedCredential } from "../audit/middleware.ts";
import { and, desc, eq, gt, isNull, lt, or } from "drizzle-orm";
import { type ApiKeyRow, apiKeys } from "../../schema/api_keys.ts";
import { type Role, tenants } from "../../schema/core.ts";
import type { Db } from "../db/client.ts";
import { isDuplicateKey } from "../db/errors.ts";
import { uuidv7 } from "../db/ids.ts";
import { TenantScope } from "../db/tenant_scope.ts";
import type { Principal, TenantInfo } from "../env.ts";
import { planAllows } from "../plans.ts";
import { ProblemError } from "../problem.ts";
import { bearerValue, constantTimeEqual } from "../auth/credentials.ts";

export const KEY_PATTERN = /^pk_([0-9a-f]{32})_([a-z2-7]{8})_([a-z2-7]{52})$/;
/** Active (not revoked, not expired) keys a tenant may hold at once. */
export const MAX_ACTIVE_KEYS = 100;
/** How often last_used_at is written per key, at most. */
const LAST_USED_EVERY_MS = 60_000;

export type ApiKeyStatus = "active" | "expired" | "revoked";

/** A key's metadata: everything but the secret and its hash. */
export interface ApiKey {
  id: string;
  name: string;
  role: Role;
  /** The public start of the key, to tell keys apart: pk_<tenant>_<prefix>. */
  keyPrefix: string;
  status: ApiKeyStatus;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface ApiKeyInput {
  name: string;
  role: Role;
  expiresAt: Date;
}

/** Creates a key; returns its metadata and the key itself, which is never shown again. */
export async function createApiKey(
  scope: TenantScope,
  input: ApiKeyInput,
  actorId: string,
): Promise<ApiKey & { key: string }> {
  const now = new Date();
  const active = await scope.count(
    apiKeys,
    and(isNull(apiKeys.revokedAt), gt(apiKeys.expiresAt, now)),
  );
  if (active >= MAX_ACTIVE_KEYS) {
    throw new ProblemError(
      409,
      "too-many-api-keys",
      `A workspace holds at most ${MAX_ACTIVE_KEYS} active API keys; revoke unused ones first.`,
      { limit: MAX_ACTIVE_KEYS },
    );
  }
  // The prefix is random: a collision within the tenant is unlikely (40 bits) and retried.
  for (let attempt = 0;; attempt++) {
    const prefix = base32(randomBytes(5));
    const key = `pk_${compactId(scope.tenantId)}_${prefix}_${base32(randomBytes(32))}`;
    const row = {
      id: uuidv7(),
      name: input.name,
      role: input.role,
      prefix,
      hash: await sha256Hex(key),
      createdBy: actorId,
      createdAt: now,
      expiresAt: input.expiresAt,
      revokedAt: null,
      lastUsedAt: null,
    };
    try {
      await scope.insert(apiKeys, row);
    } catch (e) {
      if (isDuplicateKey(e) && attempt < 3) continue;
      throw e;
    }
    return { ...toApiKey({ ...row, tenantId: scope.tenantId }, now), key };
  }
}

/** The tenant's keys, newest first, one page at a time (metadata only). */
export async function listApiKeys(scope: TenantScope, q: { limit: number; offset: number }) {
  const now = new Date();
  const [rows, total] = await Promise.all([
    scope.select(apiKeys, {
      orderBy: [desc(apiKeys.createdAt), desc(apiKeys.id)],
      limit: q.limit,
      offset: q.offset,
    }),
    scope.count(apiKeys),
  ]);
  return { items: rows.map((r) => toApiKey(r, now)), total, limit: q.limit, offset: q.offset };
}

/** Revokes a key at once; revoking a revoked key changes nothing. 404 for unknown ids. */
export async function revokeApiKey(scope: TenantScope, id: string): Promise<void> {
  const row = await scope.first(apiKeys, eq(apiKeys.id, id));
  if (!row) throw new ProblemError(404, undefined, `No API key ${id}.`);
  if (row.revokedAt) return;
  await scope.update(
    apiKeys,
    { revokedAt: new Date() },
    and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt))!,
  );
}

/** Who a request with an API key is. */
export interface ApiKeyCredential {
  tenant: TenantInfo;
  principal: Principal;
}

/**
 * Resolves the API key of a request, if it carries one: in `X-API-Key`, or as a bearer value
 * in the key format. Returns null when the request carries no API key (the token path
 * applies); throws 401 invalid-api-key for a key that is unknown, revoked, expired or whose
 * tenant lost the plan, and 403 tenant-locked for a suspended or offboarding tenant.
 */
export async function authenticateApiKey(
  db: Db,
  headers: {
    apiKey?: string;
    authorization?: string;
    requestId?: string;
    /** Told when the key's bookkeeping changed the tenant's data (the keys list). */
    changed?: (tenantId: string) => Promise<void>;
  },
  now = new Date(),
): Promise<ApiKeyCredential | null> {
  const headerKey = headers.apiKey?.trim();
  const bearer = bearerValue(headers.authorization);
  let presented: string;
  if (headerKey !== undefined) {
    if (headers.authorization !== undefined) {
      throw refused("Send one credential: Authorization or X-API-Key, not both.");
    }
    if (looksLikeJwt(headerKey)) {
      throw refused(
        "X-API-Key holds an access token (a JWT); send access tokens as Authorization: Bearer …",
      );
    }
    presented = headerKey;
  } else if (bearer?.startsWith("pk_")) {
    presented = bearer;
  } else {
    return null;
  }

  const parts = presented.match(KEY_PATTERN);
  if (!parts) throw refused("This is not a Procedo API key (pk_…).");
  const tenantId = expandId(parts[1]);
  const scope = new TenantScope(db, tenantId);
  // The hash is computed whether or not the prefix exists, so both cases take the same work.
  const [hash, row, tenantRows] = await Promise.all([
    sha256Hex(presented),
    scope.first(apiKeys, eq(apiKeys.prefix, parts[2])),
    db.select().from(tenants).where(eq(tenants.id, tenantId)).limit(1),
  ]);
  const tenant = tenantRows[0];
  if (!row || !constantTimeEqual(hash, row.hash)) throw refused("The API key is not known.");
  if (!tenant || tenant.status === "deleted") throw refused("The API key is not known.");
  // The secret matched, so the tenant is known for sure: refusals from here on are audited.
  const refuse = async (reason: string, error: ProblemError) => {
    await auditRefusedCredential(db, tenantId, reason, headers.requestId, {
      actorId: row.id,
      actorType: "api-key",
    });
    return error;
  };
  if (row.revokedAt) throw await refuse("api-key-revoked", refused("The API key was revoked."));
  if (row.expiresAt.getTime() <= now.getTime()) {
    throw await refuse("api-key-expired", refused("The API key has expired."));
  }
  if (!planAllows(tenant.plan, "apiKeys")) {
    throw await refuse(
      "plan-lacks-api-keys",
      refused(`API keys need the excellence plan; this workspace is on ${tenant.plan}.`),
    );
  }
  if (tenant.status !== "active") {
    throw await refuse(
      "tenant-locked",
      new ProblemError(403, "tenant-locked", `This workspace is ${tenant.status}.`),
    );
  }

  // last_used_at is bookkeeping: written at most once a minute per key, so a busy key does
  // not cost a write per request. The condition makes parallel requests write once.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_EVERY_MS) {
    await scope.update(
      apiKeys,
      { lastUsedAt: now },
      and(
        eq(apiKeys.id, row.id),
        or(
          isNull(apiKeys.lastUsedAt),
          lt(apiKeys.lastUsedAt, new Date(now.getTime() - LAST_USED_EVERY_MS)),
        ),
      )!,
    );
    await headers.changed?.(tenantId);
  }

  return {
    tenant: {
      id: tenant.id,
      name: tenant.name,
      plan: tenant.plan,
      status: tenant.status,
      trialEndsAt: tenant.trialEndsAt,
    },
    principal: {
      kind: "api-key",
      tenantId: tenant.id,
      userId: row.id,
      role: row.role,
      displayName: row.name,
    },
  };
}

function toApiKey(row: ApiKeyRow, now: Date): ApiKey {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    keyPrefix: `pk_${compactId(row.tenantId)}_${row.prefix}`,
    status: statusOf(row, now),
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

const statusOf = (row: ApiKeyRow, now: Date): ApiKeyStatus =>
  row.revokedAt ? "revoked" : row.expiresAt.getTime() <= now.getTime() ? "expired" : "active";

const refused = (detail: string) =>
  new ProblemError(401, "invalid-api-key", detail, {}, {
    "WWW-Authenticate": 'Bearer realm="procedo", error="invalid_token"',
  });

/** A JWT: three base64url segments (header.payload.signature). */
const looksLikeJwt = (value: string) =>
  value.startsWith("eyJ") || /^[\w-]+\.[\w-]+\.[\w-]*$/.test(value);

const compactId = (uuid: string) => uuid.replaceAll("-", "");

const expandId = (hex: string) =>
  `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${
    hex.slice(20)
  }`;

function randomBytes(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

/** RFC 4648 base32, lower case, without padding. */
function base32(bytes: Uint8Array): string {
  let out = "";
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)),
  );
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}
