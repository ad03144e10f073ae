// drawing_core/ is shared by the server's exports and the app's org chart page
// (ui/app/pages/orgchart/org_chart_view.ts), so it must run in the browser and on Deno: its
// modules import only each other, and nothing names Deno, the DOM, npm packages, zod or
// hono. A stray import would pull the server into the browser bundle (or fail there).
import assert from "node:assert/strict";

const HOME = new URL("./", import.meta.url);
const RUNTIME_GLOBALS = /\b(Deno|document|window|localStorage|process|Buffer)\.[A-Za-z_]/;

const importsOf = (source: string) =>
  [...source.matchAll(/^\s*(?:import|export)\s+(?:type\s+)?[^;]*?from\s+"([^"]+)"/gms)]
    .map((m) => m[1]);
/** `import "x"` and `import("x")`, which the pattern above does not see. */
const otherImports = (source: string) =>
  [...source.matchAll(/^\s*import\s*"([^"]+)"|\bimport\s*\(/gm)].map((m) => m[0].trim());

Deno.test("the drawing core imports only itself and uses no runtime", async () => {
  const files: string[] = [];
  for await (const e of Deno.readDir(HOME)) {
    if (e.isFile && e.name.endsWith(".ts") && !e.name.endsWith("_test.ts")) files.push(e.name);
  }
  assert.deepEqual(
    files.sort(),
    ["orgchart_drawing.ts", "orgchart_layout.ts", "primitives.ts"],
  );
  for (const file of files) {
    const source = await Deno.readTextFile(new URL(file, HOME));
    assert.doesNotMatch(source, RUNTIME_GLOBALS, `${file} uses a runtime global`);
    assert.deepEqual(otherImports(source), [], `${file} has a side-effect or dynamic import`);
    for (const specifier of importsOf(source)) {
      assert.match(specifier, /^\.\/[\w-]+\.ts$/, `${file} imports ${specifier}`);
    }
  }
});

Deno.test("the app's org chart page imports the drawing core, not the server's exports", async () => {
  const page = new URL("../../../ui/app/pages/orgchart/org_chart_view.ts", HOME);
  const specifiers = importsOf(await Deno.readTextFile(page));
  const core = specifiers.filter((s) => s.includes("/plugins/"));
  assert.ok(core.length > 0, "the page draws with the shared layout");
  for (const s of core) assert.match(s, /\/plugins\/exports\/drawing_core\/[\w-]+\.ts$/, s);
});
