// The tree model: nesting and order, the filter (matches keep their ancestors and contents),
// what is visible when nodes are closed, and the pickers' lists.
import assert from "node:assert/strict";
import {
  buildNodes,
  type ChartTree,
  filterNodes,
  positionChoices,
  unitChoices,
  visibleNodes,
} from "./tree_model.ts";

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const chart: ChartTree = {
  chart: {
    id: id(1),
    name: "Example",
    description: "",
    version: 1,
    createdAt: "2024-01-01T00:00:00.000Z",
    updatedAt: "2024-01-01T00:00:00.000Z",
  },
  counts: { units: 3, positions: 3, holders: 2 },
  units: [{
    id: id(10),
    name: "Management",
    parentId: null,
    sortOrder: 0,
    positions: [{
      id: id(20),
      title: "Managing Director",
      reportsToId: null,
      externalKey: "MD",
      holders: [{ employeeId: id(30), name: "Erika Mustermann", primary: true }],
    }],
    children: [{
      id: id(11),
      name: "Sales",
      parentId: id(10),
      sortOrder: 0,
      positions: [{
        id: id(21),
        title: "Head of Sales",
        reportsToId: id(20),
        externalKey: "SALES-HEAD",
        holders: [{ employeeId: id(31), name: "Max Mustermann", primary: false }],
      }],
      children: [{
        id: id(12),
        name: "Key accounts",
        parentId: id(11),
        sortOrder: 0,
        positions: [{
          id: id(22),
          title: "Key Account Manager",
          reportsToId: id(21),
          externalKey: null,
          holders: [],
        }],
        children: [],
      }],
    }],
  }],
};

const labels = (nodes: { label: string; depth: number }[]) =>
  nodes.map((n) => `${"  ".repeat(n.depth)}${n.label}`);

Deno.test("units hold their positions first, then their sub-units; positions their holders", () => {
  const nodes = buildNodes(chart);
  assert.deepEqual(labels(visibleNodes(nodes, () => true)), [
    "Management",
    "  Managing Director",
    "    Erika Mustermann",
    "  Sales",
    "    Head of Sales",
    "      Max Mustermann",
    "    Key accounts",
    "      Key Account Manager",
  ]);
  const head = visibleNodes(nodes, () => true).find((n) => n.label === "Head of Sales")!;
  assert.equal(head.reportsTo, "Managing Director");
  assert.equal(head.parent?.label, "Sales");
  assert.equal(head.children[0].primary, false);
});

Deno.test("closed nodes hide what they contain", () => {
  const nodes = buildNodes(chart);
  const shown = visibleNodes(nodes, (n) => n.label !== "Sales");
  assert.deepEqual(labels(shown), [
    "Management",
    "  Managing Director",
    "    Erika Mustermann",
    "  Sales",
  ]);
});

Deno.test("the filter keeps matches with their ancestors and what a match contains", () => {
  const nodes = buildNodes(chart);
  const byName = filterNodes(nodes, "max");
  assert.equal(byName.matches, 1);
  assert.deepEqual(labels(visibleNodes(byName.nodes, () => true)), [
    "Management",
    "  Sales",
    "    Head of Sales",
    "      Max Mustermann",
  ]);
  const byUnit = filterNodes(nodes, "KEY ACC");
  assert.deepEqual(labels(visibleNodes(byUnit.nodes, () => true)), [
    "Management",
    "  Sales",
    "    Key accounts",
    "      Key Account Manager",
  ]);
  assert.equal(byUnit.matches, 2, "the unit and the position both match");
  assert.equal(filterNodes(nodes, "sales-head").matches, 1, "external keys match too");
  assert.equal(filterNodes(nodes, "nobody here").nodes.length, 0);
  assert.equal(filterNodes(nodes, "  ").nodes, nodes, "blank: everything");
});

Deno.test("pickers list units by path and positions with their unit", () => {
  assert.deepEqual(unitChoices(chart).map((u) => u.path), [
    "Management",
    "Management > Sales",
    "Management > Sales > Key accounts",
  ]);
  assert.deepEqual(
    positionChoices(chart).map((p) => `${p.title} @ ${p.unitPath}`),
    [
      "Managing Director @ Management",
      "Head of Sales @ Management > Sales",
      "Key Account Manager @ Management > Sales > Key accounts",
    ],
  );
});
