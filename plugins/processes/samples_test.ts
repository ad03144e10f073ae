// Sample content: a new trial workspace starts with a small, valid process landscape.
import assert from "node:assert/strict";
import { startTestApp, test } from "../../tests/support/app.ts";
import { validateGraph } from "./graph_validate.ts";
import { addDays, todayUtc } from "./landscape_service.ts";
import { managementReviewGraph, orderToCashGraph, purchaseToPayGraph } from "./samples.ts";

const t = await startTestApp();
const BASE = "/api/v1/processes";
const founder = await t.issuer.sign({
  tid: crypto.randomUUID(),
  oid: crypto.randomUUID(),
  name: "Sam Sampler",
});

// deno-lint-ignore no-explicit-any
type Json = any;

async function get(path: string, token = founder): Promise<Json> {
  const res = await t.call("GET", path, { token });
  assert.equal(res.status, 200, `${path}: ${await res.clone().text()}`);
  return await res.json();
}

const started = await t.call("POST", "/api/v1/tenants/trial", {
  token: founder,
  body: { name: "Sample Ltd" },
});
assert.equal(started.status, 201, await started.clone().text());

test("a new trial workspace has three sample processes, two of them published", async () => {
  const page = await get(`${BASE}?sort=category`);
  assert.deepEqual(page.items.map((p: Json) => [p.title, p.category, p.publishedVersion]), [
    // v1 by the processes samples, v2 when the orgchart samples bound the lanes, v3 when the
    // resources samples linked documents, systems, locations and requirements.
    ["Management review", "management", 0],
    ["Order to cash", "core", 3],
    ["Purchase to pay", "support", 3],
  ]);
  const tree = await get(`${BASE}/tree`);
  assert.deepEqual(tree.items.map((n: Json) => n.title), [
    "Management review",
    "Order to cash",
    "Purchase to pay",
  ]);
  const tags = new Map(
    (await get("/api/v1/tags")).items.map((tag: Json) => [tag.id, tag.name]),
  );
  const o2c = page.items[1];
  assert.deepEqual(o2c.tagIds.map((id: string) => tags.get(id)).sort(), [
    "Customer-facing",
    "ISO 9001",
  ]);
  assert.match(o2c.description, /\*\*order\*\*/);
});

test("the models have lanes, start and end, tasks, an xor gateway and a subprocess call", async () => {
  const page = await get(`${BASE}?sort=category`);
  const [review, o2c, p2p] = page.items;
  const version = await get(`${BASE}/${o2c.id}/versions/1`);
  const graph = version.graph;
  assert.deepEqual(graph.lanes.map((l: Json) => l.name), ["Sales", "Warehouse", "Accounting"]);
  const types = new Set(graph.nodes.map((n: Json) => n.type));
  for (const type of ["start", "end", "task", "xor", "subprocess", "intermediate"]) {
    assert.ok(types.has(type), `Order to cash has a ${type}`);
  }
  const call = graph.nodes.find((n: Json) => n.type === "subprocess");
  assert.equal(call.processId, p2p.id);
  const xor = graph.nodes.find((n: Json) => n.type === "xor");
  const outflows = graph.edges.filter((e: Json) => e.from === xor.id);
  assert.equal(outflows.length, 2);
  assert.ok(outflows.every((e: Json) => e.condition));
  const tasks = graph.nodes.filter((n: Json) => n.type === "task");
  assert.ok(tasks.every((n: Json) => n.raci && n.links), "tasks carry RACI and link lists");

  const draft = await get(`${BASE}/${review.id}/draft`);
  assert.ok(draft.graph.nodes.some((n: Json) => n.type === "xor"));
  assert.deepEqual(draft.graph.lanes.map((l: Json) => l.name), [
    "Management",
    "Quality management",
  ]);
});

/** Each sample process's owner, as the title of a position of the tenant's org chart. */
async function sampleOwners(token: string): Promise<Record<string, string>> {
  const page = await get(`${BASE}?limit=200`, token);
  const owners: Record<string, string> = {};
  for (const title of ["Order to cash", "Purchase to pay", "Management review"]) {
    const p = page.items.find((x: Json) => x.title === title);
    assert.ok(p?.ownerPositionId, `${title} has an owner position`);
    const position = await get(`/api/v1/orgchart/positions/${p.ownerPositionId}`, token);
    const chart = await get(`/api/v1/orgchart/charts/${position.chartId}`, token);
    assert.equal(chart.name, "Example Trading Ltd", `${title}: owner in the sample org chart`);
    owners[title] = position.title;
  }
  return owners;
}

const EXPECTED_OWNERS = {
  "Order to cash": "Head of Sales",
  "Purchase to pay": "Head of Purchasing",
  "Management review": "Managing Director",
};

test("every sample process is owned by a position of the sample org chart", async () => {
  assert.deepEqual(await sampleOwners(founder), EXPECTED_OWNERS);
  // The owner shows where the position is used, published and in the draft.
  const page = await get(`${BASE}?q=Order%20to%20cash`);
  const o2c = page.items[0];
  const usage = await get(`/api/v1/orgchart/positions/${o2c.ownerPositionId}/responsibilities`);
  assert.match(JSON.stringify(usage), /owner/);
});

test("the sample models have no validation errors", async () => {
  const ctx = { existing: (_kind: string, ids: string[]) => Promise.resolve(new Set(ids)) };
  for (
    const graph of [
      purchaseToPayGraph(),
      orderToCashGraph(crypto.randomUUID()),
      managementReviewGraph(),
    ]
  ) {
    const findings = await validateGraph(graph, ctx);
    const errors = findings.filter((f) => f.severity === "error");
    assert.deepEqual(errors, []);
    // Only the expected warning: tasks wait for their responsible position.
    const codes = new Set(findings.map((f) => f.code));
    assert.deepEqual([...codes].filter((c) => c !== "task-without-responsible"), []);
  }
});

test("Purchase to pay is called by Order to cash, so it cannot be deleted", async () => {
  const page = await get(`${BASE}?q=Purchase%20to%20pay`);
  const res = await t.call("DELETE", `${BASE}/${page.items[0].id}`, {
    token: founder,
    headers: { "if-match": "*" },
  });
  assert.equal(res.status, 409);
  assert.deepEqual((await res.json()).callers.map((c: Json) => c.title), ["Order to cash"]);
});

test("Purchase to pay is overdue for review; search finds the sample steps", async () => {
  const due = await get(`${BASE}/reviews/due`);
  assert.equal(due.groups.length, 1);
  assert.equal(due.groups[0].owner, null);
  assert.deepEqual(due.groups[0].items.map((i: Json) => [i.title, i.daysOverdue]), [
    ["Purchase to pay", 14],
  ]);
  assert.equal(due.groups[0].items[0].nextReviewAt, addDays(todayUtc(), -14));

  const hits = await get(`${BASE}/search?q=invoice`);
  // Both have an invoice step; Purchase to pay mentions invoices in its description too.
  assert.deepEqual(hits.items.map((h: Json) => [h.title, h.fields]), [
    ["Purchase to pay", ["step", "description"]],
    ["Order to cash", ["step"]],
  ]);
  for (const hit of hits.items) assert.equal(hit.matches[0].source, "published");
});

test("the demo tenants have the samples too", async () => {
  const page = await get(`${BASE}?limit=200`, await t.token("reader", 1));
  for (const title of ["Order to cash", "Purchase to pay", "Management review"]) {
    assert.ok(page.items.some((p: Json) => p.title === title), title);
  }
  assert.deepEqual(await sampleOwners(await t.token("reader", 1)), EXPECTED_OWNERS);
});

test("close", async () => {
  await t.close();
});

test("the sample processes are bound to the sample org chart's positions", async () => {
  const t2 = await startTestApp();
  try {
    const modeler = await t2.token("modeler");
    const list =
      await (await t2.call("GET", "/api/v1/processes?q=Order%20to%20cash", { token: modeler }))
        .json();
    const o2c = list.items.find((p: { title: string }) => p.title === "Order to cash");
    const raci = await (await t2.call("GET", `/api/v1/processes/${o2c.id}/raci?source=published`, {
      token: modeler,
    })).json();
    const labels = JSON.stringify(raci);
    assert.match(labels, /Sales Representative/);
    assert.match(labels, /Accountant/);
    const versions = await (await t2.call("GET", `/api/v1/processes/${o2c.id}/versions`, {
      token: modeler,
    })).json();
    assert.deepEqual(versions.items.map((v: { changeNote: string }) => v.changeNote), [
      "Documents, IT systems, locations and requirements linked to the steps",
      "Lanes and responsibilities bound to the sample org chart",
      "First version (sample content)",
    ]);
    const validation = await (await t2.call("GET", `/api/v1/processes/${o2c.id}/draft/validation`, {
      token: modeler,
    })).json();
    assert.ok(
      !validation.findings.some((f: { code: string; nodeIds: string[] }) =>
        f.code === "task-without-responsible" && f.nodeIds.includes("check")
      ),
      "tasks in bound lanes have a responsible",
    );
  } finally {
    await t2.close();
  }
});
