// Route fixtures of the deletion plugin (merged into ROUTE_FIXTURES). Offboarding locks the
// workspace: each request first makes the demo tenant active again, so that the role matrix
// (which builds a request before every call) can go on using it after an executive's call.
// Erasing a person erases a new employee each time.
import { eq } from "drizzle-orm";
import { DEMO_TENANTS } from "../../api/demo.ts";
import { uuidv7 } from "../../api/db/ids.ts";
import { SYSTEM_TENANT_ID } from "../../schema/background.ts";
import { tenants } from "../../schema/core.ts";
import { deletionJobs } from "../../plugins/deletion/schema.ts";
import type { TestApp } from "./app.ts";
import type { RouteFixture } from "./route_fixtures.ts";

async function demoTenantId(t: TestApp, tenant: 0 | 1): Promise<string> {
  const [row] = await t.database.db.select({ id: tenants.id }).from(tenants)
    .where(eq(tenants.entraTenantId, DEMO_TENANTS[tenant].entraTenantId)).limit(1);
  return row.id;
}

/** Undoes an offboarding of the demo tenant (as an operator's set-status active would). */
async function reactivate(t: TestApp, tenant: 0 | 1): Promise<string> {
  const id = await demoTenantId(t, tenant);
  await t.database.db.update(tenants).set({ status: "active", lockedAt: null })
    .where(eq(tenants.id, id));
  await t.changed(id);
  return id;
}

/** A finished purge job of the demo tenant, kept under the system tenant as real ones are. */
async function createJob(t: TestApp, tenant: 0 | 1): Promise<string> {
  const now = new Date();
  const id = uuidv7();
  await t.database.db.insert(deletionJobs).values({
    tenantId: SYSTEM_TENANT_ID,
    id,
    subjectTenantId: await demoTenantId(t, tenant),
    kind: "offboarding",
    status: "failed",
    progress: 0,
    reason: "offboarding",
    runAfter: now,
    state: {},
    requestedBy: "p-fixture",
    error: "cancelled: the workspace is active again",
    createdAt: now,
    updatedAt: now,
  });
  return id;
}

/** A new employee of the demo tenant, created by its modeler, to be erased. */
async function createEmployee(t: TestApp, tenant: 0 | 1): Promise<string> {
  const res = await t.call("POST", "/api/v1/orgchart/employees", {
    token: await t.token("modeler", tenant),
    body: { name: `Erasable ${uuidv7().slice(-8)}`, email: `erasable.${uuidv7()}@example.com` },
  });
  if (res.status !== 201) throw new Error(`create employee: ${res.status} ${await res.text()}`);
  return (await res.json()).id;
}

export function deletionFixtures(): Record<string, RouteFixture> {
  return {
    "POST /api/v1/deletion/offboarding": {
      request: async (t, tenant) => {
        await reactivate(t, tenant);
        return {
          body: {
            confirmName: DEMO_TENANTS[tenant].name,
            purge: "scheduled",
            purgeAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
          },
        };
      },
    },
    "GET /api/v1/deletion/jobs/{id}": {
      request: async (t, tenant) => ({ params: { id: await createJob(t, tenant) } }),
      readBack: "/api/v1/deletion/jobs/{id}",
    },
    "POST /api/v1/deletion/tenant-export": {
      request: () => Promise.resolve({}),
    },
    "POST /api/v1/deletion/people/erase": {
      request: async (t, tenant) => ({
        body: { kind: "employee", id: await createEmployee(t, tenant), confirm: true },
      }),
    },
    "GET /api/v1/deletion/protocols": {
      request: () => Promise.resolve({ query: "?limit=200" }),
    },
  };
}
