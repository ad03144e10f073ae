// With the shared cache down, operations are served from memory at once (one warning), and
// the shared cache is used again once it answers — against a real redis-server stopped and
// started on the same port.
import assert from "node:assert/strict";
import { startRedisServer } from "../local/redis_server.ts";
import { createLogger } from "../log.ts";
import { test } from "../../tests/support/app.ts";
import { withMemoryFallback } from "./fallback.ts";
import { createRedisCache } from "./redis.ts";

test("a stopped Redis is bridged by memory and taken back when it answers again", async () => {
  const dir = await Deno.makeTempDir({ prefix: "procedo-fallback-" });
  let server = await startRedisServer({ dir });
  const port = Number(new URL(server.url).port);
  const lines: string[] = [];
  const shared = createRedisCache(server.url);
  const cache = withMemoryFallback(shared, {
    logger: createLogger("info", (line) => lines.push(line)),
    retryAfterMs: 300,
  });
  try {
    assert.equal(await cache.incr("t:rl", 60), 1);
    assert.equal(await cache.incr("t:rl", 60), 2, "counted in Redis");
    await server.stop();

    const started = Date.now();
    assert.equal(await cache.incr("t:rl", 60), 1, "counted in memory now");
    assert.equal(await cache.incr("t:rl", 60), 2);
    assert.equal(await cache.set("t:k", "v"), true);
    assert.equal(await cache.get("t:k"), "v");
    assert.ok(Date.now() - started < 5000, "no operation waited for the dead server");
    const warnings = lines.filter((l) => l.includes('"level":"warn"'));
    assert.equal(warnings.length, 1, "one warning per outage");
    await assert.rejects(cache.ping(), "readiness still sees the outage");

    server = await startRedisServer({ dir, port });
    let back = false;
    for (let i = 0; i < 50 && !back; i++) {
      await new Promise((r) => setTimeout(r, 100));
      back = (await cache.incr("t:fresh", 60)) === 1 && (await cache.get("t:k")) === null;
    }
    assert.ok(back, "Redis (empty after its restart) is used again");
    assert.ok(lines.some((l) => l.includes("answers again")));
  } finally {
    await cache.close();
    await server.stop();
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
});
