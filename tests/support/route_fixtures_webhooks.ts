// Route fixtures of the webhooks plugin (merged into ROUTE_FIXTURES). The target is a public
// address literal, so registration needs no DNS and no private-target exception; nothing is
// delivered (no outbox worker runs in the matrix or the sweep). One endpoint per app and
// tenant serves the routes that keep it, so the matrix stays under the tenant's limit.
import type { TestApp } from "./app.ts";
import type { RouteFixture } from "./route_fixtures.ts";

const BASE = "/api/v1/webhooks";
export const WEBHOOK_FIXTURE_URL = "https://93.184.215.14/procedo-hook";
const body = () => ({ url: WEBHOOK_FIXTURE_URL, events: ["process.published"] });

/** A new webhook endpoint of `tenant`, registered by its executive. */
export async function createWebhook(t: TestApp, tenant: 0 | 1): Promise<string> {
  const res = await t.call("POST", BASE, {
    token: await t.token("executive", tenant),
    body: body(),
  });
  if (res.status !== 201) throw new Error(`create webhook: ${res.status} ${await res.text()}`);
  return (await res.json()).id;
}

const kept = new WeakMap<TestApp, Map<number, Promise<string>>>();

/** The endpoint of `tenant` that fixtures share (created once per app). */
function sharedWebhook(t: TestApp, tenant: 0 | 1): Promise<string> {
  let byTenant = kept.get(t);
  if (!byTenant) kept.set(t, byTenant = new Map());
  let id = byTenant.get(tenant);
  if (!id) byTenant.set(tenant, id = createWebhook(t, tenant));
  return id;
}

const readBack = `${BASE}/{id}`;

export const WEBHOOK_FIXTURES: Record<string, RouteFixture> = {
  "GET /api/v1/webhooks": { request: () => Promise.resolve({ query: "?limit=200" }) },
  "POST /api/v1/webhooks": { request: () => Promise.resolve({ body: body() }) },
  "GET /api/v1/webhooks/{id}": {
    request: async (t, tenant) => ({ params: { id: await sharedWebhook(t, tenant) } }),
    readBack,
  },
  "PATCH /api/v1/webhooks/{id}": {
    request: async (t, tenant) => ({
      params: { id: await sharedWebhook(t, tenant) },
      body: { events: ["process.published", "comment.created"] },
    }),
    readBack,
  },
  "DELETE /api/v1/webhooks/{id}": {
    request: async (t, tenant) => ({ params: { id: await createWebhook(t, tenant) } }),
    readBack,
  },
  "POST /api/v1/webhooks/{id}/test": {
    request: async (t, tenant) => ({ params: { id: await sharedWebhook(t, tenant) } }),
    readBack,
  },
  "GET /api/v1/webhooks/{id}/deliveries": {
    request: async (t, tenant) => ({ params: { id: await sharedWebhook(t, tenant) } }),
    readBack,
  },
};
