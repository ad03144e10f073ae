// ui/editor must run in the browser and under `deno test` without a DOM: its modules import
// only each other, types from the API client, and auto-layout's constants (a module with
// type-only imports). A stray import of Lit, the DOM or server code fails here.
import assert from "node:assert/strict";

const ROOT = new URL("./", import.meta.url);
const ALLOWED_OUTSIDE = ["../lib/api/client.ts", "../../plugins/processes/layout.ts"];

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

Deno.test("editor modules import nothing but each other, API types and layout constants", async () => {
  const files = await modules(ROOT);
  assert.ok(files.includes("mod.ts") && files.includes("commands/nodes.ts"));
  for (const file of files) {
    const source = await Deno.readTextFile(new URL(file, ROOT));
    assert.doesNotMatch(
      source,
      /\b(Deno|document|window|localStorage)\.[A-Za-z_]/,
      `${file} uses Deno or the DOM`,
    );
    for (const { typeOnly, specifier } of importsOf(source)) {
      const resolved = new URL(specifier, new URL(file, ROOT)).href;
      const inside = specifier.startsWith(".") && resolved.startsWith(ROOT.href) &&
        !resolved.includes("/testing/");
      const allowed = ALLOWED_OUTSIDE.some((a) => resolved === new URL(a, ROOT).href);
      assert.ok(inside || allowed, `${file} imports ${specifier}`);
      if (resolved.endsWith("/lib/api/client.ts")) assert.ok(typeOnly, `${file}: types only`);
    }
  }
});

Deno.test("auto-layout, which the editor imports, has only type imports", async () => {
  const source = await Deno.readTextFile(new URL("../../plugins/processes/layout.ts", ROOT));
  const imports = importsOf(source);
  assert.ok(imports.length > 0);
  for (const i of imports) assert.ok(i.typeOnly, `layout.ts imports ${i.specifier} at runtime`);
});
