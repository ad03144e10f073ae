// The server entries (Deno and Workers) never load browser code: a module that defines a
// custom element (`class … extends HTMLElement`, lit) throws at import in workerd and in
// Deno, where HTMLElement does not exist. Shared drawing code reaches the server only through
// the pure modules (geometry, shape_geometry, text_wrap, scene). The graph is Deno's own.
import assert from "node:assert/strict";
import { moduleGraph } from "../tests/support/module_graph.ts";

const graphOf = async (entry: string) => (await moduleGraph(entry)).map((m) => m.specifier);

const BROWSER_ONLY = [
  /\/ui\/components\/(?!diagram\/(geometry|shape_geometry|text_wrap|scene)\.ts)/,
  /^npm:\/?(lit|lit-html|lit-element|@lit\/)/,
  /^npm:\/?@fluentui\//,
];

for (const entry of ["api/main.ts", "api/worker.ts"]) {
  Deno.test(`${entry} loads no browser-only module (custom elements, lit, Fluent)`, async () => {
    const modules = await graphOf(entry);
    assert.ok(modules.length > 50, "the graph is read");
    const offending = modules.filter((m) => BROWSER_ONLY.some((re) => re.test(m)));
    assert.deepEqual(offending, [], "browser-only modules in the server's graph");
  });
}
