// Queueing a message: one row in the outbox, written with the caller's tenant scope, so it
// commits or rolls back with the write that caused it (call it inside that transaction).
import type { TenantScope } from "../db/tenant_scope.ts";
import { isDuplicateKey } from "../db/errors.ts";
import { uuidv7 } from "../db/ids.ts";
import { outbox } from "../../schema/background.ts";

export interface NewOutboxMessage {
  /** The handler that delivers it: "mail" or a kind a plugin registers. */
  kind: string;
  payload: Record<string, unknown>;
  /** A message with the same kind and key is queued only once per tenant. */
  dedupeKey?: string;
  /** Not before this time (default: now). */
  notBefore?: Date;
}

const listeners = new Set<() => void>();

/**
 * Queues a message; returns its id, or null when one with the same dedupeKey was queued
 * before. Delivery happens later, by the outbox worker, never inside the request.
 */
export async function enqueue(
  scope: TenantScope,
  message: NewOutboxMessage,
): Promise<string | null> {
  const id = uuidv7();
  const now = new Date();
  try {
    await scope.insert(outbox, {
      id,
      kind: message.kind,
      payload: message.payload,
      dedupeKey: message.dedupeKey ?? null,
      state: "pending",
      attempts: 0,
      nextAttemptAt: message.notBefore ?? now,
      claimedBy: null,
      claimedUntil: null,
      lastError: null,
      createdAt: now,
      sentAt: null,
    });
  } catch (e) {
    if (message.dedupeKey && isDuplicateKey(e)) return null;
    throw e;
  }
  for (const listener of listeners) listener();
  return id;
}

/**
 * Calls `listener` after each message is queued in this process, so a worker in the same
 * process can deliver soon instead of at the next tick. Returns a function to stop.
 */
export function onEnqueued(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
