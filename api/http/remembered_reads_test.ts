// Remembered reads answered before the framework give exactly what the full path gives
// (status, body, headers, access log line, metrics), count against the rate limits once, and
// leave everything the gate would not answer from memory to the full path.
import assert from "node:assert/strict";
import { and, eq } from "drizzle-orm";
import { tenants, users } from "../../schema/core.ts";
import { createRedisCache } from "../cache/redis.ts";
import { DEMO_TENANTS } from "../demo.ts";
import { createLogger } from "../log.ts";
import { WINDOW_SECONDS } from "../rate_limit.ts";
import { startTestApp, test, type TestApp } from "../../tests/support/app.ts";
import { testRedisUrl } from "../../tests/support/redis.ts";

const OPERATOR_KEY = "op-" + "r".repeat(40);
const lines: string[] = [];
const t = await startTestApp({
  env: { OPERATOR_API_KEY: OPERATOR_KEY },
  logger: createLogger("info", (line) => lines.push(line)),
});
const reader = await t.token("reader");
const processId: string = (await (await t.call("GET", "/api/v1/processes?limit=1", {
  token: await t.token("modeler"),
})).json()).items[0].id;
const path = `/api/v1/processes/${processId}`;

/** Remembered answers given before the framework so far (from /metrics). */
async function early(app: TestApp = t): Promise<number> {
  const res = await app.call("GET", "/metrics", {
    headers: { authorization: `Bearer ${OPERATOR_KEY}` },
  });
  const text = await res.text();
  return Number(/^procedo_response_cache_early_total (\d+)$/m.exec(text)?.[1]);
}

/** The answer with what may differ between two answers (request id, remaining) left out. */
async function comparable(res: Response) {
  const headers = [...res.headers].filter(([name]) =>
    name !== "x-request-id" && name !== "ratelimit-remaining"
  );
  return { status: res.status, headers, body: await res.text() };
}

/** The access log line of a request, without what differs between two (time, ids). */
function logged(requestId: string) {
  const line = lines.map((l) => JSON.parse(l)).find((l) => l.requestId === requestId);
  assert.ok(line, `a log line for ${requestId}`);
  const { time: _t, durationMs, requestId: _r, ...rest } = line;
  assert.equal(typeof durationMs, "number");
  return rest;
}

/** Reads `path` until an answer is remembered (the first requests settle the identity). */
async function warm(app: TestApp, token: string, target = path) {
  for (let i = 0; i < 2; i++) {
    const res = await app.call("GET", target, { token });
    assert.equal(res.status, 200, await res.clone().text());
    await res.body?.cancel();
  }
}

test("a remembered read answered early is the full path's answer, line and count", async () => {
  await warm(t, reader);
  const before = await early();
  const fromMemory = await t.call("GET", path, { token: reader });
  assert.equal(await early(), before + 1, "answered before the framework");
  // The full path: the gate does not answer a request that asks for no cached answer.
  const full = await t.call("GET", path, {
    token: reader,
    headers: { "cache-control": "no-cache" },
  });
  assert.equal(await early(), before + 1);
  const a = await comparable(fromMemory.clone());
  const b = await comparable(full.clone());
  assert.deepEqual(a, b);
  assert.equal(a.status, 200);
  assert.equal(JSON.parse(a.body).id, processId);
  for (const name of ["x-content-type-options", "cache-control", "content-security-policy"]) {
    assert.ok(fromMemory.headers.has(name), name);
  }
  // One more than the full path's answer: each request counted once against the credential.
  assert.equal(
    Number(fromMemory.headers.get("ratelimit-remaining")),
    Number(full.headers.get("ratelimit-remaining")) + 1,
  );
  assert.match(fromMemory.headers.get("x-request-id")!, /^[0-9a-f-]{36}$/);
  assert.deepEqual(
    logged(fromMemory.headers.get("x-request-id")!),
    logged(full.headers.get("x-request-id")!),
  );
  assert.equal(logged(fromMemory.headers.get("x-request-id")!).route, "/api/v1/processes/:id");
  // A caller's request id is kept, as on the full path.
  const mine = await t.call("GET", path, {
    token: reader,
    headers: { "x-request-id": "caller-chosen-id-42" },
  });
  assert.equal(mine.headers.get("x-request-id"), "caller-chosen-id-42");
  await mine.body?.cancel();
  assert.equal(await early(), before + 2);
  const metrics = await (await t.call("GET", "/metrics", {
    headers: { authorization: `Bearer ${OPERATOR_KEY}` },
  })).text();
  const counted =
    /^procedo_http_requests_total\{method="GET",route="\/api\/v1\/processes\/:id",status="200"\} (\d+)$/m
      .exec(metrics);
  assert.ok(counted && Number(counted[1]) >= 5, "early answers are counted by route template");
});

test("what the gate would not answer from memory takes the full path", async () => {
  await warm(t, reader);
  const etag = (await t.call("GET", path, { token: reader })).headers.get("etag")!;
  const before = await early();
  const cases: [string, Record<string, string>, number[]][] = [
    ["a conditional request", { "if-none-match": etag }, [200, 304]],
    ["a partial request", { range: "bytes=0-10" }, [200, 206]],
    ["a site's request", { origin: "https://intranet.example" }, [403]],
    ["an API key beside the token", { "x-api-key": "pk_not-a-key" }, [401]],
    ["another language", { "accept-language": "de" }, [200]],
  ];
  for (const [what, headers, statuses] of cases) {
    const res = await t.call("GET", path, { token: reader, headers });
    assert.ok(statuses.includes(res.status), `${what}: ${res.status} ${await res.clone().text()}`);
    await res.body?.cancel();
    assert.equal(await early(), before, what);
  }
  // A token that was never verified, and none at all.
  const forged = await t.call("GET", path, { token: reader.slice(0, -4) + "AAAA" });
  assert.equal(forged.status, 401);
  assert.equal((await t.call("GET", path)).status, 401);
  assert.equal(await early(), before);
  // After a write of the tenant the next read is fresh, from the full path.
  const modeler = await t.token("modeler");
  const renamed = await t.call("PATCH", path, {
    token: modeler,
    body: { title: "Renamed while remembered" },
    headers: { "if-match": "*" },
  });
  assert.equal(renamed.status, 200, await renamed.clone().text());
  const fresh = await t.call("GET", path, { token: reader });
  assert.equal((await fresh.json()).title, "Renamed while remembered");
  assert.equal(await early(), before);
});

test("a read the rate limit refuses early is counted once and refused as on the full path", async () => {
  const limited = await startTestApp({
    instanceOf: t,
    env: { OPERATOR_API_KEY: OPERATOR_KEY, RATE_LIMIT_PER_MINUTE: "4" },
  });
  try {
    await warm(limited, reader); // requests 1 and 2
    const before = await early(limited);
    for (let i = 3; i <= 4; i++) {
      const res = await limited.call("GET", path, { token: reader });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("ratelimit-remaining"), String(4 - i));
      await res.body?.cancel();
    }
    assert.equal(await early(limited), before + 2);
    const refused = await limited.call("GET", path, { token: reader });
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get("content-type"), "application/problem+json");
    assert.equal(refused.headers.get("ratelimit-remaining"), "0");
    assert.ok(Number(refused.headers.get("retry-after")) >= 1);
    const problem = await refused.json();
    assert.equal(problem.scope, "credential");
    assert.equal(problem.instance, path);
    assert.equal(problem.requestId, refused.headers.get("x-request-id"));
    assert.equal(await early(limited), before + 2, "the refusal comes from the full path");
    // Counted once: the fifth request of the window is the fifth count.
    const demo = DEMO_TENANTS[0];
    const [tenant] = await t.database.db.select().from(tenants)
      .where(eq(tenants.entraTenantId, demo.entraTenantId));
    const oid = demo.users.find((u) => u.role === "reader")!.oid;
    const [user] = await t.database.db.select().from(users)
      .where(and(eq(users.tenantId, tenant.id), eq(users.oid, oid)));
    const window = Math.floor(Date.now() / (WINDOW_SECONDS * 1000));
    const count = await limited.cache.get(`${tenant.id}:rl:cred:${user.id}:${window}`);
    assert.equal(count, "5");
    const metrics = await (await limited.call("GET", "/metrics", {
      headers: { authorization: `Bearer ${OPERATOR_KEY}` },
    })).text();
    assert.match(metrics, /^procedo_rate_limit_rejections_total\{scope="credential"\} 1$/m);
  } finally {
    await limited.close();
  }
});

test("behind a TLS proxy an early answer carries HSTS like the full path", async () => {
  const proxied = await startTestApp({
    instanceOf: t,
    env: { OPERATOR_API_KEY: OPERATOR_KEY, TRUST_PROXY: "true" },
  });
  try {
    const https = { "x-forwarded-proto": "https" };
    await warm(proxied, reader);
    const before = await early(proxied);
    const fromMemory = await proxied.call("GET", path, { token: reader, headers: https });
    const full = await proxied.call("GET", path, {
      token: reader,
      headers: { ...https, "cache-control": "no-cache" },
    });
    assert.equal(await early(proxied), before + 1);
    assert.ok(fromMemory.headers.get("strict-transport-security")?.startsWith("max-age="));
    assert.deepEqual(await comparable(fromMemory), await comparable(full));
    const plain = await proxied.call("GET", path, { token: reader });
    assert.equal(plain.headers.get("strict-transport-security"), null);
    await plain.body?.cancel();
  } finally {
    await proxied.close();
  }
});

test("with Redis the early answer waits for the shared version and counters", async () => {
  const shared = await startTestApp({
    instanceOf: t,
    env: { OPERATOR_API_KEY: OPERATOR_KEY },
    cache: createRedisCache(await testRedisUrl()),
  });
  try {
    await warm(shared, reader);
    const before = await early(shared);
    const fromMemory = await shared.call("GET", path, { token: reader });
    const full = await shared.call("GET", path, {
      token: reader,
      headers: { "cache-control": "no-cache" },
    });
    assert.equal(await early(shared), before + 1);
    assert.deepEqual(await comparable(fromMemory), await comparable(full));
    // A write through another instance sharing the cache makes the next read fresh here.
    const renamed = await t.call("PATCH", path, {
      token: await t.token("modeler"),
      body: { title: "Renamed elsewhere" },
      headers: { "if-match": "*" },
    });
    assert.equal(renamed.status, 200);
    await renamed.body?.cancel();
    // `t` keeps its versions in its own memory: announce the change in the shared cache too.
    const [tenant] = await t.database.db.select().from(tenants)
      .where(eq(tenants.entraTenantId, DEMO_TENANTS[0].entraTenantId));
    await shared.changed(tenant.id);
    const fresh = await shared.call("GET", path, { token: reader });
    assert.equal((await fresh.json()).title, "Renamed elsewhere");
    assert.equal(await early(shared), before + 1);
  } finally {
    await shared.close();
    await shared.cache.close();
  }
});
