// What the canvas's helpers (structure, clipboard and label actions, its view and controls)
// need from <procedo-editor-canvas>: declared here, so they depend on this interface and the
// canvas on them — one direction, no import cycle (ui/module_graph_test.ts).
import type { Lane } from "../../editor/mod.ts";
import type { ConfirmOptions } from "../confirm_dialog.ts";
import type { Fonts } from "../diagram/shapes.ts";
import type { Preview } from "./overlay.ts";
import type { PointerTool } from "./pointer_tool.ts";
import type { ToolHost } from "./tool_host.ts";

export interface CanvasHost extends ToolHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly updateComplete: Promise<boolean>;
  requestUpdate(): void;
  dispatchEvent(event: Event): boolean;
  readonly fonts: Fonts;
  /** The closed subprocess opened for drawing, or null for the process. */
  readonly scope: string | null;
  readonly tool: PointerTool;
  readonly preview: Preview | null;
  readonly editing: boolean;
  readonly positionLabels: ReadonlyMap<string, string>;
  bindingLane: string | null;
  status: string;
  tabStop: string | null;
  hoverNode: string | null;
  announce(text: string): void;
  error(message: string, reason?: string): void;
  focusElement(id: string): Promise<void>;
  edit(id: string): void;
  requestProperties(id: string): void;
  openBinding(laneId: string): void;
  closeBinding(): void;
  learnLabel(id: string, label: string): void;
  bindingLabel(lane: Lane): string;
  targetLane(): string | null;
  confirm(options: ConfirmOptions): Promise<boolean>;
  fit(): void;
  zoomIn(): void;
  zoomOut(): void;
}
