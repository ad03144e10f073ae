// What delivers outbox messages of one kind, as plugins register it
// (ProcedoPlugin.outboxHandlers); the core registers "mail".
import type { PluginDeps } from "../plugin.ts";

/** One message as its handler sees it. */
export interface OutboxMessage {
  /** Unique and stable across attempts: the idempotency key for receivers that dedupe. */
  id: string;
  tenantId: string;
  kind: string;
  payload: Record<string, unknown>;
  /** 1 for the first attempt. */
  attempt: number;
  createdAt: Date;
}

export interface OutboxHandler {
  /** Delivers the message. Throwing retries it later; PermanentFailure dead-letters it now. */
  deliver(message: OutboxMessage, deps: PluginDeps): Promise<void>;
  /**
   * Whether a message may be delivered again after its sender died while delivering it.
   * Only when the receiver dedupes on `message.id` (a webhook's idempotency key); otherwise
   * (mail) it is dead-lettered as "in doubt" rather than risk a duplicate. Default false.
   */
  redeliverInDoubt?: boolean;
  /** Attempts before the message is dead-lettered (default: OUTBOX_MAX_ATTEMPTS). */
  maxAttempts?: number;
}

/** A failure that trying again cannot fix (a refused address, a malformed message). */
export class PermanentFailure extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PermanentFailure";
  }
}

/** A failure worth retrying; `retryAfterSeconds` when the receiver said when. */
export class TransientFailure extends Error {
  constructor(message: string, readonly retryAfterSeconds?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "TransientFailure";
  }
}
