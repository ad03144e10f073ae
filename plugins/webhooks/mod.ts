// The webhooks plugin: executives register HTTPS endpoints for event types; every event
// published through api/events.ts reaches them as a signed Standard Webhooks request through
// the outbox, with retries for 24 hours, a delivery log, and endpoints that keep failing
// switched off. Outbound safety (no private targets) is the core's, api/http/outbound.ts.
// See docs/webhooks.md.
import { EVENTS_POINT } from "../../api/events.ts";
import type { ProcedoPlugin } from "../../api/plugin.ts";
import { webhookHandler } from "./delivery.ts";
import { WEBHOOK_KIND, webhookListener } from "./listener.ts";
import { pruneTask } from "./prune.ts";
import { registerWebhookRoutes } from "./routes.ts";
import { webhookTables } from "./schema.ts";

export const webhooksPlugin: ProcedoPlugin = {
  name: "webhooks",
  description: "Signed event delivery to the workspace's HTTPS endpoints (Standard Webhooks)",
  tables: webhookTables,
  // URLs and the delivery log name systems, not people.
  personalData: { webhook_endpoints: [], webhook_deliveries: [] },
  permissions: {
    "webhooks.read": "executive",
    "webhooks.manage": "executive",
  },
  // Not person-only: integrations (the Power Automate connector's triggers) register their own
  // endpoints with an executive API key. Keys still never manage users, keys, settings or
  // deletion (#13); a webhook sends ids and titles only.
  routes: (app, deps) => registerWebhookRoutes(app, deps),
  contributes: { [EVENTS_POINT]: webhookListener },
  outboxHandlers: { [WEBHOOK_KIND]: webhookHandler },
  schedules: [pruneTask],
};
