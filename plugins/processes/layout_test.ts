// Auto-layout: determinism, lanes kept, orthogonal routes that avoid node boxes, speed.
import assert from "node:assert/strict";
import { generateProcessGraph } from "../../bench/processes_layout.ts";
import { type Graph, type GraphInput, GraphSchema } from "./graph_schema.ts";
import { validateGraph } from "./graph_validate.ts";
import { LAYOUT_SPACING, layoutGraph, NODE_SIZES } from "./layout.ts";

type Box = { x: number; y: number; width: number; height: number };

const lane = (id: string, name = id) => ({ id, name });
const node = (
  id: string,
  type: GraphInput["nodes"][number]["type"],
  laneId: string | null,
  label = id,
) => ({ id, type, label, laneId, x: 0, y: 0, width: 10, height: 10 });
const edge = (id: string, from: string, to: string, condition: string | null = null) => ({
  id,
  from,
  to,
  condition,
  label: condition ?? "",
});
const graph = (g: Omit<GraphInput, "schemaVersion">): Graph => GraphSchema.parse(g);

/** A gateway split and merge across three lanes, and a rework loop. */
const threeLanes = () =>
  graph({
    lanes: [lane("sales", "Sales"), lane("ops", "Operations"), lane("fin", "Finance")],
    nodes: [
      node("start", "start", "sales"),
      node("receive", "task", "sales", "Receive order"),
      node("split", "xor", "sales", "Stock?"),
      node("pick", "task", "ops", "Pick goods"),
      node("order", "task", "fin", "Order goods"),
      node("wait", "intermediate", "fin", "Goods arrive"),
      node("merge", "xor", "ops"),
      node("ship", "task", "ops", "Ship"),
      node("check", "xor", "sales", "Complete?"),
      node("invoice", "task", "fin", "Invoice"),
      node("end", "end", "fin"),
      node("note", "annotation", null, "Ship within 2 days"),
    ],
    edges: [
      edge("f1", "start", "receive"),
      edge("f2", "receive", "split"),
      edge("f3", "split", "pick", "in stock"),
      edge("f4", "split", "order", "not in stock"),
      edge("f5", "order", "wait"),
      edge("f6", "pick", "merge"),
      edge("f7", "wait", "merge"),
      edge("f8", "merge", "ship"),
      edge("f9", "ship", "check"),
      edge("f10", "check", "receive", "no"),
      edge("f11", "check", "invoice", "yes"),
      edge("f12", "invoice", "end"),
      edge("f13", "ship", "note"),
    ],
  });

function laneBands(g: Graph) {
  const bands = new Map<string, [number, number]>();
  let y = 0;
  for (const l of g.lanes) {
    bands.set(l.id, [y, y + l.size]);
    y += l.size;
  }
  return bands;
}

/** Does the segment a–b pass through the inside of `box`? */
function crosses(a: { x: number; y: number }, b: { x: number; y: number }, box: Box): boolean {
  const [x1, x2] = [Math.min(a.x, b.x), Math.max(a.x, b.x)];
  const [y1, y2] = [Math.min(a.y, b.y), Math.max(a.y, b.y)];
  return x1 < box.x + box.width && x2 > box.x && y1 < box.y + box.height && y2 > box.y;
}

/**
 * The layout's promises on `out`: lanes and fields kept, nodes inside their lanes and apart,
 * every route orthogonal from the source's right side to the target's left side, touching
 * no node box but its ends'.
 */
function assertLayout(input: Graph, out: Graph, opts: { avoid?: boolean } = {}) {
  assert.deepEqual(
    out.lanes.map(({ size: _, ...l }) => l),
    input.lanes.map(({ size: _, ...l }) => l),
  );
  assert.equal(out.nodes.length, input.nodes.length);
  input.nodes.forEach((n, i) => {
    const { x: _x, y: _y, width: _w, height: _h, ...rest } = out.nodes[i];
    const { x: _a, y: _b, width: _c, height: _d, ...before } = n;
    assert.deepEqual(rest, before, `node ${n.id}: only the geometry changes`);
    assert.deepEqual(
      { width: out.nodes[i].width, height: out.nodes[i].height },
      NODE_SIZES[n.type],
      `node ${n.id} has its standard size`,
    );
  });
  input.edges.forEach((e, i) => {
    const { waypoints: _w, ...rest } = out.edges[i];
    const { waypoints: _v, ...before } = e;
    assert.deepEqual(rest, before, `edge ${e.id}: only the waypoints change`);
  });
  assert.doesNotThrow(() => GraphSchema.parse(out), "the result is a valid graph");

  const bands = laneBands(out);
  for (const n of out.nodes) {
    if (n.laneId === null) continue;
    const [top, bottom] = bands.get(n.laneId)!;
    assert.ok(n.y >= top && n.y + n.height <= bottom, `node ${n.id} lies in lane ${n.laneId}`);
    assert.ok(n.x >= LAYOUT_SPACING.laneHeader, `node ${n.id} is right of the lane header`);
  }
  const boxes = out.nodes;
  const sorted = [...boxes].sort((a, b) => a.x - b.x);
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length && sorted[j].x < sorted[i].x + sorted[i].width; j++) {
      assert.ok(
        !crosses(
          { x: sorted[i].x, y: sorted[i].y },
          { x: sorted[i].x + sorted[i].width, y: sorted[i].y + sorted[i].height },
          sorted[j],
        ),
        `nodes ${sorted[i].id} and ${sorted[j].id} overlap`,
      );
    }
  }

  const byId = new Map(out.nodes.map((n) => [n.id, n]));
  const widest = Math.max(0, ...boxes.map((n) => n.width));
  /** The nodes whose x range may meet [x1, x2] (boxes sorted by x). */
  const near = (x1: number, x2: number) => {
    let lo = 0, hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].x < x1 - widest) lo = mid + 1;
      else hi = mid;
    }
    const found = [];
    for (let k = lo; k < sorted.length && sorted[k].x <= x2; k++) found.push(sorted[k]);
    return found;
  };
  for (const e of out.edges) {
    const s = byId.get(e.from)!, t = byId.get(e.to)!;
    const w = e.waypoints;
    assert.ok(w.length >= 2, `edge ${e.id} has a route`);
    assert.ok(w.length <= 50, `edge ${e.id} has at most 50 waypoints`);
    assert.equal(w[0].x, s.x + s.width, `edge ${e.id} leaves ${s.id}'s right side`);
    assert.ok(w[0].y > s.y && w[0].y < s.y + s.height, `edge ${e.id} leaves ${s.id}'s side`);
    assert.equal(w.at(-1)!.x, t.x, `edge ${e.id} enters ${t.id}'s left side`);
    assert.ok(w.at(-1)!.y > t.y && w.at(-1)!.y < t.y + t.height);
    for (let k = 1; k < w.length; k++) {
      assert.ok(
        w[k].x === w[k - 1].x || w[k].y === w[k - 1].y,
        `edge ${e.id}: segment ${k} is horizontal or vertical`,
      );
      if (opts.avoid === false) continue;
      for (const n of near(Math.min(w[k].x, w[k - 1].x), Math.max(w[k].x, w[k - 1].x))) {
        assert.ok(
          n === s || n === t ? !crossesInside(w[k - 1], w[k], n) : !crosses(w[k - 1], w[k], n),
          `edge ${e.id}: segment ${k} passes through node ${n.id}`,
        );
      }
    }
  }
}

/** For the end nodes: the route may touch their side, but not run across them. */
function crossesInside(a: { x: number; y: number }, b: { x: number; y: number }, box: Box) {
  return crosses(a, b, { x: box.x + 1, y: box.y, width: box.width - 2, height: box.height });
}

function shuffled<T>(list: T[], seed: number): T[] {
  const copy = [...list];
  let s = seed;
  for (let i = copy.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/** The object with its keys in reverse order. */
const reverseKeys = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).reverse()) as T;

const geometry = (g: Graph) => ({
  lanes: g.lanes.map((l) => [l.id, l.size]),
  nodes: Object.fromEntries(g.nodes.map((n) => [n.id, [n.x, n.y, n.width, n.height]])),
  edges: Object.fromEntries(g.edges.map((e) => [e.id, e.waypoints])),
});

Deno.test("layout: a chain in one lane is a straight line left to right", () => {
  const g = graph({
    lanes: [lane("l")],
    nodes: [node("s", "start", "l"), node("t", "task", "l"), node("e", "end", "l")],
    edges: [edge("a", "s", "t"), edge("b", "t", "e")],
  });
  const out = layoutGraph(g);
  assertLayout(g, out);
  const [s, t, e] = out.nodes;
  assert.ok(s.x + s.width < t.x && t.x + t.width < e.x);
  const centre = (n: Box) => n.y + n.height / 2;
  assert.equal(centre(s), centre(t));
  assert.equal(centre(t), centre(e));
  for (const ed of out.edges) assert.equal(ed.waypoints.length, 2, "no bends");
  assert.equal(out.lanes[0].size, LAYOUT_SPACING.minLaneHeight);
});

Deno.test("layout: a split and merge across three lanes with a loop", () => {
  const g = threeLanes();
  const out = layoutGraph(g);
  assertLayout(g, out);
  const at = (id: string) => out.nodes.find((n) => n.id === id)!;
  // Ranks left to right along the flow; parallel branches share columns.
  assert.ok(at("start").x < at("receive").x && at("receive").x < at("split").x);
  assert.ok(at("split").x < at("pick").x && at("pick").x < at("merge").x);
  assert.ok(at("order").x < at("wait").x && at("wait").x < at("merge").x);
  assert.ok(at("ship").x < at("check").x && at("check").x < at("invoice").x);
  // The loop goes back: it leaves "check" to the right and turns back below the lanes it
  // touches before entering "receive" from the left.
  const loop = out.edges.find((e) => e.id === "f10")!.waypoints;
  assert.ok(loop.length >= 6);
  const lowest = Math.max(...loop.map((p) => p.y));
  assert.ok(lowest > at("check").y + at("check").height && lowest > at("receive").y);
  // The annotation sits beside the step it explains.
  assert.ok(at("note").x > at("ship").x);
  assert.equal(at("note").laneId, null);
});

Deno.test("layout: the same graph in any order gives the same layout", () => {
  for (const g of [threeLanes(), generateProcessGraph(300, 5, 7)]) {
    const expected = geometry(layoutGraph(g));
    for (const seed of [1, 2, 3]) {
      const mixed: Graph = {
        ...g,
        nodes: shuffled(g.nodes, seed).map(reverseKeys),
        edges: shuffled(g.edges, seed + 10).map(reverseKeys),
      };
      assert.deepEqual(geometry(layoutGraph(mixed)), expected);
    }
    assert.deepEqual(
      geometry(layoutGraph(layoutGraph(g))),
      expected,
      "input positions do not matter",
    );
  }
});

Deno.test("layout: the input is not changed and the output keeps array order", () => {
  const g = threeLanes();
  const before = structuredClone(g);
  const out = layoutGraph(g);
  assert.deepEqual(g, before);
  assert.deepEqual(out.nodes.map((n) => n.id), g.nodes.map((n) => n.id));
  assert.deepEqual(out.edges.map((e) => e.id), g.edges.map((e) => e.id));
});

Deno.test("layout: lanes grow to fit stacked nodes; empty lanes keep the minimum height", () => {
  const g = graph({
    lanes: [lane("a"), lane("empty"), lane("b")],
    nodes: [
      node("s", "start", "a"),
      node("g", "and", "a"),
      ...["t1", "t2", "t3", "t4"].map((id) => node(id, "task", "b")),
      node("j", "and", "a"),
      node("e", "end", "a"),
    ],
    edges: [
      edge("e0", "s", "g"),
      ...["t1", "t2", "t3", "t4"].flatMap((
        id,
      ) => [edge(`o${id}`, "g", id), edge(`i${id}`, id, "j")]),
      edge("e9", "j", "e"),
    ],
  });
  const out = layoutGraph(g);
  assertLayout(g, out);
  const tasks = out.nodes.filter((n) => n.type === "task");
  assert.equal(new Set(tasks.map((n) => n.x)).size, 1, "the four tasks share a column");
  assert.equal(new Set(tasks.map((n) => n.y)).size, 4, "stacked");
  assert.ok(out.lanes[2].size >= 4 * NODE_SIZES.task.height + 3 * LAYOUT_SPACING.trackGap);
  assert.equal(out.lanes[1].size, LAYOUT_SPACING.minLaneHeight);
  // Four flows fork from one gateway: they share the vertical trunk.
  const trunks = new Set(
    out.edges.filter((e) => e.from === "g").map((e) => e.waypoints[1].x),
  );
  assert.equal(trunks.size, 1);
});

Deno.test("layout: long edges run through free tracks, not through the nodes they skip", () => {
  const g = graph({
    lanes: [lane("l")],
    nodes: [
      node("s", "start", "l"),
      ...["a", "b", "c", "d"].map((id) => node(id, "task", "l")),
      node("x", "xor", "l"),
      node("e", "end", "l"),
    ],
    edges: [
      edge("f1", "s", "x"),
      edge("f2", "x", "a", "long way"),
      edge("f3", "a", "b"),
      edge("f4", "b", "c"),
      edge("f5", "c", "d"),
      edge("f6", "d", "e"),
      edge("f7", "x", "e", "shortcut"),
    ],
  });
  const out = layoutGraph(g);
  assertLayout(g, out);
  const at = (id: string) => out.nodes.find((n) => n.id === id)!;
  assert.equal(new Set(["a", "b", "c", "d"].map((id) => at(id).y)).size, 1, "a straight chain");
  const shortcut = out.edges.find((e) => e.id === "f7")!.waypoints;
  const runs = shortcut.slice(1).filter((p, k) => p.y === shortcut[k].y && p.x > at("a").x);
  assert.ok(runs.every((p) => p.y !== at("a").y + at("a").height / 2), "not along the chain");
});

Deno.test("layout: self loops, parallel back edges and nested loops stay clear of nodes", () => {
  const g = graph({
    lanes: [lane("a"), lane("b")],
    nodes: [
      node("s", "start", "a"),
      node("t1", "task", "a"),
      node("t2", "task", "b"),
      node("t3", "task", "a"),
      node("t4", "task", "b"),
      node("e", "end", "b"),
    ],
    edges: [
      edge("f1", "s", "t1"),
      edge("f2", "t1", "t2"),
      edge("f3", "t2", "t3"),
      edge("f4", "t3", "t4"),
      edge("f5", "t4", "e"),
      edge("b1", "t4", "t1"),
      edge("b2", "t3", "t2"),
      edge("b3", "t4", "t3"),
      edge("b4", "t2", "t2"),
      edge("b5", "t4", "s"),
    ],
  });
  const out = layoutGraph(g);
  assertLayout(g, out);
  // Corridors do not share horizontal stretches: every back edge has its own y there.
  const corridors = ["b1", "b3", "b5"].map((id) =>
    Math.max(...out.edges.find((e) => e.id === id)!.waypoints.map((p) => p.y))
  );
  assert.equal(new Set(corridors).size, 3);
});

Deno.test("layout: nodes without a lane, dangling edges and an empty graph", () => {
  const g = {
    schemaVersion: 1 as const,
    lanes: [{ id: "l", name: "L", positionId: null, orgUnitId: null, size: 160 }],
    nodes: [
      { ...node("s", "start", "l"), label: "" },
      { ...node("lost", "task", null), label: "" },
      { ...node("gone", "task", "no-such-lane"), label: "" },
      { ...node("free", "annotation", null), label: "" },
    ],
    edges: [
      { ...edge("a", "s", "lost"), waypoints: [] },
      { ...edge("d", "s", "nowhere"), waypoints: [{ x: 1, y: 2 }] },
    ],
  } as Graph;
  const out = layoutGraph(g);
  const lost = out.nodes.find((n) => n.id === "lost")!;
  assert.ok(lost.y >= out.lanes[0].size, "below the lanes");
  assert.deepEqual(out.edges[1].waypoints, [{ x: 1, y: 2 }], "a dangling edge is left alone");
  assert.equal(out.nodes.find((n) => n.id === "gone")!.laneId, "no-such-lane");
  const free = out.nodes.find((n) => n.id === "free")!;
  assert.ok(free.x > lost.x, "an unattached annotation goes to the end");

  const empty = layoutGraph({ schemaVersion: 1, lanes: [], nodes: [], edges: [] });
  assert.deepEqual(empty, { schemaVersion: 1, lanes: [], nodes: [], edges: [] });
});

Deno.test("layout: generated processes of 50 to 2,000 nodes keep every promise", async () => {
  for (const [n, lanes, seed] of [[50, 3, 1], [200, 4, 2], [500, 6, 3], [2000, 10, 4]]) {
    // Speed is measured by bench/processes_layout.ts, never asserted in a test.
    const g = generateProcessGraph(n, lanes, seed);
    const out = layoutGraph(g);
    assertLayout(g, out);
    const findings = await validateGraph(out, { existing: () => Promise.resolve(new Set()) });
    assert.deepEqual(findings.filter((f) => f.code === "node-outside-lane"), []);
  }
});
