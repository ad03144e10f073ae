// <procedo-draft-export-menu process-id=… .save=${fn}>: the process editor's Export menu — the
// draft as a PDF report, an SVG or a PNG diagram (`?version=draft` of the exports API). The
// exports read the saved draft, so each download first has the editor save what is on the
// screen (`save` resolves whether the server has it now); when that fails the download does
// not start and the menu says why. A component of its own, slotted into the editor's command
// bar, so the editor itself only passes the process and its save.
import { html, LitElement } from "lit";
import { LocaleController, t } from "../lib/i18n.ts";
import "./export_menu.ts";
import type { ExportItem } from "./export_menu.ts";

export class ProcedoDraftExportMenu extends LitElement {
  static override properties = {
    processId: { attribute: "process-id" },
    processTitle: { attribute: "process-title" },
    save: { attribute: false },
    compact: { type: Boolean, reflect: true },
  };
  declare processId: string;
  declare processTitle: string;
  /** Saves the draft now; true once the server has what the editor shows. */
  declare save: (() => Promise<boolean>) | undefined;
  /** Icon only: set by the command bar when its words do not fit. */
  declare compact: boolean;

  constructor() {
    super();
    this.processId = "";
    this.processTitle = "";
    this.compact = false;
    new LocaleController(this);
  }

  #prepare = async (): Promise<string | null> =>
    !this.save || await this.save() ? null : t("exports.draftNotSaved");

  override render() {
    const id = this.processId;
    const item = (ext: "pdf" | "svg" | "png", label: ExportItem["label"]): ExportItem => ({
      label,
      path: `/api/v1/exports/processes/{id}.${ext}`,
      path_params: { id },
      query: { version: "draft" },
      testid: `export-draft-${ext}`,
    });
    return html`
      <procedo-export-menu .items=${[
        item("pdf", "exports.draftAsPdf"),
        item("svg", "exports.draftAsSvg"),
        item("png", "exports.draftAsPng"),
      ]} .prepare=${this.#prepare} what=${this.processTitle}
        ?compact=${this.compact}></procedo-export-menu>
    `;
  }
}

customElements.define("procedo-draft-export-menu", ProcedoDraftExportMenu);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-draft-export-menu": ProcedoDraftExportMenu;
  }
}
