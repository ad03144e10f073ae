// Verifying a tenant's audit trail: the chain is recomputed from its first entry, every
// signed anchor is checked (its signature, and that the chain still has the hash it signed
// at its entry), and the head is compared with the end of the chain. The chain alone shows
// edits and deletions made without recomputing the hashes; the anchors show a rewrite of
// entries and head together, and a tail deleted after an anchor.
import { desc, gt } from "drizzle-orm";
import { type AuditAnchorRow, auditHeads, auditLog } from "../../schema/audit.ts";
import type { Db } from "../db/client.ts";
import { TenantScope } from "../db/tenant_scope.ts";
import { anchorSigned, anchorsInOrder } from "./anchors.ts";
import { GENESIS_HASH } from "./chain.ts";
import type { AuditSigner } from "./signing.ts";
import { type BrokenEntry, walkEntries } from "./walk.ts";

export type { BreakReason, BrokenEntry } from "./walk.ts";

export interface Anchoring {
  /** The newest entry covered by a verified anchor (0: none). Later entries are unprotected. */
  anchoredThrough: number;
  /** When that anchor was signed. */
  lastAnchorAt: string | null;
}

export type VerifyResult =
  & ({ ok: true; count: number } | { ok: false; count: number; firstBroken: BrokenEntry })
  & Anchoring;

/** Recomputes the tenant's chain, checks its anchors and names the first break. */
export async function verifyChain(
  db: Db,
  tenantId: string,
  signer: AuditSigner,
): Promise<VerifyResult> {
  const scope = new TenantScope(db, tenantId);
  // The head is read first: entries appended while we read lie beyond it and wait for the
  // next verification.
  const head = await scope.first(auditHeads);
  const anchoring: Anchoring = { anchoredThrough: 0, lastAnchorAt: null };
  const nextAnchor = anchorsInOrder(scope);
  let anchor = await nextAnchor();

  const walked = await walkEntries(
    scope,
    { seq: 0, hash: GENESIS_HASH },
    head?.lastSeq,
    async (row) => {
      for (; anchor && anchor.seq <= row.seq; anchor = await nextAnchor()) {
        const forged = await forgedAnchor(signer, anchor);
        if (forged) return forged;
        if (anchor.seq < row.seq || anchor.hash !== row.hash) {
          return {
            seq: row.seq,
            id: row.id,
            reason: "anchor-mismatch",
            detail:
              `Entries up to ${row.seq} are not the ones signed on ${anchor.at.toISOString()}: entries after ${anchoring.anchoredThrough} were rewritten.`,
          };
        }
        anchoring.anchoredThrough = anchor.seq;
        anchoring.lastAnchorAt = anchor.at.toISOString();
      }
      return undefined;
    },
  );
  const count = walked.count;
  const broken = (b: BrokenEntry): VerifyResult => ({
    ok: false,
    count,
    firstBroken: b,
    ...anchoring,
  });
  if (walked.broken) return broken(walked.broken);
  const last = walked.end.seq;
  if (!head) {
    if (last > 0) {
      return broken({
        seq: last,
        id: walked.end.id,
        reason: "head-mismatch",
        detail: "Entries exist but the chain has no head.",
      });
    }
  } else if (head.lastSeq > last) {
    return broken({
      seq: last + 1,
      id: null,
      reason: "missing-entry",
      detail: `Entries ${last + 1}–${head.lastSeq} are missing: the chain ends early.`,
    });
  } else if (head.lastHash !== walked.end.hash) {
    return broken({
      seq: last,
      id: walked.end.id,
      reason: "head-mismatch",
      detail: `The chain head does not match the hash of entry ${last}.`,
    });
  }
  const headSeq = head?.lastSeq ?? 0;
  // Anchors beyond the end cover entries that were deleted, unless they were appended (and
  // anchored) while we read.
  let furthest: AuditAnchorRow | undefined;
  for (; anchor; anchor = await nextAnchor()) {
    const forged = await forgedAnchor(signer, anchor);
    if (forged) return broken(forged);
    furthest = anchor;
  }
  // Entries beyond the head that a later head does not cover were not appended by us.
  const [beyond] = await scope.select(auditLog, {
    where: gt(auditLog.seq, headSeq),
    orderBy: [desc(auditLog.seq)],
    limit: 1,
  });
  if (furthest || beyond) {
    const now = (await scope.first(auditHeads))?.lastSeq ?? 0;
    if (furthest && furthest.seq > now) {
      return broken({
        seq: last + 1,
        id: null,
        reason: "missing-entry",
        detail: `Entries ${
          last + 1
        }–${furthest.seq} are missing: the anchor signed on ${furthest.at.toISOString()} covers entry ${furthest.seq}.`,
      });
    }
    if (beyond && beyond.seq > now) {
      return broken({
        seq: headSeq + 1,
        id: null,
        reason: "head-mismatch",
        detail: `Entries after ${headSeq} were not appended through the chain head.`,
      });
    }
  }
  return { ok: true, count, ...anchoring };
}

/** A break when the anchor is not signed, as stored, by a trusted key. */
async function forgedAnchor(
  signer: AuditSigner,
  anchor: AuditAnchorRow,
): Promise<BrokenEntry | undefined> {
  if (await anchorSigned(signer, anchor)) return undefined;
  return {
    seq: anchor.seq,
    id: null,
    reason: "forged-anchor",
    detail: `The anchor of entry ${anchor.seq} is not signed by this server's audit key: it was ` +
      "made or changed by someone else.",
  };
}
