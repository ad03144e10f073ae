// Readiness names the failing dependency; liveness does not depend on any.
import assert from "node:assert/strict";
import { createApp } from "./app.ts";
import { createMemoryCache } from "./cache/memory.ts";
import { createRedisCache } from "./cache/redis.ts";
import { loadConfig } from "./config.ts";
import { openDatabase } from "./db/client.ts";
import { startTestApp, test } from "../tests/support/app.ts";
import { testRedisUrl } from "../tests/support/redis.ts";

const config = loadConfig({ LOG_LEVEL: "silent" });

test("ready answers 200 when the database and the cache answer", async () => {
  const t = await startTestApp({ cache: createRedisCache(await testRedisUrl()) });
  try {
    const res = await t.call("GET", "/health/ready");
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.status, "pass");
    assert.equal(body.checks.database.status, "pass");
    assert.equal(body.checks.cache.status, "pass");
  } finally {
    await t.close();
    await t.cache.close();
  }
});

test("ready answers 503 naming the database when it is down; live stays 200", async () => {
  const down = openDatabase({ url: "mysql://nobody@127.0.0.1:1/none", driver: "mysql2" });
  const app = await createApp({
    config,
    db: down.db,
    cache: createMemoryCache(),
    plugins: [],
    pingDb: down.ping,
  });
  try {
    const res = await app.request("/health/ready");
    assert.equal(res.status, 503);
    const body = await res.json();
    assert.equal(body.status, "fail");
    assert.equal(body.checks.database.status, "fail");
    assert.ok(body.checks.database.error);
    assert.equal(body.checks.cache.status, "pass");
    assert.equal((await app.request("/health/live")).status, 200);
  } finally {
    await down.close();
  }
});

test("with Redis down, ready stays 200 and names the cache as warn (memory serves meanwhile)", async () => {
  const t = await startTestApp();
  const cache = createRedisCache("redis://127.0.0.1:1");
  const app = await createApp({
    config,
    db: t.database.db,
    cache,
    plugins: [],
    pingDb: t.database.ping,
  });
  try {
    const res = await app.request("/health/ready");
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.checks.cache.status, "warn");
    assert.ok(body.checks.cache.error, "the check says why");
    assert.equal(body.checks.database.status, "pass");
  } finally {
    await cache.close();
    await t.close();
  }
});
