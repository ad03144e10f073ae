// Keyboard shortcuts: the combinations the issue names map to their actions, text fields
// keep their own undo and their "?" characters, and every shortcut is in the help list.
import assert from "node:assert/strict";
import { actionFor, type KeyPress, SHORTCUTS } from "./keyboard.ts";

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

Deno.test("Ctrl+Z undoes, Ctrl+Y and Ctrl+Shift+Z redo, Ctrl+S saves, F1 and ? help", () => {
  assert.equal(actionFor(press("z", { ctrlKey: true }), false), "undo");
  assert.equal(actionFor(press("Z", { ctrlKey: true, shiftKey: true }), false), "redo");
  assert.equal(actionFor(press("y", { ctrlKey: true }), false), "redo");
  assert.equal(actionFor(press("z", { metaKey: true }), false), "undo", "⌘Z on a Mac");
  assert.equal(actionFor(press("s", { ctrlKey: true }), false), "save");
  assert.equal(actionFor(press("F1"), false), "help");
  assert.equal(actionFor(press("?", { shiftKey: true }), false), "help");
  assert.equal(actionFor(press("V", { altKey: true, shiftKey: true }), false), "toggleFindings");
  assert.equal(actionFor(press("z"), false), null);
  assert.equal(actionFor(press("z", { ctrlKey: true, altKey: true }), false), null);
});

Deno.test("in a text field only save and F1 are the editor's", () => {
  assert.equal(actionFor(press("z", { ctrlKey: true }), true), null, "native text undo");
  assert.equal(actionFor(press("?", { shiftKey: true }), true), null, "a question mark");
  assert.equal(actionFor(press("s", { ctrlKey: true }), true), "save");
  assert.equal(actionFor(press("F1"), true), "help");
});

Deno.test("the help list names every shortcut the editor handles", () => {
  const listed = SHORTCUTS.filter((s) => s.handledBy === "editor").map((s) => s.description);
  for (const key of ["save", "undo", "redo", "help", "findings"]) {
    assert.ok(listed.includes(`editor.shortcut.${key}` as never), key);
  }
});
