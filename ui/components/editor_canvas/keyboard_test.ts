import assert from "node:assert/strict";
import {
  type Command,
  CommandStack,
  EMPTY_SELECTION,
  type Graph,
  selectIds,
  type Selection,
} from "../../editor/mod.ts";
import { handleKey, type KeyHost } from "./keyboard.ts";

const GRAPH: Graph = {
  schemaVersion: 1,
  lanes: [
    { id: "l1", name: "One", positionId: null, orgUnitId: null, size: 200 },
    { id: "l2", name: "Two", positionId: null, orgUnitId: null, size: 200 },
  ],
  nodes: [
    { id: "a", type: "task", label: "A", laneId: "l1", x: 60, y: 70, width: 120, height: 60 },
    { id: "b", type: "task", label: "B", laneId: "l1", x: 260, y: 70, width: 120, height: 60 },
    { id: "c", type: "task", label: "C", laneId: "l2", x: 260, y: 270, width: 120, height: 60 },
  ],
  edges: [{ id: "f", from: "a", to: "b", label: "", condition: null, waypoints: [] }],
};

/** A canvas stand-in recording what the keyboard asked for. */
function host(readonly = false) {
  const stack = new CommandStack(GRAPH);
  const calls: string[] = [];
  const h: KeyHost & {
    selection: Selection;
    focused: string | null;
    calls: string[];
    stack: CommandStack;
  } = {
    stack,
    calls,
    focused: null,
    get graph() {
      return stack.graph;
    },
    selection: EMPTY_SELECTION as Selection,
    readonly,
    snap: true,
    select(sel) {
      this.selection = sel;
    },
    focusElement(id) {
      this.focused = id;
    },
    execute: (c: Command) => stack.execute(c).ok,
    edit: (id) => void calls.push(`edit ${id}`),
    deleteSelection: () => void calls.push("delete"),
    copySelection: () => void calls.push("copy"),
    cutSelection: () => void calls.push("cut"),
    paste: () => void calls.push("paste"),
    requestProperties: (id) => void calls.push(`properties ${id}`),
    cancelGesture: () => false,
    zoomKey: () => false,
  };
  return h;
}

/** A key event as if it came from the element with `attr` = `id`. */
function key(key: string, at: [string, string] | null, mods: Partial<KeyboardEvent> = {}) {
  const el = { getAttribute: (a: string) => at && a === at[0] ? at[1] : null, localName: "g" };
  return {
    key,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    ...mods,
    composedPath: () => at ? [el] : [],
  } as unknown as KeyboardEvent;
}
const onNode = (id: string): [string, string] => ["data-node-id", id];

Deno.test("arrow keys move the focus between steps, to the lane and between lanes", () => {
  const h = host();
  assert.ok(handleKey(h, key("ArrowRight", onNode("a"))));
  assert.equal(h.focused, "b");
  handleKey(h, key("ArrowDown", onNode("b")));
  assert.equal(h.focused, "c");
  handleKey(h, key("ArrowLeft", onNode("a")));
  assert.equal(h.focused, "l1", "nothing left of it: its lane");
  handleKey(h, key("ArrowDown", ["data-lane-header", "l1"]));
  assert.equal(h.focused, "l2");
  handleKey(h, key("ArrowRight", ["data-lane-header", "l2"]));
  assert.equal(h.focused, "c");
  handleKey(h, key("ArrowRight", onNode("a"), { ctrlKey: true }));
  assert.equal(h.focused, "f", "Ctrl+Right: its flow");
  handleKey(h, key("ArrowRight", ["data-edge-id", "f"], { ctrlKey: true }));
  assert.equal(h.focused, "b", "and on to the flow's target");
});

Deno.test("Enter selects, arrows then move the selection in one undo step, Alt+arrows still move the focus", () => {
  const h = host();
  handleKey(h, key("Enter", onNode("a")));
  assert.deepEqual([...h.selection.ids], ["a"]);
  handleKey(h, key("Enter", onNode("b"), { shiftKey: true }));
  assert.deepEqual([...h.selection.ids].sort(), ["a", "b"]);
  handleKey(h, key("ArrowRight", onNode("a")));
  handleKey(h, key("ArrowRight", onNode("a"), { shiftKey: true }));
  const moved = h.graph.nodes.filter((n) => n.id !== "c").map((n) => n.x);
  assert.deepEqual(moved, [60 + 10 + 100, 260 + 10 + 100]);
  assert.equal(h.stack.undoDepth, 1, "one burst, one undo step");
  handleKey(h, key("ArrowLeft", onNode("b"), { altKey: true }));
  assert.equal(h.focused, "a");
});

Deno.test("Ctrl+A, Escape, F2, Delete, clipboard keys and Alt+Enter; read-only refuses changes", () => {
  const h = host();
  handleKey(h, key("a", null, { ctrlKey: true }));
  assert.deepEqual([...h.selection.ids].sort(), ["a", "b", "c", "f"]);
  assert.ok(handleKey(h, key("Escape", null)));
  assert.equal(h.selection.ids.size, 0);
  assert.equal(handleKey(h, key("Escape", null)), false, "nothing to clear: the key is not used");
  handleKey(h, key("F2", onNode("b")));
  h.select(selectIds(["c"]));
  handleKey(h, key("Delete", onNode("c")));
  handleKey(h, key("c", onNode("c"), { ctrlKey: true }));
  handleKey(h, key("x", onNode("c"), { ctrlKey: true }));
  handleKey(h, key("v", onNode("c"), { ctrlKey: true }));
  handleKey(h, key("Enter", onNode("c"), { altKey: true }));
  assert.deepEqual(h.calls, ["edit b", "delete", "copy", "cut", "paste", "properties c"]);
  assert.equal(
    handleKey(h, key("z", onNode("c"), { ctrlKey: true })),
    false,
    "undo is the container's",
  );

  const ro = host(true);
  ro.select(selectIds(["a"]));
  handleKey(ro, key("ArrowRight", onNode("a")));
  assert.equal(ro.focused, "b", "read-only: arrows only move the focus");
  for (const k of ["F2", "Delete"]) handleKey(ro, key(k, onNode("a")));
  handleKey(ro, key("x", onNode("a"), { ctrlKey: true }));
  handleKey(ro, key("v", onNode("a"), { ctrlKey: true }));
  assert.deepEqual(ro.calls, []);
  assert.equal(ro.stack.undoDepth, 0);
});
