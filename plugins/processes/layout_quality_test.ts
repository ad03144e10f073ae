// Layout quality: the measures count what a person sees (crossing flows, overlapping steps,
// flows through steps, steps outside their lane), and auto-layout never makes any of them
// worse — on generated processes, on the BPMN corpus, and on a tidy diagram it would spoil.
import assert from "node:assert/strict";
import { generateProcessGraph } from "../../bench/processes_layout.ts";
import { importBpmn } from "./bpmn_import.ts";
import { type Graph, GraphSchema } from "./graph_schema.ts";
import { layoutGraph } from "./layout.ts";
import { layoutKeepingBetter, layoutMetrics, noWorse } from "./layout_quality.ts";
import { CORPUS } from "./testdata/corpus.ts";

const read = (name: string) => Deno.readTextFile(new URL(`./testdata/${name}`, import.meta.url));

const task = (id: string, laneId: string, x: number, y: number) => ({
  id,
  type: "task" as const,
  label: id,
  laneId,
  x,
  y,
  width: 100,
  height: 60,
});

Deno.test("the measures count crossings, overlaps, flows through steps and clipped steps", () => {
  const g = GraphSchema.parse({
    lanes: [{ id: "l", name: "L", size: 300 }],
    nodes: [
      task("a", "l", 0, 0),
      task("b", "l", 300, 200),
      task("c", "l", 0, 200),
      task("d", "l", 300, 0),
      task("m", "l", 160, 100), // in the middle: both diagonals run through it
      task("o", "l", 320, 220), // overlaps b
      task("x", "l", 600, 280), // sticks out of the lane (300 high)
    ],
    edges: [{ id: "ab", from: "a", to: "b" }, { id: "cd", from: "c", to: "d" }],
  });
  assert.deepEqual(layoutMetrics(g), {
    crossings: 1,
    overlaps: 1,
    throughNodes: 2,
    clipped: 1,
    length: 721,
  });
  // Flows sharing a step do not cross each other; a subprocess and its inside do not overlap.
  const nested = GraphSchema.parse({
    lanes: [{ id: "l", name: "L", size: 300 }],
    nodes: [
      { ...task("s", "l", 0, 0), type: "subprocess", embedded: true, width: 300, height: 200 },
      { ...task("i", "l", 20, 20), parentId: "s" },
      { ...task("j", "l", 160, 20), parentId: "s" },
    ],
    edges: [{ id: "ij", from: "i", to: "j" }],
  });
  assert.deepEqual(layoutMetrics(nested).overlaps, 0);
  assert.deepEqual(layoutMetrics(nested).throughNodes, 0);
});

Deno.test("auto-layout keeps a tidy diagram that it would make worse", async () => {
  // The bpmn.io claims diagram has no crossing; the layered layout draws one.
  const { graph } = await importBpmn(await read("bpmnio_claims.bpmn"));
  const plain = GraphSchema.parse({ ...graph, nodes: graph.nodes, edges: graph.edges });
  assert.equal(layoutMetrics(plain).crossings, 0);
  assert.ok(layoutMetrics(layoutGraph(plain)).crossings > 0, "the raw layout would add one");
  const result = layoutKeepingBetter(plain);
  assert.equal(result.kept, true);
  assert.equal(result.graph, plain, "the very same graph comes back");
});

Deno.test("auto-layout never increases crossings, overlaps, flows through steps or clipping", async () => {
  const graphs: [string, Graph][] = [];
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    for (const size of [12, 40, 150]) {
      graphs.push([`generated ${size}/${seed}`, generateProcessGraph(size, 1 + seed % 5, seed)]);
    }
  }
  for (const { file, pool } of CORPUS) {
    graphs.push([file, (await importBpmn(await read(file), pool ? { pool } : {})).graph]);
  }
  for (const [name, g] of graphs) {
    const before = layoutMetrics(g);
    const { graph, kept } = layoutKeepingBetter(g);
    const after = layoutMetrics(graph);
    assert.ok(noWorse(after, before), `${name}: ${JSON.stringify({ before, after })}`);
    assert.ok(GraphSchema.safeParse(graph).success, name);
    if (!kept) assert.equal(after.clipped, 0, `${name}: a laid-out step sticks out of its lane`);
  }
});

Deno.test("auto-layout of a process with subprocesses keeps each inside together", async () => {
  const { graph } = await importBpmn(await read("camunda_fidelity.bpmn"));
  // Scrambled first (and drawn straight), so the layout has something to improve.
  const { graph: laid, kept } = layoutKeepingBetter({
    ...graph,
    edges: graph.edges.map((e) => ({ ...e, waypoints: [] })),
    nodes: graph.nodes.map((n, i) => n.parentId ? n : { ...n, x: (i * 397) % 900 }),
  });
  assert.equal(kept, false);
  const inside = (g: Graph, id: string) =>
    g.nodes.filter((n) => n.parentId === id).map((n) => [n.id, n.x - g.nodes[0].x]);
  assert.equal(laid.nodes.find((n) => n.id === "Activity_1c0ll3c")!.collapsed, true);
  // The inside keeps its arrangement: the same distances between its steps.
  const xs = (g: Graph, id: string) => g.nodes.filter((n) => n.parentId === id).map((n) => n.x);
  const gaps = (v: number[]) => v.slice(1).map((x, i) => x - v[i]);
  assert.deepEqual(gaps(xs(laid, "Activity_1c0ll3c")), gaps(xs(graph, "Activity_1c0ll3c")));
  assert.deepEqual(xs(laid, "Activity_0esc4l8"), xs(graph, "Activity_0esc4l8"));
  assert.ok(inside(laid, "Activity_0esc4l8").length === 3);
  assert.ok(GraphSchema.safeParse(laid).success);
});
