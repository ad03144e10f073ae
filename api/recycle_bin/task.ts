// The recycle bin's final deletion after 30 days: a core task, once an hour per tenant.
import type { TenantTask } from "../scheduler/task.ts";
import { purgeExpired } from "./service.ts";

export const recycleBinTask: TenantTask = {
  name: "core.recycle-bin",
  every: "23 * * * *",
  perTenant: true,
  run: async (ctx) => {
    const n = await purgeExpired(ctx.scope, ctx, ctx.now);
    if (n) {
      ctx.logger.info("recycle bin entries deleted for good", { tenantId: ctx.tenantId, n });
      await ctx.changed();
    }
  },
};
