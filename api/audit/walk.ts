// Reading a stretch of a tenant's chain in order and checking each entry: its number follows
// the one before, it links to the hash before it, and its own hash matches its fields.
// Shared by verification (from the first entry) and anchoring (from the newest anchor).
import { and, asc, gt, lte } from "drizzle-orm";
import { auditLog, type AuditRow } from "../../schema/audit.ts";
import type { TenantScope } from "../db/tenant_scope.ts";
import { hashEntry } from "./chain.ts";

export type BreakReason =
  | "hash-mismatch"
  | "broken-link"
  | "missing-entry"
  | "head-mismatch"
  | "anchor-mismatch"
  | "forged-anchor";

export interface BrokenEntry {
  /** The first entry that does not verify (for missing-entry: the first missing number). */
  seq: number;
  /** Its id; null when the entry is missing. */
  id: string | null;
  reason: BreakReason;
  detail: string;
}

/** A point of the chain known to be good: an entry's number and hash (0 and genesis first). */
export interface ChainPoint {
  seq: number;
  hash: string;
}

export interface Walked {
  /** The last entry that verified (`from` when none did). */
  end: ChainPoint & { id: string | null };
  /** Entries that verified. */
  count: number;
  broken?: BrokenEntry;
}

const BATCH = 500;

/**
 * Checks the entries after `from` up to `upTo` (all that exist when undefined), in order.
 * `visit` sees each entry that verified and may report a break of its own (an anchor that
 * does not match).
 */
export async function walkEntries(
  scope: TenantScope,
  from: ChainPoint,
  upTo: number | undefined,
  visit?: (row: AuditRow) => Promise<BrokenEntry | undefined>,
): Promise<Walked> {
  let end: Walked["end"] = { ...from, id: null };
  let count = 0;
  const done = (broken?: BrokenEntry): Walked => ({ end, count, broken });
  for (;;) {
    const rows = await scope.select(auditLog, {
      where: and(
        gt(auditLog.seq, end.seq),
        upTo === undefined ? undefined : lte(auditLog.seq, upTo),
      ),
      orderBy: [asc(auditLog.seq)],
      limit: BATCH,
    });
    for (const row of rows) {
      const expected = end.seq + 1;
      if (row.seq !== expected) {
        return done({
          seq: expected,
          id: null,
          reason: "missing-entry",
          detail: `Entry ${expected} is missing: entry ${row.seq} follows entry ${end.seq}.`,
        });
      }
      if (row.prevHash !== end.hash) {
        return done({
          seq: row.seq,
          id: row.id,
          reason: "broken-link",
          detail: `Entry ${row.seq} does not link to the hash of entry ${end.seq}.`,
        });
      }
      if ((await hashEntry(row)) !== row.hash) {
        return done({
          seq: row.seq,
          id: row.id,
          reason: "hash-mismatch",
          detail: `Entry ${row.seq} was changed after it was written: its hash does not match.`,
        });
      }
      const broken = await visit?.(row);
      if (broken) return done(broken);
      end = { seq: row.seq, hash: row.hash, id: row.id };
      count++;
    }
    if (rows.length < BATCH) return done();
  }
}
