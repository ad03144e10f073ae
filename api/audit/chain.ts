// The audit trail as a hash chain: each entry's hash covers its own fields and the hash of
// the entry before it, so editing, deleting or reordering stored entries shows in
// verifyChain (verify.ts); signed anchors (anchors.ts) show a rewrite of entries and head
// together. Appends are serialised per tenant by locking the tenant's head row.
// Hashing uses Web Crypto only, so this runs on Deno and on Workers alike.
import { eq } from "drizzle-orm";
import { type ActorType, auditHeads, auditLog, type AuditRow } from "../../schema/audit.ts";
import type { Db } from "../db/client.ts";
import { uuidv7 } from "../db/ids.ts";
import { TenantScope } from "../db/tenant_scope.ts";

/** The `prev_hash` of a tenant's first entry. */
export const GENESIS_HASH = "0".repeat(64);

/** What a caller records; sequence, time and hashes are added by appendAudit. */
export interface AuditEntry {
  tenantId: string;
  actorType: ActorType;
  /** A user id or API key id: never a name or an e-mail address. */
  actorId?: string | null;
  /** e.g. "tags.write", "auth.refused", "users.role-changed". */
  action: string;
  method?: string | null;
  /** The route pattern, not the raw path. */
  route?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  requestId?: string | null;
  status?: number | null;
  /** Small and free of personal data; at most 4 KB as JSON. */
  details?: Record<string, unknown>;
}

const MAX_DETAILS_BYTES = 4096;

/** Appends one entry to its tenant's chain and returns the stored row. */
export async function appendAudit(db: Db, entry: AuditEntry): Promise<AuditRow> {
  const draft = normalise(entry);
  for (let attempt = 1;; attempt++) {
    try {
      const row = await _appendLocked(db, draft);
      if (row) return row;
      // The tenant's first entry: create its head (a no-op if a parallel request did), then
      // append under the head's lock like every later entry.
      await db.insert(auditHeads).ignore().values({
        tenantId: draft.tenantId,
        lastSeq: 0,
        lastHash: GENESIS_HASH,
      });
      const first = await _appendLocked(db, draft);
      if (!first) throw new Error(`audit: no chain head for tenant ${draft.tenantId}`);
      return first;
    } catch (e) {
      if (attempt < 2 && _isDeadlock(e)) continue;
      throw e;
    }
  }
}

/**
 * SHA-256 (hex) of an entry's canonical form: a JSON array of its fields in a fixed order,
 * the time as ISO 8601 with milliseconds, details with sorted keys, and the previous hash.
 */
export async function hashEntry(row: Omit<AuditRow, "hash">): Promise<string> {
  const canonical = canonicalJson([
    "procedo-audit/1",
    row.tenantId,
    row.seq,
    row.id,
    row.at.toISOString(),
    row.actorType,
    row.actorId ?? null,
    row.action,
    row.method ?? null,
    row.route ?? null,
    row.targetType ?? null,
    row.targetId ?? null,
    row.requestId ?? null,
    row.status ?? null,
    row.details,
    row.prevHash,
  ]);
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonical));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** JSON with object keys sorted (as RFC 8785 does), so equal values serialise equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

type Draft = Omit<AuditRow, "seq" | "at" | "prevHash" | "hash">;

/** Appends under the head's lock; undefined when the tenant has no head yet. */
function _appendLocked(db: Db, draft: Draft): Promise<AuditRow | undefined> {
  return new TenantScope(db, draft.tenantId).transaction(async (tx) => {
    const head = await tx.first(auditHeads, undefined, { forUpdate: true });
    if (!head) return undefined;
    // Taken under the lock, so times rise with seq (on one clock).
    const unhashed = { ...draft, seq: head.lastSeq + 1, at: new Date(), prevHash: head.lastHash };
    const row: AuditRow = { ...unhashed, hash: await hashEntry(unhashed) };
    await tx.insert(auditLog, row);
    await tx.update(
      auditHeads,
      { lastSeq: row.seq, lastHash: row.hash },
      eq(auditHeads.tenantId, draft.tenantId),
    );
    return row;
  });
}

/** Fits the entry to its columns, so what is hashed is exactly what is stored. */
function normalise(e: AuditEntry): Draft {
  let details = JSON.parse(JSON.stringify(e.details ?? {})) as Record<string, unknown>;
  if (new TextEncoder().encode(JSON.stringify(details)).length > MAX_DETAILS_BYTES) {
    details = { omitted: `details exceeded ${MAX_DETAILS_BYTES} bytes` };
  }
  return {
    tenantId: e.tenantId,
    id: uuidv7(),
    actorType: e.actorType,
    actorId: _clip(e.actorId, 64),
    action: _clip(e.action, 100)!,
    method: _clip(e.method, 10),
    route: _clip(e.route, 300),
    targetType: _clip(e.targetType, 60),
    targetId: _clip(e.targetId, 100),
    requestId: _clip(e.requestId, 128),
    status: e.status ?? null,
    details,
  };
}

/** At most `n` characters, never splitting a surrogate pair. */
function _clip(s: string | null | undefined, n: number): string | null {
  if (s === undefined || s === null) return null;
  return s.length <= n ? s : [...s].slice(0, n).join("");
}

function _isDeadlock(e: unknown): boolean {
  for (
    let x = e as
      | { code?: unknown; errno?: unknown; message?: unknown; cause?: unknown }
      | undefined;
    x;
    x = x.cause as typeof x
  ) {
    if (x.code === "ER_LOCK_DEADLOCK" || x.errno === 1213) return true;
    if (/Deadlock found|\(errno 1213\)/.test(String(x.message ?? ""))) return true;
  }
  return false;
}
