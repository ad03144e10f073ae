// Anchoring the audit chain: the server signs a tenant's head (entry number and hash) with
// its audit key and stores the signed anchor apart from the chain, and writes it to the log
// as a copy outside the database. Someone who can write the database but does not hold the
// key can rewrite entries and head together, but cannot sign the rewritten hash: the
// verification then finds the chain no longer matching an anchor. Entries after the newest
// anchor are not protected this way; anchorDueChains runs every few minutes to keep that
// tail short. Web Crypto and drizzle only, so this runs on Deno and on Workers.
import { asc, desc, gt, max } from "drizzle-orm";
import { type AuditAnchorRow, auditAnchors, auditHeads } from "../../schema/audit.ts";
import type { Db } from "../db/client.ts";
import { TenantScope } from "../db/tenant_scope.ts";
import { describeError } from "../error_log.ts";
import type { Logger } from "../log.ts";
import { canonicalJson, GENESIS_HASH } from "./chain.ts";
import type { AuditSigner } from "./signing.ts";
import { walkEntries } from "./walk.ts";

/** What the signature covers: tenant, entry number, hash, time and key, in a fixed form. */
export function anchorPayload(a: Omit<AuditAnchorRow, "signature">): string {
  return canonicalJson([
    "procedo-audit-anchor/1",
    a.tenantId,
    a.seq,
    a.hash,
    a.at.toISOString(),
    a.keyId,
  ]);
}

/** Whether the anchor was signed, exactly as stored, by a key the signer trusts. */
export function anchorSigned(signer: AuditSigner, a: AuditAnchorRow): Promise<boolean> {
  return signer.verify(a.keyId, anchorPayload(a), a.signature);
}

export type AnchorOutcome =
  | { status: "anchored"; anchor: AuditAnchorRow }
  | { status: "current" }
  /** The chain since the newest anchor does not verify: nothing was signed. */
  | { status: "refused"; reason: string };

/**
 * Signs the tenant's head when entries were appended since its newest anchor — only after
 * checking that they extend the anchored chain, so that an anchor never covers a break.
 */
export async function anchorChain(
  db: Db,
  signer: AuditSigner,
  tenantId: string,
  options: { logger?: Logger; now?: Date } = {},
): Promise<AnchorOutcome> {
  const scope = new TenantScope(db, tenantId);
  const [last] = await scope.select(auditAnchors, { orderBy: [desc(auditAnchors.seq)], limit: 1 });
  if (last && !await anchorSigned(signer, last)) {
    return refused(`the anchor of entry ${last.seq} is not signed by a trusted key`);
  }
  const head = await scope.first(auditHeads);
  const from = last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
  if (!head || head.lastSeq === from.seq) return { status: "current" };
  if (head.lastSeq < from.seq) {
    return refused(`the chain ends at entry ${head.lastSeq}, before its anchor of ${from.seq}`);
  }
  const walked = await walkEntries(scope, from, head.lastSeq);
  if (walked.broken) return refused(walked.broken.detail);
  if (walked.end.seq !== head.lastSeq || walked.end.hash !== head.lastHash) {
    return refused(`the chain head does not match entry ${walked.end.seq}`);
  }
  const unsigned = {
    tenantId,
    seq: head.lastSeq,
    hash: head.lastHash,
    at: options.now ?? new Date(),
    keyId: signer.keyId,
  };
  const anchor: AuditAnchorRow = {
    ...unsigned,
    signature: await signer.sign(anchorPayload(unsigned)),
  };
  // Another instance may anchor the same head at the same moment: one row is enough.
  await db.insert(auditAnchors).ignore().values(anchor);
  // The copy outside the database: ship logs to storage the database's writers cannot edit.
  options.logger?.info("audit anchor", { ...anchor, at: anchor.at.toISOString() });
  return { status: "anchored", anchor };

  function refused(reason: string): AnchorOutcome {
    options.logger?.error("audit chain not anchored: it does not verify", { tenantId, reason });
    return { status: "refused", reason };
  }
}

/**
 * Anchors every tenant whose chain has entries after its newest anchor (the scheduler's
 * job, every few minutes). One tenant's failure does not stop the others.
 */
export async function anchorDueChains(
  db: Db,
  signer: AuditSigner,
  options: { logger?: Logger; limit?: number } = {},
): Promise<{ anchored: number; refused: number; failed: number }> {
  // Across tenants, as a system job: which heads lie beyond their newest anchor. Two plain
  // queries (a scatter and a scatter aggregate on Vitess) rather than a correlated one.
  const [heads, anchored] = await Promise.all([
    db.select({ tenantId: auditHeads.tenantId, lastSeq: auditHeads.lastSeq }).from(auditHeads),
    db.select({ tenantId: auditAnchors.tenantId, seq: max(auditAnchors.seq) }).from(auditAnchors)
      .groupBy(auditAnchors.tenantId),
  ]);
  const reached = new Map(anchored.map((a) => [a.tenantId, Number(a.seq ?? 0)]));
  const due = heads.filter((h) => h.lastSeq > (reached.get(h.tenantId) ?? 0))
    .slice(0, options.limit ?? 10_000);
  const counts = { anchored: 0, refused: 0, failed: 0 };
  for (const { tenantId } of due) {
    try {
      const outcome = await anchorChain(db, signer, tenantId, options);
      if (outcome.status === "anchored") counts.anchored++;
      if (outcome.status === "refused") counts.refused++;
    } catch (e) {
      counts.failed++;
      options.logger?.warn("audit anchor not written", {
        tenantId,
        ...describeError(e),
      });
    }
  }
  return counts;
}

/** The tenant's anchors in order, read in pages (a busy tenant collects many). */
export function anchorsInOrder(scope: TenantScope): () => Promise<AuditAnchorRow | undefined> {
  let page: AuditAnchorRow[] = [];
  let i = 0;
  let after = -1;
  let exhausted = false;
  return async () => {
    if (i >= page.length) {
      if (exhausted) return undefined;
      page = await scope.select(auditAnchors, {
        where: gt(auditAnchors.seq, after),
        orderBy: [asc(auditAnchors.seq)],
        limit: 500,
      });
      i = 0;
      exhausted = page.length < 500;
      if (!page.length) return undefined;
    }
    const a = page[i++];
    after = a.seq;
    return a;
  };
}
