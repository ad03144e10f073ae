// Self-service trial and plans: one click to a seeded workspace; an expired trial is
// read-only; operators change plans and statuses, tenants cannot.
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { tenants } from "../schema/core.ts";
import { startTestApp, test } from "../tests/support/app.ts";

const OPERATOR_KEY = "op-" + "k".repeat(40);
const t = await startTestApp({ env: { OPERATOR_API_KEY: OPERATOR_KEY } });
const newTid = crypto.randomUUID();
const founder = await t.issuer.sign({
  tid: newTid,
  oid: crypto.randomUUID(),
  name: "Fiona Founder",
});
const colleague = await t.issuer.sign({
  tid: newTid,
  oid: crypto.randomUUID(),
  name: "Carl Colleague",
});

test("an unknown organisation is told to start a trial", async () => {
  const res = await t.call("GET", "/api/v1/tags", { token: founder });
  assert.equal(res.status, 403);
  const problem = await res.json();
  assert.equal(problem.type, "https://procedo.app/problems/tenant-unknown");
  assert.match(problem.detail, /POST \/api\/v1\/tenants\/trial/);
});

test("starting a trial creates a seeded workspace with the caller as executive", async () => {
  const res = await t.call("POST", "/api/v1/tenants/trial", {
    token: founder,
    body: { name: "Northwind" },
  });
  assert.equal(res.status, 201, await res.clone().text());
  const ws = await res.json();
  assert.equal(ws.name, "Northwind");
  assert.equal(ws.plan, "trial");
  assert.equal(ws.role, "executive");
  const days = (Date.parse(ws.trialEndsAt) - Date.now()) / 86_400_000;
  assert.ok(days > 13.9 && days <= 14, `14 days, got ${days}`);
  const sample = await (await t.call("GET", "/api/v1/tags", { token: founder })).json();
  assert.equal(sample.total, 3, "sample content seeded by the plugins");
  const trail = await (await t.call("GET", "/api/v1/audit", { token: founder })).json();
  assert.deepEqual(trail.items.map((e: { action: string }) => e.action), ["tenants.trial-started"]);
});

test("starting it again returns the same workspace; colleagues join as readers", async () => {
  const again = await t.call("POST", "/api/v1/tenants/trial", {
    token: founder,
    body: { name: "Other name" },
  });
  assert.equal(again.status, 200);
  const ws = await again.json();
  assert.equal(ws.name, "Northwind");
  const joined =
    await (await t.call("POST", "/api/v1/tenants/trial", { token: colleague, body: { name: "x" } }))
      .json();
  assert.equal(joined.id, ws.id);
  assert.equal(joined.role, "reader");
  assert.equal(
    (await t.database.db.select().from(tenants).where(eq(tenants.entraTenantId, newTid))).length,
    1,
  );
});

test("parallel first clicks create one workspace", async () => {
  const tid = crypto.randomUUID();
  const tokens = await Promise.all(
    [1, 2, 3].map((i) => t.issuer.sign({ tid, oid: crypto.randomUUID(), name: `User ${i}` })),
  );
  const results = await Promise.all(
    tokens.map((token) =>
      t.call("POST", "/api/v1/tenants/trial", { token, body: { name: "Race Ltd" } })
    ),
  );
  const bodies = await Promise.all(results.map((r) => r.json()));
  assert.equal(new Set(bodies.map((b) => b.id)).size, 1);
  assert.equal(results.filter((r) => r.status === 201).length, 1);
  assert.equal(
    (await t.database.db.select().from(tenants).where(eq(tenants.entraTenantId, tid))).length,
    1,
  );
});

test("bad trial input names the field; no token is a 401", async () => {
  const res = await t.call("POST", "/api/v1/tenants/trial", { token: founder, body: { name: "" } });
  assert.equal(res.status, 422);
  assert.equal((await res.json()).errors[0].field, "body.name");
  const anonymous = await t.call("POST", "/api/v1/tenants/trial", { body: { name: "Anon" } });
  assert.equal(anonymous.status, 401);
});

async function operator(method: string, path: string, body?: unknown, key = OPERATOR_KEY) {
  return await t.call(method, path, { body, headers: { authorization: `Bearer ${key}` } });
}

test("an expired trial is read-only until an operator changes its plan", async () => {
  const [row] = await t.database.db.select().from(tenants).where(eq(tenants.entraTenantId, newTid));
  const past = new Date(Date.now() - 60_000).toISOString();
  assert.equal(
    (await operator("PATCH", `/api/operator/tenants/${row.id}`, { trialEndsAt: past })).status,
    200,
  );

  assert.equal(
    (await t.call("GET", "/api/v1/tags", { token: founder })).status,
    200,
    "reads still work",
  );
  const write = await t.call("POST", "/api/v1/tags", { token: founder, body: { name: "Blocked" } });
  assert.equal(write.status, 403);
  assert.equal((await write.json()).type, "https://procedo.app/problems/trial-expired");
  const me = await (await t.call("GET", "/api/v1/users/me", { token: founder })).json();
  assert.equal(me.tenant.readOnly, true);

  const res = await operator("PATCH", `/api/operator/tenants/${newTid}`, { plan: "standard" });
  assert.equal(res.status, 200);
  assert.equal((await res.json()).trialEndsAt, null);
  const trail = await (await t.call("GET", "/api/v1/audit?action=operator.tenant-changed", {
    token: founder,
  })).json();
  assert.equal(trail.items[0].details.plan, "standard", "the tenant sees the operator's change");
  assert.equal(trail.items[0].actorType, "system");
  assert.equal(
    (await t.call("POST", "/api/v1/tags", { token: founder, body: { name: "Allowed" } })).status,
    201,
  );
});

test("a suspended or offboarding tenant is locked out of every route", async () => {
  for (const status of ["suspended", "offboarding"]) {
    assert.equal(
      (await operator("PATCH", `/api/operator/tenants/${newTid}`, { status })).status,
      200,
    );
    for (const path of ["/api/v1/tags", "/api/v1/users/me"]) {
      const res = await t.call("GET", path, { token: founder });
      assert.equal(res.status, 403);
      assert.equal((await res.json()).type, "https://procedo.app/problems/tenant-locked");
    }
  }
  await operator("PATCH", `/api/operator/tenants/${newTid}`, { status: "active" });
  assert.equal((await t.call("GET", "/api/v1/tags", { token: founder })).status, 200);
});

test("the operator API refuses tenant tokens, wrong keys and bad values", async () => {
  const exec = await t.token("executive");
  assert.equal((await t.call("GET", "/api/operator/tenants", { token: exec })).status, 401);
  assert.equal(
    (await operator("GET", "/api/operator/tenants", undefined, "x".repeat(43))).status,
    401,
  );
  const list = await operator("GET", "/api/operator/tenants");
  assert.equal(list.status, 200);
  assert.ok((await list.json()).length >= 3);
  const bad = await operator("PATCH", `/api/operator/tenants/${newTid}`, { plan: "platinum" });
  assert.equal(bad.status, 422);
  assert.equal((await bad.json()).errors[0].field, "body.plan");
  assert.equal(
    (await operator("PATCH", "/api/operator/tenants/nope", { plan: "standard" })).status,
    404,
  );
});

test("without an operator key the operator API does not exist", async () => {
  const plain = await startTestApp();
  try {
    const res = await plain.call("GET", "/api/operator/tenants", {
      headers: { authorization: "Bearer anything" },
    });
    assert.equal(res.status, 404);
  } finally {
    await plain.close();
  }
});

test("deno task tenant changes plans and statuses from a shell", async () => {
  const run = async (...args: string[]) => {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", new URL("./operator/cli.ts", import.meta.url).pathname, ...args],
      env: { DATABASE_URL: t.database.url, LOG_LEVEL: "warn" },
    }).output();
    return {
      code: out.code,
      text: new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr),
    };
  };
  const set = await run("set-plan", newTid, "excellence");
  assert.equal(set.code, 0, set.text);
  assert.match(set.text, /Northwind: plan excellence, status active/);
  const [row] = await t.database.db.select().from(tenants).where(eq(tenants.entraTenantId, newTid));
  assert.equal(row.plan, "excellence");
  const list = await run("list");
  assert.match(list.text, /Northwind/);
  const bad = await run("set-plan", newTid, "gold");
  assert.equal(bad.code, 64);
  assert.match(bad.text, /plan must be one of trial, standard, excellence/);
});

test("close", async () => {
  await t.close();
});
