/**
 * The process editor: `<procedo-process-editor process-id=…>` with its command bar,
 * the canvas (ui/components/editor_canvas/), the properties panel, live validation, saving
 * with merge on 412, local drafts and BPMN import/export. Importing this module defines
 * every element it uses. The page decides who sees it (modelers and executives); the
 * editor loads the process and its draft itself.
 *
 * ```ts
 * import "../../../components/process_editor/mod.ts";
 * html`<procedo-process-editor process-id=${id}></procedo-process-editor>`;
 * ```
 *
 * @module
 */
export { type EditorNotice, ProcedoProcessEditor } from "./process_editor.ts";
export { ProcedoPropertiesPanel } from "./properties_panel.ts";
export { ProcedoFindingsPanel } from "./findings_panel.ts";
export { type MergeDecision, ProcedoMergeDialog } from "./merge_dialog.ts";
export { ProcedoEditorPicker } from "./picker.ts";
export { ProcedoMarkdownField } from "./markdown_field.ts";
export { parseMarkdown, renderMarkdown, safeHref } from "./markdown.ts";
export { type SaveConflict, SaveController, type SaveStatus } from "./save_controller.ts";
export { canvasFindings, findingMessage, ValidationController } from "./validation.ts";
export { type EditorAction, SHORTCUTS } from "./keyboard.ts";
