// Dependencies in ui/ point one way: no module imports (even only types from) a module that
// imports it back, directly or around a circle. The graph is Deno's own (`deno info --json`)
// for one entry that imports every UI module, so a new file is covered without a list.
import assert from "node:assert/strict";
import { type GraphModule, moduleGraph } from "../tests/support/module_graph.ts";

const ROOT = new URL("../", import.meta.url);
const UI = new URL("./", import.meta.url);

async function uiModules(dir: URL): Promise<URL[]> {
  const found: URL[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const url = new URL(entry.name + (entry.isDirectory ? "/" : ""), dir);
    if (entry.isDirectory && entry.name !== "dist") found.push(...await uiModules(url));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) found.push(url);
  }
  return found;
}

/** Strongly connected components with more than one module (Tarjan), as paths under ui/. */
function cycles(edges: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>(), low = new Map<string, number>();
  const stack: string[] = [], onStack = new Set<string>(), found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return found;
}

Deno.test("the UI's module graph has no import cycles", async () => {
  const modules = await uiModules(UI);
  assert.ok(modules.length > 100, "every UI module is found");
  const entry = await Deno.makeTempFile({ suffix: ".ts" });
  try {
    await Deno.writeTextFile(entry, modules.map((m) => `import "${m.href}";\n`).join(""));
    const graph: GraphModule[] = await moduleGraph(entry);
    const edges = new Map<string, string[]>();
    for (const m of graph) {
      if (!m.specifier.startsWith(UI.href)) continue;
      const deps = (m.dependencies ?? []).flatMap((d) => [d.code?.specifier, d.type?.specifier])
        .filter((s): s is string => !!s?.startsWith(UI.href));
      edges.set(m.specifier, deps);
    }
    assert.ok(edges.size >= modules.length, "Deno saw every module");
    const found = cycles(edges).map((c) => c.map((s) => s.slice(ROOT.href.length)));
    assert.deepEqual(found, [], "modules that import each other");
  } finally {
    await Deno.remove(entry);
  }
});

Deno.test("the cycle finder finds a circle of three and ignores a diamond", () => {
  const circle = new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a"]], ["d", ["a"]]]);
  assert.deepEqual(cycles(circle), [["a", "b", "c"]]);
  const diamond = new Map([["a", ["b", "c"]], ["b", ["d"]], ["c", ["d"]], ["d", []]]);
  assert.deepEqual(cycles(diamond), []);
});
