// Interchange with other tools: a corpus of BPMN files as Camunda Modeler (7 and 8), bpmn.io
// and Signavio write them, collaborations included. Each survives import → export → import
// unchanged, every export is valid against the BPMN 2.0 schema, and the BPMN features we keep
// (default flows, catching events, embedded subprocesses open and closed, parent lanes, pool
// names, the choice of pool) are in the model and in the exported file.
import assert from "node:assert/strict";
import { exportBpmn } from "./bpmn_export.ts";
import { importBpmn, type ImportResult } from "./bpmn_import.ts";
import type { Graph } from "./graph_schema.ts";
import { CORPUS } from "./testdata/corpus.ts";

const read = (name: string) => Deno.readTextFile(new URL(`./testdata/${name}`, import.meta.url));
const META = { processId: "0190c5a4-1a2b-7c3d-8e4f-0000000000bb", title: "Imported" };

const node = (g: Graph, id: string) => g.nodes.find((n) => n.id === id)!;
const edge = (g: Graph, id: string) => g.edges.find((e) => e.id === id)!;

const xmllint = await new Deno.Command("xmllint", { args: ["--version"], stderr: "null" })
  .output().then((o) => o.success).catch(() => false);
const XSD = new URL(
  import.meta.resolve("bpmn-moddle").replace(/dist\/index\.js$/, "resources/bpmn/xsd/BPMN20.xsd"),
);

async function assertSchemaValid(xml: string, what: string) {
  if (!xmllint) assert.fail("xmllint is missing: apt-get install libxml2-utils (.ci/run does)");
  const file = await Deno.makeTempFile({ suffix: ".bpmn" });
  try {
    await Deno.writeTextFile(file, xml);
    const out = await new Deno.Command("xmllint", {
      args: ["--noout", "--schema", XSD.pathname, file],
    }).output();
    assert.ok(out.success, `${what}: ${new TextDecoder().decode(out.stderr)}`);
  } finally {
    await Deno.remove(file);
  }
}

for (const { file, pool } of CORPUS) {
  Deno.test(`${file}${pool ? ` (pool ${pool})` : ""}: import → export → import keeps the model`, async () => {
    const first = await importBpmn(await read(file), pool ? { pool } : {});
    const xml = await exportBpmn(first.graph, META);
    await assertSchemaValid(xml, file);
    const second = await importBpmn(xml);
    assert.deepEqual(second.graph, first.graph);
    assert.deepEqual(second.report, { unsupported: [], mapped: [], warnings: [], layout: "file" });
  });
}

Deno.test("Camunda Modeler: default flow, catching event, open and closed subprocesses, parent lanes", async () => {
  const { graph: g, report } = await importBpmn(await read("camunda_fidelity.bpmn"));
  assert.equal(g.pool, "IT support");
  assert.deepEqual(g.lanes.map((l) => [l.name, l.parent]), [
    ["First level", "Service desk"],
    ["Second level", "Service desk"],
  ]);
  assert.equal(edge(g, "Flow_0d3f4ul").isDefault, true);
  assert.equal(g.edges.filter((e) => e.isDefault).length, 1);
  assert.equal(node(g, "Event_0w41t00").event, "catch");
  assert.equal(node(g, "Event_0n0t1fy").event, undefined, "throwing is the default");
  const open = node(g, "Activity_1c0ll3c");
  assert.deepEqual([open.embedded, open.collapsed, open.width, open.height], [
    true,
    undefined,
    350,
    160,
  ]);
  const closed = node(g, "Activity_0esc4l8");
  assert.deepEqual([closed.embedded, closed.collapsed], [true, true]);
  assert.deepEqual(
    g.nodes.filter((n) => n.parentId === closed.id).map((n) => [n.id, n.x, n.y]),
    [["Event_0es0st0", 180, 160], ["Activity_0v3nd0r", 270, 138], ["Event_0es0en0", 422, 160]],
    "the inside of a closed subprocess keeps the coordinates of its own plane",
  );
  assert.deepEqual(
    g.edges.filter((e) => node(g, e.from).parentId === closed.id).map((e) => e.id),
    ["Flow_0es0001", "Flow_0es0002"],
  );
  // The timer's definition is the one thing left behind, and it is named.
  assert.deepEqual(report.unsupported.map((u) => [u.element, u.id]), [
    ["bpmn:timerEventDefinition", "TimerEventDefinition_0thr33d"],
  ]);

  const xml = await exportBpmn(g, META);
  assert.match(
    xml,
    /<bpmn:exclusiveGateway id="Gateway_0s0lv3d" name="Solved\?" default="Flow_0d3f4ul">/,
  );
  assert.match(xml, /<bpmn:intermediateCatchEvent id="Event_0w41t00"/);
  assert.match(xml, /<bpmn:intermediateThrowEvent id="Event_0n0t1fy"/);
  assert.match(xml, /<bpmn:subProcess id="Activity_1c0ll3c" name="Collect diagnostics">/);
  assert.match(xml, /bpmnElement="Activity_1c0ll3c" isExpanded="true"/);
  assert.match(xml, /bpmnElement="Activity_0esc4l8" isExpanded="false"/);
  assert.match(
    xml,
    /<bpmndi:BPMNPlane id="BPMNPlane_Activity_0esc4l8" bpmnElement="Activity_0esc4l8">/,
  );
  assert.match(xml, /<bpmn:lane id="Lane_1f1rst0_parent" name="Service desk">/);
  assert.match(xml, /<bpmn:childLaneSet id="Lane_1f1rst0_children">/);
  assert.match(xml, /<bpmn:participant id="Participant_1" name="IT support"/);
});

Deno.test("a collaboration: the person chooses the pool, message flows are named in the report", async () => {
  const xml = await read("signavio_collaboration.bpmn");
  const first: ImportResult = await importBpmn(xml);
  assert.deepEqual(first.report.pools, [
    { id: "sid-P-CUSTOMER", name: "Customer", nodes: 4, chosen: true },
    { id: "sid-P-SUPPLIER", name: "Supplier GmbH", nodes: 7, chosen: false },
  ]);
  const supplier = await importBpmn(xml, { pool: "sid-P-SUPPLIER" });
  const g = supplier.graph;
  assert.equal(g.pool, "Supplier GmbH");
  assert.deepEqual(g.lanes.map((l) => l.name), ["Sales", "Shipping"]);
  assert.equal(edge(g, "sid-SF3").isDefault, true, "the gateway's default flow");
  assert.equal(edge(g, "sid-SF4").condition, "stock < quantity");
  assert.equal(node(g, "sid-S-SHIP").laneId, "sid-L-SHIPPING");
  const reasons = new Map(supplier.report.unsupported.map((u) => [u.id, u.reason]));
  assert.match(
    reasons.get("sid-MF-ORDER")!,
    /^a message flow from Place order in pool "Customer" to Order received in pool "Supplier GmbH"/,
  );
  assert.match(reasons.get("sid-MF-INVOICE")!, /from Send invoice in pool "Supplier GmbH"/);
  assert.match(reasons.get("sid-P-CUSTOMER")!, /choose "Customer"/);
  assert.match(reasons.get("sid-PROC-CUSTOMER")!, /not chosen \(with \d+ inner elements\)/);
  assert.equal(
    reasons.get("sid-S-START-def"),
    "event triggers and results are not modeled (on sid-S-START)",
  );
});

Deno.test("what our model cannot hold is refused by its schema, not exported wrongly", async () => {
  const { graph } = await importBpmn(await read("camunda_fidelity.bpmn"));
  const { GraphSchema } = await import("./graph_schema.ts");
  const bad = structuredClone(graph);
  // A flow from the top level into a subprocess's inside, and a second default.
  bad.edges.push({
    id: "cross",
    from: "Activity_0tr1ag3",
    to: "Activity_0l0gs00",
    label: "",
    condition: null,
    waypoints: [],
    isDefault: true,
  });
  bad.edges.find((e) => e.id === "Flow_0y3s000")!.isDefault = true;
  const issues = GraphSchema.safeParse(bad).error!.issues.map((i) => [i.path.join("."), i.message]);
  assert.deepEqual(issues, [
    ["edges.7.isDefault", "Gateway_0s0lv3d already has a default flow (Flow_0y3s000)"],
    [
      `edges.${bad.edges.length - 1}.to`,
      "a flow connects steps of the same subprocess (or both on the top level)",
    ],
  ]);
});
