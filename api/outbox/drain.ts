// The outbox worker: delivers due messages with retries, exponential backoff and a
// dead-letter state. Delivery is at most once: a message is claimed (state "sending",
// committed) before its handler runs and marked "sent" after. If the instance dies between
// the two, the claim runs out and the message is "in doubt": it is dead-lettered rather
// than sent again, unless its handler says the receiver dedupes on the message id.
import { and, asc, eq, lt, lte, or } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { affectedRows } from "../db/tenant_scope.ts";
import type { Logger } from "../log.ts";
import type { PluginDeps } from "../plugin.ts";
import { outbox, type OutboxRow } from "../../schema/background.ts";
import { type OutboxHandler, PermanentFailure, TransientFailure } from "./handler.ts";

export interface OutboxWorker {
  /** Delivers what is due at `now`, at most `limit` messages. */
  drain(opts?: { now?: Date; limit?: number }): Promise<DrainReport>;
}

export interface DrainReport {
  sent: number;
  retried: number;
  dead: number;
}

export interface OutboxWorkerOptions {
  deps: PluginDeps;
  handlers: ReadonlyMap<string, OutboxHandler>;
  /** This instance, in claims (random per process). */
  holder: string;
  /** Attempts before dead-lettering, unless a handler says otherwise. */
  maxAttempts: number;
  logger: Logger;
  /** How long a claim holds: longer than any one delivery may take (default 300 s). */
  claimSeconds?: number;
}

/** The first retry waits a minute, each next one twice as long, at most six hours. */
export function backoffSeconds(attempts: number): number {
  return Math.min(60 * 2 ** Math.max(0, attempts - 1), 6 * 3600);
}

const IN_DOUBT = "in doubt: the sender stopped while delivering it, so it is not sent again " +
  "(it may have arrived); requeue it by hand if it did not";

export function createOutboxWorker(opts: OutboxWorkerOptions): OutboxWorker {
  const { db } = opts.deps;
  const claimMs = (opts.claimSeconds ?? 300) * 1000;
  return {
    async drain({ now = new Date(), limit = 100 } = {}) {
      const report: DrainReport = { sent: 0, retried: 0, dead: 0 };
      // The one query across tenants: the worker serves the whole installation.
      const due = await db.select().from(outbox).where(or(
        and(eq(outbox.state, "pending"), lte(outbox.nextAttemptAt, now)),
        and(eq(outbox.state, "sending"), lt(outbox.claimedUntil, now)),
      )).orderBy(asc(outbox.nextAttemptAt)).limit(limit) as OutboxRow[];
      for (const row of due) {
        const handler = opts.handlers.get(row.kind);
        if (!handler) {
          if (await finish(db, row, { state: "dead", lastError: `no handler for ${row.kind}` })) {
            report.dead++;
          }
          continue;
        }
        if (row.state === "sending" && !handler.redeliverInDoubt) {
          if (await finish(db, row, { state: "dead", lastError: IN_DOUBT })) {
            report.dead++;
            opts.logger.warn("outbox message in doubt, dead-lettered", {
              id: row.id,
              tenantId: row.tenantId,
              kind: row.kind,
            });
          }
          continue;
        }
        if (!await claim(db, row, now, opts.holder, claimMs)) continue; // another instance has it
        const attempt = row.attempts + 1;
        try {
          await handler.deliver({
            id: row.id,
            tenantId: row.tenantId,
            kind: row.kind,
            payload: row.payload,
            attempt,
            createdAt: row.createdAt,
          }, opts.deps);
          await settle(db, row, opts.holder, {
            state: "sent",
            sentAt: new Date(),
            lastError: null,
          });
          report.sent++;
        } catch (e) {
          const error = `${(e as Error).name}: ${(e as Error).message}`.slice(0, 1000);
          const max = handler.maxAttempts ?? opts.maxAttempts;
          if (e instanceof PermanentFailure || attempt >= max) {
            await settle(db, row, opts.holder, { state: "dead", lastError: error });
            report.dead++;
            opts.logger.warn("outbox message dead-lettered", {
              id: row.id,
              tenantId: row.tenantId,
              kind: row.kind,
              attempts: attempt,
              permanent: e instanceof PermanentFailure,
            });
          } else {
            const wait = Math.max(
              backoffSeconds(attempt),
              e instanceof TransientFailure ? e.retryAfterSeconds ?? 0 : 0,
            );
            await settle(db, row, opts.holder, {
              state: "pending",
              nextAttemptAt: new Date(now.getTime() + wait * 1000),
              lastError: error,
            });
            report.retried++;
          }
        }
      }
      return report;
    },
  };
}

/** Takes the message for this instance; false when another took it first. */
async function claim(db: Db, row: OutboxRow, now: Date, holder: string, claimMs: number) {
  const result = await db.update(outbox).set({
    state: "sending",
    attempts: row.attempts + 1,
    claimedBy: holder,
    claimedUntil: new Date(now.getTime() + claimMs),
  }).where(and(
    eq(outbox.tenantId, row.tenantId),
    eq(outbox.id, row.id),
    // Unchanged since it was read: nobody claimed or settled it meanwhile.
    eq(outbox.state, row.state),
    eq(outbox.attempts, row.attempts),
  ));
  return affectedRows(result) === 1;
}

/** Records the outcome of this instance's claim. */
async function settle(
  db: Db,
  row: OutboxRow,
  holder: string,
  patch: Partial<Pick<OutboxRow, "state" | "sentAt" | "lastError" | "nextAttemptAt">>,
) {
  await db.update(outbox).set({ ...patch, claimedBy: null, claimedUntil: null }).where(and(
    eq(outbox.tenantId, row.tenantId),
    eq(outbox.id, row.id),
    eq(outbox.state, "sending"),
    eq(outbox.claimedBy, holder),
  ));
}

/** Ends a message this instance did not claim (no handler, in doubt); false if it moved. */
async function finish(
  db: Db,
  row: OutboxRow,
  patch: Pick<OutboxRow, "state" | "lastError">,
) {
  const result = await db.update(outbox).set({ ...patch, claimedBy: null, claimedUntil: null })
    .where(and(
      eq(outbox.tenantId, row.tenantId),
      eq(outbox.id, row.id),
      eq(outbox.state, row.state),
      eq(outbox.attempts, row.attempts),
    ));
  return affectedRows(result) === 1;
}

/** Forgets delivered messages after a week and dead letters after 30 days. */
export async function pruneOutbox(db: Db, now: Date): Promise<number> {
  const day = 24 * 3600 * 1000;
  const result = await db.delete(outbox).where(or(
    and(eq(outbox.state, "sent"), lt(outbox.sentAt, new Date(now.getTime() - 7 * day))),
    and(eq(outbox.state, "dead"), lt(outbox.createdAt, new Date(now.getTime() - 30 * day))),
  ));
  return affectedRows(result);
}
