// Positions and employees through the HTTP API: reports-to lines with cycles refused,
// unknown ids and malformed e-mail addresses named by field, holders, deletes, lists.
import assert from "node:assert/strict";
import { startTestApp, test } from "../../tests/support/app.ts";
import { buildChart, helpers, problemOf } from "./test_support.ts";

const t = await startTestApp();
const modeler = await t.token("modeler");
const reader = await t.token("reader");
const other = await t.token("executive", 1);
const h = helpers(t, modeler);

test("positions: create with reports-to line; unknown or foreign ids → 422 naming the field", async () => {
  const c = await buildChart(h);
  const got = await h.read(`/positions/${c.headOfSales.id}`, reader);
  assert.equal(got.reportsToId, c.ceo.id);
  assert.equal(got.chartId, c.chart.id);
  assert.deepEqual(got.holders, []);

  const noUnit = await problemOf(
    await h.post("/positions", { unitId: crypto.randomUUID(), title: "X" }),
    422,
  );
  assert.deepEqual(noUnit.errors.map((e: { field: string }) => e.field), ["body.unitId"]);
  const noManager = await problemOf(
    await h.post("/positions", {
      unitId: c.sales.id,
      title: "X",
      reportsToId: crypto.randomUUID(),
    }),
    422,
  );
  assert.deepEqual(noManager.errors.map((e: { field: string }) => e.field), ["body.reportsToId"]);
  const otherChart = await buildChart(h);
  const foreign = await problemOf(
    await h.post("/positions", { unitId: c.sales.id, title: "X", reportsToId: otherChart.ceo.id }),
    422,
  );
  assert.match(foreign.errors[0].message, /in this org chart/);
  const dupKey = await problemOf(
    await h.post("/positions", { unitId: c.sales.id, title: "X", externalKey: "CEO" }),
    409,
  );
  assert.equal(dupKey.errors[0].field, "body.externalKey");
  // The same key in another chart is fine: keys are per chart.
  assert.equal(
    (await h.post("/positions", { unitId: otherChart.sales.id, title: "X", externalKey: "NEW" }))
      .status,
    201,
  );
});

test("reports-to: a line that would close a cycle is a 409 naming the path", async () => {
  const c = await buildChart(h);
  // CEO ← Head of Sales ← Key Account Manager; CEO reporting to the account manager: cycle.
  const res = await problemOf(
    await h.patch(`/positions/${c.ceo.id}`, { reportsToId: c.accountManager.id }, "*"),
    409,
  );
  assert.equal(res.type, "https://procedo.app/problems/cycle");
  assert.deepEqual(res.cycle.map((p: { name: string }) => p.name), [
    "CEO",
    "Key Account Manager",
    "Head of Sales",
    "CEO",
  ]);
  assert.match(res.detail, /CEO → Key Account Manager → Head of Sales → CEO/);
  const self = await problemOf(
    await h.patch(`/positions/${c.ceo.id}`, { reportsToId: c.ceo.id }, "*"),
    409,
  );
  assert.deepEqual(self.cycle.map((p: { name: string }) => p.name), ["CEO", "CEO"]);
  const after = await h.read(`/positions/${c.ceo.id}`);
  assert.equal(after.reportsToId, null, "nothing changed");
  assert.equal(after.version, 1);

  // A legal change: the account manager reports to the CEO directly.
  const ok = await h.patch(`/positions/${c.accountManager.id}`, { reportsToId: c.ceo.id }, 1);
  assert.equal(ok.status, 200);
  assert.equal(ok.headers.get("etag"), 'W/"2"');
});

test("positions: If-Match on changes; moving to a unit of another chart is refused", async () => {
  const c = await buildChart(h);
  assert.equal((await h.patch(`/positions/${c.ceo.id}`, { title: "Chief" }, null)).status, 428);
  assert.equal((await h.patch(`/positions/${c.ceo.id}`, { title: "Chief" }, 7)).status, 412);
  const moved = await h.patch(`/positions/${c.headOfSales.id}`, { unitId: c.finance.id }, 1);
  assert.equal(moved.status, 200);
  assert.equal((await moved.json()).unitId, c.finance.id);
  const otherChart = await buildChart(h);
  const foreign = await problemOf(
    await h.patch(`/positions/${c.ceo.id}`, { unitId: otherChart.sales.id }, "*"),
    422,
  );
  assert.equal(foreign.errors[0].field, "body.unitId");
});

test("deleting a manager: the positions reporting to it report to its manager", async () => {
  const c = await buildChart(h);
  await h.make("/employees", { name: "Held", positions: [{ positionId: c.headOfSales.id }] });
  assert.equal((await h.del(`/positions/${c.headOfSales.id}`, null)).status, 428);
  assert.equal((await h.del(`/positions/${c.headOfSales.id}`, 1)).status, 204);
  assert.equal((await h.get(`/positions/${c.headOfSales.id}`)).status, 404);
  const kam = await h.read(`/positions/${c.accountManager.id}`);
  assert.equal(kam.reportsToId, c.ceo.id);
  assert.equal(kam.version, 2);
  const held = await h.read("/employees?q=Held");
  assert.deepEqual(held.items[0].positions, [], "the holding went with the position");
});

test("employees: create with positions; the first is primary unless one is marked", async () => {
  const c = await buildChart(h);
  const res = await h.post("/employees", {
    name: "Zoë Ölmann",
    email: " zoe@example.com ",
    phone: "+49 30 1234-5",
    location: "Berlin",
    externalKey: "E-1",
    positions: [
      { positionId: c.accountManager.id, since: "2024-03-01" },
      { positionId: c.headOfSales.id, primary: true },
    ],
  });
  assert.equal(res.status, 201);
  const zoe = await res.json();
  assert.equal(zoe.email, "zoe@example.com");
  assert.deepEqual(
    zoe.positions.map((p: { title: string; primary: boolean; since: string | null }) => [
      p.title,
      p.primary,
      p.since,
    ]),
    [["Head of Sales", true, null], ["Key Account Manager", false, "2024-03-01"]],
  );
  const pos = await h.read(`/positions/${c.accountManager.id}`);
  assert.deepEqual(pos.holders.map((x: { name: string }) => x.name), ["Zoë Ölmann"]);

  const first = await h.make("/employees", {
    name: "Default Primary",
    positions: [{ positionId: c.ceo.id }, { positionId: c.headOfSales.id }],
  });
  assert.deepEqual((first.positions as { primary: boolean }[]).map((p) => p.primary), [
    true,
    false,
  ]);
});

test("employees: malformed e-mail, unknown positions, two primaries → 422 naming each field", async () => {
  const c = await buildChart(h);
  for (const email of ["not-an-address", "a@b", "two@@example.com", "x y@example.com"]) {
    const res = await problemOf(await h.post("/employees", { name: "Refused", email }), 422);
    assert.deepEqual(res.errors.map((e: { field: string }) => e.field), ["body.email"], email);
  }
  const unknown = crypto.randomUUID();
  const res = await problemOf(
    await h.post("/employees", {
      name: "Refused",
      positions: [
        { positionId: c.ceo.id, primary: true },
        { positionId: unknown, primary: true },
        { positionId: c.ceo.id },
      ],
    }),
    422,
  );
  assert.deepEqual(res.errors.map((e: { field: string }) => e.field), [
    "body.positions.1.positionId",
    "body.positions.2.positionId",
    "body.positions",
  ]);
  assert.equal((await h.read("/employees?q=Refused")).total, 0, "nothing was created");
  const dup = await h.make("/employees", { name: "Keyed", externalKey: "DUP" });
  assert.ok(dup.id);
  const taken = await problemOf(await h.post("/employees", { name: "Y", externalKey: "DUP" }), 409);
  assert.equal(taken.errors[0].field, "body.externalKey");
});

test("employees: PATCH replaces positions and needs If-Match; DELETE removes the person", async () => {
  const c = await buildChart(h);
  const e = await h.make("/employees", {
    name: "Pat Example",
    email: "pat@example.com",
    positions: [{ positionId: c.ceo.id }],
  });
  const path = `/employees/${e.id}`;
  assert.equal((await h.patch(path, { phone: "1" }, null)).status, 428);
  const res = await h.patch(path, {
    email: null,
    phone: "+1 555 0199",
    positions: [{ positionId: c.headOfSales.id }],
  }, 1);
  assert.equal(res.status, 200);
  const changed = await res.json();
  assert.equal(changed.email, null);
  assert.equal(changed.phone, "+1 555 0199");
  assert.deepEqual(changed.positions.map((p: { positionId: string }) => p.positionId), [
    c.headOfSales.id,
  ]);
  assert.equal((await h.read(`/positions/${c.ceo.id}`)).holders.length, 0);
  const bad = await problemOf(await h.patch(path, { email: "nope" }, 2), 422);
  assert.equal(bad.errors[0].field, "body.email");
  assert.equal((await h.del(path, 1)).status, 412);
  assert.equal((await h.del(path, 2)).status, 204);
  assert.equal((await h.get(path)).status, 404);
  assert.equal((await h.read(`/positions/${c.headOfSales.id}`)).holders.length, 0);
});

test("lists: positions by chart and unit with search; employees by name, e-mail, position", async () => {
  const c = await buildChart(h);
  const inChart = await h.read(`/positions?chartId=${c.chart.id}`, reader);
  assert.deepEqual(inChart.items.map((p: { title: string }) => p.title), [
    "CEO",
    "Head of Sales",
    "Key Account Manager",
  ]);
  const search = await h.read(`/positions?chartId=${c.chart.id}&q=sales-2`);
  assert.deepEqual(search.items.map((p: { title: string }) => p.title), ["Key Account Manager"]);
  const inUnit = await h.read(`/positions?unitId=${c.sales.id}`);
  assert.equal(inUnit.total, 1);
  const paged = await h.read(`/positions?chartId=${c.chart.id}&limit=1&offset=1`);
  assert.equal(paged.total, 3);
  assert.deepEqual(paged.items.map((p: { title: string }) => p.title), ["Head of Sales"]);

  const kim = await h.make("/employees", {
    name: "Kim Searchable",
    email: "kim.s@example.com",
    positions: [{ positionId: c.accountManager.id }],
  });
  assert.equal((await h.read("/employees?q=searchABLE")).items[0].id, kim.id);
  assert.equal((await h.read("/employees?q=kim.s@")).items[0].id, kim.id);
  const byPosition = await h.read(`/employees?positionId=${c.accountManager.id}`);
  assert.deepEqual(byPosition.items.map((e: { id: string }) => e.id), [kim.id]);
  assert.equal((await h.read("/employees?q=%25")).total, 0, "% is literal");
});

test("another tenant: 404 on positions and employees, absent from lists", async () => {
  const c = await buildChart(h);
  const e = await h.make("/employees", {
    name: "Private Person",
    positions: [{ positionId: c.ceo.id }],
  });
  for (
    const path of [
      `/positions/${c.ceo.id}`,
      `/positions/${c.ceo.id}/responsibilities`,
      `/employees/${e.id}`,
      `/employees/${e.id}/responsibilities`,
    ]
  ) {
    assert.equal((await h.get(path, other)).status, 404, path);
  }
  assert.equal((await h.patch(`/positions/${c.ceo.id}`, { title: "x" }, "*", other)).status, 404);
  assert.equal((await h.patch(`/employees/${e.id}`, { name: "x" }, "*", other)).status, 404);
  assert.equal((await h.del(`/employees/${e.id}`, "*", other)).status, 404);
  // Nor can they hold our positions.
  const hold = await problemOf(
    await h.post("/employees", { name: "Mole", positions: [{ positionId: c.ceo.id }] }, other),
    422,
  );
  assert.equal(hold.errors[0].field, "body.positions.0.positionId");
  for (const list of ["/positions?limit=200", "/employees?limit=200"]) {
    const text = await (await h.get(list, other)).text();
    assert.ok(!text.includes(c.ceo.id) && !text.includes(e.id), list);
  }
  assert.equal((await h.read(`/employees/${e.id}`)).name, "Private Person");
});

test("positions by ids: those of this tenant in one call; another tenant's are left out", async () => {
  const c = await buildChart(h);
  await h.make("/employees", { name: "Ada Holder", positions: [{ positionId: c.ceo.id }] });
  const theirs = await buildChart(helpers(t, other));
  const ids = [c.ceo.id, c.accountManager.id, theirs.ceo.id, crypto.randomUUID(), c.ceo.id];
  const page = await h.read(`/positions?ids=${ids.join(",")}&limit=200`, reader);
  assert.deepEqual(
    page.items.map((p: { id: string }) => p.id).sort(),
    [c.ceo.id, c.accountManager.id].sort(),
  );
  assert.equal(page.total, 2);
  const ceo = page.items.find((p: { id: string }) => p.id === c.ceo.id);
  assert.equal(ceo.title, "CEO");
  assert.deepEqual(ceo.holders.map((x: { name: string }) => x.name), ["Ada Holder"]);
  // The other tenant asking for ours learns nothing; its own it gets.
  const theirsPage = await h.read(`/positions?ids=${c.ceo.id},${theirs.ceo.id}`, other);
  assert.deepEqual(theirsPage.items.map((p: { id: string }) => p.id), [theirs.ceo.id]);
  // Other filters still apply.
  const inSales = await h.read(`/positions?ids=${ids.join(",")}&unitId=${c.keyAccounts.id}`);
  assert.deepEqual(inSales.items.map((p: { id: string }) => p.id), [c.accountManager.id]);

  const tooMany = Array.from({ length: 201 }, () => crypto.randomUUID()).join(",");
  for (const query of ["?ids=", "?ids=not-a-position", `?ids=${c.ceo.id},42`, `?ids=${tooMany}`]) {
    const problem = await problemOf(await h.get(`/positions${query}`, reader), 422);
    assert.deepEqual(problem.errors.map((e: { field: string }) => e.field), ["query.ids"], query);
  }
  const most = Array.from({ length: 199 }, () => crypto.randomUUID());
  const full = await h.read(`/positions?ids=${[...most, c.ceo.id].join(",")}&limit=200`);
  assert.deepEqual(full.items.map((p: { id: string }) => p.id), [c.ceo.id]);
});

test("close", async () => {
  await t.close();
});
