// One contract, three adapters: memory, Redis (ioredis -> redis-server) and Upstash
// (@upstash/redis -> REST fixture -> the same redis-server). An adapter passes only if it
// behaves like the others, so callers never need to know which one they have.
import assert from "node:assert/strict";
import { Redis as UpstashClient } from "@upstash/redis";
import { startUpstashServer } from "../../tests/fixtures/upstash_server.ts";
import { testRedisUrl } from "../../tests/support/redis.ts";
import { type Cache, createCache, createRedisCache, createUpstashCache } from "./mod.ts";

const redisUrl = await testRedisUrl();
const token = crypto.randomUUID();
const upstash = await startUpstashServer({ redisUrl, token });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Pooled sockets outlive single tests by design; clients are closed in the last steps.
function test(name: string, fn: () => Promise<void>) {
  Deno.test({ name, sanitizeOps: false, sanitizeResources: false, fn });
}

function contract(name: string, makeCache: () => Cache) {
  const cache = makeCache();
  // Runs may share one Redis (REDIS_URL), so every key of this run lives under its own prefix.
  const p = `test:${crypto.randomUUID()}:`;
  const t = (title: string, fn: (c: Cache) => Promise<void>) =>
    test(`${name}: ${title}`, () => fn(cache));

  t("kind matches the adapter", async (c) => {
    assert.equal(c.kind, name);
    await c.ping();
  });

  t("get of a missing key is null", async (c) => {
    assert.equal(await c.get(`${p}missing`), null);
  });

  t("strings round-trip exactly", async (c) => {
    const values = ["Grüße 😀", "123", '{"a":1}', "", "OK", "null", "T0s=", " padded "];
    for (const [i, v] of values.entries()) {
      assert.equal(await c.set(`${p}s${i}`, v), true);
      assert.equal(await c.get(`${p}s${i}`), v, `value ${JSON.stringify(v)}`);
    }
  });

  t("set replaces the value and clears a previous TTL", async (c) => {
    await c.set(`${p}r`, "a", { ttlSeconds: 100 });
    await c.set(`${p}r`, "b");
    assert.equal(await c.get(`${p}r`), "b");
    assert.equal(await c.ttl(`${p}r`), null);
  });

  t("set with ttlSeconds reports that TTL", async (c) => {
    await c.set(`${p}ttl`, "v", { ttlSeconds: 100 });
    const ttl = await c.ttl(`${p}ttl`);
    assert.ok(ttl !== null && ttl >= 99 && ttl <= 100, `ttl was ${ttl}`);
    assert.equal(await c.ttl(`${p}missing`), null);
  });

  t("ttlSeconds must be a positive whole number", async (c) => {
    await assert.rejects(() => c.set(`${p}bad`, "v", { ttlSeconds: 0 }));
    await assert.rejects(() => c.incr(`${p}bad`, 1.5));
    assert.equal(await c.get(`${p}bad`), null);
  });

  t("keys expire", async (c) => {
    await c.set(`${p}exp`, "v", { ttlSeconds: 1 });
    await c.incr(`${p}exp-n`, 1);
    await c.set(`${p}exp-later`, "v");
    assert.equal(await c.expire(`${p}exp-later`, 1), true);
    await sleep(1100);
    assert.equal(await c.get(`${p}exp`), null);
    assert.equal(await c.get(`${p}exp-n`), null);
    assert.equal(await c.get(`${p}exp-later`), null);
    assert.equal(await c.incr(`${p}exp-n`), 1, "an expired counter starts again");
  });

  t("onlyIfAbsent does not overwrite", async (c) => {
    assert.equal(await c.set(`${p}nx`, "first", { onlyIfAbsent: true, ttlSeconds: 100 }), true);
    assert.equal(await c.set(`${p}nx`, "second", { onlyIfAbsent: true }), false);
    assert.equal(await c.get(`${p}nx`), "first");
  });

  t("incr starts at 1 and sets the TTL only on creation", async (c) => {
    assert.equal(await c.incr(`${p}n`, 100), 1);
    const first = await c.ttl(`${p}n`);
    assert.ok(first !== null && first >= 99 && first <= 100, `ttl was ${first}`);
    assert.equal(await c.expire(`${p}n`, 1000), true);
    assert.equal(await c.incr(`${p}n`, 100), 2);
    const later = await c.ttl(`${p}n`);
    assert.ok(later !== null && later > 990, `ttl was reset to ${later}`);
    assert.equal(await c.get(`${p}n`), "2");
    assert.equal(await c.incr(`${p}plain`), 1);
    assert.equal(await c.ttl(`${p}plain`), null);
  });

  t("incr of a non-integer value fails", async (c) => {
    await c.set(`${p}text`, "abc");
    await assert.rejects(() => c.incr(`${p}text`));
    assert.equal(await c.get(`${p}text`), "abc");
  });

  t("50 concurrent incr end at exactly 50", async (c) => {
    const results = await Promise.all(Array.from({ length: 50 }, () => c.incr(`${p}par`, 100)));
    assert.deepEqual(results.sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => i + 1));
    assert.equal(await c.get(`${p}par`), "50");
  });

  t("expire on a missing key is false", async (c) => {
    assert.equal(await c.expire(`${p}missing`, 10), false);
  });

  t("delete reports whether the key existed", async (c) => {
    await c.set(`${p}del`, "v");
    assert.equal(await c.delete(`${p}del`), true);
    assert.equal(await c.delete(`${p}del`), false);
    assert.equal(await c.get(`${p}del`), null);
  });

  t("deleteByPrefix removes exactly the prefixed keys, glob characters included", async (c) => {
    const gone = [`${p}t*a:1`, `${p}t*a:2`, `${p}t*a:`, `${p}q?[x]\\:1`];
    // Each of these would match if the prefix were used as a glob pattern unescaped.
    const kept = [`${p}tXa:1`, `${p}t*b:1`, `${p}t*`, `${p}qZx\\:1`, `${p}q?x:1`, `${p}other`];
    for (const k of [...gone, ...kept]) await c.set(k, "v");
    assert.equal(await c.deleteByPrefix(`${p}t*a:`), 3);
    assert.equal(await c.deleteByPrefix(`${p}q?[x]\\`), 1);
    for (const k of gone) assert.equal(await c.get(k), null, `${k} should be gone`);
    for (const k of kept) assert.equal(await c.get(k), "v", `${k} should be kept`);
    assert.equal(await c.deleteByPrefix(`${p}nothing-here:`), 0);
  });

  t("deleteByPrefix walks more than one SCAN page", async (c) => {
    const keys = Array.from({ length: 1200 }, (_, i) => `${p}many:${i}`);
    await Promise.all(keys.map((k) => c.set(k, "v")));
    assert.equal(await c.deleteByPrefix(`${p}many:`), keys.length);
    assert.equal(await c.get(keys[0]), null);
  });

  t("cleanup", async (c) => {
    await c.deleteByPrefix(p);
    await c.close();
  });
}

contract("memory", () => createCache({ kind: "memory" }));
contract("redis", () => createCache({ kind: "redis", url: redisUrl }));
contract("upstash", () => createCache({ kind: "upstash", url: upstash.url, token }));

test("redis: ping rejects quickly when Redis is unreachable", async () => {
  const cache = createRedisCache("redis://127.0.0.1:1");
  const started = Date.now();
  await assert.rejects(() => cache.ping());
  assert.ok(Date.now() - started < 4000, `took ${Date.now() - started} ms`);
  await cache.close();
});

test("upstash: a wrong token is refused", async () => {
  const cache = createUpstashCache(upstash.url, "wrong-token");
  await assert.rejects(() => cache.get("any"), /Unauthorized/);
});

// The adapter never sends /multi-exec, so check the fixture's transaction endpoint directly.
test("upstash fixture: multi-exec runs all commands and reports errors per command", async () => {
  const client = new UpstashClient({ url: upstash.url, token, automaticDeserialization: false });
  const k = `test:${crypto.randomUUID()}`;
  const results = await client.multi().set(k, "x").incr(k).get(k).del(k).exec({ keepErrors: true });
  assert.deepEqual(results.map((r) => r.result), ["OK", undefined, "x", 1]);
  assert.match(String(results[1].error), /not an integer/);
});

test("upstash fixture: close", () => upstash.close());
