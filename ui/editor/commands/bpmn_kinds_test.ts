// The BPMN distinctions in the editor: default flows (one per source), catching events,
// embedded subprocesses opened and closed; what the canvas shows of them (visible.ts); a
// subprocess carries its inside when moved and takes it along when deleted.
import assert from "node:assert/strict";
import { checkCommand, refusalOf } from "../testing/commands.ts";
import { smallGraph } from "../testing/graphs.ts";
import type { Graph } from "../model.ts";
import { visibleGraph } from "../visible.ts";
import { setCollapsed, setDefaultFlow, setEmbedded, setEventKind } from "./bpmn_kinds.ts";
import { deleteElements } from "./delete.ts";
import { addNode, moveNodes } from "./nodes.ts";

/** smallGraph with a gateway after "check" and an embedded subprocess "sub" holding two steps. */
function nested(collapsed: boolean): Graph {
  const g = smallGraph();
  const inner = (id: string, x: number) => ({
    id,
    type: "task" as const,
    label: id,
    laneId: "b",
    x,
    y: 30,
    width: 100,
    height: 60,
    parentId: "sub",
  });
  return {
    ...g,
    nodes: [
      ...g.nodes,
      { id: "gw", type: "xor", label: "ok?", laneId: "a", x: 300, y: 55, width: 50, height: 50 },
      {
        id: "sub",
        type: "subprocess",
        label: "Sub",
        laneId: "b",
        x: 700,
        y: 180,
        width: 140,
        height: 90,
        embedded: true,
        processId: null,
        ...(collapsed ? { collapsed: true } : {}),
      },
      inner("in1", 60),
      inner("in2", 220),
    ],
    edges: [
      ...g.edges,
      { id: "g1", from: "gw", to: "sign", label: "", condition: null, waypoints: [] },
      { id: "g2", from: "gw", to: "end", label: "", condition: null, waypoints: [] },
      { id: "i1", from: "in1", to: "in2", label: "", condition: null, waypoints: [] },
    ],
  };
}

Deno.test("one default flow per gateway: setting another moves the mark", () => {
  let g = checkCommand(nested(true), setDefaultFlow("g1", true));
  assert.deepEqual(g.edges.filter((e) => e.isDefault).map((e) => e.id), ["g1"]);
  g = checkCommand(g, setDefaultFlow("g2", true));
  assert.deepEqual(g.edges.filter((e) => e.isDefault).map((e) => e.id), ["g2"]);
  g = checkCommand(g, setDefaultFlow("g2", false));
  assert.ok(g.edges.every((e) => !("isDefault" in e)));
  assert.equal(refusalOf(g, setDefaultFlow("f4", true)), "invalid-value", "annotations have none");
});

Deno.test("an intermediate event catches or throws; other nodes have no kind", () => {
  const g = smallGraph();
  const withEvent: Graph = {
    ...g,
    nodes: [...g.nodes, { ...g.nodes[0], id: "wait", type: "intermediate", x: 260, y: 62 }],
  };
  const caught = checkCommand(withEvent, setEventKind("wait", "catch"));
  assert.equal(caught.nodes.at(-1)!.event, "catch");
  const thrown = checkCommand(caught, setEventKind("wait", "throw"));
  assert.ok(!("event" in thrown.nodes.at(-1)!), "throwing is the default and not stored");
  assert.equal(refusalOf(g, setEventKind("check", "catch")), "invalid-value");
});

Deno.test("a closed subprocess's inside is on its own plane; opening it moves the inside in", () => {
  const g = nested(true);
  assert.deepEqual(visibleGraph(g).nodes.map((n) => n.id).includes("in1"), false);
  assert.deepEqual(visibleGraph(g).edges.map((e) => e.id).includes("i1"), false);
  const inside = visibleGraph(g, "sub");
  assert.deepEqual(inside.nodes.map((n) => n.id), ["in1", "in2"]);
  assert.deepEqual(inside.lanes, []);
  assert.equal(visibleGraph(g), visibleGraph(g), "memoized");

  const open = checkCommand(g, setCollapsed("sub", false));
  const sub = open.nodes.find((n) => n.id === "sub")!;
  const inner = open.nodes.filter((n) => n.parentId === "sub");
  for (const n of inner) {
    assert.ok(n.x >= sub.x && n.x + n.width <= sub.x + sub.width, `${n.id} inside`);
    assert.ok(n.y >= sub.y && n.y + n.height <= sub.y + sub.height, `${n.id} inside`);
  }
  assert.equal(visibleGraph(open), open, "everything is on the main plane");
  const closed = checkCommand(open, setCollapsed("sub", true));
  assert.equal(closed.nodes.find((n) => n.id === "sub")!.collapsed, true);
});

Deno.test("moving an open subprocess carries its inside; deleting it takes the inside along", () => {
  const open = checkCommand(nested(true), setCollapsed("sub", false));
  const moved = checkCommand(open, moveNodes(["sub"], 40, 0));
  for (const id of ["sub", "in1", "in2"]) {
    const before = open.nodes.find((n) => n.id === id)!;
    const after = moved.nodes.find((n) => n.id === id)!;
    assert.equal(after.x - before.x, 40, id);
  }
  // A closed one's inside stays where it is on its own plane.
  const closed = nested(true);
  const movedClosed = checkCommand(closed, moveNodes(["sub"], 40, 0));
  assert.equal(movedClosed.nodes.find((n) => n.id === "in1")!.x, 60);

  const gone = checkCommand(closed, deleteElements(["sub"]));
  assert.deepEqual(gone.nodes.filter((n) => n.parentId).length, 0);
  assert.ok(!gone.edges.some((e) => e.id === "i1"));
});

Deno.test("steps added in an opened subprocess belong to it; embedding needs an empty call", () => {
  const g = nested(true);
  const add = addNode("task", null, 400, 30, { parentId: "sub" });
  const after = checkCommand(g, add);
  const added = after.nodes.find((n) => n.id === add.id)!;
  assert.deepEqual([added.parentId, added.laneId], ["sub", "b"]);
  assert.equal(refusalOf(g, setEmbedded("sub", false)), "invalid-value", "it has an inside");
  const call = checkCommand(
    checkCommand(g, deleteElements(["in1", "in2"])),
    setEmbedded("sub", false),
  );
  assert.ok(!("embedded" in call.nodes.find((n) => n.id === "sub")!));
});
