// Route fixtures of the collaboration plugin (merged into ROUTE_FIXTURES). Routes that act
// on one's own comment, or need the caller to own the process, build their objects for the
// calling role (requestAs).
import type { Role } from "../../schema/core.ts";
import type { TestApp } from "./app.ts";
import type { RouteFixture, RouteRequest } from "./route_fixtures.ts";

/** What these fixtures borrow from route_fixtures.ts (passed in: no import cycle). */
export interface FixtureHelpers {
  createProcess(t: TestApp, tenant: 0 | 1, body?: Record<string, unknown>): Promise<string>;
  demoUserId(t: TestApp, role: Role, tenant: 0 | 1): Promise<string>;
  fixtureGraph(): unknown;
}

const BASE = "/api/v1/collaboration";
const ifMatchAny = { "if-match": "*" };

async function json(res: Response, what: string) {
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${await res.text()}`);
  return await res.json();
}

export function collaborationFixtures(h: FixtureHelpers): Record<string, RouteFixture> {
  const { createProcess, demoUserId, fixtureGraph } = h;

  /** A process of `tenant` with fixtureGraph() published, owned by the demo user with `owner`. */
  async function publishedProcess(t: TestApp, tenant: 0 | 1, owner: Role = "modeler") {
    const id = await createProcess(t, tenant, { ownerUserId: await demoUserId(t, owner, tenant) });
    const modeler = await t.token("modeler", tenant);
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
      "submit",
    );
    await json(
      await t.call("POST", `/api/v1/processes/${id}/approvals/${task.id}/approve`, {
        token: await t.token("executive", tenant),
      }),
      "approve",
    );
    return id;
  }

  /** A comment on step t of a new published process, written by the demo user with `author`. */
  async function comment(
    t: TestApp,
    tenant: 0 | 1,
    author: Role = "reader",
    owner: Role = "modeler",
  ) {
    const processId = await publishedProcess(t, tenant, owner);
    const thread = await json(
      await t.call("POST", `${BASE}/comments`, {
        token: await t.token(author, tenant),
        body: { processId, nodeId: "t", body: "Fixture comment" },
      }),
      "comment",
    );
    return { processId, id: thread.id as string };
  }

  /** A problem on a new published process owned by the demo user with `owner`. */
  async function problem(t: TestApp, tenant: 0 | 1, owner: Role = "modeler") {
    const processId = await publishedProcess(t, tenant, owner);
    const p = await json(
      await t.call("POST", `${BASE}/problems`, {
        token: await t.token("reader", tenant),
        body: { processId, title: "Fixture problem", description: "d", severity: "low" },
      }),
      "report problem",
    );
    return p.id as string;
  }

  const only = (req: RouteRequest) => () => Promise.resolve(req);

  return {
    [`GET ${BASE}/comments`]: {
      request: async (t, tenant) => ({
        query: `?processId=${(await comment(t, tenant)).processId}`,
      }),
    },
    [`GET ${BASE}/comments/mentionable`]: { request: only({ query: "?q=a" }) },
    [`GET ${BASE}/comments/{id}`]: {
      request: async (t, tenant) => ({ params: { id: (await comment(t, tenant)).id } }),
      readBack: `${BASE}/comments/{id}`,
    },
    [`POST ${BASE}/comments`]: {
      request: async (t, tenant) => ({
        body: { processId: await publishedProcess(t, tenant), nodeId: "t", body: "Hello" },
      }),
    },
    [`PATCH ${BASE}/comments/{id}`]: {
      // One's own comment: written by the calling role.
      request: async (t, tenant) => ({
        params: { id: (await comment(t, tenant)).id },
        body: { body: "Changed" },
      }),
      requestAs: async (t, tenant, role) => ({
        params: { id: (await comment(t, tenant, role)).id },
        body: { body: "Changed" },
      }),
      readBack: `${BASE}/comments/{id}`,
    },
    [`DELETE ${BASE}/comments/{id}`]: {
      request: async (t, tenant) => ({ params: { id: (await comment(t, tenant)).id } }),
      requestAs: async (t, tenant, role) => ({
        params: { id: (await comment(t, tenant, role)).id },
      }),
      readBack: `${BASE}/comments/{id}`,
    },
    [`POST ${BASE}/comments/{id}/resolve`]: {
      // The process owner resolves: the process is the calling role's.
      request: async (t, tenant) => ({ params: { id: (await comment(t, tenant)).id } }),
      requestAs: async (t, tenant, role) => ({
        params: { id: (await comment(t, tenant, "reader", role)).id },
      }),
      readBack: `${BASE}/comments/{id}`,
    },
    [`GET ${BASE}/problems`]: { request: only({ query: "?status=open&limit=200" }) },
    [`GET ${BASE}/problems/{id}`]: {
      request: async (t, tenant) => ({ params: { id: await problem(t, tenant) } }),
      readBack: `${BASE}/problems/{id}`,
    },
    [`POST ${BASE}/problems`]: {
      request: async (t, tenant) => ({
        body: {
          processId: await publishedProcess(t, tenant),
          nodeId: "t",
          title: "Broken link",
          description: "The form is gone",
          severity: "medium",
        },
      }),
    },
    [`PATCH ${BASE}/problems/{id}`]: {
      // Triage is the owner's: the process is the calling role's.
      request: async (t, tenant) => ({
        params: { id: await problem(t, tenant) },
        body: { status: "in_progress" },
        headers: ifMatchAny,
      }),
      requestAs: async (t, tenant, role) => ({
        params: { id: await problem(t, tenant, role) },
        body: { status: "in_progress" },
        headers: ifMatchAny,
      }),
      readBack: `${BASE}/problems/{id}`,
    },
    [`GET ${BASE}/feedback`]: {
      request: async (t, tenant) => ({ query: `?processId=${await publishedProcess(t, tenant)}` }),
    },
    [`POST ${BASE}/feedback`]: {
      request: async (t, tenant) => ({
        body: { processId: await publishedProcess(t, tenant), helpful: true, text: "Clear" },
      }),
    },
    [`GET ${BASE}/inbox`]: { request: only({}) },
    [`GET ${BASE}/notifications`]: { request: only({ query: "?limit=200" }) },
    [`GET ${BASE}/notifications/unread-count`]: { request: only({}) },
    [`POST ${BASE}/notifications/read`]: { request: only({ body: { all: true } }) },
    [`GET ${BASE}/settings`]: { request: only({}) },
    [`PUT ${BASE}/settings`]: { request: only({ body: { language: "de" } }) },
  };
}
