// The delivery log is kept for DELIVERY_LOG_DAYS: a daily task per tenant forgets older rows.
import { lt } from "drizzle-orm";
import type { TenantTask } from "../../api/plugin.ts";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import { webhookDeliveries } from "./schema.ts";

export const DELIVERY_LOG_DAYS = 30;

/** Deletes the tenant's delivery attempts older than DELIVERY_LOG_DAYS before `now`. */
export function pruneDeliveries(scope: TenantScope, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - DELIVERY_LOG_DAYS * 86_400_000);
  return scope.delete(webhookDeliveries, lt(webhookDeliveries.at, cutoff));
}

export const pruneTask: TenantTask = {
  name: "webhooks.prune-deliveries",
  every: "37 4 * * *",
  perTenant: true,
  run: async (ctx) => {
    if (await pruneDeliveries(ctx.scope, ctx.now)) await ctx.changed();
  },
};
