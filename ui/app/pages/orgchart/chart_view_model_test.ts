// The drawn org chart's state: big charts start collapsed below the second level (and what a
// person opened stays open on reload), search hits open their ancestors and, beyond the first
// positions, their box, and the keyboard walks the units that are drawn.
import assert from "node:assert/strict";
import type { ChartUnit } from "../../../../plugins/exports/drawing_core/orgchart_layout.ts";
import {
  ancestorsOf,
  COLLAPSE_ABOVE,
  collapseNew,
  indexChart,
  openedFor,
  visibleUnits,
} from "./chart_view_model.ts";

const unit = (id: string, children: ChartUnit[] = [], positions = 1): ChartUnit => ({
  id,
  name: id,
  positions: Array.from({ length: positions }, (_, i) => ({
    id: `${id}.${i}`,
    title: `P ${id}.${i}`,
    holders: [],
  })),
  children,
});
const small = () => [unit("top", [unit("a", [unit("a1", [unit("a11")])], 7), unit("b")])];

Deno.test("units are indexed depth first with parents and depths", () => {
  const ix = indexChart(small());
  assert.deepEqual(ix.order, ["top", "a", "a1", "a11", "b"]);
  assert.deepEqual(ancestorsOf(ix, "a11"), ["a1", "a", "top"]);
  assert.equal(ix.depth.get("a1"), 2);
  assert.deepEqual(ix.positions.get("a.6"), { unitId: "a", index: 6 });
});

Deno.test("a small chart starts open; a big one collapses from the third level, once", () => {
  const seen = new Set<string>(), collapsed = new Set<string>();
  collapseNew(indexChart(small()), seen, collapsed);
  assert.deepEqual([...collapsed], []);

  const divisions = Array.from(
    { length: COLLAPSE_ABOVE / 2 },
    (_, i) => unit(`d${i}`, [unit(`t${i}`, [unit(`x${i}`)])]),
  );
  const big = indexChart([unit("board", divisions)]);
  const seenBig = new Set<string>(), closed = new Set<string>();
  collapseNew(big, seenBig, closed);
  assert.equal(closed.size, COLLAPSE_ABOVE / 2);
  assert.ok(closed.has("t0") && !closed.has("d0") && !closed.has("x0"));
  // A person opens t0; a reload of the same chart keeps it open.
  closed.delete("t0");
  collapseNew(big, seenBig, closed);
  assert.ok(!closed.has("t0"));
  assert.deepEqual(visibleUnits(big, closed).slice(0, 5), ["board", "d0", "t0", "x0", "d1"]);
});

Deno.test("hits open their ancestors and, beyond the first five positions, their box", () => {
  const ix = indexChart(small());
  const collapsed = new Set(["top", "a1"]);
  const opened = openedFor(ix, collapsed, new Set(), [
    { unitId: "a11" },
    { unitId: "a", positionId: "a.6" },
    { unitId: "a", positionId: "a.1" },
  ]);
  assert.deepEqual([...opened.collapsed], []);
  assert.deepEqual([...opened.allPositions], ["a"]);
  // The person's own choices are not changed.
  assert.deepEqual([...collapsed], ["top", "a1"]);
  assert.deepEqual(visibleUnits(ix, collapsed), ["top"]);
  const none = openedFor(ix, collapsed, new Set(), [{ unitId: "b" }]);
  assert.deepEqual([...none.collapsed], ["a1"]);
});
