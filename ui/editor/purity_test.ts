// ui/editor must run in the browser and under `deno test` without a DOM: its modules import
// only each other, types from the API client, auto-layout's constants and the shared graph
// core (plugins/processes/graph_core/: constants and the diff, which graph_schema.ts and the
// server's routes use too). Those two have type-only imports from outside themselves, so no
// zod, hono or Deno reaches the bundle. A stray import of Lit, the DOM or server code fails
// here.
import assert from "node:assert/strict";

const ROOT = new URL("./", import.meta.url);
const LAYOUT = new URL("../../plugins/processes/layout.ts", ROOT);
const GRAPH_CORE = new URL("../../plugins/processes/graph_core/", ROOT);
const ALLOWED_OUTSIDE = [new URL("../lib/api/client.ts", ROOT), LAYOUT];

async function modules(dir: URL, prefix = ""): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isDirectory && entry.name !== "testing") {
      found.push(...await modules(new URL(`${entry.name}/`, dir), `${prefix}${entry.name}/`));
    } else if (entry.isFile && entry.name.endsWith(".ts") && !entry.name.endsWith("_test.ts")) {
      found.push(`${prefix}${entry.name}`);
    }
  }
  return found.sort();
}

const importsOf = (source: string) =>
  [...source.matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?from\s+"([^"]+)"/gms)].map((m) => ({
    typeOnly: Boolean(m[2]),
    specifier: m[3],
  }));

/** Imports the pattern above does not see: `import "x"` and `import("x")`. */
const otherImports = (source: string) =>
  [...source.matchAll(/^\s*import\s*"([^"]+)"|\bimport\s*\(/gm)].map((m) => m[0].trim());

const RUNTIME_GLOBALS = /\b(Deno|document|window|localStorage)\.[A-Za-z_]/;

Deno.test("editor modules import nothing but each other, API types, layout and the graph core", async () => {
  const files = await modules(ROOT);
  assert.ok(files.includes("mod.ts") && files.includes("commands/nodes.ts"));
  for (const file of files) {
    const source = await Deno.readTextFile(new URL(file, ROOT));
    assert.doesNotMatch(source, RUNTIME_GLOBALS, `${file} uses Deno or the DOM`);
    for (const { typeOnly, specifier } of importsOf(source)) {
      const resolved = new URL(specifier, new URL(file, ROOT)).href;
      const inside = specifier.startsWith(".") && resolved.startsWith(ROOT.href) &&
        !resolved.includes("/testing/");
      const core = specifier.startsWith(".") && resolved.startsWith(GRAPH_CORE.href) &&
        !resolved.endsWith("_test.ts");
      const allowed = ALLOWED_OUTSIDE.some((a) => resolved === a.href);
      assert.ok(inside || core || allowed, `${file} imports ${specifier}`);
      if (resolved.endsWith("/lib/api/client.ts")) assert.ok(typeOnly, `${file}: types only`);
    }
  }
});

/** Fails unless `source` (at `url`) imports from outside `home` only types, and no runtime. */
function assertPure(url: URL, source: string, home: URL) {
  const name = url.pathname.split("/plugins/")[1];
  assert.doesNotMatch(source, RUNTIME_GLOBALS, `${name} uses Deno or the DOM`);
  assert.deepEqual(otherImports(source), [], `${name} has a side-effect or dynamic import`);
  for (const { typeOnly, specifier } of importsOf(source)) {
    assert.doesNotMatch(specifier, /^(npm:|jsr:|node:|https?:)|zod|hono/, `${name}: ${specifier}`);
    assert.ok(specifier.startsWith("."), `${name} imports the bare specifier ${specifier}`);
    const inside = new URL(specifier, url).href.startsWith(home.href);
    assert.ok(inside || typeOnly, `${name} imports ${specifier} at runtime`);
  }
}

Deno.test("auto-layout, which the editor imports, has only type imports", async () => {
  const source = await Deno.readTextFile(LAYOUT);
  assert.ok(importsOf(source).length > 0);
  assertPure(LAYOUT, source, new URL("layout.ts", LAYOUT));
});

Deno.test("the graph core imports from outside itself only types, and no zod, hono or Deno", async () => {
  const files = (await modules(GRAPH_CORE)).map((f) => new URL(f, GRAPH_CORE));
  const names = files.map((f) => f.pathname.split("/").pop());
  assert.ok(names.includes("constants.ts") && names.includes("diff.ts"), names.join(", "));
  for (const file of files) assertPure(file, await Deno.readTextFile(file), GRAPH_CORE);
});
