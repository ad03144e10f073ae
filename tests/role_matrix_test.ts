// The role matrix: every tenant route of the OpenAPI document, called with each role,
// answers 2xx when the role reaches the route's declared lowest role and 403 otherwise.
// API keys are the fourth kind of caller: an executive key reaches every route but the
// person-only ones (administration), which answer 403 user-required.
import assert from "node:assert/strict";
import type { Role } from "../schema/core.ts";
import { startTestApp, test } from "./support/app.ts";
import { ROUTE_FIXTURES, send, tenantOperations } from "./support/route_fixtures.ts";

const ROLES: Role[] = ["reader", "modeler", "executive"];
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
const created = await t.call("POST", "/api/v1/api-keys", {
  token: await t.token("executive", 0),
  body: {
    name: "role matrix",
    role: "executive",
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  },
});
assert.equal(created.status, 201, await created.clone().text());
const executiveKey: string = (await created.json()).key;

test("the document lists the tenant routes with their lowest role", () => {
  const found = operations.map((o) => `${o.method} ${o.path}`).sort();
  assert.ok(found.includes("PATCH /api/v1/tags/{id}") && found.includes("GET /api/v1/audit"));
  const stale = Object.keys(ROUTE_FIXTURES).filter((k) => !found.includes(k));
  assert.deepEqual(stale, [], "fixtures for routes that no longer exist");
  for (const op of operations) {
    assert.ok(ROLES.includes(op.minRole as Role), `${op.method} ${op.path}: x-role ${op.minRole}`);
  }
});

for (const op of operations) {
  test(`role matrix: ${op.method} ${op.path}`, async () => {
    const fixture = ROUTE_FIXTURES[`${op.method} ${op.path}`];
    assert.ok(
      fixture,
      `no fixture for ${op.method} ${op.path}: add one to tests/support/route_fixtures.ts`,
    );
    const allowedFrom = ROLES.indexOf(op.minRole as Role);
    for (const [i, role] of ROLES.entries()) {
      const req = await (fixture.requestAs?.(t, 0, role) ?? fixture.request(t, 0));
      const res = await send(t, op, req, await t.token(role, 0));
      const text = await res.text();
      if (i >= allowedFrom) {
        assert.ok(
          res.status >= 200 && res.status < 300,
          `${role}: expected 2xx, got ${res.status} ${text}`,
        );
      } else {
        assert.equal(res.status, 403, `${role}: expected 403, got ${res.status} ${text}`);
        assert.equal(JSON.parse(text).type, "https://procedo.app/problems/role-required");
      }
    }
    const res = await send(t, op, await fixture.request(t, 0), executiveKey);
    const text = await res.text();
    if (op.doc["x-person-only"]) {
      assert.equal(res.status, 403, `executive API key: expected 403, got ${res.status} ${text}`);
      assert.equal(JSON.parse(text).type, "https://procedo.app/problems/user-required");
    } else {
      assert.ok(
        res.status >= 200 && res.status < 300,
        `executive API key: expected 2xx, got ${res.status} ${text}`,
      );
    }
  });
}

test("API keys never administer: users, roles and keys are person-only", () => {
  const personOnly = operations.filter((o) => o.doc["x-person-only"])
    .map((o) => `${o.method} ${o.path}`);
  for (
    const route of [
      "PATCH /api/v1/users/{id}",
      "GET /api/v1/api-keys",
      "POST /api/v1/api-keys",
      "DELETE /api/v1/api-keys/{id}",
    ]
  ) {
    assert.ok(personOnly.includes(route), `${route} is not person-only`);
  }
});

test("close", async () => {
  await t.close();
});
