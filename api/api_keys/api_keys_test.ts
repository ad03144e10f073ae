// API keys through the HTTP API, as an executive and a program use them: shown once, stored
// as a hash, accepted as Bearer and X-API-Key with the key's role, refused once revoked,
// expired, or when the tenant leaves the excellence plan.
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { apiKeys } from "../../schema/api_keys.ts";
import { tenants } from "../../schema/core.ts";
import { DEMO_TENANTS } from "../demo.ts";
import { startTestApp, test } from "../../tests/support/app.ts";

const t = await startTestApp();
const executive = await t.token("executive");
const modeler = await t.token("modeler");
const otherExecutive = await t.token("executive", 1);
const db = t.database.db;
const PROBLEM = "https://procedo.app/problems/";

const [tenantA] = await db.select().from(tenants)
  .where(eq(tenants.entraTenantId, DEMO_TENANTS[0].entraTenantId));

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

async function createKey(
  body: Record<string, unknown> = {},
  token = executive,
): Promise<Response> {
  return await t.call("POST", "/api/v1/api-keys", {
    token,
    body: { name: "CI export", role: "reader", expiresAt: inDays(30), ...body },
  });
}

async function newKey(role = "reader", token = executive) {
  const res = await createKey({ role, name: `${role} key` }, token);
  assert.equal(res.status, 201, await res.clone().text());
  return await res.json() as { id: string; key: string; keyPrefix: string };
}

const withKey = (
  key: string,
  header: "bearer" | "x-api-key" = "x-api-key",
): Record<string, string> =>
  header === "bearer" ? { authorization: `Bearer ${key}` } : { "x-api-key": key };

async function sha256Hex(text: string) {
  const d = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return Array.from(d, (b) => b.toString(16).padStart(2, "0")).join("");
}

async function expectRefused(res: Response, detail?: RegExp) {
  assert.equal(res.status, 401);
  const body = await res.json();
  assert.equal(body.type, `${PROBLEM}invalid-api-key`);
  if (detail) assert.match(body.detail, detail);
}

test("api keys: the executive sees the key once; the list and the database never hold it", async () => {
  const res = await createKey({ name: "  Nightly export  " });
  assert.equal(res.status, 201);
  assert.equal(res.headers.get("cache-control"), "no-store");
  const created = await res.json();
  assert.match(created.key, /^pk_[0-9a-f]{32}_[a-z2-7]{8}_[a-z2-7]{52}$/);
  assert.equal(created.key.slice(3, 35), tenantA.id.replaceAll("-", ""));
  assert.ok(created.key.startsWith(`${created.keyPrefix}_`));
  assert.equal(created.name, "Nightly export");
  assert.equal(created.role, "reader");
  assert.equal(created.status, "active");
  assert.equal(created.revokedAt, null);
  assert.equal(created.lastUsedAt, null);

  const list = await t.call("GET", "/api/v1/api-keys", { token: executive });
  assert.equal(list.status, 200);
  const text = await list.text();
  const secret = created.key.slice(created.keyPrefix.length + 1);
  assert.ok(!text.includes(secret), "the list shows the secret");
  const page = JSON.parse(text);
  const item = page.items.find((k: { id: string }) => k.id === created.id);
  const { key: _key, ...metadata } = created;
  assert.deepEqual(item, metadata);
  assert.ok(!("key" in item) && !("hash" in item));

  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, created.id));
  assert.equal(row.hash, await sha256Hex(created.key));
  assert.equal(row.tenantId, tenantA.id);
  assert.ok(!JSON.stringify(row).includes(secret), "the database holds the secret");
});

test("api keys: a key works as Bearer and as X-API-Key, with the key's role", async () => {
  const reader = await newKey("reader");
  for (const header of ["bearer", "x-api-key"] as const) {
    const res = await t.call("GET", "/api/v1/tags", { headers: withKey(reader.key, header) });
    assert.equal(res.status, 200, header);
    assert.ok((await res.json()).items.length > 0);
  }
  const write = await t.call("POST", "/api/v1/tags", {
    headers: withKey(reader.key),
    body: { name: "From a reader key" },
  });
  assert.equal(write.status, 403);
  assert.equal((await write.json()).type, `${PROBLEM}role-required`);

  const modelerKey = await newKey("modeler");
  const created = await t.call("POST", "/api/v1/tags", {
    headers: withKey(modelerKey.key, "bearer"),
    body: { name: "From a modeler key" },
  });
  assert.equal(created.status, 201);
  // The tag is the key's tenant's, and names the key as its author.
  const tags = await (await t.call("GET", "/api/v1/tags?q=modeler%20key", { token: executive }))
    .json();
  assert.deepEqual(tags.items.map((x: { name: string }) => x.name), ["From a modeler key"]);

  const me = await t.call("GET", "/api/v1/users/me", { headers: withKey(reader.key) });
  assert.equal(me.status, 200);
  const body = await me.json();
  assert.deepEqual(body.user, {
    id: reader.id,
    displayName: "reader key",
    role: "reader",
    kind: "api-key",
  });
  assert.equal(body.tenant.id, tenantA.id);
});

test("api keys: a revoked key is refused at once; revoking again is a quiet 204", async () => {
  const k = await newKey();
  assert.equal((await t.call("GET", "/api/v1/tags", { headers: withKey(k.key) })).status, 200);
  const revoked = await t.call("DELETE", `/api/v1/api-keys/${k.id}`, { token: executive });
  assert.equal(revoked.status, 204);
  await expectRefused(
    await t.call("GET", "/api/v1/tags", { headers: withKey(k.key) }),
    /revoked/,
  );
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, k.id));
  assert.ok(row.revokedAt);
  const again = await t.call("DELETE", `/api/v1/api-keys/${k.id}`, { token: executive });
  assert.equal(again.status, 204);
  const [same] = await db.select().from(apiKeys).where(eq(apiKeys.id, k.id));
  assert.equal(same.revokedAt?.getTime(), row.revokedAt.getTime(), "the revocation time moved");
  // Reusing the revoked key, either way, stays refused.
  await expectRefused(
    await t.call("GET", "/api/v1/tags", { headers: withKey(k.key, "bearer") }),
  );
  const list = await (await t.call("GET", "/api/v1/api-keys?limit=200", { token: executive }))
    .json();
  assert.equal(list.items.find((x: { id: string }) => x.id === k.id).status, "revoked");
});

test("api keys: an expired key is refused", async () => {
  const k = await newKey();
  await db.update(apiKeys).set({ expiresAt: new Date(Date.now() - 1000) })
    .where(eq(apiKeys.id, k.id));
  await expectRefused(
    await t.call("GET", "/api/v1/tags", { headers: withKey(k.key) }),
    /expired/,
  );
});

test("api keys: keys stop working when the tenant leaves excellence; creating needs it", async () => {
  const k = await newKey();
  const before = await db.select().from(apiKeys).where(eq(apiKeys.tenantId, tenantA.id));
  try {
    await db.update(tenants).set({ plan: "standard" }).where(eq(tenants.id, tenantA.id));
    await expectRefused(
      await t.call("GET", "/api/v1/tags", { headers: withKey(k.key) }),
      /excellence/,
    );
    const res = await createKey();
    assert.equal(res.status, 403);
    assert.match((await res.json()).type, /plan-required$/);
    const after = await db.select().from(apiKeys).where(eq(apiKeys.tenantId, tenantA.id));
    assert.equal(after.length, before.length, "a key was created on the standard plan");
    // Listing and revoking stay possible, to clean up.
    assert.equal((await t.call("GET", "/api/v1/api-keys", { token: executive })).status, 200);

    await db.update(tenants).set({ plan: "excellence", status: "suspended" })
      .where(eq(tenants.id, tenantA.id));
    const locked = await t.call("GET", "/api/v1/tags", { headers: withKey(k.key) });
    assert.equal(locked.status, 403);
    assert.equal((await locked.json()).type, `${PROBLEM}tenant-locked`);
  } finally {
    await db.update(tenants).set({ plan: "excellence", status: "active" })
      .where(eq(tenants.id, tenantA.id));
  }
  assert.equal((await t.call("GET", "/api/v1/tags", { headers: withKey(k.key) })).status, 200);
});

test("api keys: last use is recorded, at most once a minute", async () => {
  const k = await newKey();
  const lastUsed = async () =>
    (await db.select().from(apiKeys).where(eq(apiKeys.id, k.id)))[0].lastUsedAt;
  assert.equal(await lastUsed(), null);
  const start = Date.now();
  await t.call("GET", "/api/v1/tags", { headers: withKey(k.key) });
  const first = await lastUsed();
  assert.ok(first && first.getTime() >= start - 5 && first.getTime() <= Date.now());
  await t.call("GET", "/api/v1/tags", { headers: withKey(k.key) });
  assert.equal((await lastUsed())?.getTime(), first.getTime(), "written twice within a minute");
  // A minute later it is written again.
  const old = new Date(Date.now() - 61_000);
  await db.update(apiKeys).set({ lastUsedAt: old }).where(eq(apiKeys.id, k.id));
  await t.call("GET", "/api/v1/tags", { headers: withKey(k.key) });
  assert.ok((await lastUsed())!.getTime() > old.getTime() + 60_000);
  const list = await (await t.call("GET", "/api/v1/api-keys?limit=200", { token: executive }))
    .json();
  assert.ok(list.items.find((x: { id: string }) => x.id === k.id).lastUsedAt);
});

test("api keys: only executives signed in as people manage keys", async () => {
  const res = await createKey({}, modeler);
  assert.equal(res.status, 403);
  const problem = await res.json();
  assert.equal(problem.type, `${PROBLEM}role-required`);
  assert.equal(problem.requiredRole, "executive");
  assert.equal((await t.call("GET", "/api/v1/api-keys", { token: modeler })).status, 403);

  // An executive key could otherwise mint keys that outlive its own revocation.
  const exec = await newKey("executive");
  const viaKey = await t.call("POST", "/api/v1/api-keys", {
    headers: withKey(exec.key),
    body: { name: "minted", role: "executive", expiresAt: inDays(10) },
  });
  assert.equal(viaKey.status, 403);
  const refusal = await viaKey.json();
  assert.equal(refusal.type, `${PROBLEM}user-required`);
  assert.equal(refusal.rule, "administration-needs-a-person");
  // Nor can a key change anyone's role (it could otherwise promote a person it controls).
  const users =
    await (await t.call("GET", "/api/v1/users?limit=200", { headers: withKey(exec.key) }))
      .json();
  const reader = users.items.find((u: { role: string }) => u.role === "reader");
  const promote = await t.call("PATCH", `/api/v1/users/${reader.id}`, {
    headers: { ...withKey(exec.key), "if-match": "*" },
    body: { role: "executive" },
  });
  assert.equal(promote.status, 403, await promote.clone().text());
  assert.equal((await promote.json()).type, `${PROBLEM}user-required`);
  const del = await t.call("DELETE", `/api/v1/api-keys/${exec.id}`, { headers: withKey(exec.key) });
  assert.equal(del.status, 403);
  assert.equal((await t.call("GET", "/api/v1/tags", { headers: withKey(exec.key) })).status, 200);
});

test("api keys: another tenant's key is a 404 to revoke, and keeps working", async () => {
  const theirs = await newKey("reader", otherExecutive);
  const res = await t.call("DELETE", `/api/v1/api-keys/${theirs.id}`, { token: executive });
  assert.equal(res.status, 404);
  assert.equal(
    (await t.call("DELETE", `/api/v1/api-keys/${crypto.randomUUID()}`, { token: executive }))
      .status,
    404,
  );
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, theirs.id));
  assert.equal(row.revokedAt, null);
  const mine = await (await t.call("GET", "/api/v1/api-keys?limit=200", { token: executive }))
    .json();
  assert.ok(!mine.items.some((x: { id: string }) => x.id === theirs.id));
  // Their key reads their tags, not ours.
  const tags = await t.call("GET", "/api/v1/tags", { headers: withKey(theirs.key) });
  assert.equal(tags.status, 200);
  const me = await (await t.call("GET", "/api/v1/users/me", { headers: withKey(theirs.key) }))
    .json();
  assert.notEqual(me.tenant.id, tenantA.id);
});

test("api keys: bad input is a 422 naming the field, and nothing is created", async () => {
  const count = async () =>
    (await db.select().from(apiKeys).where(eq(apiKeys.tenantId, tenantA.id))).length;
  const before = await count();
  const cases: [Record<string, unknown>, string][] = [
    [{ name: "" }, "body.name"],
    [{ name: "   " }, "body.name"],
    [{ name: "x".repeat(101) }, "body.name"],
    [{ role: "owner" }, "body.role"],
    [{ expiresAt: inDays(-1) }, "body.expiresAt"],
    [{ expiresAt: inDays(2 * 366 + 1) }, "body.expiresAt"],
    [{ expiresAt: "tomorrow" }, "body.expiresAt"],
    [{ expiresAt: undefined }, "body.expiresAt"],
    [{ secret: "mine" }, "body.secret"],
  ];
  for (const [body, field] of cases) {
    const res = await createKey(body);
    assert.equal(res.status, 422, JSON.stringify(body));
    const problem = await res.json();
    assert.equal(problem.type, `${PROBLEM}validation-failed`);
    assert.ok(
      problem.errors.some((e: { field: string }) => e.field === field),
      `${JSON.stringify(body)}: ${JSON.stringify(problem.errors)}`,
    );
  }
  assert.equal((await createKey({ name: "x".repeat(100) })).status, 201);
  assert.equal(await count(), before + 1);
  const bad = await t.call("DELETE", "/api/v1/api-keys/not-a-uuid", { token: executive });
  assert.equal(bad.status, 422);
  assert.equal((await bad.json()).errors[0].field, "path.id");
});

test("api keys: malformed, forged and misplaced credentials are refused clearly", async () => {
  const k = await newKey();
  const get = (headers: Record<string, string>) => t.call("GET", "/api/v1/tags", { headers });

  // A JWT in X-API-Key.
  await expectRefused(await get({ "x-api-key": executive }), /access token.*Authorization: Bearer/);
  // Not the key format at all, or a truncated key.
  await expectRefused(await get({ "x-api-key": "letmein" }), /not a Procedo API key/);
  await expectRefused(await get(withKey(k.key.slice(0, -1), "bearer")), /not a Procedo API key/);
  // A changed secret.
  const flipped = k.key.slice(0, -1) + (k.key.endsWith("a") ? "b" : "a");
  await expectRefused(await get(withKey(flipped)), /not known/);
  // The right secret under another tenant's id.
  const [tenantB] = await db.select().from(tenants)
    .where(eq(tenants.entraTenantId, DEMO_TENANTS[1].entraTenantId));
  const forged = `pk_${tenantB.id.replaceAll("-", "")}${k.key.slice(35)}`;
  await expectRefused(await get(withKey(forged)), /not known/);
  // Two credentials at once.
  await expectRefused(
    await get({ ...withKey(k.key), authorization: `Bearer ${executive}` }),
    /not both/,
  );
  // The token path is untouched.
  assert.equal((await t.call("GET", "/api/v1/tags", { token: executive })).status, 200);
});

test("api keys: at most 100 active keys per tenant", async () => {
  const [tenantB] = await db.select().from(tenants)
    .where(eq(tenants.entraTenantId, DEMO_TENANTS[1].entraTenantId));
  const existing = await db.select().from(apiKeys).where(eq(apiKeys.tenantId, tenantB.id));
  const now = new Date();
  const fill = Array.from({ length: 100 - existing.length }, (_, i) => ({
    tenantId: tenantB.id,
    id: crypto.randomUUID(),
    name: `bulk ${i}`,
    role: "reader" as const,
    prefix: `bulk${String(i).padStart(4, "0")}`,
    hash: "0".repeat(64),
    createdBy: "test",
    createdAt: now,
    expiresAt: new Date(now.getTime() + 86_400_000),
  }));
  await db.insert(apiKeys).values(fill);
  const res = await createKey({}, otherExecutive);
  assert.equal(res.status, 409);
  assert.equal((await res.json()).type, `${PROBLEM}too-many-api-keys`);
  await t.call("DELETE", `/api/v1/api-keys/${fill[0].id}`, { token: otherExecutive });
  assert.equal((await createKey({}, otherExecutive)).status, 201);
});

test("api keys: teardown", async () => {
  await t.close();
});
