// The org chart layout the export and the app's org chart page share: boxes never overlap,
// collapsing a unit hides what is below it and says how much, a box lists all its positions
// when the app asks (a search hit among them), and search finds units, positions and people.
import assert from "node:assert/strict";
import { chartDrawing } from "./orgchart_drawing.ts";
import {
  boxHeight,
  type ChartUnit,
  chartUnits,
  findInChart,
  layoutChart,
  MAX_POSITIONS,
  type UnitBox,
} from "./orgchart_layout.ts";
import { roughMeasure } from "./primitives.ts";

const unit = (id: string, children: ChartUnit[] = [], positions = 1): ChartUnit => ({
  id,
  name: `Unit ${id}`,
  positions: Array.from({ length: positions }, (_, i) => ({
    id: `${id}-p${i}`,
    title: `Position ${id}.${i}`,
    holders: i === 0 ? [`Person ${id}`] : [],
  })),
  children,
});

/** A board with four divisions of three teams, one division with seven leaf teams. */
const sample = () => [
  unit("board", [
    unit("a", [unit("a1"), unit("a2"), unit("a3")]),
    unit("b", [unit("b1", [], 8), unit("b2"), unit("b3")]),
    unit("c", Array.from({ length: 7 }, (_, i) => unit(`c${i}`))),
    unit("d", [unit("d1", [unit("d11"), unit("d12")])]),
  ], 2),
];

const overlaps = (a: UnitBox, b: UnitBox) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

Deno.test("every unit gets a box, no two overlap, and all lie inside the chart", () => {
  const layout = layoutChart(sample());
  assert.equal(layout.boxes.length, 21);
  for (const [i, a] of layout.boxes.entries()) {
    assert.ok(a.x >= 0 && a.y >= 0, a.unit.id);
    assert.ok(a.x + a.width <= layout.width && a.y + a.height <= layout.height, a.unit.id);
    for (const b of layout.boxes.slice(i + 1)) {
      assert.ok(!overlaps(a, b), `${a.unit.id} overlaps ${b.unit.id}`);
    }
  }
  const b1 = layout.boxes.find((b) => b.unit.id === "b1")!;
  assert.equal(b1.shown.length, MAX_POSITIONS);
  assert.equal(b1.morePositions, 3);
});

Deno.test("a collapsed unit hides its descendants and counts them; the chart gets smaller", () => {
  const full = layoutChart(sample());
  const folded = layoutChart(sample(), { collapsed: new Set(["d", "c"]) });
  const ids = folded.boxes.map((b) => b.unit.id);
  assert.ok(ids.includes("d") && !ids.includes("d1") && !ids.includes("d11"));
  assert.ok(!ids.some((id) => /^c\d$/.test(id)));
  assert.equal(folded.boxes.find((b) => b.unit.id === "d")!.hiddenUnits, 3);
  assert.equal(folded.boxes.find((b) => b.unit.id === "c")!.hiddenUnits, 7);
  assert.equal(folded.boxes.find((b) => b.unit.id === "a")!.hiddenUnits, 0);
  assert.ok(folded.width < full.width || folded.height < full.height);
  // Collapsing a leaf changes nothing.
  assert.deepEqual(layoutChart(sample(), { collapsed: new Set(["a1"]) }), full);
});

Deno.test("a unit asked for all positions lists them all in a taller box", () => {
  const layout = layoutChart(sample(), { allPositions: new Set(["b1"]) });
  const b1 = layout.boxes.find((b) => b.unit.id === "b1")!;
  assert.equal(b1.shown.length, 8);
  assert.equal(b1.morePositions, 0);
  assert.equal(b1.height, boxHeight(8, 8));
  assert.ok(b1.height > boxHeight(8));
});

Deno.test("search finds units by name and positions by title or holder, in tree order", () => {
  const roots = sample();
  assert.deepEqual(findInChart(roots, "  "), []);
  assert.deepEqual(findInChart(roots, "person B1"), [{ unitId: "b1", positionId: "b1-p0" }]);
  assert.deepEqual(findInChart(roots, "POSITION d1"), [
    { unitId: "d1", positionId: "d1-p0" },
    { unitId: "d11", positionId: "d11-p0" },
    { unitId: "d12", positionId: "d12-p0" },
  ]);
  assert.deepEqual(findInChart(roots, "unit a2"), [{ unitId: "a2" }]);
});

Deno.test("the tree as the API sends it becomes the layout's units", () => {
  const [u] = chartUnits([{
    id: "u",
    name: "Sales",
    parentId: null,
    positions: [{
      id: "p",
      title: "Head",
      reportsToId: null,
      holders: [{ employeeId: "e", name: "Jane", primary: true }],
    }],
    children: [],
  } as never]);
  assert.deepEqual(u, {
    id: "u",
    name: "Sales",
    staff: false,
    positions: [{ id: "p", title: "Head", holders: ["Jane"] }],
    children: [],
  });
});

Deno.test("the drawing groups every unit and position by id and marks search hits", () => {
  const roots = sample();
  const drawing = chartDrawing(layoutChart(roots), {
    measure: roughMeasure,
    title: "Sample",
    words: { vacant: "vacant", morePositions: (n) => `+${n}`, hiddenUnits: (n) => `+${n}` },
    highlight: new Set(["a", "b1-p0"]),
  });
  const groups = drawing.primitives.filter((p) => p.kind === "group");
  assert.equal(groups.length, 21);
  const a = groups.find((g) => g.kind === "group" && g.id === "a")!;
  assert.ok(JSON.stringify(a).includes('"header hit"'));
  const b1 = groups.find((g) => g.kind === "group" && g.id === "b1")!;
  const rows = b1.kind === "group" ? b1.children.filter((c) => c.kind === "group") : [];
  assert.deepEqual(rows.map((r) => r.kind === "group" && r.id), [
    "b1-p0",
    "b1-p1",
    "b1-p2",
    "b1-p3",
    "b1-p4",
  ]);
  assert.ok(JSON.stringify(rows[0]).includes('"row hit"'));
  assert.ok(!JSON.stringify(rows[1]).includes("hit"));
});
