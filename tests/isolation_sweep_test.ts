// The tenant isolation sweep: for every tenant route of the OpenAPI document, objects of
// tenant A are invisible to tenant B — 404 on read, change and delete, absent from lists —
// and stay intact. New plugins' routes are discovered from the document; a route without
// a fixture fails until tests/support/route_fixtures.ts has one.
import assert from "node:assert/strict";
import { startTestApp, test } from "./support/app.ts";
import {
  createApiKey,
  createEmployee,
  createOrgChart,
  createOrgUnit,
  createPosition,
  createProcess,
  createResource,
  createTag,
  createUser,
  ROUTE_FIXTURES,
  send,
  tenantOperations,
} from "./support/route_fixtures.ts";
import { createWebhook } from "./support/route_fixtures_webhooks.ts";

const t = await startTestApp({
  env: {
    RATE_LIMIT_PER_MINUTE: "100000",
    RATE_LIMIT_TENANT_PER_MINUTE: "100000",
    // The AI fixtures' provider is a local server (tests/support/ai_route_fixtures.ts).
    OUTBOUND_ALLOW_PRIVATE_TARGETS: "true",
  },
});
const doc = await (await t.call("GET", "/api/openapi.json")).json();
const operations = tenantOperations(doc);
const ownerExec = await t.token("executive", 0);
const intruder = await t.token("executive", 1); // the highest role, so only the tenant can refuse

const tenantWide = (o: { method: string; path: string }) =>
  ROUTE_FIXTURES[`${o.method} ${o.path}`]?.tenantWide === true;

for (const op of operations.filter((o) => o.path.includes("{") && !tenantWide(o))) {
  test(`isolation: ${op.method} ${op.path} on tenant A's object answers 404 to tenant B`, async () => {
    const fixture = ROUTE_FIXTURES[`${op.method} ${op.path}`];
    assert.ok(
      fixture,
      `no fixture for ${op.method} ${op.path}: add one to tests/support/route_fixtures.ts`,
    );
    const req = await fixture.request(t, 0);
    const before = fixture.readBack ? await readBack(fixture.readBack, req) : undefined;

    const res = await send(t, op, req, intruder);
    assert.equal(res.status, 404, `expected 404, got ${res.status} ${await res.clone().text()}`);
    const body = await res.json();
    assert.equal(body.type, "https://procedo.app/problems/not-found");

    if (fixture.readBack) {
      assert.deepEqual(await readBack(fixture.readBack, req), before, "A's object is unchanged");
    }
  });
}

test("isolation: tenant B's lists never contain tenant A's objects", async () => {
  const ids = [
    await createTag(t, 0),
    await createUser(t, 0),
    await createApiKey(t, 0),
    await createProcess(t, 0),
    await createOrgChart(t, 0),
    await createOrgUnit(t, 0),
    await createPosition(t, 0),
    await createEmployee(t, 0),
    await createResource(t, 0, "documents"),
    await createResource(t, 0, "requirements"),
    await createWebhook(t, 0),
  ];
  const lists = operations.filter((o) =>
    o.method === "GET" && (!o.path.includes("{") || tenantWide(o))
  );
  assert.ok(lists.length >= 5, "the sweep found the list routes");
  for (const op of lists) {
    const fixture = ROUTE_FIXTURES[`${op.method} ${op.path}`];
    assert.ok(fixture, `no fixture for ${op.method} ${op.path}`);
    const res = await send(t, op, await fixture.request(t, 1), intruder);
    assert.equal(res.status, 200, `${op.path}: ${res.status}`);
    const text = await res.text();
    for (const id of ids) assert.ok(!text.includes(id), `${op.path} shows tenant A's object ${id}`);
  }
  // The owner does see them, so the check above could fail.
  const own = await (await t.call("GET", "/api/v1/tags?limit=200", { token: ownerExec })).text();
  assert.ok(own.includes(ids[0]));
});

async function readBack(template: string, req: { params?: Record<string, string> }) {
  const path = template.replace(/\{(\w+)\}/g, (_, n) => req.params![n]);
  const res = await t.call("GET", path, { token: ownerExec });
  assert.equal(res.status, 200, `the owner reads ${path}`);
  return await res.json();
}

test("close", async () => {
  await t.close();
});
