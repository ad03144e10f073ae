// The command stack: every change of the process graph is a Command, executed here, so
// undo/redo, the dirty flag and change events come for free (diagram-js' CommandStack over
// immutable values). A command maps a graph value to a new one and never mutates it; it
// copies only the arrays and objects it changes, so the value before stays intact and
// shares everything else with the value after. Undoing restores that earlier value: exact
// by construction, and O(1) in time and memory beyond what the command copied.
//
// With an UndoHistory (history.ts) the steps live there instead, and other people's changes
// arrive through applyRemote: they change the graph but are no step of mine.
import { EventBus } from "./event_bus.ts";
import { sameGraph } from "./graph_equal.ts";
import type { Command } from "./command.ts";
export type { Command } from "./command.ts";
import type { UndoHistory } from "./history.ts";
import type { Graph } from "./model.ts";

/** Why a command cannot apply; `reason` doubles as a message key suffix. */
export type RefusalReason =
  | "unknown-element"
  | "duplicate-id"
  | "self-loop"
  | "duplicate-edge"
  | "invalid-value"
  | "too-long"
  | "limit-reached";

/** A command that cannot apply to the graph: the canvas shows `message`, nothing changes. */
export class Refusal extends Error {
  readonly reason: RefusalReason;
  constructor(reason: RefusalReason, message: string) {
    super(message);
    this.name = "Refusal";
    this.reason = reason;
  }
}

export const refuse = (reason: RefusalReason, message: string): never => {
  throw new Refusal(reason, message);
};

/** Several commands as one undo step; refused as a whole if any part is refused. */
export function compound(label: string, commands: readonly Command[], mergeKey?: string): Command {
  return {
    label,
    mergeKey,
    do: (graph) => commands.reduce((g, c) => c.do(g), graph),
  };
}

export type ExecuteResult =
  | { ok: true; graph: Graph; changed: boolean }
  | { ok: false; refusal: Refusal };

export interface ChangeEvent {
  /** saved: only the dirty flag changed (markSaved); remote: someone else's change arrived. */
  kind: "execute" | "undo" | "redo" | "reset" | "saved" | "remote";
  /** The command executed, undone or redone (null for reset and saved). */
  command: Command | null;
  graph: Graph;
  dirty: boolean;
}

export interface CommandStackOptions {
  /** Undo steps kept; older ones are forgotten. */
  limit?: number;
  /** Keeps the undo steps elsewhere (a shared document: undo reverts my changes only). */
  history?: UndoHistory;
}

interface Step {
  command: Command;
  before: Graph;
  after: Graph;
}

export const DEFAULT_HISTORY_LIMIT = 500;

export class CommandStack {
  #graph: Graph;
  #saved: Graph;
  #undo: Step[] = [];
  #redo: Step[] = [];
  /** Whether the top undo step may absorb the next command with its merge key. */
  #burstOpen = false;
  #limit: number;
  #dirtyCache: { graph: Graph; saved: Graph; dirty: boolean } | null = null;
  readonly #history: UndoHistory | null;
  /** The merge key of the last command, for joining bursts in a history. */
  #lastKey: string | undefined;
  readonly events: EventBus<{ changed: ChangeEvent }> = new EventBus();

  constructor(graph: Graph, options: CommandStackOptions = {}) {
    this.#graph = graph;
    this.#saved = graph;
    this.#limit = Math.max(1, options.limit ?? DEFAULT_HISTORY_LIMIT);
    this.#history = options.history ?? null;
  }

  get graph(): Graph {
    return this.#graph;
  }

  get canUndo(): boolean {
    return this.#history ? this.#history.canUndo : this.#undo.length > 0;
  }

  get canRedo(): boolean {
    return this.#history ? this.#history.canRedo : this.#redo.length > 0;
  }

  /** Message key of what undo would revert, for the tooltip. */
  get undoLabel(): string | null {
    if (this.#history) return this.#history.undoLabel;
    return this.#undo.at(-1)?.command.label ?? null;
  }

  get redoLabel(): string | null {
    if (this.#history) return this.#history.redoLabel;
    return this.#redo.at(-1)?.command.label ?? null;
  }

  /**
   * Whether the next command with the same merge key would join the top undo step (a drag or
   * typing is under way). Autosave waits while it is open: saving ends the burst and would
   * split one gesture into several undo steps.
   */
  get burstOpen(): boolean {
    return this.#burstOpen;
  }

  /** How many undo steps are kept. */
  get undoDepth(): number {
    return this.#history ? this.#history.depth : this.#undo.length;
  }

  /** True exactly when the graph differs from the one last marked saved. */
  get dirty(): boolean {
    const c = this.#dirtyCache;
    if (c && c.graph === this.#graph && c.saved === this.#saved) return c.dirty;
    const dirty = !sameGraph(this.#graph, this.#saved);
    this.#dirtyCache = { graph: this.#graph, saved: this.#saved, dirty };
    return dirty;
  }

  /** Listens to every change; returns the function that stops listening. */
  onChange(listener: (event: ChangeEvent) => void, priority?: number): () => void {
    return this.events.on("changed", listener, priority);
  }

  /** Runs a command; a refusal leaves everything as it was and is returned, not thrown. */
  execute(command: Command): ExecuteResult {
    let after: Graph;
    try {
      after = command.do(this.#graph);
    } catch (e) {
      if (e instanceof Refusal) return { ok: false, refusal: e };
      throw e;
    }
    if (after === this.#graph) return { ok: true, graph: after, changed: false };
    if (this.#history) {
      const join = this.#burstOpen && command.mergeKey !== undefined &&
        command.mergeKey === this.#lastKey;
      this.#history.record(command, this.#graph, after, join);
      this.#lastKey = command.mergeKey;
      this.#burstOpen = command.mergeKey !== undefined;
      this.#graph = after;
      this.#emit("execute", command);
      return { ok: true, graph: after, changed: true };
    }
    const top = this.#undo.at(-1);
    if (
      this.#burstOpen && top && command.mergeKey !== undefined &&
      top.command.mergeKey === command.mergeKey && top.after !== this.#saved
    ) {
      // Same burst: the step now spans from its original `before` to the new state.
      this.#undo[this.#undo.length - 1] = { command, before: top.before, after };
    } else {
      this.#undo.push({ command, before: this.#graph, after });
      if (this.#undo.length > this.#limit) this.#undo.splice(0, this.#undo.length - this.#limit);
    }
    this.#redo = [];
    this.#burstOpen = command.mergeKey !== undefined;
    this.#graph = after;
    this.#emit("execute", command);
    return { ok: true, graph: after, changed: true };
  }

  undo(): boolean {
    if (this.#history) return this.#fromHistory("undo", this.#history.undo());
    const step = this.#undo.pop();
    if (!step) return false;
    this.#redo.push(step);
    this.#burstOpen = false;
    this.#graph = step.before;
    this.#emit("undo", step.command);
    return true;
  }

  redo(): boolean {
    if (this.#history) return this.#fromHistory("redo", this.#history.redo());
    const step = this.#redo.pop();
    if (!step) return false;
    this.#undo.push(step);
    this.#burstOpen = false;
    this.#graph = step.after;
    this.#emit("redo", step.command);
    return true;
  }

  /**
   * Ends the current burst: the next command starts a new undo step even with the same
   * merge key (call it when the label field loses focus, on pointer up, after a pause).
   */
  endBurst(): void {
    this.#burstOpen = false;
  }

  /**
   * Marks the current graph (or `graph`, the value the server accepted) as saved. Later
   * commands no longer merge into the saved step, so undo can always return to it.
   */
  markSaved(graph: Graph = this.#graph): void {
    this.#saved = graph;
    this.#burstOpen = false;
    this.#emit("saved", null);
  }

  /** Starts over with `graph` (opened, reloaded or merged): no history, clean. */
  reset(graph: Graph): void {
    this.#graph = graph;
    this.#saved = graph;
    this.#undo = [];
    this.#redo = [];
    this.#history?.clear();
    this.#burstOpen = false;
    this.#emit("reset", null);
  }

  /**
   * Someone else's change (or the server's) as the shared document now reads: the graph
   * changes, my undo steps stay mine. An open burst goes on (typing continues one step).
   */
  applyRemote(graph: Graph): void {
    if (graph === this.#graph) return;
    this.#graph = graph;
    this.#emit("remote", null);
  }

  #fromHistory(kind: "undo" | "redo", graph: Graph | null): boolean {
    this.#burstOpen = false;
    if (graph === null) return false;
    this.#graph = graph;
    this.#emit(kind, null);
    return true;
  }

  #emit(kind: ChangeEvent["kind"], command: Command | null) {
    this.events.emit("changed", { kind, command, graph: this.#graph, dirty: this.dirty });
  }
}
