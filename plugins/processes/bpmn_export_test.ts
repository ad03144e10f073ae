// BPMN export: the document has the shape Camunda Modeler and bpmn.io expect, and our own
// export imports back to exactly the same model (import(export(g)) deep-equals g).
import assert from "node:assert/strict";
import { bpmnBenchGraph } from "../../bench/processes_bpmn.ts";
import { createModdle, exportBpmn, type ModdleElement, PROCEDO_NS } from "./bpmn_export.ts";
import { importBpmn } from "./bpmn_import.ts";
import { emptyGraph, type Graph, GraphSchema, NODE_TYPES } from "./graph_schema.ts";
import { P, richGraph } from "./testdata/bpmn_graphs.ts";

const META = { processId: "0190c5a4-1a2b-7c3d-8e4f-0000000000aa", title: "Prüfung → Freigabe" };

Deno.test("our export imports back to exactly the same model (every type and field)", async () => {
  const graph = richGraph();
  const xml = await exportBpmn(graph, META);
  const { graph: back, report } = await importBpmn(xml);
  assert.deepEqual(back, graph);
  assert.deepEqual(report, { unsupported: [], mapped: [], warnings: [], layout: "file" });
  // A second trip gives the identical file: nothing drifts.
  assert.equal(await exportBpmn(back, META), xml);
});

Deno.test("the round trip is exact for a laid-out 500-node process", async () => {
  const graph = bpmnBenchGraph(500);
  assert.equal(graph.nodes.length, 500);
  const { graph: back, report } = await importBpmn(await exportBpmn(graph, META));
  assert.deepEqual(back, graph);
  assert.equal(report.layout, "file");
});

Deno.test("graphs without lanes, nodes or edges round-trip too", async () => {
  const empty = GraphSchema.parse({ lanes: [], nodes: [], edges: [] });
  const laneless = GraphSchema.parse({
    lanes: [],
    nodes: [
      { id: "a", type: "task", label: "A", laneId: null, x: 10, y: 10, width: 100, height: 80 },
      { id: "b", type: "end", label: "B", laneId: null, x: 200, y: 30, width: 36, height: 36 },
    ],
    edges: [{ id: "ab", from: "a", to: "b" }],
  });
  for (const graph of [empty, laneless, emptyGraph("Team")]) {
    const { graph: back, report } = await importBpmn(await exportBpmn(graph, META));
    assert.deepEqual(back, graph);
    assert.deepEqual(report.warnings, []);
  }
});

Deno.test("random graphs round-trip exactly", async () => {
  for (let seed = 1; seed <= 25; seed++) {
    const graph = randomGraph(seed);
    const { graph: back } = await importBpmn(await exportBpmn(graph, META));
    assert.deepEqual(back, graph, `seed ${seed}`);
  }
});

Deno.test("the document has one pool with a lane set, BPMN elements for our types and DI", async () => {
  const xml = await exportBpmn(richGraph(), META);
  const { rootElement: defs, warnings } = await createModdle().fromXML(xml);
  assert.deepEqual(warnings, []);
  assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<bpmn:definitions /);
  for (
    const ns of [
      'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"',
      'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"',
      'xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"',
      'xmlns:di="http://www.omg.org/spec/DD/20100524/DI"',
      `xmlns:procedo="${PROCEDO_NS}"`,
      'exporter="Procedo"',
    ]
  ) assert.ok(xml.includes(ns), ns);

  const roots = defs.rootElements as ModdleElement[];
  assert.deepEqual(roots.map((r) => r.$type), ["bpmn:Collaboration", "bpmn:Process"]);
  const [collaboration, process] = roots;
  const participants = collaboration.participants as ModdleElement[];
  assert.equal(participants.length, 1);
  assert.equal(participants[0].name, META.title);
  assert.equal(participants[0].processRef, process);
  assert.equal(process.isExecutable, false);

  const lanes = (process.laneSets as ModdleElement[])[0].lanes as ModdleElement[];
  assert.deepEqual(lanes.map((l) => l.name), [
    "Geschäftsführung",
    "Vertrieb & Service",
    "Revision <intern>",
  ]);
  // The lane id that clashes with a node id gets another XML id; the extension keeps ours.
  assert.equal(lanes[2].id, "review_3"); // review_2 went to the edge "review"
  assert.deepEqual(
    (lanes[0].flowNodeRef as ModdleElement[]).map((n) => n.id),
    ["start", "review", "check"],
  );

  const byId = new Map(
    (process.flowElements as ModdleElement[]).concat(process.artifacts as ModdleElement[])
      .map((e) => [e.id as string, e]),
  );
  const types = Object.fromEntries(
    ["start", "review", "check", "sub", "split", "wait", "end", "note", "e1", "assoc"].map((
      id,
    ) => [id, byId.get(id)!.$type]),
  );
  assert.deepEqual(types, {
    start: "bpmn:StartEvent",
    review: "bpmn:Task",
    check: "bpmn:ExclusiveGateway",
    sub: "bpmn:CallActivity",
    split: "bpmn:ParallelGateway",
    wait: "bpmn:IntermediateThrowEvent",
    end: "bpmn:EndEvent",
    note: "bpmn:TextAnnotation",
    e1: "bpmn:SequenceFlow",
    assoc: "bpmn:Association",
  });
  assert.equal(byId.get("sub")!.calledElement, `Process_${P.sub}`);
  assert.equal(byId.get("note")!.text, "Vier-Augen-Prinzip\n(siehe Richtlinie)");
  const task = byId.get("review")!;
  assert.equal(task.name, "Prüfung → Freigabe");
  const doc = (task.documentation as ModdleElement[])[0];
  assert.equal(doc.textFormat, "text/markdown");
  assert.ok((doc.text as string).startsWith("## Prüfen"));
  const ext = ((task.extensionElements as ModdleElement).values as ModdleElement[])[0];
  assert.equal(ext.$type, "procedo:Node");
  assert.equal(ext.responsible, P.clerk);
  assert.equal(ext.consulted, `${P.auditor} ${P.sales}`);
  assert.equal(ext.durationMinutes, "45");
  const conditional = byId.get("review_2")!;
  assert.equal(conditional.name, "ja");
  const expr = conditional.conditionExpression as ModdleElement;
  assert.equal(expr.$type, "bpmn:FormalExpression");
  assert.equal(expr.body, 'betrag > 5000 && kunde == "neu"');
  assert.match(xml, /<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">/);
  assert.deepEqual(
    ((byId.get("split")!.outgoing) as ModdleElement[]).map((f) => f.id),
    ["e5", "e6"],
  );

  // DI: the pool and each lane as horizontal shapes, a shape per node, an edge per edge.
  const plane = (defs.diagrams as ModdleElement[])[0].plane as ModdleElement;
  assert.equal(plane.bpmnElement, collaboration);
  const di = plane.planeElement as ModdleElement[];
  const shapes = di.filter((d) => d.$type === "bpmndi:BPMNShape");
  const edges = di.filter((d) => d.$type === "bpmndi:BPMNEdge");
  assert.equal(shapes.length, 1 + 3 + 15);
  assert.equal(edges.length, 17);
  const laneShapes = shapes.filter((s) => (s.bpmnElement as ModdleElement).$type === "bpmn:Lane");
  assert.deepEqual(
    laneShapes.map((s) => [s.isHorizontal, bounds(s)]),
    [
      [true, { x: 0, y: 0, width: 1386, height: 180 }],
      [true, { x: 0, y: 180, width: 1386, height: 220.5 }],
      [true, { x: 0, y: 400.5, width: 1386, height: 160 }],
    ],
  );
  const pool = shapes[0];
  assert.equal(pool.bpmnElement, participants[0]);
  assert.deepEqual(bounds(pool), { x: -30, y: 0, width: 1416, height: 560.5 });
  const checkShape = shapes.find((s) => (s.bpmnElement as ModdleElement).id === "check")!;
  assert.deepEqual(bounds(checkShape), { x: 330.25, y: 65.75, width: 50, height: 50 });
  assert.equal(checkShape.isMarkerVisible, true);
  const points = (id: string) =>
    ((edges.find((e) => (e.bpmnElement as ModdleElement).id === id)!.waypoint) as ModdleElement[])
      .map((p) => [p.x, p.y]);
  // Our waypoints go verbatim; without them, a straight line between the outlines.
  assert.deepEqual(points("e1"), [[96, 90], [150, 90]]);
  assert.deepEqual(points("e2"), [[270, 90.31], [330.38, 90.62]]); // rectangle, then diamond
  assert.deepEqual(points("e7"), [[976, 275], [1300, 275]]);
});

const xmllint = await new Deno.Command("xmllint", { args: ["--version"], stderr: "null" })
  .output().then((o) => o.success).catch(() => false);
const XSD = new URL(
  import.meta.resolve("bpmn-moddle").replace(/dist\/index\.js$/, "resources/bpmn/xsd/BPMN20.xsd"),
);

Deno.test({
  name: "our export is valid against the BPMN 2.0 XML schema (needs xmllint)",
  async fn() {
    if (!xmllint) assert.fail("xmllint is missing: apt-get install libxml2-utils (.ci/run does)");
    const dir = await Deno.makeTempDir();
    try {
      const files = [
        [richGraph(), "rich.bpmn"],
        [bpmnBenchGraph(200), "large.bpmn"],
        [emptyGraph("Team"), "empty.bpmn"],
      ] as const;
      for (const [graph, name] of files) {
        await Deno.writeTextFile(`${dir}/${name}`, await exportBpmn(graph, META));
        const out = await new Deno.Command("xmllint", {
          args: ["--noout", "--schema", XSD.pathname, `${dir}/${name}`],
        }).output();
        assert.ok(out.success, new TextDecoder().decode(out.stderr));
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("node types map one to one (and nothing else appears)", async () => {
  const graph = richGraph();
  const xml = await exportBpmn(graph, META);
  const tags = new Set([...xml.matchAll(/<bpmn:([a-zA-Z]+)/g)].map((m) => m[1]));
  assert.deepEqual([...tags].sort(), [
    "association",
    "callActivity",
    "collaboration",
    "conditionExpression",
    "definitions",
    "documentation",
    "endEvent",
    "exclusiveGateway",
    "extensionElements",
    "flowNodeRef",
    "incoming",
    "intermediateThrowEvent",
    "lane",
    "laneSet",
    "outgoing",
    "parallelGateway",
    "participant",
    "process",
    "sequenceFlow",
    "startEvent",
    "task",
    "text",
    "textAnnotation",
  ]);
  assert.equal(NODE_TYPES.length, 8);
});

function bounds(shape: ModdleElement) {
  const b = shape.bounds as Record<string, number>;
  return { x: b.x, y: b.y, width: b.width, height: b.height };
}

/** A seeded random graph touching every optional field in random combinations. */
function randomGraph(seed: number): Graph {
  let a = seed;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const uuid = () =>
    `0190c5a4-1a2b-7c3d-8e4f-${String(Math.floor(rnd() * 1e12)).padStart(12, "0")}`;
  const texts = ["", " ", "a", "Prüfung → Freigabe", "x\ny", "<&>\"'", "  pad  ", "\t", "😀 ok"];
  const ids = ["a", "b", "c", "lane", "n1", "Flow_1", "x.y", "_z", "e-1"];
  const lanes = Array.from({ length: 1 + Math.floor(rnd() * 3) }, (_, i) => ({
    id: rnd() < 0.5 ? `l${i}` : ids[i],
    name: `Lane ${i} ${pick(texts)}`.trim(),
    positionId: rnd() < 0.5 ? uuid() : null,
    orgUnitId: rnd() < 0.3 ? uuid() : null,
    size: 100 + Math.floor(rnd() * 200),
  }));
  const nodes = Array.from({ length: 2 + Math.floor(rnd() * 12) }, (_, i) => {
    const type = pick(NODE_TYPES);
    const node: Record<string, unknown> = {
      id: rnd() < 0.3 ? ids[i % ids.length] + (i >= ids.length ? i : "") : `n${i}`,
      type,
      label: pick(texts),
      laneId: rnd() < 0.15 ? null : pick(lanes).id,
      x: Math.round(rnd() * 20000) / 10 - 100,
      y: Math.round(rnd() * 8000) / 10 - 100,
      width: 1 + Math.floor(rnd() * 200),
      height: 1 + Math.floor(rnd() * 100),
    };
    if (rnd() < 0.4) {
      node.raci = { responsible: rnd() < 0.5 ? [uuid()] : [], informed: [uuid(), uuid()] };
    }
    if (rnd() < 0.4) node.links = { systems: rnd() < 0.5 ? [uuid()] : [] };
    if (rnd() < 0.3) node.durationMinutes = rnd() < 0.3 ? null : Math.floor(rnd() * 1000);
    if (rnd() < 0.3) node.description = pick(texts);
    if (rnd() < 0.3) node.processId = rnd() < 0.3 ? null : uuid();
    return node;
  });
  const unique = [...new Map(nodes.map((n) => [n.id, n])).values()];
  const edges = Array.from({ length: Math.floor(rnd() * 15) }, (_, i) => ({
    id: rnd() < 0.3 ? pick(ids) + i : `e${i}`,
    from: pick(unique).id as string,
    to: pick(unique).id as string,
    label: pick(texts),
    condition: rnd() < 0.5 ? null : pick(texts),
    waypoints: Array.from({ length: Math.floor(rnd() * 4) }, () => ({
      x: Math.round(rnd() * 1000),
      y: Math.round(rnd() * 1000),
    })),
  }));
  return GraphSchema.parse({
    lanes: [...new Map(lanes.map((l) => [l.id, l])).values()],
    nodes: unique,
    edges: [...new Map(edges.map((e) => [e.id, e])).values()],
  });
}
