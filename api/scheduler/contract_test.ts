// Background work in the plugin contract: task names and outbox kinds are checked at start-up.
import assert from "node:assert/strict";
import { orderPlugins, PluginError, type ProcedoPlugin } from "../plugin.ts";

const task = (name: string, every: number | string = 5) => ({
  name,
  every,
  perTenant: false as const,
  run: () => Promise.resolve(),
});

Deno.test("a task is named after its plugin, once, with a valid schedule", () => {
  const bad = (p: ProcedoPlugin, pattern: RegExp) =>
    assert.throws(
      () => orderPlugins([p]),
      (e) => e instanceof PluginError && pattern.test(e.message),
    );
  bad({ name: "a", schedules: [task("b.x")] }, /task "b.x": names start with "a."/);
  bad({ name: "a", schedules: [task("a.x"), task("a.x")] }, /declares task "a.x" twice/);
  bad({ name: "a", schedules: [task("a.x", "61 * * * *")] }, /task "a.x": .*minute "61"/);
  assert.doesNotThrow(() => orderPlugins([{ name: "a", schedules: [task("a.x", "0 7 * * 1-5")] }]));
});

Deno.test("an outbox kind has one handler, and mail is the core's", () => {
  const handler = { deliver: () => Promise.resolve() };
  assert.throws(
    () => orderPlugins([{ name: "a", outboxHandlers: { mail: handler } }]),
    /handles outbox kind "mail", which the core handles/,
  );
  assert.throws(
    () =>
      orderPlugins([
        { name: "a", outboxHandlers: { webhook: handler } },
        { name: "b", outboxHandlers: { webhook: handler } },
      ]),
    /plugin "a" handles/,
  );
  assert.throws(() => orderPlugins([{ name: "core" }]), /reserved/);
});
