// The processes plugin's tenant settings (see ProcedoPlugin.settings): executives change
// them under /api/v1/settings as processes.<key>.
import { z } from "@hono/zod-openapi";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import type { PluginSetting } from "../../api/plugin.ts";
import { tenantSetting } from "../../api/settings/store.ts";

/** Four-eyes approval: whoever submitted a draft cannot approve it. */
export const FOUR_EYES: PluginSetting<boolean> = {
  schema: z.boolean({ error: "true or false" }),
  default: true,
  description: "Four-eyes approval: the person who submitted a draft for approval cannot " +
    "approve it; someone else (the process owner or an executive) must",
};

export const processSettings = { fourEyes: FOUR_EYES };

/** Whether four-eyes approval is on in the scope's tenant. */
export const fourEyesOn = (scope: TenantScope) =>
  tenantSetting(scope, "processes.fourEyes", FOUR_EYES);
