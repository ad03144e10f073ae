// What the request path remembers per tenant (identities, read responses) is reused, yet never
// outlives a change made through the API: the next request after a write, a role change, a
// deactivation or a lock sees it — also in a second instance sharing Redis.
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { tags } from "../../plugins/tags/schema.ts";
import { tenants } from "../../schema/core.ts";
import { createRedisCache } from "../cache/redis.ts";
import { DEMO_TENANTS } from "../demo.ts";
import { uuidv7 } from "../db/ids.ts";
import { startTestApp, test, type TestApp } from "../../tests/support/app.ts";
import { testRedisUrl } from "../../tests/support/redis.ts";
import { Lru, REFRESH_MS } from "./lru.ts";
import { createTenantCache } from "./mod.ts";
import { authenticator } from "../tenancy.ts";
import type { Principal } from "../env.ts";

const OPERATOR_KEY = "op-" + "k".repeat(40);
const env = { OPERATOR_API_KEY: OPERATOR_KEY };
const t = await startTestApp({ env });
const db = t.database.db;
const [tenantA] = await db.select().from(tenants)
  .where(eq(tenants.entraTenantId, DEMO_TENANTS[0].entraTenantId));

const names = async (app: TestApp, token: string, query = "?limit=200") => {
  const res = await app.call("GET", `/api/v1/tags${query}`, { token });
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()).items.map((x: { name: string }) => x.name) as string[];
};

test("a repeated read is answered from memory, and the next read after a write is fresh", async () => {
  const modeler = await t.token("modeler");
  // The first request of an instance learns the tenant; from the second on, reads are kept.
  await names(t, modeler);
  await names(t, modeler);
  // Written behind the API's back: the remembered answer does not know it...
  await db.insert(tags).values({
    tenantId: tenantA.id,
    id: uuidv7(),
    name: "Behind the back",
    nameKey: "behind the back",
    color: "#336699",
    createdBy: "test",
    version: 1,
    createdAt: new Date(),
    updatedAt: new Date(),
  });
  assert.ok(!(await names(t, modeler)).includes("Behind the back"), "the read was remembered");
  // ...but any write through the API replaces the tenant's version, so the next read is fresh.
  const created = await t.call("POST", "/api/v1/tags", {
    token: modeler,
    body: { name: "Through the API" },
  });
  assert.equal(created.status, 201);
  const after = await names(t, modeler);
  assert.ok(after.includes("Through the API") && after.includes("Behind the back"));
});

test("a remembered answer is byte for byte the first one: non-ASCII text, length, headers", async () => {
  const modeler = await t.token("modeler");
  const created = await t.call("POST", "/api/v1/tags", {
    token: modeler,
    body: { name: "Prüfung 🧪 — 検査 \u200f", description: 'Ä\u00a0ö "quoted" \\ end' },
  });
  assert.equal(created.status, 201);
  const id = (await created.json()).id;
  const read = async () => {
    const res = await t.call("GET", `/api/v1/tags/${id}`, { token: modeler });
    assert.equal(res.status, 200);
    return {
      bytes: new Uint8Array(await res.arrayBuffer()),
      type: res.headers.get("content-type"),
      etag: res.headers.get("etag"),
    };
  };
  const first = await read(); // learns the tenant
  const second = await read(); // stored
  const third = await read(); // answered from memory
  assert.deepEqual(second, first);
  assert.deepEqual(third, first);
  assert.equal(JSON.parse(new TextDecoder().decode(third.bytes)).name, "Prüfung 🧪 — 検査 \u200f");
});

test("answers are remembered per credential: two people reading one URL see their own", async () => {
  const reader = await t.token("reader");
  const modeler = await t.token("modeler");
  for (let i = 0; i < 2; i++) {
    const r = await (await t.call("GET", "/api/v1/users/me", { token: reader })).json();
    const m = await (await t.call("GET", "/api/v1/users/me", { token: modeler })).json();
    assert.equal(r.user.role, "reader");
    assert.equal(m.user.role, "modeler");
  }
  const otherTenant = await t.token("reader", 1);
  const mine = await names(t, reader, "?limit=5");
  const theirs = await names(t, otherTenant, "?limit=5");
  assert.notDeepEqual(mine, theirs);
});

test("a role change and a deactivation apply to the very next request", async () => {
  const executive = await t.token("executive");
  const reader = await t.token("reader");
  const me = await (await t.call("GET", "/api/v1/users/me", { token: reader })).json();
  const denied = await t.call("POST", "/api/v1/tags", { token: reader, body: { name: "Nope" } });
  assert.equal(denied.status, 403);
  const patch = (body: Record<string, unknown>) =>
    t.call("PATCH", `/api/v1/users/${me.user.id}`, {
      token: executive,
      body,
      headers: { "if-match": "*" },
    });
  assert.equal((await patch({ role: "modeler" })).status, 200);
  const allowed = await t.call("POST", "/api/v1/tags", {
    token: reader,
    body: { name: "Promoted" },
  });
  assert.equal(allowed.status, 201, await allowed.clone().text());
  assert.equal((await patch({ active: false })).status, 200);
  const locked = await t.call("GET", "/api/v1/tags", { token: reader });
  assert.equal(locked.status, 403);
  assert.equal((await locked.json()).type, "https://procedo.app/problems/user-deactivated");
  assert.equal((await patch({ active: true, role: "reader" })).status, 200);
  assert.equal((await t.call("GET", "/api/v1/tags", { token: reader })).status, 200);
});

test("a tenant locked by an operator is locked at its next request", async () => {
  const modeler = await t.token("modeler", 1);
  assert.equal((await t.call("GET", "/api/v1/tags", { token: modeler })).status, 200);
  const operator = (status: string) =>
    t.call("PATCH", `/api/operator/tenants/${DEMO_TENANTS[1].entraTenantId}`, {
      headers: { authorization: `Bearer ${OPERATOR_KEY}` },
      body: { status },
    });
  assert.equal((await operator("suspended")).status, 200);
  const res = await t.call("GET", "/api/v1/tags", { token: modeler });
  assert.equal(res.status, 403);
  assert.equal((await res.json()).type, "https://procedo.app/problems/tenant-locked");
  assert.equal((await operator("active")).status, 200);
  assert.equal((await t.call("GET", "/api/v1/tags", { token: modeler })).status, 200);
});

test("two instances sharing Redis: a write or role change in one is seen at once by the other", async () => {
  const url = await testRedisUrl();
  const cacheA = createRedisCache(url);
  const cacheB = createRedisCache(url);
  const a = await startTestApp({ env, cache: cacheA });
  const b = await startTestApp({ env, cache: cacheB, instanceOf: a });
  try {
    const modeler = await a.token("modeler");
    await names(b, modeler);
    await names(b, modeler); // remembered in B
    const created = await a.call("POST", "/api/v1/tags", {
      token: modeler,
      body: { name: "Written in A" },
    });
    assert.equal(created.status, 201);
    assert.ok((await names(b, modeler)).includes("Written in A"));

    const reader = await a.token("reader");
    const me = await (await b.call("GET", "/api/v1/users/me", { token: reader })).json();
    const executive = await a.token("executive");
    const off = await a.call("PATCH", `/api/v1/users/${me.user.id}`, {
      token: executive,
      body: { active: false },
      headers: { "if-match": "*" },
    });
    assert.equal(off.status, 200);
    assert.equal((await b.call("GET", "/api/v1/users/me", { token: reader })).status, 403);
  } finally {
    await b.close();
    await a.close();
    await cacheA.close();
    await cacheB.close();
  }
});

test("the remembered-entries map evicts the least recently used and expires by age", () => {
  const lru = new Lru<number>(2, 10_000, 100);
  lru.set("a", 1, 10, 0);
  lru.set("b", 2, 10, 0);
  assert.equal(lru.get("a", REFRESH_MS), 1); // a is now the most recent
  lru.set("c", 3, 10, REFRESH_MS + 1);
  assert.equal(lru.get("b", REFRESH_MS + 2), undefined);
  assert.equal(lru.get("a", REFRESH_MS + 2), 1);
  assert.equal(lru.get("a", 10_001), undefined, "older than its maximum age");
  lru.set("big", 4, 95, 0);
  assert.equal(lru.get("c", 4), undefined, "the byte budget pushed c out");
  assert.equal(lru.bytes, 95);
  // Recency is kept to the second: a read within REFRESH_MS of the last move does not move.
  const coarse = new Lru<number>(2, 10_000);
  coarse.set("x", 1, 0, 0);
  coarse.set("y", 2, 0, 0);
  assert.equal(coarse.get("x", REFRESH_MS - 1), 1);
  coarse.set("z", 3, 0, REFRESH_MS);
  assert.equal(coarse.get("x", REFRESH_MS), undefined);
  assert.equal(coarse.get("y", REFRESH_MS), 2);
});

test("a token's requests share what it runs as, frozen, until the tenant's version changes", async () => {
  const tenantCache = createTenantCache(t.cache, { responseBytes: 0 });
  const authenticate = authenticator({ db, verifier: t.issuer.verifier, tenantCache });
  const token = await t.token("reader");
  const run = async () => {
    const vars = new Map<string, unknown>();
    const c = {
      req: { header: (name: string) => (name === "authorization" ? `Bearer ${token}` : undefined) },
      get: (k: string) => vars.get(k),
      set: (k: string, v: unknown) => vars.set(k, v),
    };
    await authenticate(c as unknown as Parameters<typeof authenticate>[0]);
    return vars.get("principal") as Principal;
  };
  await run(); // An instance's first request learns the tenant; its version is read from then on.
  const first = await run();
  const second = await run();
  assert.equal(second, first, "the second request reuses the first one's principal");
  assert.ok(Object.isFrozen(second));
  assert.throws(() => {
    (second as { role: string }).role = "executive";
  }, TypeError);
  await tenantCache.versions.changed(first.tenantId);
  const third = await run();
  assert.notEqual(third, first, "a new version: the identity is looked up again");
  assert.equal(await run(), third);
  assert.deepEqual(third, first);
});

test("close", async () => {
  await t.close();
});
