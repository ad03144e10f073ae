// BPMN import of files written by Camunda Modeler (7 and 8) and bpmn.io: what we model is
// mapped, everything else is reported; files without a diagram are laid out; XML errors
// name their real line and column; DOCTYPEs, oversized files and graphs are refused.
import assert from "node:assert/strict";
import { createModdle, type ModdleElement } from "./bpmn_export.ts";
import { BPMN_MAX_BYTES, gridLayout, importBpmn, type ImportResult } from "./bpmn_import.ts";
import { type Graph, GRAPH_LIMITS, GraphSchema } from "./graph_schema.ts";
import { ProblemError } from "../../api/problem.ts";

const read = (name: string) => Deno.readTextFile(new URL(`./testdata/${name}`, import.meta.url));

const ids = (r: ImportResult, what: "unsupported" | "mapped") =>
  r.report[what].map((i) => `${i.element} ${i.id}`);
const node = (g: Graph, id: string) => g.nodes.find((n) => n.id === id)!;
const edgeSummary = (g: Graph) =>
  g.edges.map((e) => [e.id, e.from, e.to, e.label, e.condition].join(" | "));

/** The problem importBpmn throws for `xml`. */
async function refused(xml: string): Promise<ProblemError> {
  try {
    await importBpmn(xml);
  } catch (e) {
    if (e instanceof ProblemError) return e;
    throw e;
  }
  throw new Error("the file was accepted");
}

/** 1-based line and column of the first occurrence of `needle` in `text`. */
function positionOf(text: string, needle: string, nth = 1) {
  let index = -1;
  for (let i = 0; i < nth; i++) index = text.indexOf(needle, index + 1);
  assert.ok(index >= 0, `${needle} is in the text`);
  const before = text.slice(0, index).split("\n");
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

Deno.test("a Camunda Modeler 5 (Camunda 7) file imports with its lanes, steps, flows and geometry", async () => {
  const r = await importBpmn(await read("camunda7_order.bpmn"));
  const g = r.graph;
  assert.deepEqual(
    g.lanes.map((l) => [l.id, l.name, l.size]),
    [["Lane_1dfw1hp", "Sales", 185], ["Lane_0q9v2a3", "Warehouse", 185]],
    "lanes top to bottom as drawn (the file lists their shapes the other way round)",
  );
  assert.deepEqual(
    g.nodes.map((n) => [n.id, n.type, n.label, n.laneId]).sort(),
    [
      ["Activity_0d4ckrp", "task", "Check order", "Lane_1dfw1hp"],
      ["Activity_0inv4ce", "subprocess", "Send invoice", "Lane_0q9v2a3"],
      ["Activity_1pick0s", "task", "Pick items", "Lane_0q9v2a3"],
      ["Event_08t4bq1", "end", "Escalated", "Lane_1dfw1hp"],
      ["Event_0ptw3hx", "end", "Order rejected", "Lane_1dfw1hp"],
      ["Event_0w8t1mr", "intermediate", "Wait for pickup", "Lane_0q9v2a3"],
      ["Event_1shp0ed", "end", "Order shipped", "Lane_0q9v2a3"],
      ["Gateway_0cx1m7r", "and", "", "Lane_0q9v2a3"],
      ["Gateway_1jn9k2w", "and", "", "Lane_0q9v2a3"],
      ["Gateway_1n3ccx2", "xor", "Order OK?", "Lane_1dfw1hp"],
      ["StartEvent_1", "start", "Order received", "Lane_1dfw1hp"],
      ["TextAnnotation_0s8dk1e", "annotation", "Pick within 24 hours", null],
    ],
  );
  assert.deepEqual(edgeSummary(g).sort(), [
    "Association_1q3w9rt | Activity_1pick0s | TextAnnotation_0s8dk1e |  | ",
    "Flow_0c5d6e7 | Activity_0d4ckrp | Gateway_1n3ccx2 |  | ",
    "Flow_0inv000 | Gateway_0cx1m7r | Activity_0inv4ce |  | ",
    "Flow_0no0000 | Gateway_1n3ccx2 | Event_0ptw3hx | no | ${!approved}",
    "Flow_0pj0in0 | Activity_1pick0s | Gateway_1jn9k2w |  | ",
    "Flow_0wt0000 | Gateway_1jn9k2w | Event_0w8t1mr |  | ",
    "Flow_1a2b3c4 | StartEvent_1 | Activity_0d4ckrp |  | ",
    "Flow_1ij0in0 | Activity_0inv4ce | Gateway_1jn9k2w |  | ",
    "Flow_1p1ck00 | Gateway_0cx1m7r | Activity_1pick0s |  | ",
    "Flow_1shp000 | Event_0w8t1mr | Event_1shp0ed |  | ",
    "Flow_1yes000 | Gateway_1n3ccx2 | Gateway_0cx1m7r | yes | ${approved}",
  ]);
  // Geometry: the lanes' top left corner becomes (0, 0); sizes and routes are kept.
  const start = node(g, "StartEvent_1");
  assert.deepEqual([start.x, start.y, start.width, start.height], [42, 72, 36, 36]);
  const pick = node(g, "Activity_1pick0s");
  assert.deepEqual([pick.x, pick.y, pick.width, pick.height], [380, 200, 100, 80]);
  assert.deepEqual(g.edges.find((e) => e.id === "Flow_1p1ck00")!.waypoints, [
    { x: 335, y: 280 },
    { x: 358, y: 280 },
    { x: 358, y: 240 },
    { x: 380, y: 240 },
  ]);
  assert.equal(
    node(g, "Activity_0d4ckrp").description,
    "Compare the order with the **price list**.",
  );
  assert.equal(node(g, "Activity_0inv4ce").processId, null, "calledElement is not a Procedo id");
  assert.equal(r.report.layout, "file");

  assert.deepEqual(ids(r, "unsupported"), [
    "bpmn:participant Participant_1c4u0vn",
    "bpmn:messageFlow Flow_0v6m3ab",
    "bpmn:dataOutputAssociation DataOutputAssociation_0n6d8x2",
    "bpmn:timerEventDefinition TimerEventDefinition_1r0k2c9",
    "bpmn:boundaryEvent Event_1x0y2tm",
    "bpmn:sequenceFlow Flow_0esc000",
    "bpmn:dataObjectReference DataObjectReference_0dn0te1",
    "bpmn:dataObject DataObject_1f7a0pq",
  ]);
  const boundary = r.report.unsupported.find((u) => u.id === "Event_1x0y2tm")!;
  assert.deepEqual(boundary, {
    element: "bpmn:boundaryEvent",
    id: "Event_1x0y2tm",
    name: "2 hours",
    line: 79,
    reason: "boundary events are not modeled (with 1 inner element)",
  });
  assert.match(
    r.report.unsupported.find((u) => u.id === "Flow_0esc000")!.reason!,
    /connects <bpmn:boundaryEvent> Event_1x0y2tm/,
  );
  assert.deepEqual(ids(r, "mapped"), [
    "bpmn:userTask Activity_0d4ckrp",
    "bpmn:serviceTask Activity_1pick0s",
  ]);
  assert.deepEqual(r.report.mapped.map((m) => m.as), ["task", "task"]);
  assert.equal(node(g, "Event_0w8t1mr").event, "catch", "a catching event stays catching");
  assert.equal(g.pool, "Order handling", "the pool's name is kept");
  assert.deepEqual(r.report.warnings.map((w) => [w.code, w.id]), [
    ["called-element-unknown", "Activity_0inv4ce"],
    ["extension-ignored", "Activity_0d4ckrp"],
    ["extension-ignored", "Activity_1pick0s"],
  ]);
  assert.match(r.report.warnings[1].message, /camunda:formData, camunda:assignee/);
  // Every reported line is the line of that element's id in the file.
  const text = await read("camunda7_order.bpmn");
  for (const item of [...r.report.unsupported, ...r.report.mapped]) {
    assert.equal(item.line, positionOf(text, `id="${item.id}"`).line, String(item.id));
  }
});

Deno.test("a Camunda 8 (Zeebe) file imports; event definitions, data and messages are reported", async () => {
  const r = await importBpmn(await read("camunda8_onboarding.bpmn"));
  assert.deepEqual(r.graph.lanes.map((l) => [l.name, l.size]), [["HR", 160], ["IT", 170]]);
  assert.deepEqual(r.graph.nodes.map((n) => `${n.id}:${n.type}`), [
    "StartEvent_1:start",
    "Activity_0c0ntr4:task",
    "Activity_1acc0un:task",
    "Activity_0l4pt0p:task",
    "Activity_1w3lc0m:task",
    "Event_0d0ne00:end",
    "Event_1f41l00:end",
  ]);
  assert.equal(r.graph.edges.length, 5);
  assert.deepEqual(ids(r, "unsupported"), [
    "bpmn:messageEventDefinition MessageEventDefinition_0s1gn3d",
    "bpmn:property Property_0dst0re",
    "bpmn:dataInputAssociation DataInputAssociation_1dir0ct",
    "bpmn:errorEventDefinition ErrorEventDefinition_0acc0er",
    "bpmn:dataStoreReference DataStoreReference_0ld4p00",
    "bpmn:message Message_2k4q3ve",
    "bpmn:error Error_0acc0er",
  ]);
  assert.deepEqual(ids(r, "mapped"), [
    "bpmn:userTask Activity_0c0ntr4",
    "bpmn:serviceTask Activity_1acc0un",
    "bpmn:manualTask Activity_0l4pt0p",
    "bpmn:businessRuleTask Activity_1w3lc0m",
  ]);
  assert.deepEqual(
    r.report.warnings.map((w) => w.message),
    [
      "Vendor extensions of <bpmn:userTask> Activity_0c0ntr4 are not imported: zeebe:userTask, zeebe:assignmentDefinition.",
      "Vendor extensions of <bpmn:serviceTask> Activity_1acc0un are not imported: zeebe:taskDefinition.",
      "Vendor extensions of <bpmn:businessRuleTask> Activity_1w3lc0m are not imported: zeebe:calledDecision.",
    ],
  );
});

Deno.test("a bpmn.io file: nested lanes keep their parent, the embedded subprocess its inside", async () => {
  const r = await importBpmn(await read("bpmnio_claims.bpmn"));
  const g = r.graph;
  assert.deepEqual(g.lanes.map((l) => [l.id, l.name, l.size, l.parent]), [
    ["Lane_1int4ke", "Intake", 125, "Front office"],
    ["Lane_0ch3ck0", "Check", 125, "Front office"],
    ["Lane_1b4ck0f", "Back office", 170, undefined],
  ]);
  assert.deepEqual(r.report.warnings, []);
  assert.deepEqual(g.nodes.map((n) => `${n.id}:${n.type}:${n.laneId}:${n.parentId ?? ""}`), [
    "StartEvent_1:start:Lane_1int4ke:",
    "Activity_0s3nd0k:task:Lane_1int4ke:",
    "Gateway_1incl01:xor:Lane_0ch3ck0:",
    "Activity_0fr4ud1:task:Lane_0ch3ck0:",
    "Activity_1d4m4ge:subprocess:Lane_1b4ck0f:",
    "Event_0sub0st:start:Lane_1b4ck0f:Activity_1d4m4ge",
    "Activity_1insp3c:task:Lane_1b4ck0f:Activity_1d4m4ge",
    "Event_1sub0en:end:Lane_1b4ck0f:Activity_1d4m4ge",
    "Gateway_0mrg0e1:xor:Lane_0ch3ck0:",
    "Event_1end0cl:end:Lane_0ch3ck0:",
    "TextAnnotation_0fe4ey3:annotation:null:",
  ]);
  const sub = node(g, "Activity_1d4m4ge");
  assert.deepEqual([sub.processId, sub.embedded, sub.collapsed], [null, true, undefined]);
  assert.deepEqual([sub.width, sub.height], [300, 130]);
  const inspect = node(g, "Activity_1insp3c");
  assert.ok(
    inspect.x > sub.x && inspect.x + inspect.width < sub.x + sub.width,
    "drawn open: its inside lies within it",
  );
  assert.deepEqual(
    edgeSummary(g).filter((e) => e.includes("suspicious") || e.startsWith("Association")),
    [
      "Flow_0c3d4e5 | Gateway_1incl01 | Activity_0fr4ud1 | suspicious | claim.amount > 10000",
      "Association_0a5s9cd | Activity_0fr4ud1 | TextAnnotation_0fe4ey3 |  | ",
    ],
  );
  assert.equal(g.edges.length, 10, "the subprocess's own flows too");
  assert.deepEqual(ids(r, "unsupported"), [
    "bpmn:group Group_0k2l3m4",
    "bpmn:category Category_0r5t6y7",
  ]);
  assert.deepEqual(ids(r, "mapped"), [
    "bpmn:sendTask Activity_0s3nd0k",
    "bpmn:inclusiveGateway Gateway_1incl01",
    "bpmn:inclusiveGateway Gateway_0mrg0e1",
  ]);
});

Deno.test("a process without pool or lanes gets one lane named after it", async () => {
  const r = await importBpmn(await read("bpmnio_process_only.bpmn"));
  assert.deepEqual(r.graph.lanes, [
    { id: "lane_1", name: "Leave request", positionId: null, orgUnitId: null, size: 160 },
  ]);
  assert.ok(r.graph.nodes.every((n) => n.laneId === "lane_1"));
  // Content keeps its shape, moved to the lane's corner.
  assert.deepEqual(r.graph.nodes.map((n) => [n.x, n.y]), [[60, 62], [151, 40], [313, 62]]);
  assert.deepEqual(r.report, { unsupported: [], mapped: [], warnings: [], layout: "file" });
});

Deno.test("a file without a diagram is laid out inside its lanes", async () => {
  const r = await importBpmn(await read("no_di_purchase.bpmn"));
  const g = r.graph;
  assert.equal(r.report.layout, "auto");
  assert.deepEqual(r.report.warnings.map((w) => [w.code, w.message]), [[
    "node-without-lane",
    "1 node(s) were in no lane and were put into the first lane (Requester): supplier-check.",
  ]]);
  assert.equal(node(g, "supplier-check").laneId, "requester");
  assert.equal(node(g, "supplier-check").processId, "0191a2b3-c4d5-7e6f-8a9b-0c1d2e3f4a5b");
  assert.equal(node(g, "approve").description, "Managers approve above 5 000 €.");
  assert.equal(node(g, "amount").label, "Above 5 000 €?");
  assertInsideLanes(g);
  assert.ok(g.edges.every((e) => e.waypoints.length >= 2), "routed");
  assert.deepEqual(
    edgeSummary(g).find((e) => e.startsWith("f3")),
    "f3 | amount | approve | yes | amount > 5000",
  );
  // Deterministic: the same file gives the same graph.
  assert.deepEqual((await importBpmn(await read("no_di_purchase.bpmn"))).graph, g);
});

Deno.test("a partial diagram is laid out anew, with a warning", async () => {
  const xml = (await read("camunda8_onboarding.bpmn")).replace(
    /<bpmndi:BPMNShape id="Activity_0l4pt0p_di"[\s\S]*?<\/bpmndi:BPMNShape>/,
    "",
  );
  const r = await importBpmn(xml);
  assert.equal(r.report.layout, "auto");
  assert.ok(r.report.warnings.some((w) => w.code === "partial-diagram"));
  assertInsideLanes(r.graph);
});

Deno.test("the grid fallback places every node inside its lane, deterministically", () => {
  const g = GraphSchema.parse({
    lanes: [{ id: "a", name: "A" }, { id: "b", name: "B" }],
    nodes: [
      { id: "s", type: "start", laneId: "a", x: 0, y: 0, width: 36, height: 36 },
      { id: "x", type: "xor", laneId: "a", x: 0, y: 0, width: 50, height: 50 },
      { id: "t1", type: "task", laneId: "b", x: 0, y: 0, width: 120, height: 80 },
      { id: "t2", type: "task", laneId: "b", x: 0, y: 0, width: 120, height: 80 },
      { id: "e", type: "end", laneId: "a", x: 0, y: 0, width: 36, height: 36 },
      { id: "n", type: "annotation", laneId: null, x: 0, y: 0, width: 100, height: 40 },
    ],
    edges: [
      { id: "f1", from: "s", to: "x" },
      { id: "f2", from: "x", to: "t1" },
      { id: "f3", from: "x", to: "t2" },
      { id: "f4", from: "t1", to: "e" },
      { id: "f5", from: "n", to: "t1" },
    ],
  });
  const laid = gridLayout(g);
  assertInsideLanes(laid);
  assert.deepEqual(gridLayout(g), laid);
  const t1 = node(laid, "t1");
  const t2 = node(laid, "t2");
  assert.equal(t1.x, t2.x, "same column");
  assert.ok(t2.y >= t1.y + t1.height, "stacked, not overlapping");
  assert.ok(node(laid, "s").x < node(laid, "x").x && node(laid, "x").x < t1.x);
  assert.ok(GraphSchema.safeParse(laid).success);
});

Deno.test("ids our model cannot take are changed the same way every time, and reported", async () => {
  const long = `Activity_${"x".repeat(70)}`;
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="p" name="Ids">
    <bpmn:startEvent id="ext:start" />
    <bpmn:task id="${long}" name="Long" />
    <bpmn:task id="ext_start" name="Clash after cleaning" />
    <bpmn:sequenceFlow id="ext:flow" sourceRef="ext:start" targetRef="${long}" />
  </bpmn:process>
</bpmn:definitions>`;
  const r = await importBpmn(xml);
  const nodeIds = r.graph.nodes.map((n) => n.id);
  assert.equal(nodeIds[0], "ext_start");
  assert.match(nodeIds[1], /^Activity_x{46}_[0-9a-f]{8}$/);
  assert.equal(nodeIds[1].length, 64);
  assert.equal(nodeIds[2], "ext_start_2", "unique after cleaning");
  assert.deepEqual(r.graph.edges.map((e) => [e.id, e.from, e.to]), [[
    "ext_flow",
    "ext_start",
    nodeIds[1],
  ]]);
  assert.deepEqual(r.report.warnings.filter((w) => w.code === "id-changed").map((w) => w.id), [
    "ext:start",
    long,
    "ext_start",
    "ext:flow",
  ]);
  assert.equal((await importBpmn(xml)).graph.nodes[1].id, nodeIds[1]);
  assert.equal(r.report.layout, "auto");
});

Deno.test("elements whose ids BPMN tools reject are reported, not dropped silently", async () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="p" name="Ids">
    <bpmn:startEvent id="Start_Prüfung" />
    <bpmn:task id="Task_1" name="Check" />
  </bpmn:process>
</bpmn:definitions>`;
  const r = await importBpmn(xml);
  assert.deepEqual(r.graph.nodes.map((n) => n.id), ["Task_1"]);
  assert.deepEqual(r.report.unsupported, [{
    element: "bpmn:startEvent",
    id: "Start_Prüfung",
    line: 4,
    column: 5,
    reason:
      "its id is not one BPMN tools accept (ASCII letters, digits, _ . -), so it cannot be read",
  }]);
});

Deno.test("an element BPMN does not know is reported with its line and column", async () => {
  const base = await read("bpmnio_process_only.bpmn");
  const xml = base.replace(
    '    <bpmn:endEvent id="Event_0l34v3d"',
    '    <bpmn:fooTask id="Mystery_1" name="?" />\n    <bpmn:endEvent id="Event_0l34v3d"',
  );
  const r = await importBpmn(xml);
  assert.deepEqual(r.report.unsupported, [{
    element: "bpmn:fooTask",
    ...positionOf(xml, "<bpmn:fooTask"),
    reason: "not a known BPMN 2.0 element here (unknown type <bpmn:FooTask>)",
  }]);
  assert.equal(r.graph.nodes.length, 3);
});

Deno.test("a second pool with its own process is reported, not merged", async () => {
  const xml = (await read("camunda7_order.bpmn")).replace(
    '<bpmn:participant id="Participant_1c4u0vn" name="Customer" />',
    '<bpmn:participant id="Participant_1c4u0vn" name="Customer" processRef="Process_cust" />',
  ).replace(
    "  <bpmndi:BPMNDiagram",
    '  <bpmn:process id="Process_cust"><bpmn:task id="Activity_cust" name="Order" /></bpmn:process>\n  <bpmndi:BPMNDiagram',
  );
  const r = await importBpmn(xml);
  assert.ok(!r.graph.nodes.some((n) => n.id === "Activity_cust"));
  const customer = r.report.unsupported.filter((u) =>
    /Participant_1c4u0vn|Process_cust/.test(u.id!)
  );
  assert.deepEqual(customer.map((u) => [u.element, u.reason]), [
    [
      "bpmn:participant",
      'another pool: import the file again and choose "Customer" to get its process',
    ],
    [
      "bpmn:process",
      'the process of the pool "Customer", which was not chosen (with 1 inner element)',
    ],
  ]);
  assert.deepEqual(r.report.pools, [
    { id: "Participant_0x8k2l1", name: "Order handling", nodes: 12, chosen: true },
    { id: "Participant_1c4u0vn", name: "Customer", nodes: 1, chosen: false },
  ]);
  // The person chooses the other pool: its process is imported, the first one reported.
  const other = await importBpmn(xml, { pool: "Participant_1c4u0vn" });
  assert.deepEqual(other.graph.nodes.map((n) => n.id), ["Activity_cust"]);
  assert.equal(other.graph.pool, "Customer");
  assert.deepEqual(other.report.pools?.map((p) => p.chosen), [false, true]);
  assert.ok(other.report.unsupported.some((u) => u.id === "Process_0f1ez7w"));
  const unknown = await importBpmn(xml, { pool: "Nope" }).catch((e) => e);
  assert.ok(unknown instanceof ProblemError);
  assert.equal(unknown.status, 422);
  assert.deepEqual((unknown.extra as { errors: { field: string }[] }).errors[0].field, "pool");
});

// ---- refused files ----------------------------------------------------------------------

Deno.test("a truncated file is 422 bpmn-invalid at the real end of the file", async () => {
  const text = await read("camunda7_order.bpmn");
  const cut = text.slice(0, text.indexOf('<bpmn:sequenceFlow id="Flow_0c5d6e7"'));
  const e = await refused(cut);
  assert.equal(e.status, 422);
  assert.equal(e.slug, "bpmn-invalid");
  const lines = cut.split("\n");
  assert.deepEqual(
    [e.extra.line, e.extra.column],
    [lines.length, lines.at(-1)!.length + 1],
  );
  assert.deepEqual([e.extra.line, e.extra.column], [89, 5]);
  assert.equal(
    e.message,
    "Line 89, column 5: the file ends before <bpmn:process> is closed (2 elements are open); " +
      "is it truncated?",
  );

  // Cut inside a tag: the unclosed tag is named where it starts.
  const inTag = text.slice(0, text.indexOf('<bpmn:sequenceFlow id="Flow_0c5d6e7"') + 30);
  const e2 = await refused(inTag);
  assert.deepEqual([e2.extra.line, e2.extra.column], [89, 5]);
  assert.match(e2.message, /the tag <bpmn:sequenceFlow is not closed/);
});

Deno.test("a mismatched closing tag is 422 at that tag's line and column", async () => {
  const text = await read("camunda7_order.bpmn");
  const broken = text.replace(
    "<bpmn:incoming>Flow_1shp000</bpmn:incoming>\n    </bpmn:endEvent>",
    "<bpmn:incoming>Flow_1shp000</bpmn:incoming>\n    </bpmn:endEvnt>",
  );
  assert.notEqual(broken, text);
  const e = await refused(broken);
  assert.equal(e.status, 422);
  assert.deepEqual([e.extra.line, e.extra.column], [
    positionOf(broken, "</bpmn:endEvnt>").line,
    positionOf(broken, "</bpmn:endEvnt>").column,
  ]);
  assert.deepEqual([e.extra.line, e.extra.column], [78, 5]);
  assert.equal(
    e.message,
    "Line 78, column 5: closing tag </bpmn:endEvnt> does not match the open element " +
      "<bpmn:endEvent>.",
  );
  // Windows line ends count the same.
  const crlf = await refused(broken.replaceAll("\n", "\r\n"));
  assert.deepEqual([crlf.extra.line, crlf.extra.column], [78, 5]);
});

Deno.test("other XML errors name line and column too", async () => {
  const text = await read("bpmnio_process_only.bpmn");
  const cases: [string, string, RegExp][] = [
    [
      text.replace('name="Approve leave"', "name=Approve"),
      '<bpmn:task id="Activity_1ap9r0v"',
      /attribute value quotes in <bpmn:task>/,
    ],
    [
      text.replace("<bpmn:task id", "<foo:task id").replace("</bpmn:task>", "</foo:task>"),
      "<foo:task",
      /missing namespace on <foo:task>/,
    ],
    [
      text.replace("</bpmn:definitions>", "</bpmn:definitions>\ntrailing text"),
      "trailing text",
      /text outside the root element/,
    ],
  ];
  for (const [xml, at, message] of cases) {
    const e = await refused(xml);
    assert.equal(e.status, 422);
    assert.match(e.message, message);
    const expected = positionOf(xml, at);
    assert.deepEqual([e.extra.line, e.extra.column], [expected.line, expected.column]);
  }
  for (const empty of ["", "   \n", "just text"]) {
    const e = await refused(empty);
    assert.equal(e.status, 422);
    assert.match(e.message, /no XML element/);
  }
  const other = await refused('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>');
  assert.equal(other.slug, "bpmn-invalid");
  assert.match(other.message, /not BPMN 2.0: its root element must be <definitions>/);
});

Deno.test("a DOCTYPE (billion laughs) is refused; entities are never expanded anyway", async () => {
  const laughs = [
    '<?xml version="1.0"?>',
    "<!DOCTYPE lolz [",
    ' <!ENTITY lol "lol">',
    ...Array.from(
      { length: 9 },
      (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i || ""};`.repeat(10)}">`,
    ),
    "]>",
    '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">',
    '  <bpmn:process id="p"><bpmn:task id="t" name="&lol9;" /></bpmn:process>',
    "</bpmn:definitions>",
  ].join("\n");
  const e = await refused(laughs);
  assert.equal(e.status, 422);
  assert.deepEqual([e.extra.line, e.extra.column, e.extra.reason], [2, 1, "doctype"]);
  assert.match(e.message, /DOCTYPE and ENTITY declarations are not accepted/);

  // Without our guard: saxen (under bpmn-moddle) decodes only the five XML entities and
  // character references; anything else stays literal text, so nothing can expand.
  const external = laughs.replace('"lol">', 'SYSTEM "file:///etc/passwd">');
  for (const xml of [laughs, external]) {
    const { rootElement } = await createModdle().fromXML(xml);
    const process = (rootElement.rootElements as ModdleElement[])[0];
    const task = (process.flowElements as ModdleElement[])[0];
    assert.equal(task.name, "&lol9;");
  }
});

Deno.test("files over 5 MB and graphs over the limits are 413", async () => {
  const big = `<?xml version="1.0"?>\n<!--${"x".repeat(BPMN_MAX_BYTES)}-->`;
  const e = await refused(big);
  assert.equal(e.status, 413);
  assert.equal(e.extra.max, BPMN_MAX_BYTES);

  const n = GRAPH_LIMITS.nodes + 1;
  const tasks = Array.from({ length: n }, (_, i) => `<bpmn:task id="t${i}" />`).join("");
  const many =
    `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">` +
    `<bpmn:process id="p">${tasks}</bpmn:process></bpmn:definitions>`;
  const e2 = await refused(many);
  assert.equal(e2.status, 413);
  assert.equal(e2.slug, "graph-too-large");
  assert.deepEqual(e2.extra, { limit: "nodes", max: GRAPH_LIMITS.nodes, actual: n });
});

function assertInsideLanes(g: Graph) {
  let top = 0;
  const bands = new Map(g.lanes.map((l) => {
    const band = [top, top + l.size];
    top += l.size;
    return [l.id, band];
  }));
  for (const n of g.nodes) {
    if (n.laneId === null) continue;
    const [lo, hi] = bands.get(n.laneId)!;
    assert.ok(n.y >= lo && n.y + n.height <= hi, `${n.id} lies in lane ${n.laneId}`);
  }
}

Deno.test("damaged files never crash the import: a model, or a 422/413 problem", async () => {
  const files = await Promise.all([
    "camunda7_order.bpmn",
    "camunda8_onboarding.bpmn",
    "bpmnio_claims.bpmn",
    "no_di_purchase.bpmn",
  ].map(read));
  let seed = 1;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  let imported = 0;
  for (let i = 0; i < 200; i++) {
    const lines = files[i % files.length].split("\n");
    for (let k = 0; k < 1 + Math.floor(rnd() * 4); k++) {
      const j = Math.floor(rnd() * lines.length);
      const r = rnd();
      if (r < 0.4) lines.splice(j, 1); // a line (often half an element) is gone
      else if (r < 0.6) lines[j] = lines[j].replace(/ [a-zA-Z]+="[^"]*"/, ""); // an attribute
      else if (r < 0.8) lines[j] = lines[j].replace(/"[^"]*"/, '"-1e400"'); // a value
      else lines[j] = lines[j].replace(/id="([^"]*)"/, 'id="$1x"'); // a reference breaks
    }
    try {
      const { graph } = await importBpmn(lines.join("\n"));
      assert.ok(GraphSchema.safeParse(graph).success);
      imported++;
    } catch (e) {
      assert.ok(e instanceof ProblemError, `case ${i}: ${e}`);
      assert.ok([413, 422].includes(e.status) && e.slug !== "bpmn-unmappable", e.message);
    }
  }
  assert.ok(imported > 60, `${imported} of 200 damaged files still import`);
});
