// Undo and redo of my own changes in a shared document: the command stack's UndoHistory over
// Yjs's UndoManager, which tracks only the transactions of my origin, so undo reverts what I
// did and leaves what others did since (a field someone else changed after me stays theirs).
// One command is one undo step; a burst (typing a label, nudging with the arrows) joins the
// open step, as in the stack's own history. Each step remembers its command's label for the
// tooltips, across undo and redo.
import * as Y from "yjs";
import type { Command, Graph, UndoHistory } from "../editor/mod.ts";
import { KINDS, rootOf } from "../../plugins/live/shared/graph_doc.ts";
import { type GraphBinding, LOCAL_ORIGIN } from "./graph_binding.ts";

const LABEL = "label";
/** Longer than any session: steps only join when the stack says so (stopCapturing otherwise). */
const NEVER = 2 ** 31;

export class SharedHistory implements UndoHistory {
  readonly #binding: GraphBinding;
  readonly #manager: Y.UndoManager;
  #label: string | null = null;
  /** The label of the step being undone or redone (it moves to the other stack). */
  #moving: string | null = null;

  constructor(binding: GraphBinding, options: { limit?: number } = {}) {
    this.#binding = binding;
    const limit = options.limit ?? 500;
    this.#manager = new Y.UndoManager(KINDS.map((k) => rootOf(binding.doc, k)), {
      trackedOrigins: new Set([LOCAL_ORIGIN]),
      captureTimeout: NEVER,
    });
    this.#manager.on("stack-item-added", ({ stackItem, type }) => {
      stackItem.meta.set(LABEL, this.#moving ?? this.#label);
      // Older steps are forgotten, as in the stack's own history.
      const stack = type === "undo" ? this.#manager.undoStack : this.#manager.redoStack;
      if (stack.length > limit) stack.splice(0, stack.length - limit);
    });
    this.#manager.on("stack-item-updated", ({ stackItem }) => {
      if (this.#moving === null) stackItem.meta.set(LABEL, this.#label);
    });
  }

  get canUndo(): boolean {
    return this.#manager.canUndo();
  }

  get canRedo(): boolean {
    return this.#manager.canRedo();
  }

  get undoLabel(): string | null {
    return (this.#manager.undoStack.at(-1)?.meta.get(LABEL) as string | undefined) ?? null;
  }

  get redoLabel(): string | null {
    return (this.#manager.redoStack.at(-1)?.meta.get(LABEL) as string | undefined) ?? null;
  }

  get depth(): number {
    return this.#manager.undoStack.length;
  }

  record(command: Command, before: Graph, after: Graph, join: boolean): void {
    if (!join) this.#manager.stopCapturing();
    this.#label = command.label;
    this.#binding.write(before, after, LOCAL_ORIGIN);
  }

  undo(): Graph | null {
    return this.#move("undo");
  }

  redo(): Graph | null {
    return this.#move("redo");
  }

  clear(): void {
    this.#manager.clear();
  }

  destroy() {
    this.#manager.destroy();
  }

  #move(kind: "undo" | "redo"): Graph | null {
    const m = this.#manager;
    if (kind === "undo" ? !m.canUndo() : !m.canRedo()) return null;
    this.#moving = kind === "undo" ? this.undoLabel : this.redoLabel;
    try {
      // Nothing to revert (everything in the step was changed again by others): null.
      if (!(kind === "undo" ? m.undo() : m.redo())) return null;
    } finally {
      this.#moving = null;
    }
    // A new step after this starts afresh.
    m.stopCapturing();
    return this.#binding.graph;
  }
}
