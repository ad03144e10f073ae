// Delivering one outbox message of kind "webhook" (Standard Webhooks): the target checked
// again after DNS resolution, a POST of {type, timestamp, data} signed with the endpoint's
// secret (webhook-id, webhook-timestamp, webhook-signature), 10 s at most, redirects not
// followed. Every attempt leaves a row in the delivery log. Failures are retried by the
// outbox with exponential backoff for 24 hours; an endpoint failing for 24 hours and at
// least DISABLE_AFTER_FAILURES attempts in a row is switched off, and the tenant's other
// endpoints hear "webhook.disabled".
import { eq } from "drizzle-orm";
import { appendAudit } from "../../api/audit/chain.ts";
import { uuidv7 } from "../../api/db/ids.ts";
import { TenantScope } from "../../api/db/tenant_scope.ts";
import { publishEvent } from "../../api/events.ts";
import { createTenantVersions } from "../../api/tenant_cache/version.ts";
import {
  type OutboxHandler,
  type OutboxMessage,
  PermanentFailure,
  type PluginDeps,
  TransientFailure,
} from "../../api/plugin.ts";
import { PING } from "./event_types.ts";
import type { WebhookMessage } from "./listener.ts";
import {
  type DeliveryStatus,
  type EndpointRow,
  webhookDeliveries,
  webhookEndpoints,
} from "./schema.ts";
import { openSecret, signatureOf } from "./secret_box.ts";
import { targetProblem } from "../../api/http/outbound.ts";

export const TIMEOUT_MS = 10_000;
export const RETRY_HOURS = 24;
export const DISABLE_AFTER_FAILURES = 10;
const HOUR = 3600_000;

/** The outbox handler of kind "webhook". */
export const webhookHandler: OutboxHandler = {
  deliver: deliverWebhook,
  // Receivers dedupe on webhook-id (the message id), so one in doubt may go again.
  redeliverInDoubt: true,
  // Backoff 1, 2, 4 … minutes, at most 6 hours: the 13th attempt is past 24 hours.
  maxAttempts: 14,
};

interface Outcome {
  status: DeliveryStatus;
  responseCode: number | null;
  error: string | null;
  retryAfterSeconds?: number;
}

async function deliverWebhook(message: OutboxMessage, deps: PluginDeps): Promise<void> {
  const scope = new TenantScope(deps.db, message.tenantId);
  const m = message.payload as unknown as WebhookMessage;
  const endpoint = await scope.first(webhookEndpoints, eq(webhookEndpoints.id, m.endpointId));
  if (!endpoint) throw new PermanentFailure("the endpoint was deleted");
  const ping = m.type === PING;
  const started = Date.now();
  let outcome: Outcome;
  if (!endpoint.enabled && !ping) {
    outcome = { status: "refused", responseCode: null, error: "the endpoint is switched off" };
  } else {
    const problem = await targetProblem(endpoint.url, deps.config);
    outcome = problem
      ? { status: "refused", responseCode: null, error: `target refused: URL ${problem}` }
      : await post(endpoint, message, m, deps);
  }
  const durationMs = Date.now() - started;
  const at = new Date();
  await scope.insert(webhookDeliveries, {
    id: uuidv7(),
    endpointId: endpoint.id,
    messageId: message.id,
    eventType: m.type,
    attempt: message.attempt,
    status: outcome.status,
    responseCode: outcome.responseCode,
    durationMs,
    error: outcome.error?.slice(0, 500) ?? null,
    at,
  });
  try {
    await settle(scope, endpoint, message, m, outcome, at, deps);
  } finally {
    // Written outside a request: answers remembered for the tenant (its log) are stale now.
    await createTenantVersions(deps.cache).changed(message.tenantId);
  }
}

/** Counts the outcome for the endpoint; throws as the outbox expects when it failed. */
async function settle(
  scope: TenantScope,
  endpoint: EndpointRow,
  message: OutboxMessage,
  m: WebhookMessage,
  outcome: Outcome,
  at: Date,
  deps: PluginDeps,
): Promise<void> {
  const ping = m.type === PING;
  if (outcome.status === "delivered") {
    if (!ping) {
      await scope.update(webhookEndpoints, {
        failureStreak: 0,
        failingSince: null,
        lastDeliveryAt: at,
      }, eq(webhookEndpoints.id, endpoint.id));
    }
    return;
  }
  // A ping tells how the endpoint answers now; it is not retried and counts for nothing.
  if (ping) throw new PermanentFailure(outcome.error ?? "failed");
  if (!endpoint.enabled) throw new PermanentFailure(outcome.error ?? "switched off");
  const disabled = await countFailure(scope, endpoint.id, at, deps);
  const error = outcome.error ?? "failed";
  if (disabled) {
    // A change of configuration nobody asked for: the audit trail says who made it.
    await appendAudit(deps.db, {
      tenantId: message.tenantId,
      actorType: "system",
      action: "webhooks.disabled",
      targetType: "webhooks",
      targetId: endpoint.id,
      details: { failures: disabled, retryHours: RETRY_HOURS },
    });
    throw new PermanentFailure(`${error}; the endpoint was switched off`);
  }
  if (outcome.status === "refused") throw new PermanentFailure(error);
  if (at.getTime() - message.createdAt.getTime() >= RETRY_HOURS * HOUR) {
    throw new PermanentFailure(`${error}; retried for ${RETRY_HOURS} hours`);
  }
  throw new TransientFailure(error, outcome.retryAfterSeconds);
}

/** Sends the signed request; what came of it. */
async function post(
  endpoint: EndpointRow,
  message: OutboxMessage,
  m: WebhookMessage,
  deps: PluginDeps,
): Promise<Outcome> {
  const body = JSON.stringify({ type: m.type, timestamp: m.timestamp, data: m.data });
  const timestamp = Math.floor(Date.now() / 1000);
  let secret: string;
  try {
    secret = await openSecret(deps.config, message.tenantId, endpoint.secretSealed);
  } catch {
    return { status: "refused", responseCode: null, error: "the secret cannot be read" };
  }
  let res: Response;
  try {
    res = await fetch(endpoint.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Procedo-Webhooks/1.0",
        "webhook-id": message.id,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": await signatureOf(secret, message.id, timestamp, body),
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (e) {
    const timeout = e instanceof DOMException && e.name === "TimeoutError";
    return {
      status: "failed",
      responseCode: null,
      error: timeout ? `no answer within ${TIMEOUT_MS / 1000} s` : "connection failed",
    };
  }
  await res.body?.cancel().catch(() => {});
  if (res.status >= 200 && res.status < 300) {
    return { status: "delivered", responseCode: res.status, error: null };
  }
  const retryAfter = Number(res.headers.get("retry-after"));
  return {
    status: "failed",
    responseCode: res.status,
    error: res.status >= 300 && res.status < 400
      ? `answered ${res.status} (redirects are not followed)`
      : `answered ${res.status}`,
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0
      ? Math.min(retryAfter, 6 * 3600)
      : undefined,
  };
}

/**
 * Counts a failed attempt; switches the endpoint off when it has failed at least
 * DISABLE_AFTER_FAILURES times in a row over RETRY_HOURS. When it was switched off now: the
 * failures in a row (else 0).
 */
async function countFailure(
  scope: TenantScope,
  endpointId: string,
  at: Date,
  deps: PluginDeps,
): Promise<number> {
  return await scope.transaction(async (tx) => {
    const row = await tx.first(webhookEndpoints, eq(webhookEndpoints.id, endpointId), {
      forUpdate: true,
    });
    if (!row?.enabled) return 0;
    const streak = row.failureStreak + 1;
    const since = row.failingSince ?? at;
    const off = streak >= DISABLE_AFTER_FAILURES &&
      at.getTime() - since.getTime() >= RETRY_HOURS * HOUR;
    await tx.update(webhookEndpoints, {
      failureStreak: streak,
      failingSince: since,
      ...(off
        ? {
          enabled: 0,
          disabledReason:
            `Switched off after ${streak} failed deliveries in a row since ${since.toISOString()}`,
          updatedAt: at,
        }
        : {}),
    }, eq(webhookEndpoints.id, endpointId));
    if (off) {
      await publishEvent(tx, deps, {
        type: "webhook.disabled",
        // The host only: a URL's path and query may hold the receiver's secret token.
        data: {
          webhookId: endpointId,
          host: new URL(row.url).host,
          failures: streak,
          failingSince: since.toISOString(),
        },
      });
    }
    return off ? streak : 0;
  });
}
