// Validation findings: each code with a case that reports it and one that does not.
import assert from "node:assert/strict";
import { generateProcessGraph } from "../../bench/processes_layout.ts";
import { type Graph, type GraphInput, GraphSchema } from "./graph_schema.ts";
import {
  type Finding,
  FINDING_CODES,
  LANE_TOLERANCE,
  summarize,
  validateGraph,
  type ValidationContext,
} from "./graph_validate.ts";
import { layoutGraph } from "./layout.ts";
import type { LinkTargetKind } from "./schema.ts";

const POS_R = "00000000-0000-4000-8000-000000000001";
const POS_A = "00000000-0000-4000-8000-000000000002";
const POS_A2 = "00000000-0000-4000-8000-000000000003";
const POS_LANE = "00000000-0000-4000-8000-000000000004";
const UNIT = "00000000-0000-4000-8000-000000000005";
const DOC = "00000000-0000-4000-8000-000000000006";
const SYS = "00000000-0000-4000-8000-000000000007";
const REQ = "00000000-0000-4000-8000-000000000008";
const LOC = "00000000-0000-4000-8000-000000000009";
const PROC = "00000000-0000-4000-8000-00000000000a";
const GONE = "00000000-0000-4000-8000-0000000000ff";
const GONE2 = "00000000-0000-4000-8000-0000000000fe";

const KNOWN: Record<LinkTargetKind, string[]> = {
  position: [POS_R, POS_A, POS_A2, POS_LANE],
  orgUnit: [UNIT],
  document: [DOC],
  system: [SYS],
  requirement: [REQ],
  location: [LOC],
  process: [PROC],
};

/** A context knowing KNOWN; kinds in `unverifiable` have no provider. Records the calls. */
function context(unverifiable: LinkTargetKind[] = []) {
  const calls: [LinkTargetKind, string[]][] = [];
  const ctx: ValidationContext = {
    existing(kind, ids) {
      calls.push([kind, ids]);
      if (unverifiable.includes(kind)) return Promise.resolve(null);
      return Promise.resolve(new Set(ids.filter((id) => KNOWN[kind].includes(id))));
    },
  };
  return { ctx, calls };
}

const raci = (responsible: string[] = [POS_R], accountable: string[] = [POS_A]) => ({
  responsible,
  accountable,
  consulted: [],
  informed: [],
});

/**
 * A clean process: two lanes, start → "Check invoice" → "Amount?" → (≤ 1000) "Pay" /
 * (> 1000) "Approve" → merge → end. Lane "Clerk" 0–160, lane "Manager" 160–360.
 */
function base(): GraphInput {
  return {
    lanes: [
      { id: "clerk", name: "Clerk", positionId: POS_LANE, size: 160 },
      { id: "manager", name: "Manager", orgUnitId: UNIT, size: 200 },
    ],
    nodes: [
      {
        id: "start",
        type: "start",
        label: "Invoice in",
        laneId: "clerk",
        x: 40,
        y: 62,
        width: 36,
        height: 36,
      },
      {
        id: "check",
        type: "task",
        label: "Check invoice",
        laneId: "clerk",
        x: 120,
        y: 40,
        width: 120,
        height: 80,
        raci: raci(),
        links: { documents: [DOC], systems: [SYS], requirements: [REQ], locations: [LOC] },
      },
      {
        id: "amount",
        type: "xor",
        label: "Amount?",
        laneId: "clerk",
        x: 280,
        y: 55,
        width: 50,
        height: 50,
      },
      {
        id: "pay",
        type: "task",
        label: "Pay",
        laneId: "clerk",
        x: 380,
        y: 40,
        width: 120,
        height: 80,
        raci: raci(),
      },
      {
        id: "approve",
        type: "task",
        label: "Approve",
        laneId: "manager",
        x: 380,
        y: 220,
        width: 120,
        height: 80,
        raci: raci([POS_A2], [POS_A]),
      },
      {
        id: "merge",
        type: "xor",
        label: "",
        laneId: "clerk",
        x: 540,
        y: 55,
        width: 50,
        height: 50,
      },
      {
        id: "done",
        type: "end",
        label: "Paid",
        laneId: "clerk",
        x: 640,
        y: 62,
        width: 36,
        height: 36,
      },
    ],
    edges: [
      { id: "e1", from: "start", to: "check" },
      { id: "e2", from: "check", to: "amount" },
      { id: "e3", from: "amount", to: "pay", condition: "≤ 1000" },
      { id: "e4", from: "amount", to: "approve", condition: "> 1000" },
      { id: "e5", from: "pay", to: "merge" },
      { id: "e6", from: "approve", to: "merge" },
      { id: "e7", from: "merge", to: "done" },
    ],
  };
}

const parse = (g: GraphInput): Graph => GraphSchema.parse(g);
/** The base graph, changed by `edit` (on the input, before parsing). */
const variant = (edit: (g: GraphInput) => void): Graph => {
  const g = base();
  edit(g);
  return parse(g);
};
const nodeOf = (g: GraphInput, id: string) => g.nodes.find((n) => n.id === id)!;

async function findings(g: Graph, unverifiable: LinkTargetKind[] = []) {
  return await validateGraph(g, context(unverifiable).ctx);
}
async function codes(g: Graph, unverifiable: LinkTargetKind[] = []) {
  return (await findings(g, unverifiable)).map((f) => f.code);
}
async function only(g: Graph, code: string): Promise<Finding[]> {
  return (await findings(g)).filter((f) => f.code === code);
}

Deno.test("validate: the clean process has no findings", async () => {
  assert.deepEqual(await findings(parse(base())), []);
  assert.deepEqual(summarize([]), { errors: 0, warnings: 0, publishable: true });
});

Deno.test("validate: every finding code is kebab-case with a severity", () => {
  for (const [code, severity] of Object.entries(FINDING_CODES)) {
    assert.match(code, /^[a-z]+(-[a-z]+)*$/);
    assert.ok(severity === "error" || severity === "warning");
  }
});

Deno.test("validate: dangling edges in a raw graph are errors, not exceptions", async () => {
  const raw = parse(base());
  raw.edges.push({ ...raw.edges[0], id: "ghost", from: "check", to: "nowhere" });
  raw.edges.push({ ...raw.edges[0], id: "lost", from: "gone", to: "away" });
  const found = (await findings(raw)).filter((f) => f.code === "dangling-edge");
  assert.deepEqual(found.map((f) => [f.severity, f.edgeIds, f.nodeIds]), [
    ["error", ["ghost"], ["check"]],
    ["error", ["lost"], []],
  ]);
  assert.equal(found[0].message, "Flow ghost refers to node nowhere, which does not exist.");
  assert.match(found[1].message, /nodes gone and away, which do not exist/);
  assert.deepEqual(await only(parse(base()), "dangling-edge"), []);
});

Deno.test("validate: duplicate ids in a raw graph are errors", async () => {
  const raw = parse(base());
  raw.nodes.push({ ...raw.nodes[1] });
  raw.lanes.push({ ...raw.lanes[0] });
  const found = await only(raw, "duplicate-id");
  assert.deepEqual(found.map((f) => [f.laneIds, f.nodeIds]), [[["clerk"], []], [[], ["check"]]]);
});

Deno.test("validate: nodes without a lane; annotations may float", async () => {
  const g = variant((g) => {
    nodeOf(g, "pay").laneId = null;
    g.nodes.push({
      id: "note",
      type: "annotation",
      label: "FYI",
      laneId: null,
      x: 0,
      y: 0,
      width: 100,
      height: 40,
    });
  });
  const found = await only(g, "node-without-lane");
  assert.deepEqual(found.map((f) => [f.severity, f.nodeIds, f.message]), [
    ["error", ["pay"], 'Task "Pay" is not in a lane.'],
  ]);
  const raw = parse(base());
  raw.nodes[1].laneId = "nowhere"; // only possible in raw graphs
  assert.deepEqual((await only(raw, "node-without-lane")).map((f) => f.message), [
    'Task "Check invoice" refers to lane nowhere, which does not exist.',
  ]);
});

Deno.test("validate: nodes outside their lane's band, with a tolerance", async () => {
  // "approve" sits in lane "manager" (160–360); its box is 80 high.
  const at = async (y: number) =>
    await only(variant((g) => void (nodeOf(g, "approve").y = y)), "node-outside-lane");
  assert.deepEqual(await at(160), []);
  assert.deepEqual(await at(280), []);
  assert.deepEqual(await at(160 - LANE_TOLERANCE), [], "touching the border is fine");
  assert.deepEqual(await at(280 + LANE_TOLERANCE), []);
  const above = await at(160 - LANE_TOLERANCE - 1);
  assert.deepEqual(above.map((f) => [f.severity, f.nodeIds, f.laneIds]), [
    ["error", ["approve"], ["manager"]],
  ]);
  assert.equal(above[0].message, 'Task "Approve" lies outside its lane "Manager".');
  assert.equal((await at(281 + LANE_TOLERANCE)).length, 1);
  assert.equal((await at(40)).length, 1, "drawn in the other lane");
  // Annotations in a lane are held to it too.
  const note = variant((g) =>
    void g.nodes.push({
      id: "n",
      type: "annotation",
      label: "",
      laneId: "clerk",
      x: 0,
      y: 400,
      width: 10,
      height: 10,
    })
  );
  assert.deepEqual((await only(note, "node-outside-lane")).map((f) => f.message), [
    'Annotation n lies outside its lane "Clerk".',
  ]);
});

Deno.test("validate: missing start and end events; no reachability flood then", async () => {
  const noStart = variant((g) => {
    g.nodes = g.nodes.filter((n) => n.id !== "start");
    g.edges = g.edges.filter((e) => e.from !== "start");
  });
  assert.deepEqual(await codes(noStart), ["missing-start"]);
  const noEnd = variant((g) => {
    g.nodes = g.nodes.filter((n) => n.id !== "done");
    g.edges = g.edges.filter((e) => e.to !== "done");
  });
  assert.deepEqual(await codes(noEnd), ["missing-end"]);
  const empty = parse({ lanes: [], nodes: [], edges: [] });
  const both = await findings(empty);
  assert.deepEqual(both.map((f) => [f.code, f.severity, f.message]), [
    ["missing-start", "error", "The process has no start event."],
    ["missing-end", "error", "The process has no end event."],
  ]);
  assert.deepEqual(summarize(both), { errors: 2, warnings: 0, publishable: false });
});

Deno.test("validate: a subprocess must name its process, and the process must exist", async () => {
  const sub = (processId: string | null | undefined) =>
    variant((g) => {
      Object.assign(nodeOf(g, "pay"), { type: "subprocess", processId, raci: undefined });
    });
  assert.deepEqual(await codes(sub(PROC)), []);
  for (const missing of [null, undefined]) {
    const found = await findings(sub(missing));
    assert.deepEqual(found.map((f) => [f.code, f.severity, f.nodeIds, f.message]), [
      [
        "subprocess-without-process",
        "error",
        ["pay"],
        'Subprocess "Pay" does not say which process it calls.',
      ],
    ]);
  }
  const gone = await findings(sub(GONE));
  assert.deepEqual(gone.map((f) => [f.code, f.targetKind, f.targetIds, f.message]), [
    [
      "missing-link-target",
      "process",
      [GONE],
      'Subprocess "Pay" calls a process that no longer exists.',
    ],
  ]);
});

Deno.test("validate: links to objects that no longer exist, per element and relation", async () => {
  const g = variant((g) => {
    g.lanes[0].positionId = GONE;
    g.lanes[1].orgUnitId = GONE2;
    nodeOf(g, "check").raci = raci([GONE, GONE2], [POS_A]);
    nodeOf(g, "check").links = {
      documents: [DOC, GONE],
      systems: [SYS],
      requirements: [GONE2],
      locations: [],
    };
    nodeOf(g, "approve").raci = { ...raci([POS_A2], [POS_A]), informed: [GONE] };
  });
  const found = await only(g, "missing-link-target");
  assert.deepEqual(
    found.map((f) => [f.severity, f.nodeIds, f.laneIds, f.targetKind, f.targetIds, f.message]),
    [
      [
        "error",
        [],
        ["clerk"],
        "position",
        [GONE],
        'Lane "Clerk" refers to a position that no longer exists.',
      ],
      [
        "error",
        [],
        ["manager"],
        "orgUnit",
        [GONE2],
        'Lane "Manager" refers to an org unit that no longer exists.',
      ],
      [
        "error",
        ["check"],
        [],
        "position",
        [GONE, GONE2],
        'Task "Check invoice" refers to 2 responsible positions that no longer exist.',
      ],
      [
        "error",
        ["check"],
        [],
        "document",
        [GONE],
        'Task "Check invoice" refers to a document that no longer exists.',
      ],
      [
        "error",
        ["check"],
        [],
        "requirement",
        [GONE2],
        'Task "Check invoice" refers to a requirement that no longer exists.',
      ],
      [
        "error",
        ["approve"],
        [],
        "position",
        [GONE],
        'Task "Approve" refers to an informed position that no longer exists.',
      ],
    ],
  );
});

Deno.test("validate: links are looked up once per kind, with unique ids", async () => {
  const { ctx, calls } = context();
  await validateGraph(
    variant((g) => {
      nodeOf(g, "pay").raci = raci([POS_R, POS_R], [POS_A]);
      nodeOf(g, "pay").links = {
        documents: [DOC, DOC],
        systems: [],
        requirements: [],
        locations: [],
      };
    }),
    ctx,
  );
  assert.deepEqual(calls, [
    ["position", [POS_R, POS_A, POS_A2, POS_LANE].sort()],
    ["orgUnit", [UNIT]],
    ["document", [DOC]],
    ["system", [SYS]],
    ["requirement", [REQ]],
    ["location", [LOC]],
  ]);
});

Deno.test("validate: kinds nobody provides give one warning each, naming how many", async () => {
  const found = await findings(
    variant((g) => {
      nodeOf(g, "check").links = {
        documents: [DOC, GONE],
        systems: [SYS],
        requirements: [],
        locations: [],
      };
      nodeOf(g, "pay").links = { documents: [DOC], systems: [], requirements: [], locations: [] };
    }),
    ["document", "system"],
  );
  assert.deepEqual(found.map((f) => [f.code, f.severity, f.targetKind, f.nodeIds, f.message]), [
    [
      "unverifiable-links",
      "warning",
      "document",
      ["check", "pay"],
      "Links to 2 documents cannot be checked: no installed plugin provides documents.",
    ],
    [
      "unverifiable-links",
      "warning",
      "system",
      ["check"],
      "Links to 1 IT system cannot be checked: no installed plugin provides IT systems.",
    ],
  ]);
  assert.deepEqual(await codes(parse(base()), ["process"]), [], "no subprocess, nothing to say");
});

Deno.test("validate: unreachable nodes and nodes that lead nowhere", async () => {
  const g = variant((g) => {
    g.nodes.push({
      id: "orphan",
      type: "task",
      label: "Archive",
      laneId: "clerk",
      x: 700,
      y: 40,
      width: 120,
      height: 80,
      raci: raci(),
    });
    g.nodes.push({
      id: "dead",
      type: "task",
      label: "File away",
      laneId: "clerk",
      x: 700,
      y: 40,
      width: 120,
      height: 80,
      raci: raci(),
    });
    g.nodes.push({
      id: "note",
      type: "annotation",
      label: "",
      laneId: null,
      x: 0,
      y: 0,
      width: 100,
      height: 40,
    });
    g.edges.push({ id: "e8", from: "orphan", to: "done" }, { id: "e9", from: "check", to: "dead" });
  });
  const found = await findings(g);
  assert.deepEqual(found.map((f) => [f.code, f.severity, f.nodeIds]), [
    ["unreachable-node", "warning", ["orphan"]],
    ["cannot-reach-end", "warning", ["dead"]],
  ]);
  assert.equal(found[0].message, 'Task "Archive" cannot be reached from a start event.');
  assert.equal(found[1].message, 'Task "File away" does not lead to an end event.');
});

Deno.test("validate: loops are fine when they reach the end", async () => {
  const g = variant((g) => {
    g.edges.find((e) => e.id === "e7")!.condition = "complete";
    g.edges.push({ id: "back", from: "merge", to: "check", label: "incomplete" });
  });
  assert.deepEqual(await codes(g), []);
  const trap = variant((g) => {
    g.edges = g.edges.filter((e) => e.id !== "e7");
    g.edges.push({ id: "back", from: "merge", to: "check" }, {
      id: "e7",
      from: "done",
      to: "done",
    });
  });
  assert.deepEqual(
    (await findings(trap)).filter((f) => f.code === "cannot-reach-end").map((f) => f.nodeIds[0]),
    ["start", "check", "amount", "pay", "approve", "merge"],
  );
});

Deno.test("validate: gateways that neither split nor merge", async () => {
  const g = variant((g) => {
    // check → amount → pay only: "amount" has one way in, one way out.
    g.edges = g.edges.filter((e) => e.id !== "e4");
    g.edges.push({ id: "e4", from: "check", to: "approve" });
  });
  const found = await only(g, "gateway-single-outflow");
  assert.deepEqual(found.map((f) => [f.severity, f.nodeIds, f.edgeIds, f.message]), [
    [
      "warning",
      ["amount"],
      ["e3"],
      'Exclusive gateway "Amount?" has only one outgoing flow and merges nothing; it can be removed.',
    ],
  ]);
  // The merge gateway has one outflow too, but merges two flows: no finding.
  assert.deepEqual(await only(parse(base()), "gateway-single-outflow"), []);
  const and = variant((g) => {
    nodeOf(g, "merge").type = "and";
    g.edges = g.edges.filter((e) => e.id !== "e6");
    g.edges.push({ id: "e6", from: "approve", to: "done" });
  });
  assert.deepEqual((await only(and, "gateway-single-outflow")).map((f) => f.message), [
    "Parallel gateway merge has only one outgoing flow and merges nothing; it can be removed.",
  ]);
});

Deno.test("validate: exclusive splits need a condition or label on each way", async () => {
  const g = variant((g) => {
    g.edges.find((e) => e.id === "e4")!.condition = " ";
  });
  const found = await only(g, "xor-outflow-without-condition");
  assert.deepEqual(found.map((f) => [f.severity, f.nodeIds, f.edgeIds]), [["warning", ["amount"], [
    "e4",
  ]]]);
  assert.equal(
    found[0].message,
    'Exclusive gateway "Amount?" has 1 of 2 outgoing flows without a condition or label, so it is unclear when each is taken.',
  );
  const labelled = variant((g) => {
    Object.assign(g.edges.find((e) => e.id === "e4")!, { condition: null, label: "large" });
  });
  assert.deepEqual(await only(labelled, "xor-outflow-without-condition"), []);
  const parallel = variant((g) => {
    nodeOf(g, "amount").type = "and";
    for (const e of g.edges) e.condition = null;
  });
  assert.deepEqual(await only(parallel, "xor-outflow-without-condition"), []);
});

Deno.test("validate: tasks need one responsible and at most one accountable", async () => {
  const g = variant((g) => {
    nodeOf(g, "pay").raci = raci([], [POS_A, POS_A2]);
    delete nodeOf(g, "approve").raci;
    nodeOf(g, "check").raci = raci([POS_R], [POS_A, POS_A]); // the same one twice
  });
  const found = await findings(g);
  assert.deepEqual(found.map((f) => [f.code, f.severity, f.nodeIds]), [
    ["task-without-responsible", "warning", ["pay"]],
    ["task-without-responsible", "warning", ["approve"]],
    ["multiple-accountable", "warning", ["pay"]],
  ]);
  assert.equal(found[0].message, 'Task "Pay" has no responsible position.');
  assert.equal(
    found[2].message,
    'Task "Pay" has 2 accountable positions; there should be exactly one.',
  );
  assert.deepEqual(found[2].targetIds, [POS_A, POS_A2]);
});

Deno.test("validate: edges touching annotations are noted and carry no flow", async () => {
  const g = variant((g) => {
    g.nodes.push({
      id: "note",
      type: "annotation",
      label: "Four eyes",
      laneId: null,
      x: 0,
      y: 0,
      width: 100,
      height: 40,
    });
    g.edges.push({ id: "assoc", from: "approve", to: "note" });
  });
  const found = await findings(g);
  assert.deepEqual(found.map((f) => [f.code, f.severity, f.edgeIds, f.nodeIds]), [
    ["annotation-edge", "warning", ["assoc"], ["approve", "note"]],
  ]);
  assert.match(found[0].message, /Flow assoc from task "Approve" to annotation "Four eyes"/);
  // An annotation does not connect the flow: a node reached only through one is unreachable.
  const bridge = variant((g) => {
    g.nodes.push({
      id: "note",
      type: "annotation",
      label: "",
      laneId: null,
      x: 0,
      y: 0,
      width: 100,
      height: 40,
    });
    g.edges = g.edges.filter((e) => e.id !== "e1");
    g.edges.push({ id: "a1", from: "start", to: "note" }, { id: "a2", from: "note", to: "check" });
  });
  assert.deepEqual(await codes(bridge), [
    "unreachable-node",
    "unreachable-node",
    "unreachable-node",
    "unreachable-node",
    "unreachable-node",
    "unreachable-node",
    "cannot-reach-end",
    "annotation-edge",
    "annotation-edge",
  ]);
});

Deno.test("validate: errors come before warnings, in a fixed order", async () => {
  const g = variant((g) => {
    delete nodeOf(g, "pay").raci;
    nodeOf(g, "approve").laneId = null;
    g.nodes = g.nodes.filter((n) => n.id !== "start");
    g.edges = g.edges.filter((e) => e.from !== "start");
  });
  const first = await findings(g);
  assert.deepEqual(first.map((f) => f.code), [
    "node-without-lane",
    "missing-start",
    "task-without-responsible",
  ]);
  assert.deepEqual(await findings(g), first, "the same every time");
  const severities = first.map((f) => f.severity);
  assert.deepEqual(severities, [...severities].sort());
});

Deno.test("validate: a laid-out 2,000-node graph has no structural errors", async () => {
  // Speed is measured by bench/processes_layout.ts, never asserted in a test.
  const g = layoutGraph(generateProcessGraph(2000, 10, 11));
  const { ctx } = context();
  const found: Finding[] = await validateGraph(g, ctx);
  // The generated positions are unknown here; the laid-out graph has no other errors.
  assert.deepEqual(
    found.filter((f) => f.severity === "error" && f.code !== "missing-link-target"),
    [],
  );
});
