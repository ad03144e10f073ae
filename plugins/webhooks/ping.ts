// POST /{id}/test: a "ping" event queued for one endpoint, delivered like any other.
import { uuidv7 } from "../../api/db/ids.ts";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import { endpointRow } from "./endpoint_service.ts";
import { PING } from "./event_types.ts";
import { queueWebhook } from "./listener.ts";

/** Queues a ping for endpoint `id` (404 when unknown); returns its webhook-id. */
export async function sendPing(scope: TenantScope, id: string): Promise<string> {
  return await scope.transaction(async (tx) => {
    await endpointRow(tx, id);
    const eventId = uuidv7();
    return await queueWebhook(tx, {
      endpointId: id,
      eventId,
      type: PING,
      timestamp: new Date().toISOString(),
      data: { webhookId: id, eventId },
    });
  });
}
