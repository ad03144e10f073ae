import assert from "node:assert/strict";
import { batchedSink, createLogger, type Level } from "./log.ts";
import type { AppEnv } from "./env.ts";

Deno.test("log lines: one JSON object each, fields after time/level/msg, undefined left out", () => {
  const lines: [string, Level][] = [];
  const logger = createLogger("info", (line, level) => lines.push([line, level]));
  logger.debug("not at info");
  logger.info("plain");
  logger.info("with fields", { a: 1, b: undefined, quote: 'say "hi"\n', nested: { x: [1] } });
  logger.warn("empty fields", {});
  logger.error("only undefined", { gone: undefined });
  assert.equal(lines.length, 4);
  const parsed = lines.map(([l]) => JSON.parse(l));
  assert.deepEqual(Object.keys(parsed[1]), ["time", "level", "msg", "a", "quote", "nested"]);
  assert.equal(parsed[1].quote, 'say "hi"\n');
  assert.deepEqual(parsed[1].nested, { x: [1] });
  assert.deepEqual(parsed.map((p) => [p.level, p.msg]), [
    ["info", "plain"],
    ["info", "with fields"],
    ["warn", "empty fields"],
    ["error", "only undefined"],
  ]);
  assert.deepEqual(Object.keys(parsed[3]), ["time", "level", "msg"]);
  assert.ok(!Number.isNaN(Date.parse(parsed[0].time)));
  assert.deepEqual(lines.map(([, level]) => level), ["info", "info", "warn", "error"]);
});

Deno.test("batched sink: info lines wait for the batch, a warning flushes them first", () => {
  const out: [string, Level][] = [];
  const decoder = new TextDecoder();
  const { sink, flush } = batchedSink(10_000, (bytes, level) => {
    out.push([decoder.decode(bytes), level]);
  });
  sink("one", "info");
  sink("two – ü 🚀", "info");
  assert.equal(out.length, 0);
  sink("careful", "warn");
  assert.deepEqual(out, [["one\ntwo – ü 🚀\n", "info"], ["careful\n", "warn"]]);
  // A batch is written when the next line might not fit in its 64 KiB; lines stay whole and
  // in order.
  const lines = Array.from({ length: 1000 }, (_, i) => `n${i} ${"x".repeat(100)}`);
  for (const line of lines) sink(line, "info");
  assert.ok(out.length >= 3, "a full batch is written at once");
  for (const [text] of out.slice(2)) assert.ok(new TextEncoder().encode(text).length <= 65536);
  // A line larger than a batch goes alone, after what is pending.
  const huge = "h".repeat(70_000);
  sink(huge, "info");
  sink("last", "info");
  flush();
  const written = out.slice(2).map(([text]) => text).join("");
  assert.equal(written, [...lines, huge, "last"].join("\n") + "\n");
  assert.ok(out.some(([text]) => text === huge + "\n"));
});

Deno.test("members: fields already serialized make the same line as an object would", () => {
  const lines: string[] = [];
  const logger = createLogger("info", (line) => lines.push(line));
  const fields = { method: "GET", route: "/api/v1/tags", path: '/a"b', status: 200, n: 1.5 };
  logger.info("request", fields);
  logger.members!("info", "request", JSON.stringify(fields).slice(1, -1));
  logger.members!("debug", "not at info", "");
  logger.members!("warn", "bare", "");
  const [a, b, c] = lines.map((l) => JSON.parse(l));
  assert.equal(lines.length, 3);
  assert.deepEqual({ ...b, time: a.time }, a);
  assert.deepEqual(Object.keys(c), ["time", "level", "msg"]);
});

Deno.test("access log: one JSON line per request with route, status, ids; 5xx at error", async () => {
  const { Hono } = await import("hono");
  const { observe } = await import("./middleware/observe.ts");
  const { createCoreMetrics } = await import("./metrics/mod.ts");
  const lines: [string, Level][] = [];
  const logger = createLogger("info", (line, level) => lines.push([line, level]));
  const app = new Hono<AppEnv>();
  app.use("*", observe({ logger, metrics: createCoreMetrics(), securityHeaders: () => {} }));
  app.get("/items/:id", (c) => {
    c.set("principal", {
      kind: "user",
      tenantId: "t-1",
      userId: "u-1",
      role: "reader",
      displayName: "x",
    });
    return c.json({ id: c.req.param("id") });
  });
  app.get("/boom", () => {
    throw new Error("no");
  });
  await (await app.request('/items/a"b', { headers: { "x-request-id": "req-12345678" } })).text();
  await (await app.request("/boom")).text();
  await (await app.request("/nowhere")).text();
  const [ok, boom, none] = lines.map(([l]) => JSON.parse(l));
  assert.deepEqual(
    { ...ok, time: undefined, durationMs: undefined },
    {
      time: undefined,
      level: "info",
      msg: "request",
      method: "GET",
      route: "/items/:id",
      path: '/items/a"b',
      status: 200,
      durationMs: undefined,
      requestId: "req-12345678",
      tenantId: "t-1",
    },
  );
  assert.equal(typeof ok.durationMs, "number");
  assert.equal(boom.status, 500);
  assert.equal(lines[1][1], "error");
  assert.equal(none.status, 404);
  assert.equal(none.tenantId, undefined);
  assert.match(none.requestId, /^[0-9a-f-]{36}$/);
});
