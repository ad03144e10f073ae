// Schema names are components of the OpenAPI document: two schemas registered under one name
// silently become one (the second's routes then describe the first's shape, and the
// generated client types lie). Every name is registered once across the core and plugins.
import assert from "node:assert/strict";

const NAMED = /\.openapi\(\s*"([A-Za-z0-9_]+)"|pageOf\([^)]*?,\s*"([A-Za-z0-9_]+)"\s*\)/g;

Deno.test("every OpenAPI schema name is registered once", async () => {
  const seen = new Map<string, string>();
  const twice: string[] = [];
  for (const dir of ["api", "plugins"]) {
    for await (const file of walk(new URL(`../${dir}/`, import.meta.url))) {
      const source = await Deno.readTextFile(file);
      for (const m of source.matchAll(NAMED)) {
        const name = m[1] ?? m[2];
        const where = file.pathname.split("/").slice(-3).join("/");
        if (seen.has(name)) twice.push(`${name}: ${seen.get(name)} and ${where}`);
        else seen.set(name, where);
      }
    }
  }
  assert.ok(seen.has("Problem") && seen.has("Tag"), "the scan finds the core's schemas");
  assert.deepEqual(twice, []);
});

async function* walk(dir: URL): AsyncGenerator<URL> {
  for await (const entry of Deno.readDir(dir)) {
    const url = new URL(entry.name + (entry.isDirectory ? "/" : ""), dir);
    if (entry.isDirectory) yield* walk(url);
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith("_test.ts")) yield url;
  }
}
