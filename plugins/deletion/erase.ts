// Erasing a person (GDPR Art. 17), in one transaction: the person's own row (a user of the
// core or a row of the plugin table holding that kind of person) is anonymised from the
// `personalData` marks, a user is deactivated and loses its Entra oid, every plugin's
// onPersonErase hook removes what it holds beyond that, copies of the former values quoted
// in free text are replaced, the tenant's marked columns are searched for them (expected
// none), and the deletion protocol is written with its hash in the audit chain. Ids stay:
// they are pseudonymous once the row is.
import { and, eq, getTableColumns } from "drizzle-orm";
import { appendAudit, canonicalJson } from "../../api/audit/chain.ts";
import { uuidv7 } from "../../api/db/ids.ts";
import { TenantScope, type TenantTable } from "../../api/db/tenant_scope.ts";
import type { ErasedPerson, PluginDeps } from "../../api/plugin.ts";
import { ProblemError } from "../../api/problem.ts";
import { SYSTEM_TENANT_ID } from "../../schema/background.ts";
import { users } from "../../schema/core.ts";
import { anonymisedPatch, markedTables, remainingValues, replaceCopies } from "./erase_columns.ts";
import { pseudonymOf } from "./links.ts";
import { PROTOCOL_FORMAT } from "./protocol.ts";
import { deletionProtocols } from "./schema.ts";

export type PersonKind = ErasedPerson["kind"];

/** The table where each kind of person lives (users: the core; employees: the org chart). */
const KIND_TABLES: Record<PersonKind, string> = { user: "users", employee: "employees" };

export const ERASE_METHOD = "anonymised";

/** The protocol of an erasure: the shape of a purge's protocol, about one person. */
export interface ErasureProtocol {
  format: typeof PROTOCOL_FORMAT;
  id: string;
  jobId: string;
  tenantId: string;
  reason: "person erasure";
  /** The erased person by kind, id and pseudonym: never a name. */
  person: { kind: PersonKind; id: string; pseudonym: string; displayName: string };
  requestedBy: string;
  requestedAt: string;
  startedAt: string;
  finishedAt: string;
  method: typeof ERASE_METHOD;
  batchSize: number;
  /** Rows changed per table (the own row anonymised, the hooks' removals and replacements). */
  deleted: { table: string; rows: number; declared: boolean }[];
  hooks: string[];
  cacheKeys: number;
  /** Per personal-data column ("table.column") and the audit trail's details: rows still
   * holding a former name or address of the person. */
  verification: { table: string; remaining: number }[];
  verified: boolean;
}

export interface EraseResult {
  protocol: ErasureProtocol;
  sha256: string;
}

/**
 * Erases the person `kind`/`id` of the scope's tenant on behalf of user `callerId`: 404 when
 * no such person, 409 when already erased, the caller themself or the last active executive.
 */
export async function erasePerson(
  deps: PluginDeps,
  scope: TenantScope,
  input: { kind: PersonKind; id: string },
  callerId: string,
): Promise<EraseResult> {
  const marked = markedTables(deps.plugins).find((m) => m.name === KIND_TABLES[input.kind]);
  const notFound = () => new ProblemError(404, undefined, `No ${input.kind} ${input.id}.`);
  if (!marked) throw notFound();
  const table = marked.table as TenantTable & Record<string, never>;
  const columns = getTableColumns(marked.table);
  if (!columns.id) throw notFound();
  if (input.kind === "user" && input.id === callerId) {
    throw new ProblemError(409, "erase-self", "You cannot erase yourself: ask another executive.");
  }
  // Outside the transaction: the first call creates the signing key (links.ts). A user gets
  // the pseudonym protocols give a user who requests (requestedBy), so the two match.
  const pseudonym = await pseudonymOf(
    deps,
    input.kind === "user" ? input.id : `${input.kind}:${input.id}`,
  );
  const requestedBy = await pseudonymOf(deps, callerId);
  const label = `Former ${input.kind} ${pseudonym.slice(2, 8)}`;
  const startedAt = new Date();

  const result = await scope.transaction(async (tx) => {
    const byId = eq(columns.id, input.id);
    if (input.kind === "user") await lastExecutiveCheck(tx, input.id);
    const row = await tx.first(table, byId, { forUpdate: true }) as
      | Record<string, unknown>
      | undefined;
    if (!row) throw notFound();
    const { patch, former } = anonymisedPatch(marked, row, label, pseudonym);
    if (Object.values(row).some((v) => v === label)) {
      throw new ProblemError(409, "already-erased", `This ${input.kind} is already erased.`);
    }
    if ("version" in columns) patch.version = Number(row.version) + 1;
    if ("updatedAt" in columns) patch.updatedAt = new Date();
    if (input.kind === "user") patch.active = 0;
    await tx.update(table, patch as never, byId);

    const person: ErasedPerson = { kind: input.kind, id: input.id, pseudonym: label, former };
    const changed: Record<string, number> = { [marked.name]: 1 };
    const hooks: string[] = [];
    for (const p of deps.plugins) {
      if (!p.onPersonErase) continue;
      const counts = await p.onPersonErase({
        ...deps,
        db: tx.db,
        tenantId: scope.tenantId,
        scope: tx,
        person,
      });
      hooks.push(p.name);
      for (const [t, n] of Object.entries(counts ?? {})) changed[t] = (changed[t] ?? 0) + n;
    }
    // Then copies quoted in free text (a comment naming the person), in every marked column.
    const copies = await replaceCopies(tx.db, scope.tenantId, deps.plugins, former, label);
    for (const [t, n] of Object.entries(copies)) changed[t] = (changed[t] ?? 0) + n;
    const verification = await remainingValues(tx.db, scope.tenantId, deps.plugins, former);
    const finishedAt = new Date();
    const id = uuidv7();
    const protocol: ErasureProtocol = {
      format: PROTOCOL_FORMAT,
      id,
      jobId: id,
      tenantId: scope.tenantId,
      reason: "person erasure",
      person: { kind: input.kind, id: input.id, pseudonym, displayName: label },
      requestedBy,
      requestedAt: startedAt.toISOString(),
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      method: ERASE_METHOD,
      batchSize: 1,
      deleted: Object.entries(changed).filter(([_, n]) => n > 0)
        .map(([t, rows]) => ({ table: t, rows, declared: true })),
      hooks,
      cacheKeys: 0,
      verification,
      verified: verification.every((v) => v.remaining === 0),
    };
    const sha256 = await hashOf(protocol);
    await new TenantScope(tx.db, SYSTEM_TENANT_ID).insert(deletionProtocols, {
      id,
      subjectTenantId: scope.tenantId,
      jobId: id,
      reason: protocol.reason,
      document: canonicalJson(protocol),
      sha256,
      createdAt: finishedAt,
    });
    await appendAudit(tx.db, {
      tenantId: SYSTEM_TENANT_ID,
      actorType: "system",
      action: "deletion.protocol",
      targetType: "deletion-protocol",
      targetId: id,
      details: {
        sha256,
        reason: protocol.reason,
        subjectTenantId: scope.tenantId,
        verified: protocol.verified,
      },
    });
    return { protocol, sha256 };
  });
  return result;
}

/** 409 when `userId` is the tenant's last active executive (the executives' rows locked). */
async function lastExecutiveCheck(tx: TenantScope, userId: string) {
  const executives = await tx.select(users, {
    where: and(eq(users.role, "executive"), eq(users.active, 1)),
    forUpdate: true,
  });
  if (executives.some((u) => u.id === userId) && executives.length <= 1) {
    throw new ProblemError(
      409,
      "last-executive",
      "This is the last active executive: make someone else executive first.",
    );
  }
}

async function hashOf(doc: ErasureProtocol): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(canonicalJson(doc)),
  );
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
