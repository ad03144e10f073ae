// The contribution to "core.events": each event becomes one outbox message per enabled
// endpoint subscribed to its type, queued in the transaction that caused the event.
import { eq } from "drizzle-orm";
import type { EventListener } from "../../api/events.ts";
import { enqueue } from "../../api/outbox/enqueue.ts";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import { webhookEndpoints } from "./schema.ts";

export const WEBHOOK_KIND = "webhook";

/** An outbox message of kind "webhook": one event for one endpoint. */
export interface WebhookMessage {
  endpointId: string;
  eventId: string;
  type: string;
  /** When the event happened (ISO 8601): the body's `timestamp`. */
  timestamp: string;
  data: Record<string, unknown>;
}

export const webhookListener: EventListener = {
  async handle(scope, _deps, event) {
    const endpoints = await scope.select(webhookEndpoints, {
      where: eq(webhookEndpoints.enabled, 1),
    });
    for (const endpoint of endpoints) {
      if (!endpoint.events.includes(event.type)) continue;
      await queueWebhook(scope, {
        endpointId: endpoint.id,
        eventId: event.id,
        type: event.type,
        timestamp: event.occurredAt.toISOString(),
        data: event.data,
      });
    }
  },
};

/** Queues one delivery; returns the outbox message id (the webhook-id header). */
export async function queueWebhook(scope: TenantScope, message: WebhookMessage) {
  return (await enqueue(scope, {
    kind: WEBHOOK_KIND,
    payload: message as unknown as Record<string, unknown>,
  }))!;
}
