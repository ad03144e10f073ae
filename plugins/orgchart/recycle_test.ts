// Org chart objects and the recycle bin: each delete answers the bin entry's id, and a
// restore brings back the very rows deleted (an employee or a position with its holdings).
import assert from "node:assert/strict";
import { eq, or } from "drizzle-orm";
import { startTestApp, test } from "../../tests/support/app.ts";
import { employeePositions, employees, orgCharts, orgUnits, positions } from "./schema.ts";
import { buildChart, helpers } from "./test_support.ts";

const t = await startTestApp();
const modeler = await t.token("modeler");
const h = helpers(t, modeler);
const db = t.database.db;

async function restore(entryId: string) {
  const res = await t.call("POST", `/api/v1/recycle-bin/${entryId}/restore`, { token: modeler });
  assert.equal(res.status, 200, await res.clone().text());
  return await res.json();
}

async function remove(path: string): Promise<string> {
  const res = await h.del(path, "*");
  assert.equal(res.status, 204, await res.clone().text());
  const entry = res.headers.get("procedo-recycle-bin-id");
  assert.ok(entry, "the delete names its bin entry");
  return entry;
}

const holdings = (id: string) =>
  db.select().from(employeePositions).where(
    or(eq(employeePositions.employeeId, id), eq(employeePositions.positionId, id)),
  );

test("an employee comes back with the positions held", async () => {
  const c = await buildChart(h);
  const e = await h.make("/employees", {
    name: "Ümit Binned",
    email: "umit@example.com",
    positions: [{ positionId: c.ceo.id }, { positionId: c.headOfSales.id }],
  });
  const before = {
    row: await db.select().from(employees).where(eq(employees.id, e.id)),
    held: await holdings(e.id),
  };
  assert.equal(before.held.length, 2);
  const entry = await remove(`/employees/${e.id}`);
  assert.equal((await h.get(`/employees/${e.id}`)).status, 404);
  assert.deepEqual(await holdings(e.id), []);
  const restored = await restore(entry);
  assert.equal(restored.type, "employee");
  assert.deepEqual(restored.counts, { employees: 1, employee_positions: 2 });
  assert.deepEqual(await db.select().from(employees).where(eq(employees.id, e.id)), before.row);
  assert.deepEqual(await holdings(e.id), before.held);
  assert.equal((await h.read(`/employees/${e.id}`)).positions.length, 2);
});

test("a position comes back with its holders; units and charts come back too", async () => {
  const c = await buildChart(h);
  await h.make("/employees", { name: "Holder", positions: [{ positionId: c.accountManager.id }] });
  const position = await db.select().from(positions).where(eq(positions.id, c.accountManager.id));
  const held = await holdings(c.accountManager.id);
  await restore(await remove(`/positions/${c.accountManager.id}`));
  assert.deepEqual(
    await db.select().from(positions).where(eq(positions.id, c.accountManager.id)),
    position,
  );
  assert.deepEqual(await holdings(c.accountManager.id), held);

  const unit = await db.select().from(orgUnits).where(eq(orgUnits.id, c.finance.id));
  const unitEntry = await remove(`/units/${c.finance.id}`);
  assert.equal((await h.get(`/units/${c.finance.id}`)).status, 404);
  await restore(unitEntry);
  assert.deepEqual(await db.select().from(orgUnits).where(eq(orgUnits.id, c.finance.id)), unit);

  const empty = await h.make("/charts", { name: "Empty chart for the bin" });
  const chart = await db.select().from(orgCharts).where(eq(orgCharts.id, empty.id));
  const chartEntry = await remove(`/charts/${empty.id}`);
  const bin = await (await t.call("GET", "/api/v1/recycle-bin?type=orgChart", { token: modeler }))
    .json();
  assert.ok(bin.items.some((x: { id: string }) => x.id === chartEntry));
  await restore(chartEntry);
  assert.deepEqual(await db.select().from(orgCharts).where(eq(orgCharts.id, empty.id)), chart);
});

test("a position whose unit was deleted too comes back only after its unit", async () => {
  const chart = await h.make("/charts", { name: "Bin order chart" });
  const unit = await h.make("/units", { chartId: chart.id, name: "Bin order unit" });
  const position = await h.make("/positions", { unitId: unit.id, title: "Bin order position" });
  const positionEntry = await remove(`/positions/${position.id}`);
  const unitEntry = await remove(`/units/${unit.id}`);
  const refused = await t.call("POST", `/api/v1/recycle-bin/${positionEntry}/restore`, {
    token: modeler,
  });
  assert.equal(refused.status, 409);
  const problem = await refused.json();
  assert.deepEqual([problem.table, problem.key, problem.value], ["positions", "unit_id", unit.id]);
  await restore(unitEntry);
  await restore(positionEntry);
  assert.equal((await h.read(`/positions/${position.id}`)).unitId, unit.id);
});
