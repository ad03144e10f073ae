/**
 * The process editor's canvas: `<procedo-editor-canvas>` (canvas.ts) with its palette
 * `<procedo-editor-palette>` (palette.ts). Importing this module defines both elements.
 *
 * ```ts
 * const canvas = document.createElement("procedo-editor-canvas");
 * canvas.stack = new CommandStack(graph);      // from ui/editor/mod.ts
 * canvas.findings = findings;                  // validation findings (markers)
 * canvas.positionLabels = new Map([[positionId, "Sales clerk"]]);
 * canvas.addEventListener("selection-change", (e) => panel.show(e.detail.selection));
 * canvas.addEventListener("canvas-error", (e) => bar.show(e.detail.message));
 * ```
 *
 * @module
 */
export { ProcedoEditorCanvas } from "./canvas.ts";
export type {
  CanvasErrorDetail,
  RequestPropertiesDetail,
  SelectionChangeDetail,
} from "./canvas_events.ts";
export {
  PALETTE_ENTRIES,
  PALETTE_MIME,
  type PaletteAddDetail,
  type PaletteEntry,
  ProcedoEditorPalette,
} from "./palette.ts";
export type { Finding } from "./findings.ts";
