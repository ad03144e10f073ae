// How to exercise each tenant route of the OpenAPI document: the objects it needs and a
// valid request. The role matrix and the isolation sweep walk the document and use these;
// a route without a fixture fails both until one is added here.
import { DEMO_TENANTS } from "../../api/demo.ts";
import type { Role } from "../../schema/core.ts";
import type { TestApp } from "./app.ts";
import { AI_FIXTURES } from "./ai_route_fixtures.ts";
import { collaborationFixtures } from "./route_fixtures_collaboration.ts";
import { WEBHOOK_FIXTURES } from "./route_fixtures_webhooks.ts";
import { deletionFixtures } from "./route_fixtures_deletion.ts";
import { recycleBinFixtures } from "./route_fixtures_recycle_bin.ts";

export interface RouteRequest {
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteFixture {
  /** Builds a valid request; objects it needs are created in demo tenant `tenant`. */
  request(t: TestApp, tenant: 0 | 1): Promise<RouteRequest>;
  /**
   * For routes on one's own objects (one's comment, a process one owns): the request for
   * the calling role; the role matrix prefers it to `request`.
   */
  requestAs?(t: TestApp, tenant: 0 | 1, role: Role): Promise<RouteRequest>;
  /** For routes with an id: how the owning tenant reads the object back (to prove it intact). */
  readBack?: string;
  /**
   * The path parameters name no object of a tenant (the kind of a list export): the sweep
   * checks the route like a list, for absence of the other tenant's objects, not for 404.
   */
  tenantWide?: boolean;
}

export type Operation = {
  method: string;
  path: string;
  minRole?: string;
  doc: Record<string, unknown>;
};

const unique = () => crypto.randomUUID().slice(0, 8);
const ifMatchAny = { "if-match": "*" };

async function json(res: Response, what: string) {
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${await res.text()}`);
  return await res.json();
}

/** A new tag in `tenant`, created by its modeler. */
export async function createTag(t: TestApp, tenant: 0 | 1): Promise<string> {
  const res = await t.call("POST", "/api/v1/tags", {
    token: await t.token("modeler", tenant),
    body: { name: `Fixture ${unique()}` },
  });
  return (await json(res, "create tag")).id;
}

/** A new reader in `tenant` (users appear on their first request). */
export async function createUser(t: TestApp, tenant: 0 | 1): Promise<string> {
  const token = await t.issuer.sign({
    tid: DEMO_TENANTS[tenant].entraTenantId,
    oid: crypto.randomUUID(),
    name: `Fixture user ${unique()}`,
  });
  const me = await json(await t.call("GET", "/api/v1/users/me", { token }), "first request");
  return me.user.id;
}

/** A new API key in `tenant`, created by its executive. */
export async function createApiKey(t: TestApp, tenant: 0 | 1): Promise<string> {
  const res = await t.call("POST", "/api/v1/api-keys", {
    token: await t.token("executive", tenant),
    body: keyBody(),
  });
  return (await json(res, "create API key")).id;
}

/** A new process in `tenant`, created by its modeler; `body` adds to a minimal one. */
export async function createProcess(
  t: TestApp,
  tenant: 0 | 1,
  body: Record<string, unknown> = {},
): Promise<string> {
  const res = await t.call("POST", "/api/v1/processes", {
    token: await t.token("modeler", tenant),
    body: { title: `Fixture process ${unique()}`, category: "core", ...body },
  });
  return (await json(res, "create process")).id;
}

/** The user id of the demo user with `role` in `tenant`. */
export async function demoUserId(
  t: TestApp,
  role: "reader" | "modeler" | "executive",
  tenant: 0 | 1,
) {
  const me = await json(
    await t.call("GET", "/api/v1/users/me", { token: await t.token(role, tenant) }),
    "who am I",
  );
  return me.user.id as string;
}

/** A small valid process graph: start → task → end in one lane. */
export const fixtureGraph = () => ({
  lanes: [{ id: "lane", name: "Team" }],
  nodes: [
    { id: "s", type: "start", label: "Go", laneId: "lane", x: 60, y: 62, width: 36, height: 36 },
    { id: "t", type: "task", label: "Work", laneId: "lane", x: 140, y: 40, width: 120, height: 80 },
    { id: "e", type: "end", label: "Done", laneId: "lane", x: 300, y: 62, width: 36, height: 36 },
  ],
  edges: [{ id: "a", from: "s", to: "t" }, { id: "b", from: "t", to: "e" }],
});

/** A process in `tenant` with fixtureGraph() published as version 1 (executive approves). */
export async function createPublishedProcess(t: TestApp, tenant: 0 | 1): Promise<string> {
  const id = await createProcess(t, tenant);
  const modeler = await t.token("modeler", tenant);
  const ifMatch = { "if-match": "*" };
  await json(
    await t.call("PUT", `/api/v1/processes/${id}/draft`, {
      token: modeler,
      body: fixtureGraph(),
      headers: ifMatch,
    }),
    "save draft",
  );
  const task = await json(
    await t.call("POST", `/api/v1/processes/${id}/draft/submit`, {
      token: modeler,
      body: { changeNote: "Fixture" },
      headers: ifMatch,
    }),
    "submit draft",
  );
  await json(
    await t.call("POST", `/api/v1/processes/${id}/approvals/${task.id}/approve`, {
      token: await t.token("executive", tenant),
    }),
    "approve draft",
  );
  return id;
}

/**
 * A process in `tenant` owned by its modeler, with fixtureGraph() in the draft, submitted
 * for approval by that modeler: the open task's id comes along.
 */
export async function createSubmittedProcess(
  t: TestApp,
  tenant: 0 | 1,
): Promise<{ id: string; approvalId: string }> {
  const modeler = await t.token("modeler", tenant);
  const id = await createProcess(t, tenant, {
    ownerUserId: await demoUserId(t, "modeler", tenant),
  });
  await json(
    await t.call("PUT", `/api/v1/processes/${id}/draft`, {
      token: modeler,
      body: fixtureGraph(),
      headers: ifMatchAny,
    }),
    "save draft",
  );
  const task = await json(
    await t.call("POST", `/api/v1/processes/${id}/draft/submit`, {
      token: modeler,
      body: { changeNote: "Fixture" },
      headers: ifMatchAny,
    }),
    "submit draft",
  );
  return { id, approvalId: task.id };
}

/** Per test app and tenant: an API key (modeler) that submits drafts for others to approve. */
const submitterKeys = new WeakMap<TestApp, Map<number, Promise<string>>>();

function submitterKey(t: TestApp, tenant: 0 | 1): Promise<string> {
  const keys = submitterKeys.get(t) ?? new Map<number, Promise<string>>();
  submitterKeys.set(t, keys);
  if (!keys.has(tenant)) {
    keys.set(
      tenant,
      (async () => {
        const res = await t.call("POST", "/api/v1/api-keys", {
          token: await t.token("executive", tenant),
          body: { ...keyBody(), name: "Fixture submitter", role: "modeler" },
        });
        return (await json(res, "create submitter key")).key as string;
      })(),
    );
  }
  return keys.get(tenant)!;
}

/**
 * Like createSubmittedProcess, but submitted by an API key of its own, so that with
 * four-eyes approval on every role's caller (and the role matrix's executive key) may approve.
 */
export async function createProcessSubmittedByOthers(
  t: TestApp,
  tenant: 0 | 1,
): Promise<{ id: string; approvalId: string }> {
  const id = await createProcess(t, tenant, {
    ownerUserId: await demoUserId(t, "modeler", tenant),
  });
  await json(
    await t.call("PUT", `/api/v1/processes/${id}/draft`, {
      token: await t.token("modeler", tenant),
      body: fixtureGraph(),
      headers: ifMatchAny,
    }),
    "save draft",
  );
  const task = await json(
    await t.call("POST", `/api/v1/processes/${id}/draft/submit`, {
      token: await submitterKey(t, tenant),
      body: { changeNote: "Fixture" },
      headers: ifMatchAny,
    }),
    "submit draft",
  );
  return { id, approvalId: task.id };
}

/** A process in `tenant` with fixtureGraph() in its draft (not submitted). */
async function createModelledProcess(t: TestApp, tenant: 0 | 1): Promise<string> {
  const id = await createProcess(t, tenant);
  await json(
    await t.call("PUT", `/api/v1/processes/${id}/draft`, {
      token: await t.token("modeler", tenant),
      body: fixtureGraph(),
      headers: ifMatchAny,
    }),
    "save draft",
  );
  return id;
}

/** A small BPMN 2.0 file (bpmn.io style): start → task → end. */
export const fixtureBpmn = () =>
  `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="Process_1" name="Fixture ${unique()}" isExecutable="false">
    <bpmn:startEvent id="StartEvent_1" />
    <bpmn:task id="Activity_1" name="Work" />
    <bpmn:endEvent id="Event_1" />
    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="Activity_1" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Activity_1" targetRef="Event_1" />
  </bpmn:process>
</bpmn:definitions>`;

const ORG = "/api/v1/orgchart";

/** A new org chart in `tenant`, created by its modeler. */
export async function createOrgChart(t: TestApp, tenant: 0 | 1): Promise<string> {
  const res = await t.call("POST", `${ORG}/charts`, {
    token: await t.token("modeler", tenant),
    body: { name: `Fixture chart ${unique()}` },
  });
  return (await json(res, "create org chart")).id;
}

/** A new org unit (in a new chart) in `tenant`. */
export async function createOrgUnit(t: TestApp, tenant: 0 | 1): Promise<string> {
  const res = await t.call("POST", `${ORG}/units`, {
    token: await t.token("modeler", tenant),
    body: { chartId: await createOrgChart(t, tenant), name: `Fixture unit ${unique()}` },
  });
  return (await json(res, "create org unit")).id;
}

/** A new position (in a new unit) in `tenant`. */
export async function createPosition(t: TestApp, tenant: 0 | 1): Promise<string> {
  const res = await t.call("POST", `${ORG}/positions`, {
    token: await t.token("modeler", tenant),
    body: { unitId: await createOrgUnit(t, tenant), title: `Fixture position ${unique()}` },
  });
  return (await json(res, "create position")).id;
}

/** A new employee holding a new position in `tenant`. */
export async function createEmployee(t: TestApp, tenant: 0 | 1): Promise<string> {
  const res = await t.call("POST", `${ORG}/employees`, {
    token: await t.token("modeler", tenant),
    body: {
      name: `Fixture person ${unique()}`,
      email: `fixture.${unique()}@example.com`,
      positions: [{ positionId: await createPosition(t, tenant) }],
    },
  });
  return (await json(res, "create employee")).id;
}

/** An import request of a small CSV file into a new chart of `tenant`. */
async function orgImport(t: TestApp, tenant: 0 | 1, csv: string): Promise<RouteRequest> {
  return {
    params: { id: await createOrgChart(t, tenant) },
    body: csv,
    headers: { "content-type": "text/csv" },
  };
}

const RES = "/api/v1/resources";

/** A minimal valid body, a change and an import file per resource kind (by route path). */
const RESOURCE_KINDS = {
  documents: {
    body: () => ({ title: `Fixture document ${unique()}` }),
    change: { description: "changed" },
    csv: "externalKey,title\nD-1,Fixture document\n",
  },
  systems: {
    body: () => ({ name: `Fixture system ${unique()}` }),
    change: { vendor: "Changed" },
    csv: "externalKey,name\nS-1,Fixture system\n",
  },
  locations: {
    body: () => ({ name: `Fixture location ${unique()}` }),
    change: { site: "Changed" },
    csv: "externalKey,name\nL-1,Fixture location\n",
  },
  requirements: {
    body: () => ({ standard: "ISO 9001", title: `Fixture requirement ${unique()}` }),
    change: { clause: "7.5.3" },
    csv: "externalKey,standard,title\nR-1,ISO 9001,Fixture requirement\n",
  },
} as const;

/** A new resource of the kind at `path` (documents, systems…) in `tenant`. */
export async function createResource(
  t: TestApp,
  tenant: 0 | 1,
  path: keyof typeof RESOURCE_KINDS = "documents",
): Promise<string> {
  const res = await t.call("POST", `${RES}/${path}`, {
    token: await t.token("modeler", tenant),
    body: RESOURCE_KINDS[path].body(),
  });
  return (await json(res, `create ${path}`)).id;
}

/** The fixtures of the resources plugin's routes, the same for every kind. */
function resourceFixtures(): Record<string, RouteFixture> {
  const fixtures: Record<string, RouteFixture> = {};
  for (const [path, kind] of Object.entries(RESOURCE_KINDS)) {
    const base = `${RES}/${path}`;
    const item = `${base}/{id}`;
    const existing = async (t: TestApp, tenant: 0 | 1) => ({
      id: await createResource(t, tenant, path as keyof typeof RESOURCE_KINDS),
    });
    fixtures[`GET ${base}`] = { request: () => Promise.resolve({ query: "?limit=200" }) };
    fixtures[`POST ${base}`] = { request: () => Promise.resolve({ body: kind.body() }) };
    fixtures[`GET ${base}/facets`] = { request: () => Promise.resolve({}) };
    fixtures[`POST ${base}/import`] = {
      request: () => Promise.resolve({ body: kind.csv, headers: { "content-type": "text/csv" } }),
    };
    fixtures[`GET ${item}`] = {
      request: async (t, tenant) => ({ params: await existing(t, tenant) }),
      readBack: item,
    };
    fixtures[`GET ${item}/where-used`] = {
      request: async (t, tenant) => ({ params: await existing(t, tenant) }),
      readBack: item,
    };
    fixtures[`PATCH ${item}`] = {
      request: async (t, tenant) => ({
        params: await existing(t, tenant),
        body: kind.change,
        headers: ifMatchAny,
      }),
      readBack: item,
    };
    fixtures[`DELETE ${item}`] = {
      request: async (t, tenant) => ({ params: await existing(t, tenant), headers: ifMatchAny }),
      readBack: item,
    };
  }
  return fixtures;
}

const keyBody = () => ({
  name: `Fixture key ${unique()}`,
  role: "reader",
  expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
});

export const ROUTE_FIXTURES: Record<string, RouteFixture> = {
  "GET /api/v1/tags": { request: () => Promise.resolve({ query: "?limit=200" }) },
  "POST /api/v1/tags": {
    request: () => Promise.resolve({ body: { name: `Matrix ${unique()}` } }),
  },
  "GET /api/v1/tags/{id}": {
    request: async (t, tenant) => ({ params: { id: await createTag(t, tenant) } }),
    readBack: "/api/v1/tags/{id}",
  },
  "PATCH /api/v1/tags/{id}": {
    request: async (t, tenant) => ({
      params: { id: await createTag(t, tenant) },
      body: { description: "changed" },
      headers: ifMatchAny,
    }),
    readBack: "/api/v1/tags/{id}",
  },
  "DELETE /api/v1/tags/{id}": {
    request: async (t, tenant) => ({
      params: { id: await createTag(t, tenant) },
      headers: ifMatchAny,
    }),
    readBack: "/api/v1/tags/{id}",
  },
  "GET /api/v1/users/me": { request: () => Promise.resolve({}) },
  "GET /api/v1/users": { request: () => Promise.resolve({ query: "?limit=200" }) },
  // One own user and one of the other tenant, whom the answer leaves out (api/users tests).
  "GET /api/v1/users/names": {
    request: async (t, tenant) => {
      const own = await demoUserId(t, "modeler", tenant);
      const foreign = await createUser(t, tenant === 0 ? 1 : 0);
      return { query: `?ids=${own},${foreign}` };
    },
  },
  "GET /api/v1/users/{id}": {
    request: async (t, tenant) => ({ params: { id: await createUser(t, tenant) } }),
    readBack: "/api/v1/users/{id}",
  },
  "PATCH /api/v1/users/{id}": {
    request: async (t, tenant) => ({
      params: { id: await createUser(t, tenant) },
      body: { role: "modeler" },
      headers: ifMatchAny,
    }),
    readBack: "/api/v1/users/{id}",
  },
  "GET /api/v1/embedding/settings": { request: () => Promise.resolve({}) },
  "PUT /api/v1/embedding/settings": {
    request: () =>
      Promise.resolve({
        body: { allowedOrigins: ["https://intranet.fixture.example"] },
        headers: ifMatchAny,
      }),
  },
  "GET /api/v1/api-keys": { request: () => Promise.resolve({}) },
  "POST /api/v1/api-keys": { request: () => Promise.resolve({ body: keyBody() }) },
  "DELETE /api/v1/api-keys/{id}": {
    request: async (t, tenant) => ({ params: { id: await createApiKey(t, tenant) } }),
  },
  "GET /api/v1/settings": { request: () => Promise.resolve({}) },
  // The default value, so that other fixtures see four-eyes approval as it is by default.
  "PATCH /api/v1/settings": {
    request: () =>
      Promise.resolve({ body: { processes: { fourEyes: true } }, headers: ifMatchAny }),
  },
  "GET /api/v1/audit": { request: () => Promise.resolve({ query: "?limit=200" }) },
  "GET /api/v1/audit/verify": { request: () => Promise.resolve({}) },
  // processes: the landscape, search and review cycles
  "GET /api/v1/processes": { request: () => Promise.resolve({ query: "?limit=200" }) },
  "POST /api/v1/processes": {
    request: () =>
      Promise.resolve({ body: { title: `Matrix process ${unique()}`, category: "support" } }),
  },
  "GET /api/v1/processes/tree": { request: () => Promise.resolve({}) },
  "GET /api/v1/processes/search": {
    request: () => Promise.resolve({ query: "?q=Fixture%20process&limit=100" }),
  },
  "GET /api/v1/processes/reviews/due": {
    request: () => Promise.resolve({ query: "?within=366" }),
  },
  "GET /api/v1/processes/{id}": {
    request: async (t, tenant) => ({ params: { id: await createProcess(t, tenant) } }),
    readBack: "/api/v1/processes/{id}",
  },
  "PATCH /api/v1/processes/{id}": {
    request: async (t, tenant) => ({
      params: { id: await createProcess(t, tenant) },
      body: { description: "changed", sortOrder: 3 },
      headers: ifMatchAny,
    }),
    readBack: "/api/v1/processes/{id}",
  },
  "DELETE /api/v1/processes/{id}": {
    request: async (t, tenant) => ({
      params: { id: await createProcess(t, tenant) },
      headers: ifMatchAny,
    }),
    readBack: "/api/v1/processes/{id}",
  },
  "POST /api/v1/processes/{id}/review/confirm": {
    // Owned by the tenant's modeler, so the lowest role allowed (modeler) may confirm.
    request: async (t, tenant) => ({
      params: {
        id: await createProcess(t, tenant, { ownerUserId: await demoUserId(t, "modeler", tenant) }),
      },
      body: { note: "Still current" },
    }),
    readBack: "/api/v1/processes/{id}",
  },
  // processes: validation and auto-layout
  "GET /api/v1/processes/{id}/draft/validation": {
    request: async (t, tenant) => ({ params: { id: await createProcess(t, tenant) } }),
    readBack: "/api/v1/processes/{id}/draft",
  },
  "POST /api/v1/processes/validate": {
    request: () => Promise.resolve({ body: fixtureGraph() }),
  },
  "POST /api/v1/processes/layout": {
    request: () => Promise.resolve({ body: fixtureGraph() }),
  },
  "POST /api/v1/processes/{id}/draft/layout": {
    request: async (t, tenant) => ({
      params: { id: await createProcess(t, tenant) },
      headers: ifMatchAny,
    }),
    readBack: "/api/v1/processes/{id}/draft",
  },
  "GET /api/v1/orgchart/charts": { request: () => Promise.resolve({ query: "?limit=200" }) },
  "POST /api/v1/orgchart/charts": {
    request: () => Promise.resolve({ body: { name: `Matrix chart ${unique()}` } }),
  },
  "GET /api/v1/orgchart/charts/{id}": {
    request: async (t, tenant) => ({ params: { id: await createOrgChart(t, tenant) } }),
    readBack: "/api/v1/orgchart/charts/{id}",
  },
  "GET /api/v1/orgchart/charts/{id}/tree": {
    request: async (t, tenant) => ({ params: { id: await createOrgChart(t, tenant) } }),
    readBack: "/api/v1/orgchart/charts/{id}/tree",
  },
  "PATCH /api/v1/orgchart/charts/{id}": {
    request: async (t, tenant) => ({
      params: { id: await createOrgChart(t, tenant) },
      body: { description: "changed" },
      headers: ifMatchAny,
    }),
    readBack: "/api/v1/orgchart/charts/{id}",
  },
  "DELETE /api/v1/orgchart/charts/{id}": {
    request: async (t, tenant) => ({
      params: { id: await createOrgChart(t, tenant) },
      headers: ifMatchAny,
    }),
    readBack: "/api/v1/orgchart/charts/{id}",
  },
  "POST /api/v1/orgchart/charts/{id}/import/positions": {
    request: (t, tenant) =>
      orgImport(t, tenant, "externalKey,title,unit\nP-1,Fixture position,Fixture unit\n"),
    readBack: "/api/v1/orgchart/charts/{id}/tree",
  },
  "POST /api/v1/orgchart/charts/{id}/import/employees": {
    request: (t, tenant) => orgImport(t, tenant, "externalKey,name\nE-1,Fixture person\n"),
    readBack: "/api/v1/orgchart/charts/{id}/tree",
  },
  "GET /api/v1/orgchart/units": { request: () => Promise.resolve({ query: "?limit=200" }) },
  "POST /api/v1/orgchart/units": {
    request: async (t, tenant) => ({
      body: { chartId: await createOrgChart(t, tenant), name: `Matrix unit ${unique()}` },
    }),
  },
  "GET /api/v1/orgchart/units/{id}": {
    request: async (t, tenant) => ({ params: { id: await createOrgUnit(t, tenant) } }),
    readBack: "/api/v1/orgchart/units/{id}",
  },
  "PATCH /api/v1/orgchart/units/{id}": {
    request: async (t, tenant) => ({
      params: { id: await createOrgUnit(t, tenant) },
      body: { name: "Renamed" },
      headers: ifMatchAny,
    }),
    readBack: "/api/v1/orgchart/units/{id}",
  },
  "POST /api/v1/orgchart/units/{id}/move": {
    request: async (t, tenant) => ({
      params: { id: await createOrgUnit(t, tenant) },
      body: { parentId: null, sortOrder: 5 },
      headers: ifMatchAny,
    }),
    readBack: "/api/v1/orgchart/units/{id}",
  },
  "DELETE /api/v1/orgchart/units/{id}": {
    request: async (t, tenant) => ({
      params: { id: await createOrgUnit(t, tenant) },
      headers: ifMatchAny,
    }),
    readBack: "/api/v1/orgchart/units/{id}",
  },
  "GET /api/v1/orgchart/positions": { request: () => Promise.resolve({ query: "?limit=200" }) },
  "POST /api/v1/orgchart/positions": {
    request: async (t, tenant) => ({
      body: { unitId: await createOrgUnit(t, tenant), title: `Matrix position ${unique()}` },
    }),
  },
  "GET /api/v1/orgchart/positions/{id}": {
    request: async (t, tenant) => ({ params: { id: await createPosition(t, tenant) } }),
    readBack: "/api/v1/orgchart/positions/{id}",
  },
  "PATCH /api/v1/orgchart/positions/{id}": {
    request: async (t, tenant) => ({
      params: { id: await createPosition(t, tenant) },
      body: { title: "Retitled" },
      headers: ifMatchAny,
    }),
    readBack: "/api/v1/orgchart/positions/{id}",
  },
  "DELETE /api/v1/orgchart/positions/{id}": {
    request: async (t, tenant) => ({
      params: { id: await createPosition(t, tenant) },
      headers: ifMatchAny,
    }),
    readBack: "/api/v1/orgchart/positions/{id}",
  },
  "GET /api/v1/orgchart/positions/{id}/responsibilities": {
    request: async (t, tenant) => ({ params: { id: await createPosition(t, tenant) } }),
    readBack: "/api/v1/orgchart/positions/{id}",
  },
  "GET /api/v1/orgchart/employees": { request: () => Promise.resolve({ query: "?limit=200" }) },
  "POST /api/v1/orgchart/employees": {
    request: () =>
      Promise.resolve({
        body: { name: `Matrix person ${unique()}`, email: `m.${unique()}@example.com` },
      }),
  },
  "GET /api/v1/orgchart/employees/{id}": {
    request: async (t, tenant) => ({ params: { id: await createEmployee(t, tenant) } }),
    readBack: "/api/v1/orgchart/employees/{id}",
  },
  "PATCH /api/v1/orgchart/employees/{id}": {
    request: async (t, tenant) => ({
      params: { id: await createEmployee(t, tenant) },
      body: { phone: "+1 555 0100" },
      headers: ifMatchAny,
    }),
    readBack: "/api/v1/orgchart/employees/{id}",
  },
  "DELETE /api/v1/orgchart/employees/{id}": {
    request: async (t, tenant) => ({
      params: { id: await createEmployee(t, tenant) },
      headers: ifMatchAny,
    }),
    readBack: "/api/v1/orgchart/employees/{id}",
  },
  "GET /api/v1/orgchart/employees/{id}/responsibilities": {
    request: async (t, tenant) => ({ params: { id: await createEmployee(t, tenant) } }),
    readBack: "/api/v1/orgchart/employees/{id}",
  },
  // processes: drafts, approvals, versions, diff and the projection queries
  // live: the ticket names its process in the body (another tenant's answers 404, see
  // plugins/live/live_test.ts; the isolation sweep walks only paths with an id).
  "POST /api/v1/live/tickets": {
    request: async (t, tenant) => ({ body: { processId: await createProcess(t, tenant) } }),
  },
  "GET /api/v1/processes/{id}/draft": {
    request: async (t, tenant) => ({ params: { id: await createProcess(t, tenant) } }),
    readBack: "/api/v1/processes/{id}/draft",
  },
  "PUT /api/v1/processes/{id}/draft": {
    request: async (t, tenant) => ({
      params: { id: await createProcess(t, tenant) },
      body: fixtureGraph(),
      headers: ifMatchAny,
    }),
    readBack: "/api/v1/processes/{id}/draft",
  },
  "POST /api/v1/processes/{id}/draft/submit": {
    request: async (t, tenant) => ({
      params: { id: await createModelledProcess(t, tenant) },
      body: { changeNote: "Please approve" },
      headers: ifMatchAny,
    }),
    readBack: "/api/v1/processes/{id}/draft",
  },
  "POST /api/v1/processes/{id}/draft/withdraw": {
    // Submitted by the modeler, so the lowest role allowed (modeler) may withdraw.
    request: async (t, tenant) => ({
      params: { id: (await createSubmittedProcess(t, tenant)).id },
    }),
    readBack: "/api/v1/processes/{id}/approvals",
  },
  "GET /api/v1/processes/{id}/approvals": {
    request: async (t, tenant) => ({
      params: { id: (await createSubmittedProcess(t, tenant)).id },
    }),
    readBack: "/api/v1/processes/{id}/approvals",
  },
  "POST /api/v1/processes/{id}/approvals/{approvalId}/approve": {
    // Owned by the modeler, so the lowest role allowed (modeler) may decide; submitted by
    // another, so four-eyes approval lets every caller approve.
    request: async (t, tenant) => ({
      params: await createProcessSubmittedByOthers(t, tenant),
      body: { comment: "Fine" },
    }),
    readBack: "/api/v1/processes/{id}/approvals",
  },
  "POST /api/v1/processes/{id}/approvals/{approvalId}/reject": {
    request: async (t, tenant) => ({
      params: await createSubmittedProcess(t, tenant),
      body: { reason: "Not yet" },
    }),
    readBack: "/api/v1/processes/{id}/approvals",
  },
  "GET /api/v1/processes/approvals": {
    request: () => Promise.resolve({ query: "?state=open&limit=200" }),
  },
  "GET /api/v1/processes/{id}/versions": {
    request: async (t, tenant) => ({ params: { id: await createPublishedProcess(t, tenant) } }),
    readBack: "/api/v1/processes/{id}/versions",
  },
  "GET /api/v1/processes/{id}/versions/{number}": {
    request: async (t, tenant) => ({
      params: { id: await createPublishedProcess(t, tenant), number: "1" },
    }),
    readBack: "/api/v1/processes/{id}/versions/{number}",
  },
  "POST /api/v1/processes/{id}/versions/{number}/restore": {
    request: async (t, tenant) => ({
      params: { id: await createPublishedProcess(t, tenant), number: "1" },
      headers: ifMatchAny,
    }),
    readBack: "/api/v1/processes/{id}/draft",
  },
  "GET /api/v1/processes/{id}/diff": {
    // Between published versions, so readers (the lowest role) may ask.
    request: async (t, tenant) => ({
      params: { id: await createPublishedProcess(t, tenant) },
      query: "?from=1&to=published",
    }),
    readBack: "/api/v1/processes/{id}/versions",
  },
  "GET /api/v1/processes/{id}/raci": {
    request: async (t, tenant) => ({
      params: { id: await createPublishedProcess(t, tenant) },
      query: "?source=published",
    }),
    readBack: "/api/v1/processes/{id}/raci",
  },
  "GET /api/v1/processes/where-used": {
    request: () => Promise.resolve({ query: `?kind=document&id=${crypto.randomUUID()}&limit=200` }),
  },
  "GET /api/v1/processes/responsibilities": {
    request: () => Promise.resolve({ query: `?positionId=${crypto.randomUUID()}&limit=200` }),
  },
  // processes: BPMN import and export
  "GET /api/v1/processes/{id}/bpmn": {
    // A published version, so readers (the lowest role) may download it.
    request: async (t, tenant) => ({
      params: { id: await createPublishedProcess(t, tenant) },
      query: "?version=published",
    }),
    readBack: "/api/v1/processes/{id}",
  },
  "POST /api/v1/processes/{id}/draft/bpmn": {
    request: async (t, tenant) => ({
      params: { id: await createProcess(t, tenant) },
      body: fixtureBpmn(),
      headers: { "content-type": "application/xml", ...ifMatchAny },
    }),
    readBack: "/api/v1/processes/{id}/draft",
  },
  "POST /api/v1/processes/bpmn/parse": {
    request: () =>
      Promise.resolve({ body: fixtureBpmn(), headers: { "content-type": "text/xml" } }),
  },
  // resources: documents, systems, locations, requirements
  ...resourceFixtures(),
  // exports: published processes for readers, org charts, lists, the handbook
  ...exportFixtures(),
  ...AI_FIXTURES,
  // collaboration: comments, problems, feedback, inbox, notifications, settings
  ...collaborationFixtures({ createProcess, demoUserId, fixtureGraph }),
  // webhooks: endpoints, pings and the delivery log
  ...WEBHOOK_FIXTURES,
  // deletion: offboarding (each request reactivates the demo tenant), jobs, protocols
  ...deletionFixtures(),
  // the core's recycle bin: entries are deleted processes
  ...recycleBinFixtures((t, tenant) => createProcess(t, tenant)),
};

function exportFixtures(): Record<string, RouteFixture> {
  const fixtures: Record<string, RouteFixture> = {
    "GET /api/v1/exports/handbook.pdf": { request: () => Promise.resolve({}) },
  };
  for (const ext of ["pdf", "svg", "png"]) {
    fixtures[`GET /api/v1/exports/processes/{id}.${ext}`] = {
      request: async (t, tenant) => ({ params: { id: await createPublishedProcess(t, tenant) } }),
      readBack: "/api/v1/processes/{id}",
    };
  }
  for (const ext of ["svg", "pdf"]) {
    fixtures[`GET /api/v1/exports/orgcharts/{id}.${ext}`] = {
      request: async (t, tenant) => ({ params: { id: await createOrgChart(t, tenant) } }),
      readBack: "/api/v1/orgchart/charts/{id}/tree",
    };
  }
  for (const ext of ["csv", "xlsx"]) {
    // Lists without personal data, so readers (the lowest role) may export them.
    fixtures[`GET /api/v1/exports/lists/{list}.${ext}`] = {
      request: () => Promise.resolve({ params: { list: "processes" } }),
      tenantWide: true,
    };
  }
  return fixtures;
}

/** Every tenant route of the document: under /api/v1, naming a permission. */
export function tenantOperations(
  doc: { paths: Record<string, Record<string, Record<string, unknown>>> },
) {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!op["x-permission"]) continue;
      ops.push({ method: method.toUpperCase(), path, minRole: op["x-role"] as string, doc: op });
    }
  }
  return ops;
}

/** Sends the operation's request with `token`. */
export function send(t: TestApp, op: Operation, req: RouteRequest, token: string) {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name) => {
    const value = req.params?.[name];
    if (!value) throw new Error(`${op.method} ${op.path}: the fixture gives no ${name}`);
    return value;
  }) + (req.query ?? "");
  return t.call(op.method, path, { token, body: req.body, headers: req.headers });
}
