// Graphs and helpers for tests of drafts, approvals and projections (test support only).
import type { TestApp } from "../../tests/support/app.ts";
import type { GraphInput } from "./graph_schema.ts";

/** Object ids a sample graph refers to (other plugins' objects, unchecked without them). */
export interface SampleRefs {
  ceo: string;
  clerk: string;
  auditor: string;
  sales: string;
  contract: string;
  crm: string;
}

export const newRefs = (): SampleRefs => ({
  ceo: crypto.randomUUID(),
  clerk: crypto.randomUUID(),
  auditor: crypto.randomUUID(),
  sales: crypto.randomUUID(),
  contract: crypto.randomUUID(),
  crm: crypto.randomUUID(),
});

/**
 * Real positions and an org unit (orgchart plugin), a document and a system (resources
 * plugin) in the caller's tenant, so the model validates.
 */
export async function createRefs(t: TestApp, token: string): Promise<SampleRefs> {
  const make = async (path: string, body: unknown, plugin = "orgchart") => {
    const res = await t.call("POST", `/api/v1/${plugin}/${path}`, { token, body });
    if (res.status !== 201) throw new Error(`create ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()).id as string;
  };
  const chart = await make("charts", { name: `Chart ${crypto.randomUUID().slice(0, 8)}` });
  const sales = await make("units", { chartId: chart, name: "Sales" });
  return {
    ...newRefs(),
    sales,
    ceo: await make("positions", { unitId: sales, title: "CEO" }),
    clerk: await make("positions", { unitId: sales, title: "Clerk" }),
    auditor: await make("positions", { unitId: sales, title: "Auditor" }),
    contract: await make("documents", { title: "Contract" }, "resources"),
    crm: await make("systems", { name: "CRM" }, "resources"),
  };
}

/** The smallest valid model: start → task → end in one unbound lane, no references. */
export function minimalGraph(label = "Do it"): GraphInput {
  return {
    lanes: [{ id: "lane", name: "Team" }],
    nodes: [
      { id: "start", type: "start", laneId: "lane", ...box(40, 62, 36) },
      { id: "task", type: "task", label, laneId: "lane", ...box(140, 40, 80, 120) },
      { id: "end", type: "end", laneId: "lane", ...box(320, 62, 36) },
    ],
    edges: [
      { id: "f1", from: "start", to: "task" },
      { id: "f2", from: "task", to: "end" },
    ],
  };
}

/**
 * A valid model (with refs from createRefs): two lanes (one bound to the CEO position, one to the sales org unit),
 * start → check → sign → end, with RACI and links on the tasks.
 */
export function sampleGraph(r: SampleRefs = newRefs(), title = "Check order"): GraphInput {
  return {
    lanes: [
      { id: "lane_a", name: "Management", positionId: r.ceo, size: 160 },
      { id: "lane_b", name: "Sales", orgUnitId: r.sales, size: 160 },
    ],
    nodes: [
      { id: "start", type: "start", label: "Order in", laneId: "lane_a", ...box(60, 62, 36) },
      {
        id: "check",
        type: "task",
        label: title,
        laneId: "lane_a",
        ...box(160, 40, 80, 120),
        raci: { responsible: [r.clerk], accountable: [r.ceo], consulted: [r.auditor] },
        links: { documents: [r.contract] },
        description: "Look at **everything**",
      },
      {
        id: "sign",
        type: "task",
        label: "Sign contract",
        laneId: "lane_b",
        ...box(320, 200, 80, 120),
        raci: { responsible: [r.ceo], informed: [r.clerk, r.auditor] },
        links: { systems: [r.crm], documents: [r.contract] },
      },
      { id: "end", type: "end", label: "Done", laneId: "lane_b", ...box(480, 222, 36) },
    ],
    edges: [
      { id: "e1", from: "start", to: "check" },
      { id: "e2", from: "check", to: "sign" },
      { id: "e3", from: "sign", to: "end" },
    ],
  };
}

function box(x: number, y: number, height: number, width = height) {
  return { x, y, width, height };
}

/** A graph with `n` task nodes in one lane, chained start → t1 … tn → end (valid). */
export function chainGraph(n: number, refs: SampleRefs = newRefs()): GraphInput {
  const nodes: GraphInput["nodes"] = [
    { id: "start", type: "start", laneId: "lane", ...box(0, 10, 36) },
  ];
  const edges: GraphInput["edges"] = [];
  let prev = "start";
  for (let i = 1; i <= n; i++) {
    const id = `t${i}`;
    nodes.push({
      id,
      type: "task",
      label: `Step ${i}`,
      laneId: "lane",
      ...box(i * 100, 10, 60, 80),
      raci: { responsible: [refs.clerk], accountable: [refs.ceo] },
      links: { documents: [refs.contract] },
    });
    edges.push({ id: `e${i}`, from: prev, to: id });
    prev = id;
  }
  nodes.push({ id: "end", type: "end", laneId: "lane", ...box((n + 1) * 100, 10, 36) });
  edges.push({ id: `e${n + 1}`, from: prev, to: "end" });
  return {
    lanes: [{ id: "lane", name: "Team", positionId: refs.clerk, size: 100 }],
    nodes,
    edges,
  };
}

/** Our user id of a demo user. */
export async function userIdOf(t: TestApp, token: string): Promise<string> {
  const res = await t.call("GET", "/api/v1/users/me", { token });
  if (res.status !== 200) throw new Error(`users/me: ${res.status} ${await res.text()}`);
  return (await res.json()).user.id;
}

/** A new process through the landscape route; returns its id. */
export async function createProcess(
  t: TestApp,
  token: string,
  body: Record<string, unknown> = {},
): Promise<string> {
  const res = await t.call("POST", "/api/v1/processes", {
    token,
    body: { title: `Process ${crypto.randomUUID().slice(0, 8)}`, category: "core", ...body },
  });
  if (res.status !== 201) throw new Error(`create process: ${res.status} ${await res.text()}`);
  return (await res.json()).id;
}

/** Saves `graph` into the draft of `id` over HTTP (If-Match: *); returns the new draft. */
export async function saveGraph(t: TestApp, token: string, id: string, graph: GraphInput) {
  const res = await t.call("PUT", `/api/v1/processes/${id}/draft`, {
    token,
    body: graph,
    headers: { "if-match": "*" },
  });
  if (res.status !== 200) throw new Error(`save draft: ${res.status} ${await res.text()}`);
  return await res.json();
}

/** Submits the draft and approves it as `approver`; returns the published version number. */
export async function publishOverHttp(
  t: TestApp,
  id: string,
  tokens: { requester: string; approver: string },
  changeNote = "Published by a test",
): Promise<number> {
  const submit = await t.call("POST", `/api/v1/processes/${id}/draft/submit`, {
    token: tokens.requester,
    body: { changeNote },
    headers: { "if-match": "*" },
  });
  if (submit.status !== 201) throw new Error(`submit: ${submit.status} ${await submit.text()}`);
  const task = await submit.json();
  const res = await t.call("POST", `/api/v1/processes/${id}/approvals/${task.id}/approve`, {
    token: tokens.approver,
  });
  if (res.status !== 200) throw new Error(`approve: ${res.status} ${await res.text()}`);
  return (await res.json()).publishedVersion;
}
