// Shared by the ai plugin's tests: turning AI on for a demo tenant against a local provider
// server, and a process with a draft and a published version to work on.
import type { TestApp } from "../../tests/support/app.ts";
import type { ProviderServer } from "../../tests/fixtures/ai_provider_server.ts";

/** The local provider servers listen on 127.0.0.1: the operator's switch lets them be reached. */
export const ALLOW_LOCAL_PROVIDERS = { OUTBOUND_ALLOW_PRIVATE_TARGETS: "true" };

export const ALL_ON = { analysis: true, summary: true, changeSummary: true, fromText: true };
export const TEST_KEY = "sk-test-secret-key-1234";

/** Turns AI on for `tenant` with `server`'s provider; returns the settings. */
export async function enableAi(
  t: TestApp,
  server: ProviderServer,
  opts: { tenant?: 0 | 1; budget?: number | null; features?: typeof ALL_ON } = {},
) {
  const res = await t.call("PUT", "/api/v1/ai/settings", {
    token: await t.token("executive", opts.tenant ?? 0),
    headers: { "if-match": "*" },
    body: {
      enabled: true,
      provider: server.kind,
      model: null,
      apiKey: TEST_KEY,
      baseUrl: server.baseUrl,
      features: opts.features ?? ALL_ON,
      monthlyTokenBudget: opts.budget ?? null,
    },
  });
  if (res.status !== 200) throw new Error(`enable AI: ${res.status} ${await res.text()}`);
  return await res.json();
}

/** Turns AI off for `tenant`. */
export async function disableAi(t: TestApp, tenant: 0 | 1 = 0) {
  const res = await t.call("PUT", "/api/v1/ai/settings", {
    token: await t.token("executive", tenant),
    headers: { "if-match": "*" },
    body: {
      enabled: false,
      provider: null,
      model: null,
      baseUrl: null,
      features: ALL_ON,
      monthlyTokenBudget: null,
    },
  });
  if (res.status !== 200) throw new Error(`disable AI: ${res.status} ${await res.text()}`);
}

async function ok(res: Response, what: string) {
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${await res.text()}`);
  return await res.json();
}

/**
 * A process of `tenant` with a lane bound to `positionId` (when given), a task without a
 * responsible whose texts carry `text`, published once and then changed in the draft.
 */
export async function processWithText(
  t: TestApp,
  opts: { tenant?: 0 | 1; text?: string; positionId?: string | null; publish?: boolean } = {},
): Promise<string> {
  const tenant = opts.tenant ?? 0;
  const modeler = await t.token("modeler", tenant);
  const text = opts.text ?? "";
  const created = await ok(
    await t.call("POST", "/api/v1/processes", {
      token: modeler,
      body: {
        title: `Order handling ${crypto.randomUUID().slice(0, 6)}`,
        category: "core",
        description: `Owner notes: ${text}`,
      },
    }),
    "create process",
  );
  const graph = (label: string) => ({
    lanes: [{ id: "lane_1", name: "Sales", positionId: opts.positionId ?? null }],
    nodes: [
      {
        id: "s",
        type: "start",
        label: "Start",
        laneId: "lane_1",
        x: 60,
        y: 62,
        width: 36,
        height: 36,
      },
      {
        id: "t",
        type: "task",
        label,
        laneId: "lane_1",
        x: 140,
        y: 40,
        width: 120,
        height: 80,
        description: `Ask ${text} before shipping.`,
      },
      {
        id: "e",
        type: "end",
        label: "Done",
        laneId: "lane_1",
        x: 300,
        y: 62,
        width: 36,
        height: 36,
      },
    ],
    edges: [{ id: "a", from: "s", to: "t" }, { id: "b", from: "t", to: "e" }],
  });
  const ifMatch = { "if-match": "*" };
  await ok(
    await t.call("PUT", `/api/v1/processes/${created.id}/draft`, {
      token: modeler,
      body: graph("Check the order"),
      headers: ifMatch,
    }),
    "save draft",
  );
  if (opts.publish !== false) {
    const task = await ok(
      await t.call("POST", `/api/v1/processes/${created.id}/draft/submit`, {
        token: modeler,
        body: { changeNote: "First version" },
        headers: ifMatch,
      }),
      "submit",
    );
    await ok(
      await t.call("POST", `/api/v1/processes/${created.id}/approvals/${task.id}/approve`, {
        token: await t.token("executive", tenant),
      }),
      "approve",
    );
    await ok(
      await t.call("PUT", `/api/v1/processes/${created.id}/draft`, {
        token: modeler,
        body: graph("Check the order and the invoice"),
        headers: ifMatch,
      }),
      "change draft",
    );
  }
  return created.id;
}

/** Ids of the positions of `tenant` (the sample org chart's). */
export async function positionIds(t: TestApp, tenant: 0 | 1 = 0): Promise<string[]> {
  const page = await ok(
    await t.call("GET", "/api/v1/orgchart/positions?limit=200", {
      token: await t.token("reader", tenant),
    }),
    "positions",
  );
  return page.items.map((p: { id: string }) => p.id);
}
