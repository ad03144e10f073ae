// The editor's keyboard shortcuts as data: which key combination runs which action, and the
// list the help dialog shows. The editor itself handles save, undo/redo, help and the
// validation panel; the canvas handles the keys that act on what is selected or focused in
// it (editor_canvas/keyboard.ts; listed here so the help dialog is the one place to look).
import type { MessageKey } from "../../lib/i18n.ts";

export type EditorAction =
  | "save"
  | "undo"
  | "redo"
  | "help"
  | "toggleFindings"
  | "cut"
  | "copy"
  | "paste"
  | "delete"
  | "layout"
  | "zoomIn"
  | "zoomOut"
  | "fit"
  | "importBpmn"
  | "exportBpmn"
  | "alignLeft"
  | "alignCenterX"
  | "alignRight"
  | "alignTop"
  | "alignCenterY"
  | "alignBottom"
  | "distributeHorizontal"
  | "distributeVertical";

/** The parts of a KeyboardEvent the mapping looks at. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export interface Shortcut {
  /** Key names as the help dialog shows them ("mod" is Ctrl, or ⌘ on a Mac). */
  keys: readonly string[][];
  description: MessageKey;
  handledBy: "editor" | "canvas";
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: [["mod", "S"]], description: "editor.shortcut.save", handledBy: "editor" },
  { keys: [["mod", "Z"]], description: "editor.shortcut.undo", handledBy: "editor" },
  {
    keys: [["mod", "Y"], ["mod", "shift", "Z"]],
    description: "editor.shortcut.redo",
    handledBy: "editor",
  },
  { keys: [["F1"], ["?"]], description: "editor.shortcut.help", handledBy: "editor" },
  { keys: [["alt", "shift", "V"]], description: "editor.shortcut.findings", handledBy: "editor" },
  { keys: [["mod", "A"]], description: "editor.shortcut.selectAll", handledBy: "canvas" },
  { keys: [["mod", "C"]], description: "editor.shortcut.copy", handledBy: "canvas" },
  { keys: [["mod", "X"]], description: "editor.shortcut.cut", handledBy: "canvas" },
  { keys: [["mod", "V"]], description: "editor.shortcut.paste", handledBy: "canvas" },
  { keys: [["delete"], ["backspace"]], description: "editor.shortcut.delete", handledBy: "canvas" },
  { keys: [["F2"]], description: "editor.shortcut.rename", handledBy: "canvas" },
  { keys: [["enter"], ["space"]], description: "editor.shortcut.select", handledBy: "canvas" },
  { keys: [["alt", "enter"]], description: "editor.shortcut.properties", handledBy: "canvas" },
  { keys: [["arrows"]], description: "editor.shortcut.arrows", handledBy: "canvas" },
  { keys: [["alt", "arrows"]], description: "editor.shortcut.altArrows", handledBy: "canvas" },
  { keys: [["mod", "←"], ["mod", "→"]], description: "editor.shortcut.flows", handledBy: "canvas" },
  { keys: [["home"], ["end"]], description: "editor.shortcut.homeEnd", handledBy: "canvas" },
  { keys: [["+"], ["-"]], description: "editor.shortcut.zoom", handledBy: "canvas" },
  { keys: [["0"]], description: "editor.shortcut.fit", handledBy: "canvas" },
  { keys: [["escape"]], description: "editor.shortcut.escape", handledBy: "canvas" },
];

/** Whether the key press happened in a text field, where typing keys belong to the field. */
export function isTextTarget(path: readonly EventTarget[]): boolean {
  const el = path[0] as (Element & { isContentEditable?: boolean }) | undefined;
  if (!el || typeof el !== "object" || !("localName" in el)) return false;
  if (el.isContentEditable) return true;
  if (el.localName === "textarea" || el.localName === "select") return true;
  if (el.localName !== "input") return false;
  const type = (el as HTMLInputElement).type;
  return !["button", "checkbox", "radio", "submit", "reset", "file", "color", "range"].includes(
    type,
  );
}

/**
 * The editor action for a key press, or null. In text fields only save and help (F1) apply:
 * undo there belongs to the field (native text undo), and "?" is a character.
 */
export function actionFor(e: KeyPress, inText: boolean): EditorAction | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (mod && !e.altKey && key === "s") return "save";
  if (key === "F1") return "help";
  if (inText) return null;
  if (mod && !e.altKey && key === "z") return e.shiftKey ? "redo" : "undo";
  if (mod && !e.altKey && !e.shiftKey && key === "y") return "redo";
  if (!mod && !e.altKey && e.key === "?") return "help";
  if (!mod && e.altKey && e.shiftKey && key === "v") return "toggleFindings";
  return null;
}
