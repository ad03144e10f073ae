// Fixtures of the ai plugin's routes for the role matrix and the isolation sweep. Routes that
// call a provider need AI on: the demo tenant gets it, pointed at a local OpenAI-speaking
// server (tests/fixtures/ai_provider_server.ts), before each such request.
import { startProviderServer } from "../fixtures/ai_provider_server.ts";
import type { TestApp } from "./app.ts";
import {
  createPosition,
  createProcess,
  createPublishedProcess,
  fixtureGraph,
  type RouteFixture,
} from "./route_fixtures.ts";

let server: ReturnType<typeof startProviderServer> | undefined;
const FEATURES = { analysis: true, summary: true, changeSummary: true, fromText: true };

function settingsBody() {
  server ??= startProviderServer("openai", { unref: true });
  return {
    enabled: true,
    provider: "openai",
    model: null,
    apiKey: "sk-fixture-key-0000",
    baseUrl: server.baseUrl,
    features: FEATURES,
    monthlyTokenBudget: null,
  };
}

async function ok(res: Response, what: string) {
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${await res.text()}`);
  return await res.json();
}

/** Turns AI on for `tenant` against the fixture provider. */
export async function aiOn(t: TestApp, tenant: 0 | 1) {
  await ok(
    await t.call("PUT", "/api/v1/ai/settings", {
      token: await t.token("executive", tenant),
      headers: { "if-match": "*" },
      body: settingsBody(),
    }),
    "turn AI on",
  );
}

/** A rules analysis of a process whose lane has a position: its suggestion changes the draft. */
async function analysis(t: TestApp, tenant: 0 | 1) {
  const id = await createProcess(t, tenant);
  const graph = fixtureGraph();
  const positionId = await createPosition(t, tenant);
  const modeler = await t.token("modeler", tenant);
  await ok(
    await t.call("PUT", `/api/v1/processes/${id}/draft`, {
      token: modeler,
      body: { ...graph, lanes: [{ ...graph.lanes[0], positionId }] },
      headers: { "if-match": "*" },
    }),
    "save draft",
  );
  return await ok(
    await t.call("POST", "/api/v1/ai/analyses", {
      token: modeler,
      body: { processId: id, engine: "rules" },
    }),
    "analyse",
  ) as { id: string; processId: string; suggestions: { id: string; change: unknown[] }[] };
}

const changing = (a: Awaited<ReturnType<typeof analysis>>) =>
  a.suggestions.find((s) => s.change.length)!.id;

export const AI_FIXTURES: Record<string, RouteFixture> = {
  "GET /api/v1/ai/settings": { request: () => Promise.resolve({}) },
  "GET /api/v1/ai/status": { request: () => Promise.resolve({}) },
  "PUT /api/v1/ai/settings": {
    request: () => Promise.resolve({ body: settingsBody(), headers: { "if-match": "*" } }),
  },
  "GET /api/v1/ai/usage": { request: () => Promise.resolve({ query: "?limit=200" }) },
  "GET /api/v1/ai/usage/export": { request: () => Promise.resolve({}) },
  "POST /api/v1/ai/preview": {
    // A summary of a published process: readers (the lowest role) may preview it.
    request: async (t, tenant) => ({
      body: { feature: "summary", processId: await createPublishedProcess(t, tenant) },
    }),
  },
  "POST /api/v1/ai/analyses": {
    request: async (t, tenant) => ({
      body: { processId: await createProcess(t, tenant), engine: "rules" },
    }),
  },
  "GET /api/v1/ai/analyses": {
    request: async (t, tenant) => ({
      query: `?processId=${(await analysis(t, tenant)).processId}`,
    }),
  },
  "GET /api/v1/ai/analyses/{id}": {
    request: async (t, tenant) => ({ params: { id: (await analysis(t, tenant)).id } }),
    readBack: "/api/v1/ai/analyses/{id}",
  },
  "POST /api/v1/ai/suggestions/{id}/accept": {
    request: async (t, tenant) => ({
      params: { id: changing(await analysis(t, tenant)) },
      headers: { "if-match": "*" },
    }),
  },
  "POST /api/v1/ai/suggestions/{id}/reject": {
    request: async (t, tenant) => ({ params: { id: changing(await analysis(t, tenant)) } }),
  },
  "POST /api/v1/ai/suggestions/{id}/undo": {
    request: async (t, tenant) => {
      const id = changing(await analysis(t, tenant));
      await ok(
        await t.call("POST", `/api/v1/ai/suggestions/${id}/accept`, {
          token: await t.token("modeler", tenant),
          headers: { "if-match": "*" },
        }),
        "accept",
      );
      return { params: { id } };
    },
  },
  "POST /api/v1/ai/summaries": {
    request: async (t, tenant) => {
      await aiOn(t, tenant);
      return { body: { processId: await createPublishedProcess(t, tenant) } };
    },
  },
  "GET /api/v1/ai/processes/{id}/summary": {
    request: async (t, tenant) => {
      await aiOn(t, tenant);
      const processId = await createPublishedProcess(t, tenant);
      await ok(
        await t.call("POST", "/api/v1/ai/summaries", {
          token: await t.token("reader", tenant),
          body: { processId },
        }),
        "summarise",
      );
      return { params: { id: processId } };
    },
    readBack: "/api/v1/ai/processes/{id}/summary",
  },
  "GET /api/v1/ai/processes/{id}/provenance": {
    request: async (t, tenant) => ({ params: { id: await createPublishedProcess(t, tenant) } }),
    readBack: "/api/v1/ai/processes/{id}/provenance",
  },
  "POST /api/v1/ai/change-summaries": {
    request: async (t, tenant) => {
      await aiOn(t, tenant);
      return { body: { processId: await createPublishedProcess(t, tenant) } };
    },
  },
  "POST /api/v1/ai/from-text": {
    request: async (t, tenant) => {
      await aiOn(t, tenant);
      return { body: { text: "Sales checks every order, then the warehouse ships it." } };
    },
  },
  "POST /api/v1/ai/from-text/extract": {
    request: () =>
      Promise.resolve({
        body: "# Order handling\nSales checks every order.",
        headers: { "content-type": "text/markdown" },
      }),
  },
};
