// The deletion protocol: what was deleted (table → rows), why, who asked (a pseudonymous id),
// when, how, and the verification — one count per table with a tenant_id column, read from
// the database's catalogue after the purge, expected zero. It holds no personal data and is
// kept under the system tenant; its SHA-256 goes into the system tenant's audit chain.
import { and, desc, eq } from "drizzle-orm";
import { appendAudit, canonicalJson } from "../../api/audit/chain.ts";
import { uuidv7 } from "../../api/db/ids.ts";
import type { PluginDeps } from "../../api/plugin.ts";
import { SYSTEM_TENANT_ID } from "../../schema/background.ts";
import { systemScope } from "./jobs.ts";
import { deletionProtocols, type ProtocolRow, type PurgeReason } from "./schema.ts";

export const PROTOCOL_FORMAT = "procedo-deletion-protocol/1";
export const PURGE_METHOD = "batched DELETE + hooks";

export interface ProtocolDocument {
  format: typeof PROTOCOL_FORMAT;
  id: string;
  jobId: string;
  /** The workspace's id (not its name: the name is gone with it). */
  tenantId: string;
  reason: PurgeReason;
  /** A pseudonymous id of the executive who asked, or "system" (contract end). */
  requestedBy: string;
  requestedAt: string;
  startedAt: string;
  finishedAt: string;
  method: typeof PURGE_METHOD;
  batchSize: number;
  /** Rows deleted per table; `declared` says whether a plugin or the core declared it. */
  deleted: { table: string; rows: number; declared: boolean }[];
  /** Plugins whose onTenantPurge hook ran. */
  hooks: string[];
  /** Cache keys of the workspace removed. */
  cacheKeys: number;
  /** One entry per table having a tenant_id column, after the purge. */
  verification: { table: string; remaining: number }[];
  /** Whether every count of `verification` is zero. */
  verified: boolean;
}

/** SHA-256 (hex) of the protocol's canonical JSON. */
export async function protocolHash(doc: ProtocolDocument): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(canonicalJson(doc)),
  );
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Stores the protocol and appends its hash to the system tenant's audit chain. */
export async function recordProtocol(
  deps: PluginDeps,
  draft: Omit<ProtocolDocument, "format" | "id">,
): Promise<ProtocolRow> {
  const doc: ProtocolDocument = { format: PROTOCOL_FORMAT, id: uuidv7(), ...draft };
  const sha256 = await protocolHash(doc);
  const row: ProtocolRow = {
    tenantId: SYSTEM_TENANT_ID,
    id: doc.id,
    subjectTenantId: doc.tenantId,
    jobId: doc.jobId,
    reason: doc.reason,
    document: canonicalJson(doc),
    sha256,
    createdAt: new Date(doc.finishedAt),
  };
  await systemScope(deps).insert(deletionProtocols, row);
  await appendAudit(deps.db, {
    tenantId: SYSTEM_TENANT_ID,
    actorType: "system",
    action: "deletion.protocol",
    targetType: "deletion-protocol",
    targetId: doc.id,
    details: { sha256, reason: doc.reason, subjectTenantId: doc.tenantId, verified: doc.verified },
  });
  return row;
}

/** The protocol of `jobId`, if written (a resumed runner does not write it twice). */
export async function protocolOfJob(deps: PluginDeps, jobId: string) {
  return await systemScope(deps).first(deletionProtocols, eq(deletionProtocols.jobId, jobId));
}

/** A protocol by id. */
export async function protocolById(deps: PluginDeps, id: string) {
  return await systemScope(deps).first(deletionProtocols, eq(deletionProtocols.id, id));
}

/** The protocols about `tenantId`, newest first. */
export async function protocolsOf(
  deps: PluginDeps,
  tenantId: string,
  page: { limit: number; offset: number },
) {
  const where = eq(deletionProtocols.subjectTenantId, tenantId);
  const scope = systemScope(deps);
  const [rows, total] = await Promise.all([
    scope.select(deletionProtocols, {
      where: and(where),
      orderBy: [desc(deletionProtocols.createdAt), desc(deletionProtocols.id)],
      limit: page.limit,
      offset: page.offset,
    }),
    scope.count(deletionProtocols, where),
  ]);
  return { rows, total };
}

export const documentOf = (row: ProtocolRow) => JSON.parse(row.document) as ProtocolDocument;
