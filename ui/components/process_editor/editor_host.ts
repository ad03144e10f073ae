// What the editor's helpers (the message bars, the graph actions) need from
// <procedo-process-editor>: declared here, so they depend on this interface and the editor
// on them — one direction, no import cycle (ui/module_graph_test.ts).
import type { CommandStack } from "../../editor/mod.ts";
import type { ProcedoEditorCanvas } from "../editor_canvas/canvas.ts";
import type { Process } from "./editor_api.ts";
import type { EditorAction } from "./keyboard.ts";
import type { EditorSaving } from "./save_types.ts";

export interface EditorNotice {
  intent: "success" | "info" | "warning" | "error";
  text: string;
}

export interface EditorHost extends HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly updateComplete: Promise<boolean>;
  readonly processId: string;
  readonly process: Process | undefined;
  readonly stack: CommandStack | undefined;
  readonly save: EditorSaving | undefined;
  readonly canvas: ProcedoEditorCanvas | null;
  readonly inReview: boolean;
  readonly merging: boolean;
  readonly editable: boolean;
  readonly signedInName: string;
  readonly notice: EditorNotice | null;
  actionError: unknown;
  busy: boolean;
  say(notice: EditorNotice | null): void;
  run(action: EditorAction): Promise<void>;
  resolveConflict(): Promise<void>;
}
