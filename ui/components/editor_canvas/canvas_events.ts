// The events <procedo-editor-canvas> sends to its container (see canvas.ts). They bubble out
// of the shadow root, so the editor page can listen on any ancestor.
import type { Selection } from "../../editor/mod.ts";

export interface SelectionChangeDetail {
  selection: Selection;
}
export interface RequestPropertiesDetail {
  id: string;
}
export interface CanvasErrorDetail {
  message: string;
  reason?: string;
}

interface CanvasEvents {
  "selection-change": SelectionChangeDetail;
  "request-properties": RequestPropertiesDetail;
  "canvas-error": CanvasErrorDetail;
  /** The pointer over the drawing in diagram units; null when it left (live presence). */
  "canvas-pointer": { x: number; y: number } | null;
}

export function emit<K extends keyof CanvasEvents>(
  from: EventTarget,
  type: K,
  detail: CanvasEvents[K],
) {
  from.dispatchEvent(
    new CustomEvent<CanvasEvents[K]>(type, { detail, bubbles: true, composed: true }),
  );
}
