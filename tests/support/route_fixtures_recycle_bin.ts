// Route fixtures of the core's recycle bin (merged into ROUTE_FIXTURES): each entry comes from
// a process its tenant's modeler deleted.
import type { TestApp } from "./app.ts";
import type { RouteFixture } from "./route_fixtures.ts";

type CreateProcess = (t: TestApp, tenant: 0 | 1) => Promise<string>;

export function recycleBinFixtures(createProcess: CreateProcess): Record<string, RouteFixture> {
  /** A bin entry of `tenant`: a new process, deleted. */
  async function binEntry(t: TestApp, tenant: 0 | 1): Promise<string> {
    const id = await createProcess(t, tenant);
    const res = await t.call("DELETE", `/api/v1/processes/${id}`, {
      token: await t.token("modeler", tenant),
      headers: { "if-match": "*" },
    });
    const entry = res.headers.get("procedo-recycle-bin-id");
    if (res.status !== 204 || !entry) {
      throw new Error(`delete process: ${res.status} ${await res.text()}`);
    }
    return entry;
  }
  return {
    "GET /api/v1/recycle-bin": { request: () => Promise.resolve({ query: "?limit=200" }) },
    "GET /api/v1/recycle-bin/where-used": {
      request: async (t, tenant) => ({
        query: `?type=process&id=${await createProcess(t, tenant)}`,
      }),
    },
    "POST /api/v1/recycle-bin/{id}/restore": {
      request: async (t, tenant) => ({ params: { id: await binEntry(t, tenant) } }),
    },
    "DELETE /api/v1/recycle-bin/{id}": {
      request: async (t, tenant) => ({ params: { id: await binEntry(t, tenant) } }),
    },
  };
}
