// Where undo steps live. By default the command stack keeps them itself (graph values before
// and after each step: exact, and undo reverts everything). When several people edit one
// document, undo must revert one's own changes only and leave everyone else's: the stack
// then hands each step to an UndoHistory that knows the shared document (ui/live/ wraps
// Yjs's UndoManager), and takes the graph it yields on undo and redo.
import type { Command } from "./command.ts";
import type { Graph } from "./model.ts";

export interface UndoHistory {
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** Message key of what undo would revert, for the tooltip. */
  readonly undoLabel: string | null;
  readonly redoLabel: string | null;
  /** How many undo steps are kept. */
  readonly depth: number;
  /**
   * A command changed the graph from `before` to `after` (the history writes the change where
   * it is shared). `join`: it continues the open burst, so it joins the last undo step.
   */
  record(command: Command, before: Graph, after: Graph, join: boolean): void;
  /** Reverts my last step: the graph afterwards, or null when there is nothing to undo. */
  undo(): Graph | null;
  redo(): Graph | null;
  /** Forgets every step. */
  clear(): void;
}
