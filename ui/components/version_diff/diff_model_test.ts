// The visual diff's pure parts: which versions open first, what each side marks, where an
// edge sits, and how a changed field reads in the list.
import assert from "node:assert/strict";
import { describeChanges } from "../../editor/describe_changes.ts";
import type { Graph } from "../diagram/geometry.ts";
import { fieldChanges, referencedIds } from "./change_values.ts";
import {
  defaultPair,
  graphHas,
  highlightsFor,
  isLayoutOnly,
  parseRef,
  pathBox,
  unionBox,
} from "./diff_model.ts";

const task = (id: string, label: string, laneId = "a", x = 100) => ({
  id,
  type: "task" as const,
  label,
  laneId,
  x,
  y: 20,
  width: 120,
  height: 80,
});
const flow = (id: string, from: string, to: string) => ({
  id,
  from,
  to,
  label: "",
  condition: null,
  waypoints: [],
});

const base: Graph = {
  schemaVersion: 1,
  lanes: [
    { id: "a", name: "Sales", size: 160, positionId: "pos-1", orgUnitId: null },
    { id: "b", name: "Stock", size: 160, positionId: null, orgUnitId: null },
  ],
  nodes: [task("check", "Check order"), task("ship", "Ship", "b", 300), task("pay", "Pay")],
  edges: [flow("f1", "check", "ship"), flow("f2", "ship", "pay")],
} as Graph;

const graph: Graph = {
  ...base,
  nodes: [
    { ...task("check", "Check the order", "b"), raci: { responsible: ["pos-2"] } },
    task("pay", "Pay", "a", 140),
    task("notify", "Notify"),
  ],
  edges: [flow("f3", "check", "notify"), flow("f4", "notify", "pay")],
} as Graph;

Deno.test("the first pair: newest published against the draft, or the two newest versions", () => {
  assert.deepEqual(defaultPair([3, 2, 1], true), { from: 3, to: "draft" });
  assert.deepEqual(defaultPair([3, 2, 1], false), { from: 2, to: 3 });
  assert.equal(defaultPair([1], false), undefined);
  assert.equal(defaultPair([], true), undefined);
});

Deno.test("version refs from the URL: draft or a positive number, nothing else", () => {
  assert.equal(parseRef("draft"), "draft");
  assert.equal(parseRef("12"), 12);
  for (const bad of ["", "0", "-1", "1.5", "published", "1e3", null, undefined]) {
    assert.equal(parseRef(bad), undefined, String(bad));
  }
});

Deno.test("the earlier side marks removed and changed, the later one added and changed", () => {
  const records = describeChanges(base, graph);
  const from = highlightsFor(records, "from"), to = highlightsFor(records, "to");
  assert.deepEqual(Object.fromEntries(from.node), {
    ship: "removed",
    check: "changed",
    pay: "changed",
  });
  assert.equal(from.node.has("notify"), false);
  assert.deepEqual(Object.fromEntries(to.node), {
    notify: "added",
    check: "changed",
    pay: "changed",
  });
  assert.deepEqual([...from.edge.keys()].sort(), ["f1", "f2"]);
  assert.deepEqual([...to.edge.keys()].sort(), ["f3", "f4"]);
  assert.ok(graphHas(graph, { element: "node", id: "notify" }));
  assert.ok(!graphHas(base, { element: "node", id: "notify" }));
});

Deno.test("a step that only moved is a layout-only change", () => {
  const records = describeChanges(base, graph);
  const pay = records.find((r) => r.id === "pay")!;
  const check = records.find((r) => r.id === "check")!;
  assert.equal(isLayoutOnly(pay), true);
  assert.equal(isLayoutOnly(check), false);
});

Deno.test("an edge's box spans its path; boxes join", () => {
  assert.deepEqual(pathBox("M10 20L10 80L-5.5 80"), { x: -5.5, y: 20, width: 15.5, height: 60 });
  assert.equal(pathBox(""), undefined);
  assert.deepEqual(
    unionBox({ x: 0, y: 0, width: 10, height: 10 }, { x: 5, y: -5, width: 10, height: 10 }),
    { x: 0, y: -5, width: 15, height: 15 },
  );
});

Deno.test("changed fields read as before → after, with names for ids", () => {
  const records = describeChanges(base, graph);
  const check = records.find((r) => r.id === "check")!;
  assert.deepEqual(referencedIds(records).positions, new Set(["pos-2"]));
  const names = new Map([["pos-2", "Clerk"]]);
  const fields = fieldChanges(check, { base, graph, names });
  const byField = Object.fromEntries(fields.map((f) => [f.field, f]));
  assert.deepEqual(
    [byField.label.before, byField.label.after],
    ["“Check order”", "“Check the order”"],
  );
  assert.deepEqual([byField.lane.before, byField.lane.after], ["“Sales”", "“Stock”"]);
  assert.deepEqual([byField.raci.before, byField.raci.after], ["(none)", "R: Clerk"]);
  const pay = fieldChanges(records.find((r) => r.id === "pay")!, { base, graph, names });
  assert.deepEqual(pay.map((f) => [f.name, f.note]), [["Position or size", "moved or resized"]]);
});
