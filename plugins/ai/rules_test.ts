// The offline analyser's rules, the operations suggestions apply, and the Redactor.
import assert from "node:assert/strict";
import type { Graph } from "../processes/service.ts";
import { applyOperations } from "./operations.ts";
import { Redactor } from "./privacy.ts";
import { analyseGraph } from "./rules.ts";

const P1 = "01900000-0000-7000-8000-000000000001";
const SAP = "01900000-0000-7000-8000-00000000000a";
const EXCEL = "01900000-0000-7000-8000-00000000000b";
const node = (id: string, type: string, label: string, extra: Record<string, unknown> = {}) => ({
  id,
  type,
  label,
  laneId: "l1",
  x: 0,
  y: 0,
  width: 100,
  height: 80,
  ...extra,
});

const graph = {
  schemaVersion: 1,
  lanes: [
    { id: "l1", name: "Sales", positionId: P1, orgUnitId: null, size: 160 },
    { id: "l2", name: "Accountant", positionId: null, orgUnitId: null, size: 160 },
  ],
  nodes: [
    node("s", "start", "Start"),
    node("t1", "task", "Enter the order", { links: { systems: [SAP], documents: [] } }),
    node("t2", "task", "Copy the order to the list", { links: { systems: [EXCEL] } }),
    node("x", "xor", "Complete?"),
    node("w", "task", "Wait for the customer"),
    node("y", "task", "Do"),
    node("f", "task", "Fill in the order form", { raci: { responsible: [P1] } }),
    node("e", "end", "Done"),
    node("l", "task", "Loop a", { raci: { responsible: [P1] } }),
    node("m", "task", "Loop b", { raci: { responsible: [P1] } }),
  ],
  edges: [
    { id: "a", from: "s", to: "t1" },
    { id: "b", from: "t1", to: "t2" },
    { id: "c", from: "t2", to: "x" },
    { id: "d", from: "x", to: "w", condition: "no" },
    { id: "g", from: "x", to: "f", condition: "yes" },
    { id: "h", from: "w", to: "y" },
    { id: "i", from: "y", to: "e" },
    { id: "j", from: "f", to: "l" },
    { id: "k", from: "l", to: "m" },
    { id: "n", from: "m", to: "l" },
  ].map((e) => ({ label: "", condition: null, waypoints: [], ...e })),
} as unknown as Graph;

const ctx = {
  positions: [{ id: P1, title: "Head of Sales (Sales)" }, {
    id: "01900000-0000-7000-8000-000000000002",
    title: "Accountant (Accounting)",
  }],
  labels: new Map([[SAP, "SAP"], [EXCEL, "Excel"]]),
};

test("the rules find every kind of structural finding, each with a suggestion", () => {
  const findings = analyseGraph(graph, ctx);
  const codes = new Set(findings.map((f) => f.code));
  for (
    const code of [
      "step-without-responsible",
      "lane-without-position",
      "media-break",
      "loop-without-exit",
      "decision-without-default",
      "waiting-step",
      "unclear-step-name",
      "document-not-linked",
    ]
  ) assert.ok(codes.has(code as never), `finds ${code}`);
  const lane = findings.find((f) => f.code === "lane-without-position")!;
  assert.deepEqual(lane.suggestion.change, [{
    op: "setLanePosition",
    laneId: "l2",
    positionId: "01900000-0000-7000-8000-000000000002",
  }]);
  const media = findings.find((f) => f.code === "media-break")!;
  assert.match(media.message, /"SAP".*"Excel"/);
  const loop = findings.find((f) => f.code === "loop-without-exit")!;
  assert.deepEqual(loop.nodeIds, ["l", "m"]);
  assert.equal(loop.suggestion.change[0].op, "addEdge");
  assert.ok(findings.every((f) => f.suggestion.text.length > 0));
});

test("applying every suggested change gives a graph without those findings", () => {
  let g = graph;
  for (const f of analyseGraph(graph, ctx)) g = applyOperations(g, f.suggestion.change);
  const left = new Set(analyseGraph(g, ctx).map((f) => f.code));
  for (const code of ["loop-without-exit", "decision-without-default", "lane-without-position"]) {
    assert.ok(!left.has(code as never), `${code} fixed`);
  }
  assert.equal(graph.edges.length, 10, "the original graph is untouched");
});

test("an operation on an element that is gone is a 409, not a partial change", () => {
  assert.throws(
    () => applyOperations(graph, [{ op: "setLabel", nodeId: "gone", label: "x" }]),
    (e: { status?: number; slug?: string }) => e.status === 409 && e.slug === "suggestion-outdated",
  );
});

test("the Redactor hides names, e-mail addresses, phone numbers and IBANs, and restores them", () => {
  const names = ["Erika Mustermann", "Jan van der Berg"];
  const r = new Redactor({ terms: [...names, "Head office"], names });
  const text =
    "Erika Mustermann (erika@example.com, +49 30 1234567) asks Jan van der Berg; Erika signs. IBAN DE89 3704 0044 0532 0130 00. ISO 9001 applies, the form takes 30 minutes";
  const scrubbed = r.scrub(text);
  for (const s of ["Erika", "Mustermann", "erika@example.com", "1234567", "Berg", "DE89"]) {
    assert.ok(!scrubbed.includes(s), `${s} hidden: ${scrubbed}`);
  }
  assert.ok(scrubbed.includes("ISO 9001") && scrubbed.includes("30 minutes"), scrubbed);
  assert.equal(r.scrub("Head of Sales"), "Head of Sales", "parts of other values stay");
  assert.ok(scrubbed.includes(" der ") || !scrubbed.includes("van der"), "particles stay words");
  assert.equal(r.restore(scrubbed), text);
  assert.deepEqual(r.counts, { PERSON: 3, EMAIL: 1, PHONE: 1, IBAN: 1 });
});

function test(name: string, fn: () => void) {
  Deno.test(name, fn);
}
