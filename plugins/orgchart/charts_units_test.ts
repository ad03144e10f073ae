// Org charts and units through the HTTP API: CRUD with If-Match, the tree in one call,
// moving subtrees with cycles refused, unknown ids, deleting non-empty units, tenants apart.
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { DEMO_TENANTS } from "../../api/demo.ts";
import { TenantScope } from "../../api/db/tenant_scope.ts";
import { tenants } from "../../schema/core.ts";
import { startTestApp, test } from "../../tests/support/app.ts";
import { samplePositionIds } from "./service.ts";
import { BASE, buildChart, helpers, problemOf } from "./test_support.ts";

const t = await startTestApp();
const modeler = await t.token("modeler");
const reader = await t.token("reader");
const other = await t.token("executive", 1);
const h = helpers(t, modeler);

test("a new tenant starts with the sample chart, matching the processes' lanes", async () => {
  const charts = await h.read("/charts", reader);
  assert.equal(charts.total, 1);
  assert.equal(charts.items[0].name, "Example Trading Ltd");
  const tree = await h.read(`/charts/${charts.items[0].id}/tree`, reader);
  assert.deepEqual(tree.units.map((u: { name: string }) => u.name), ["Management"]);
  assert.deepEqual(tree.units[0].children.map((u: { name: string }) => u.name), [
    "Quality management",
    "Sales",
    "Purchasing",
    "Warehouse",
    "Accounting",
  ]);
  assert.equal(tree.counts.positions, 8);
  const employees = await h.read("/employees?limit=200", reader);
  assert.ok(employees.total >= 3);
  for (const e of employees.items) assert.match(e.email, /@example\.com$/);
  // One employee holds two positions; the primary one comes first.
  const john = employees.items.find((e: { name: string }) => e.name === "John Doe");
  assert.deepEqual(
    john.positions.map((p: { title: string; primary: boolean }) => [p.title, p.primary]),
    [
      ["Head of Accounting", true],
      ["Quality Manager", false],
    ],
  );
});

test("samplePositionIds: title → id of the sample positions, for binding process samples", async () => {
  const [tenant] = await t.database.db.select().from(tenants)
    .where(eq(tenants.entraTenantId, DEMO_TENANTS[0].entraTenantId));
  const ids = await samplePositionIds(new TenantScope(t.database.db, tenant.id));
  assert.deepEqual([...ids.keys()].sort(), [
    "Accountant",
    "Head of Accounting",
    "Head of Purchasing",
    "Head of Sales",
    "Managing Director",
    "Quality Manager",
    "Sales Representative",
    "Warehouse Manager",
  ]);
  const sales = await h.read(`/positions/${ids.get("Head of Sales")}`, reader);
  assert.equal(sales.title, "Head of Sales");
  assert.equal(sales.holders[0].name, "Max Mustermann");
});

test("charts: create, read with ETag, change and delete need If-Match", async () => {
  const res = await h.post("/charts", { name: "Contoso Holding", description: "Legal entity" });
  assert.equal(res.status, 201);
  assert.equal(res.headers.get("etag"), 'W/"1"');
  const chart = await res.json();
  assert.equal(res.headers.get("location"), `${BASE}/charts/${chart.id}`);
  const got = await h.get(`/charts/${chart.id}`, reader);
  assert.equal(got.headers.get("etag"), 'W/"1"');
  assert.deepEqual(await got.json(), chart);

  assert.equal((await h.patch(`/charts/${chart.id}`, { name: "X" }, null)).status, 428);
  const changed = await h.patch(`/charts/${chart.id}`, { name: "Contoso AG" }, 1);
  assert.equal(changed.status, 200);
  assert.equal(changed.headers.get("etag"), 'W/"2"');
  const stale = await problemOf(await h.patch(`/charts/${chart.id}`, { name: "Y" }, 1), 412);
  assert.equal(stale.current.name, "Contoso AG");
  assert.equal((await h.del(`/charts/${chart.id}`, 1)).status, 412);
  assert.equal((await h.del(`/charts/${chart.id}`, 2)).status, 204);
  assert.equal((await h.get(`/charts/${chart.id}`)).status, 404);
});

test("charts: a reader cannot write; bad bodies list every field", async () => {
  const res = await problemOf(await h.post("/charts", { name: "R" }, reader), 403);
  assert.equal(res.type, "https://procedo.app/problems/role-required");
  const bad = await problemOf(await h.post("/charts", { name: "", color: "x" }), 422);
  assert.deepEqual(bad.errors.map((e: { field: string }) => e.field).sort(), [
    "body.color",
    "body.name",
  ]);
});

test("the tree: units nested in order, positions with holders, in one call", async () => {
  const c = await buildChart(h);
  const anna = await h.make("/employees", {
    name: "Anna Example",
    email: "anna@example.com",
    positions: [{ positionId: c.headOfSales.id }],
  });
  const tree = await h.read(`/charts/${c.chart.id}/tree`, reader);
  assert.equal(tree.chart.id, c.chart.id);
  assert.deepEqual(tree.counts, { units: 4, positions: 3, holders: 1 });
  const [company] = tree.units;
  assert.equal(company.name, "Company");
  assert.deepEqual(company.positions.map((p: { title: string }) => p.title), ["CEO"]);
  assert.deepEqual(company.children.map((u: { name: string }) => u.name), ["Sales", "Finance"]);
  const sales = company.children[0];
  assert.deepEqual(sales.positions[0].holders, [
    { employeeId: anna.id, name: "Anna Example", primary: true },
  ]);
  assert.equal(sales.positions[0].reportsToId, c.ceo.id);
  assert.equal(sales.children[0].name, "Key accounts");
  assert.equal(sales.children[0].positions[0].title, "Key Account Manager");
});

test("units: unknown chart or parent → 422 naming the field; a parent of another chart too", async () => {
  const c = await buildChart(h);
  const otherChart = await buildChart(h);
  const noChart = await problemOf(
    await h.post("/units", { chartId: crypto.randomUUID(), name: "X" }),
    422,
  );
  assert.equal(noChart.errors[0].field, "body.chartId");
  const noParent = await problemOf(
    await h.post("/units", { chartId: c.chart.id, parentId: crypto.randomUUID(), name: "X" }),
    422,
  );
  assert.equal(noParent.errors[0].field, "body.parentId");
  const foreign = await problemOf(
    await h.post("/units", { chartId: c.chart.id, parentId: otherChart.sales.id, name: "X" }),
    422,
  );
  assert.equal(foreign.errors[0].field, "body.parentId");
  assert.match(foreign.errors[0].message, /in this org chart/);
  const notUuid = await problemOf(await h.post("/units", { chartId: "nope", name: "X" }), 422);
  assert.equal(notUuid.errors[0].field, "body.chartId");
});

test("move: a subtree goes under another unit; under itself or a descendant is a 409 with the path", async () => {
  const c = await buildChart(h);
  // Key accounts moves from Sales to Finance, with its position.
  const moved = await h.post(`/units/${c.keyAccounts.id}/move`, { parentId: c.finance.id });
  assert.equal(moved.status, 428, "If-Match is required for moves too");
  const ok = await t.call("POST", `${BASE}/units/${c.keyAccounts.id}/move`, {
    token: modeler,
    body: { parentId: c.finance.id },
    headers: { "if-match": 'W/"1"' },
  });
  assert.equal(ok.status, 200);
  assert.equal((await ok.json()).parentId, c.finance.id);

  // Sales under Key accounts? Fine now. Company under Key accounts: a cycle.
  const cycle = await problemOf(
    await t.call("POST", `${BASE}/units/${c.company.id}/move`, {
      token: modeler,
      body: { parentId: c.keyAccounts.id },
      headers: { "if-match": "*" },
    }),
    409,
  );
  assert.equal(cycle.type, "https://procedo.app/problems/cycle");
  assert.deepEqual(cycle.cycle.map((u: { name: string }) => u.name), [
    "Company",
    "Finance",
    "Key accounts",
    "Company",
  ]);
  assert.match(cycle.detail, /Company → Finance → Key accounts → Company/);
  const self = await problemOf(
    await t.call("POST", `${BASE}/units/${c.sales.id}/move`, {
      token: modeler,
      body: { parentId: c.sales.id },
      headers: { "if-match": "*" },
    }),
    409,
  );
  assert.deepEqual(self.cycle.map((u: { name: string }) => u.name), ["Sales", "Sales"]);

  // To the top, and a unit of another chart is not a parent.
  const top = await t.call("POST", `${BASE}/units/${c.sales.id}/move`, {
    token: modeler,
    body: { parentId: null },
    headers: { "if-match": "*" },
  });
  assert.equal(top.status, 200);
  const tree = await h.read(`/charts/${c.chart.id}/tree`);
  assert.deepEqual(tree.units.map((u: { name: string }) => u.name), ["Company", "Sales"]);
  const otherChart = await buildChart(h);
  const foreign = await problemOf(
    await t.call("POST", `${BASE}/units/${c.sales.id}/move`, {
      token: modeler,
      body: { parentId: otherChart.company.id },
      headers: { "if-match": "*" },
    }),
    422,
  );
  assert.equal(foreign.errors[0].field, "body.parentId");
});

test("delete: a unit with sub-units or positions is a 409; an empty one goes", async () => {
  const c = await buildChart(h);
  const busy = await problemOf(await h.del(`/units/${c.sales.id}`, "*"), 409);
  assert.equal(busy.type, "https://procedo.app/problems/unit-not-empty");
  assert.equal(busy.children, 1);
  assert.equal(busy.positions, 1);
  assert.equal((await h.del(`/units/${c.finance.id}`, null)).status, 428);
  assert.equal((await h.del(`/units/${c.finance.id}`, 1)).status, 204);
  const chartBusy = await problemOf(await h.del(`/charts/${c.chart.id}`, "*"), 409);
  assert.equal(chartBusy.type, "https://procedo.app/problems/chart-not-empty");
});

test("units: rename needs If-Match; list filters by chart and parent, searches, pages", async () => {
  const c = await buildChart(h);
  const renamed = await h.patch(`/units/${c.finance.id}`, { name: "Finance & Controlling" }, 1);
  assert.equal(renamed.status, 200);
  assert.equal((await renamed.json()).version, 2);
  const children = await h.read(`/units?chartId=${c.chart.id}&parentId=${c.company.id}`);
  assert.deepEqual(children.items.map((u: { name: string }) => u.name), [
    "Sales",
    "Finance & Controlling",
  ]);
  const search = await h.read(`/units?chartId=${c.chart.id}&q=account&limit=1`);
  assert.equal(search.total, 1);
  assert.equal(search.items[0].name, "Key accounts");
  const page2 = await h.read(`/units?chartId=${c.chart.id}&limit=2&offset=2`);
  assert.equal(page2.total, 4);
  assert.equal(page2.items.length, 2);
  assert.equal((await h.get("/units?limit=500")).status, 422);
});

test("another tenant: 404 on every id, and never in lists or trees", async () => {
  const c = await buildChart(h);
  for (
    const path of [
      `/charts/${c.chart.id}`,
      `/charts/${c.chart.id}/tree`,
      `/units/${c.sales.id}`,
    ]
  ) {
    assert.equal((await h.get(path, other)).status, 404, path);
  }
  assert.equal((await h.patch(`/charts/${c.chart.id}`, { name: "x" }, "*", other)).status, 404);
  assert.equal((await h.del(`/units/${c.finance.id}`, "*", other)).status, 404);
  const move = await t.call("POST", `${BASE}/units/${c.sales.id}/move`, {
    token: other,
    body: { parentId: null },
    headers: { "if-match": "*" },
  });
  assert.equal(move.status, 404);
  // Their own unit cannot hang below ours either.
  const theirs = (await h.read("/charts", other)).items[0];
  const res = await problemOf(
    await h.post("/units", { chartId: c.chart.id, name: "Intruder" }, other),
    422,
  );
  assert.equal(res.errors[0].field, "body.chartId");
  const lists = [
    await (await h.get("/charts?limit=200", other)).text(),
    await (await h.get("/units?limit=200", other)).text(),
    await (await h.get(`/charts/${theirs.id}/tree`, other)).text(),
  ];
  for (const text of lists) {
    assert.ok(!text.includes(c.chart.id) && !text.includes(c.sales.id));
  }
  assert.equal((await h.read(`/charts/${c.chart.id}`)).name, c.chart.name, "ours is intact");
});

test("close", async () => {
  await t.close();
});
