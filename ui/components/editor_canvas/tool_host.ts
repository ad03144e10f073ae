// What the pointer tool and its gestures need from the canvas: the graph and view to read,
// and the few calls that change something (selection, commands, the preview). An interface
// of its own so the gesture modules do not import the element.
import type { Command, Graph, Selection } from "../../editor/mod.ts";
import type { ViewportController } from "../diagram/viewport.ts";
import type { Preview } from "./overlay.ts";

export interface ToolHost {
  readonly graph: Graph;
  readonly readonly: boolean;
  readonly snap: boolean;
  readonly selection: Selection;
  readonly viewport: ViewportController;
  readonly spaceDown: boolean;
  /** The element the pointer works on (captures the pointer during drags). */
  readonly surface: HTMLElement;
  select(sel: Selection): void;
  /** Runs a command; a refusal is reported by the host. */
  execute(command: Command): boolean;
  /** Ends the undo burst: the next drag or nudge is an undo step of its own. */
  endBurst(): void;
  setPreview(p: Preview | null): void;
  /** The drawn element of a node or edge. */
  drawn(kind: "node" | "edge", id: string): SVGGraphicsElement | null;
}
