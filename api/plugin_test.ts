// The plugin host: order by dependsOn, and start-up errors that name the plugins.
import assert from "node:assert/strict";
import { z } from "@hono/zod-openapi";
import { createApp } from "./app.ts";
import { createMemoryCache } from "./cache/memory.ts";
import { loadConfig } from "./config.ts";
import { openDatabase } from "./db/client.ts";
import { orderPlugins, PluginError, type ProcedoPlugin } from "./plugin.ts";
import { tagsPlugin } from "../plugins/tags/mod.ts";
import { tags } from "../plugins/tags/schema.ts";

const p = (name: string, dependsOn?: string[]): ProcedoPlugin => ({ name, dependsOn });

Deno.test("plugins start after the plugins they depend on", () => {
  const order = orderPlugins([
    p("exports", ["processes", "orgchart"]),
    p("processes", ["orgchart"]),
    p("orgchart"),
  ])
    .map((x) => x.name);
  assert.deepEqual(order, ["orgchart", "processes", "exports"]);
});

Deno.test("a missing dependency stops start-up naming both plugins", () => {
  assert.throws(
    () => orderPlugins([p("exports", ["processes"])]),
    (e: Error) =>
      e instanceof PluginError &&
      /"exports" depends on "processes", which is not installed/.test(e.message),
  );
});

Deno.test("a dependency cycle stops start-up naming the cycle", () => {
  assert.throws(
    () => orderPlugins([p("a", ["b"]), p("b", ["c"]), p("c", ["a"])]),
    (e: Error) => e instanceof PluginError && e.message.includes("a → b → c → a"),
  );
});

Deno.test("a duplicate, invalid or reserved name stops start-up", () => {
  assert.throws(() => orderPlugins([p("tags"), p("tags")]), /Two plugins are named "tags"/);
  assert.throws(() => orderPlugins([p("Bad Name")]), /"Bad Name" is invalid/);
  assert.throws(() => orderPlugins([p("dev")]), /reserved/);
  assert.throws(() => orderPlugins([p("settings")]), /reserved/);
});

Deno.test("settings need a camelCase key and a default their schema accepts", () => {
  const setting = { schema: z.boolean(), default: true, description: "On or off" };
  assert.equal(orderPlugins([{ name: "x", settings: { autoSave: setting } }]).length, 1);
  assert.throws(
    () => orderPlugins([{ name: "x", settings: { "auto.save": setting } }]),
    /declares setting "auto.save": use a camelCase name/,
  );
  assert.throws(
    () => orderPlugins([{ name: "x", settings: { autoSave: { ...setting, default: "yes" } } }]),
    /default of setting "x.autoSave" fails its own schema/,
  );
});

Deno.test("two plugins declaring one table stop start-up", () => {
  assert.throws(
    () => orderPlugins([tagsPlugin, { name: "labels", tables: { tags } }]),
    /"tags" and "labels" both declare table "tags"/,
  );
});

Deno.test("permissions must be namespaced and name a known role", () => {
  assert.throws(
    () => orderPlugins([{ name: "x", permissions: { "y.read": "reader" } }]),
    /actions start with "x\."/,
  );
  assert.throws(
    () => orderPlugins([{ name: "x", permissions: { "x.read": "admin" as never } }]),
    /unknown role "admin"/,
  );
});

Deno.test("a route without a declared permission stops start-up", async () => {
  const database = openDatabase({ url: "mysql://nobody@127.0.0.1:1/none", driver: "mysql2" });
  try {
    await assert.rejects(
      createApp({
        config: loadConfig({ LOG_LEVEL: "silent" }),
        db: database.db,
        cache: createMemoryCache(),
        plugins: [{
          name: "sloppy",
          permissions: { "sloppy.read": "reader" },
          routes: (app) => {
            app.openapi(
              { method: "get", path: "/", responses: { 200: { description: "ok" } } } as never,
              ((c: { json: (v: unknown) => Response }) => c.json({})) as never,
            );
          },
        }],
      }),
      /Plugin "sloppy": route GET \/ must name one of its declared permissions/,
    );
  } finally {
    await database.close();
  }
});

Deno.test("plugin routes are mounted at /api/v1/<name> and documented with their tag", async () => {
  const database = openDatabase({ url: "mysql://nobody@127.0.0.1:1/none", driver: "mysql2" });
  try {
    const app = await createApp({
      config: loadConfig({ LOG_LEVEL: "silent" }),
      db: database.db,
      cache: createMemoryCache(),
      plugins: [tagsPlugin],
    });
    const doc = await (await app.request("/api/openapi.json")).json();
    assert.ok(doc.paths["/api/v1/tags"].get);
    assert.deepEqual(doc.paths["/api/v1/tags/{id}"].patch.tags, ["tags"]);
    assert.equal(doc.paths["/api/v1/tags/{id}"].patch["x-permission"], "tags.write");
  } finally {
    await database.close();
  }
});

Deno.test("personal data must name declared tables and columns", () => {
  assert.throws(
    () => orderPlugins([{ name: "x", tables: { tags }, personalData: { people: ["email"] } }]),
    /unknown table "people"/,
  );
  assert.throws(
    () => orderPlugins([{ name: "x", tables: { tags }, personalData: { tags: ["email"] } }]),
    /unknown column "tags.email"/,
  );
  assert.equal(
    orderPlugins([{ name: "x", tables: { tags }, personalData: { tags: ["created_by"] } }]).length,
    1,
  );
});

Deno.test("tables kept out of exports must be the plugin's own", () => {
  assert.throws(
    () => orderPlugins([{ name: "x", tables: { tags }, notExported: ["keys"] }]),
    /keeps unknown table "keys" out of exports/,
  );
  assert.equal(orderPlugins([{ name: "x", tables: { tags }, notExported: ["tags"] }]).length, 1);
});

Deno.test("list exports need unique names and sources that name real columns", () => {
  const list = (name: string, source?: string) => ({
    kind: "list" as const,
    name,
    title: { en: "Tags", de: "Tags" },
    columns: [{ key: "name", header: { en: "Name", de: "Name" }, type: "text" as const, source }],
    rows: async function* () {},
  });
  assert.throws(
    () => orderPlugins([{ name: "x", tables: { tags }, exporters: [list("tags", "tags.colour")] }]),
    /list "tags" column "name" names unknown source "tags.colour"/,
  );
  assert.throws(
    () =>
      orderPlugins([{ name: "x", exporters: [list("tags")] }, {
        name: "y",
        exporters: [list("tags")],
      }]),
    /"x" and "y" both offer the list "tags"/,
  );
  assert.throws(() => orderPlugins([{ name: "x", exporters: [list("Tags!")] }]), /export named/);
  assert.equal(
    orderPlugins([{ name: "x", tables: { tags }, exporters: [list("tags", "tags.name")] }]).length,
    1,
  );
});
