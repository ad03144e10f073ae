import assert from "node:assert/strict";
import { batchedSink, createLogger, type Level } from "./log.ts";

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
  const { sink, flush } = batchedSink(10_000, (text, level) => out.push([text, level]));
  sink("one", "info");
  sink("two", "info");
  assert.equal(out.length, 0);
  sink("careful", "warn");
  assert.deepEqual(out, [["one\ntwo", "info"], ["careful", "warn"]]);
  for (let i = 0; i < 256; i++) sink(`n${i}`, "info");
  assert.equal(out.length, 3, "a full batch is written at once");
  assert.equal(out[2][0].split("\n").length, 256);
  sink("last", "info");
  flush();
  assert.deepEqual(out[3], ["last", "info"]);
});
