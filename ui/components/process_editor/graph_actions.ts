// The editor's actions that go through the server and replace the whole graph: auto-layout
// (POST the current, possibly unsaved graph to /processes/layout), BPMN import (the file is
// parsed by /processes/bpmn/parse without saving, its report shown, then applied) — each one
// replaceGraph command, so Undo brings the previous diagram back — and BPMN export (saves
// first if something is unsaved, then downloads the draft's file named after the process).
import { html } from "lit";
import { type Graph, replaceGraph, sameGraph } from "../../editor/mod.ts";
import { t } from "../../lib/i18n.ts";
import { session } from "../../app/session.ts";
import { bpmnFileName, downloadFile, type ProcedoBpmnDialog } from "./bpmn_dialog.ts";
import { exportBpmn, layoutGraph, parseBpmn } from "./editor_api.ts";
import type { EditorHost } from "./editor_host.ts";

/** How often a layout is asked again when the graph changed while the server worked. */
const LAYOUT_ATTEMPTS = 3;

export class GraphActions {
  readonly #editor: EditorHost;

  constructor(editor: EditorHost) {
    this.#editor = editor;
  }

  async layout(): Promise<void> {
    const editor = this.#editor;
    const stack = editor.stack;
    if (!stack || editor.busy) return;
    editor.busy = true;
    editor.actionError = undefined;
    try {
      for (let i = 0; i < LAYOUT_ATTEMPTS; i++) {
        const sent: Graph = stack.graph;
        const laidOut = await layoutGraph(session().api, sent);
        // Applying a layout of an older graph would drop the changes made meanwhile.
        if (stack.graph !== sent) continue;
        // The server keeps a diagram its layout would make worse (layout_quality.ts).
        if (sameGraph(laidOut, sent)) {
          editor.say({ intent: "info", text: t("modeling.layout.kept") });
          return;
        }
        stack.execute(replaceGraph(laidOut, "editor.command.autoLayout"));
        const notice = { intent: "success" as const, text: t("editor.layoutApplied") };
        editor.say(notice);
        // Undoing the layout restores the diagram (the stack keeps the exact value before)
        // and takes its banner away.
        const off = stack.onChange((e) => {
          if (e.kind === "execute" || e.kind === "reset") return off();
          if (e.kind !== "undo") return;
          if (editor.notice === notice) editor.say(null);
          off();
        });
        await editor.updateComplete;
        editor.canvas?.fit();
        return;
      }
    } catch (e) {
      editor.actionError = e;
    } finally {
      editor.busy = false;
    }
  }

  /** The hidden file input the "Import BPMN file…" menu item opens. */
  fileInput() {
    return html`
      <input type="file" hidden data-testid="bpmn-file"
        aria-label=${t("editor.bpmn.file")}
        accept=".bpmn,.xml,application/xml,text/xml"
        @change=${this.#onFile}>
    `;
  }

  chooseFile() {
    this.#editor.renderRoot.querySelector<HTMLInputElement>("input[type=file]")?.click();
  }

  #onFile = async (e: Event) => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = ""; // the same file can be chosen again
    if (file) await this.importFile(file.name, await file.text());
  };

  /** Parses a BPMN file, shows the report and replaces the diagram if the person agrees. */
  async importFile(name: string, xml: string): Promise<boolean> {
    const editor = this.#editor;
    const stack = editor.stack;
    if (!stack || editor.busy) return false;
    editor.busy = true;
    editor.actionError = undefined;
    try {
      let result = await parseBpmn(session().api, xml);
      const dialog = editor.renderRoot.querySelector("procedo-bpmn-dialog") as ProcedoBpmnDialog;
      const choosePool = async (
        pool: string,
      ) => (result = await parseBpmn(session().api, xml, pool));
      if (!(await dialog.ask(name, result, choosePool))) return false;
      const applied = stack.execute(replaceGraph(result.graph, "editor.command.importBpmn"));
      if (!applied.ok) {
        editor.say({
          intent: "error",
          text: t("editor.refused", { message: applied.refusal.message }),
        });
        return false;
      }
      editor.say({ intent: "success", text: t("editor.imported", { file: name }) });
      await editor.updateComplete;
      editor.canvas?.fit();
      return true;
    } catch (err) {
      editor.actionError = err;
      return false;
    } finally {
      editor.busy = false;
    }
  }

  /** Downloads the draft as BPMN; unsaved changes are saved first, so the file has them. */
  async export(): Promise<void> {
    const editor = this.#editor;
    const stack = editor.stack;
    const save = editor.save;
    if (!stack || !save || !editor.process) return;
    editor.actionError = undefined;
    if (stack.dirty && editor.editable && !(await save.save())) return;
    try {
      const blob = await exportBpmn(session().api, editor.processId);
      downloadFile(blob, bpmnFileName(editor.process.title));
    } catch (e) {
      editor.actionError = e;
    }
  }
}
