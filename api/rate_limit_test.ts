// Rate limits, the same scenario on all three caches: a credential over its limit gets 429
// with Retry-After and RateLimit-* headers, another credential of the same tenant goes on
// until the tenant's limit, another tenant is not affected; a cache that is down lets
// requests through.
import assert from "node:assert/strict";
import { Hono } from "hono";
import { createMemoryCache, createRedisCache, createUpstashCache } from "./cache/mod.ts";
import type { Cache } from "./cache/port.ts";
import type { AppEnv } from "./env.ts";
import { createLogger, type Logger } from "./log.ts";
import { rateCounter, WINDOW_SECONDS } from "./rate_limit.ts";
import { tenantGate } from "./tenant_gate.ts";
import { startTestApp, test } from "../tests/support/app.ts";
import { startUpstashServer } from "../tests/fixtures/upstash_server.ts";
import { testRedisUrl } from "../tests/support/redis.ts";

const PROBLEM = "https://procedo.app/problems/";
const env = { RATE_LIMIT_PER_MINUTE: "5", RATE_LIMIT_TENANT_PER_MINUTE: "8" };

/** Waits out the last seconds of a window, so one scenario never straddles two windows. */
async function freshWindowAhead(seconds = 10) {
  const left = WINDOW_SECONDS * 1000 - Date.now() % (WINDOW_SECONDS * 1000);
  if (left < seconds * 1000) await new Promise((r) => setTimeout(r, left + 50));
}

function assertHeaders(res: Response, limit: number, remaining: number) {
  assert.equal(res.headers.get("ratelimit-limit"), String(limit));
  assert.equal(res.headers.get("ratelimit-remaining"), String(remaining));
  const reset = Number(res.headers.get("ratelimit-reset"));
  assert.ok(reset >= 1 && reset <= WINDOW_SECONDS, `RateLimit-Reset ${reset}`);
}

async function scenario(cache: Cache) {
  const t = await startTestApp({ env, cache });
  try {
    const [a, b, c, other] = await Promise.all([
      t.token("modeler"),
      t.token("reader"),
      t.token("executive"),
      t.token("reader", 1),
    ]);
    const get = (token: string) => t.call("GET", "/api/v1/tags", { token });
    await freshWindowAhead();

    // Credential a: 5 pass (tenant at 5), the 6th is refused for the credential.
    for (let i = 1; i <= 5; i++) {
      const res = await get(a);
      assert.equal(res.status, 200, `request ${i}`);
      // The credential's budget is the tighter one: 5 - i left of it, 8 - i of the tenant's.
      assertHeaders(res, 5, 5 - i);
    }
    const refused = await get(a);
    assert.equal(refused.status, 429);
    const problem = await refused.json();
    assert.equal(problem.type, `${PROBLEM}too-many-requests`);
    assert.equal(problem.scope, "credential");
    assert.equal(problem.limit, 5);
    const retryAfter = Number(refused.headers.get("retry-after"));
    assert.ok(retryAfter >= 1 && retryAfter <= WINDOW_SECONDS, `Retry-After ${retryAfter}`);
    assertHeaders(refused, 5, 0);
    assert.equal(refused.headers.get("ratelimit-reset"), String(retryAfter));
    // Refusals are not counted against the tenant: still refused, tenant budget intact.
    assert.equal((await get(a)).status, 429);

    // Credential b of the same tenant: the tenant has 3 of 8 left.
    for (let i = 1; i <= 3; i++) {
      const res = await get(b);
      assert.equal(res.status, 200, `b request ${i}`);
      assertHeaders(res, 8, 3 - i);
    }
    const tenantFull = await get(b);
    assert.equal(tenantFull.status, 429);
    assert.equal((await tenantFull.json()).scope, "tenant");
    assertHeaders(tenantFull, 8, 0);
    assert.ok(Number(tenantFull.headers.get("retry-after")) >= 1);
    // A third credential of that tenant is refused too: the tenant is at its limit.
    const third = await get(c);
    assert.equal(third.status, 429);
    assert.equal((await third.json()).scope, "tenant");

    // Another tenant is not affected.
    const elsewhere = await get(other);
    assert.equal(elsewhere.status, 200);
    assertHeaders(elsewhere, 5, 4);

    // Requests without a credential are refused by tenancy before anything is counted.
    const anonymous = await t.call("GET", "/api/v1/tags");
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.headers.get("ratelimit-limit"), null);
  } finally {
    await t.close();
  }
}

const redisUrl = await testRedisUrl();
const token = crypto.randomUUID();
const upstash = await startUpstashServer({ redisUrl, token });

test("rate limits: memory cache", async () => {
  const cache = createMemoryCache();
  await scenario(cache);
  await cache.close();
});

test("rate limits: Redis cache", async () => {
  const cache = createRedisCache(redisUrl);
  await scenario(cache);
  await cache.close();
});

test("rate limits: Upstash cache", async () => {
  const cache = createUpstashCache(upstash.url, token);
  await scenario(cache);
  await cache.close();
});

test("rate limits: API keys count per key, and the counters live under the tenant", async () => {
  const cache = createMemoryCache();
  const t = await startTestApp({ env, cache });
  try {
    await freshWindowAhead();
    const executive = await t.token("executive");
    const created = await t.call("POST", "/api/v1/api-keys", {
      token: executive,
      body: {
        name: "limited",
        role: "reader",
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    });
    assert.equal(created.status, 201);
    assertHeaders(created, 5, 4); // The api-keys routes are rate limited too.
    const { key, id } = await created.json();
    for (let i = 1; i <= 5; i++) {
      const res = await t.call("GET", "/api/v1/tags", { headers: { "x-api-key": key } });
      assert.equal(res.status, 200, `request ${i}`);
    }
    const refused = await t.call("GET", "/api/v1/tags", {
      headers: { authorization: `Bearer ${key}` },
    });
    assert.equal(refused.status, 429);
    // The executive's own budget is separate from the key's.
    assert.equal((await t.call("GET", "/api/v1/tags", { token: executive })).status, 200);

    const me = await (await t.call("GET", "/api/v1/users/me", { token: executive })).json();
    const window = Math.floor(Date.now() / (WINDOW_SECONDS * 1000));
    assert.equal(await cache.get(`${me.tenant.id}:rl:cred:${id}:${window}`), "6");
    assert.equal(await cache.get(`${me.tenant.id}:rl:tenant:${window}`), "8");
    const ttl = await cache.ttl(`${me.tenant.id}:rl:tenant:${window}`);
    assert.ok(ttl !== null && ttl <= WINDOW_SECONDS);
  } finally {
    await t.close();
    await cache.close();
  }
});

/**
 * An app answering "ok" at "/" behind the rate limits as the tenant gate runs them, for a fixed
 * principal, counting in `cache` (limits of 1 a minute).
 */
function gatedApp(cache: Cache, logger: Logger): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(
    "*",
    tenantGate({
      authenticate: (c) => {
        c.set("principal", {
          kind: "user",
          tenantId: "t1",
          userId: "u1",
          role: "reader",
          displayName: "x",
        });
        return Promise.resolve();
      },
      countRate: rateCounter({
        cache,
        config: { rateLimit: { perCredential: 1, perTenant: 1 }, logLevel: "silent" },
        logger,
      }),
    }),
  );
  app.get("/", (c) => c.text("ok"));
  return app;
}

test("rate limits: a cache that is down lets requests through and is logged once", async () => {
  const broken: Cache = {
    ...createMemoryCache(),
    incr: () => Promise.reject(new Error("connection refused")),
  };
  const lines: string[] = [];
  const app = gatedApp(broken, createLogger("warn", (line) => lines.push(line)));
  for (let i = 0; i < 5; i++) {
    const res = await app.request("/");
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("ratelimit-limit"), null);
  }
  assert.equal(lines.length, 1);
  assert.match(JSON.parse(lines[0]).msg, /not enforced/);
});

test("rate limits: with Redis unreachable, the API answers and counts in memory", async () => {
  const cache = createRedisCache("redis://127.0.0.1:1");
  const t = await startTestApp({ env, cache });
  try {
    await freshWindowAhead();
    const reader = await t.token("reader");
    for (let i = 1; i <= 5; i++) {
      const res = await t.call("GET", "/api/v1/tags", { token: reader });
      assert.equal(res.status, 200, `request ${i}`);
      assert.equal(res.headers.get("ratelimit-remaining"), String(5 - i));
    }
    const sixth = await t.call("GET", "/api/v1/tags", { token: reader });
    assert.equal(sixth.status, 429, "this instance still limits, from its memory");
  } finally {
    await t.close();
    await cache.close();
  }
});

test("rate limits: a cache that hangs counts as down", async () => {
  // A shared cache that hangs (memory answers at once, so it is not given a timeout).
  const hanging: Cache = {
    ...createMemoryCache(),
    kind: "redis",
    incr: () => new Promise<number>(() => {}),
  };
  const app = gatedApp(hanging, createLogger("silent"));
  const start = Date.now();
  const res = await app.request("/");
  assert.equal(res.status, 200);
  assert.ok(Date.now() - start < 3000);
});

test("rate limits: trial sign-up and the operator API count per client address", async () => {
  const t = await startTestApp({
    env: {
      RATE_LIMIT_ADDRESS_PER_MINUTE: "2",
      TRUST_PROXY: "true",
      OPERATOR_API_KEY: "op-" + "k".repeat(40),
    },
  });
  try {
    await freshWindowAhead();
    const operator = (address: string) =>
      t.call("GET", "/api/operator/tenants", {
        headers: { authorization: "Bearer wrong-key", "x-forwarded-for": `${address}, 10.0.0.1` },
      });
    assert.equal((await operator("203.0.113.7")).status, 401);
    const second = await operator("203.0.113.7");
    assert.equal(second.status, 401);
    assertHeaders(second, 2, 0);
    const refused = await operator("203.0.113.7");
    assert.equal(refused.status, 429, "the third guess of the operator key is refused");
    const problem = await refused.json();
    assert.equal(problem.scope, "address");
    assert.ok(Number(refused.headers.get("retry-after")) >= 1);
    assert.equal((await operator("198.51.100.4")).status, 401, "another address goes on");

    // Starting trials: the same budget per address, counted apart from the operator's.
    const trial = (token: string) =>
      t.call("POST", "/api/v1/tenants/trial", {
        token,
        body: { name: "Acme" },
        headers: { "x-forwarded-for": "203.0.113.7" },
      });
    const [a, b, c] = await Promise.all(
      [1, 2, 3].map(() => t.issuer.sign({ tid: crypto.randomUUID(), oid: crypto.randomUUID() })),
    );
    assert.equal((await trial(a)).status, 201);
    assert.equal((await trial(b)).status, 201);
    assert.equal((await trial(c)).status, 429);
  } finally {
    await t.close();
  }
});

test("rate limits: teardown", async () => {
  await upstash.close();
});
