// <procedo-import-dialog heading="…" .kinds=${[…]} .run=${caller}>: imports a CSV or XLSX
// file in a panel, checking first. The person picks what to import (when there is a choice)
// and a file; "Check file" runs a dry run and shows the row report (row, field, problem);
// with the rows it will import and duplicates of existing objects (which can be left out);
// then "Import" (all or nothing) or "Import valid rows only" (partial). The caller sends the
// file wherever it belongs, so any list with an import route can use this; a refused import
// (422 with a `report` member) shows its report too. Fires `imported` with the report.
import { css, html, LitElement, nothing } from "lit";
import { isApiProblem } from "../lib/api/client.ts";
import { formatNumber, LocaleController, t } from "../lib/i18n.ts";
import { importProblemMessage } from "../lib/problems.ts";
import { icon } from "./icons.ts";
import { importPreview, type ImportPreviewRow } from "./import_preview.ts";
import "./problem_bar.ts";
import "./side_panel.ts";
import type { ProcedoPanel } from "./side_panel.ts";
import { base, controls, table } from "./styles.ts";

export interface ImportRowProblem {
  /** The spreadsheet row (1: the header). */
  row: number;
  field: string | null;
  /** Its stable code and what its message needs; shown in the person's language. */
  code?: string;
  params?: Record<string, string | number>;
  /** The server's English words, for codes the UI does not know. */
  problem: string;
}

/** What an import route answers (dry run or not); extra members are ignored here. */
export interface ImportReport {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  applied: boolean;
  problems: ImportRowProblem[];
  warnings?: ImportRowProblem[];
  truncated?: boolean;
  /** New rows that repeat an existing object (resources). */
  duplicates?: number;
  /** What happens to each of the first rows (resources). */
  preview?: ImportPreviewRow[];
}

/** One kind of list the route accepts ("positions", "employees"…). */
export interface ImportKind {
  value: string;
  label: string;
  /** The columns expected, in a sentence. */
  hint?: string;
}

export interface ImportRequest {
  kind: string;
  file: File;
  dryRun: boolean;
  partial: boolean;
  /** Leave out rows that repeat an existing object (where the route offers it). */
  skipDuplicates: boolean;
}

/** Sends the file; resolves with the report or throws the API's problem (`ApiProblem`). */
export type ImportCaller = (request: ImportRequest) => Promise<ImportReport>;

const ACCEPT = ".csv,.xlsx,text/csv," +
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export class ProcedoImportDialog extends LitElement {
  static override properties = {
    heading: {},
    kinds: { attribute: false },
    run: { attribute: false },
    describe: { attribute: false },
    kind: { state: true },
    file: { state: true },
    report: { state: true },
    done: { state: true },
    error: { state: true },
    busy: { state: true },
    skipDuplicates: { state: true },
  };
  static override styles = [
    base,
    controls,
    table,
    css`
      fieldset {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalS);
        margin: 0;
        padding: var(--spacingVerticalM) var(--spacingHorizontalM);
        border: var(--strokeWidthThin) solid var(--colorNeutralStroke2);
        border-radius: var(--borderRadiusMedium);
      }
      legend {
        font-weight: var(--fontWeightSemibold);
      }
      .kind {
        display: flex;
        gap: var(--spacingHorizontalS);
        align-items: baseline;
      }
      .hint {
        display: block;
        color: var(--colorNeutralForeground3);
        font-size: var(--fontSizeBase200);
      }
      section {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalS);
      }
      h3 {
        margin: 0;
        font-size: var(--fontSizeBase300);
        font-weight: var(--fontWeightSemibold);
      }
    `,
  ];
  declare heading: string;
  declare kinds: ImportKind[];
  declare run: ImportCaller | undefined;
  /** More to say about a report (for example units created), one line each. */
  declare describe: ((report: ImportReport) => string[]) | undefined;
  declare kind: string;
  declare file: File | undefined;
  /** The dry run's report, or the report of a refused import. */
  declare report: ImportReport | undefined;
  /** The report of the import that was applied. */
  declare done: ImportReport | undefined;
  declare error: unknown;
  declare busy: boolean;
  declare skipDuplicates: boolean;

  constructor() {
    super();
    this.heading = "";
    this.kinds = [];
    this.kind = "";
    this.busy = false;
    this.skipDuplicates = true;
    new LocaleController(this);
  }

  /** Opens the panel, with `kind` chosen (default: the first kind). */
  async open(kind?: string) {
    this.kind = kind ?? this.kinds[0]?.value ?? "";
    this.file = undefined;
    this.#clear();
    this.done = undefined;
    await this.updateComplete;
    const input = this.renderRoot.querySelector<HTMLInputElement>("input[type=file]");
    if (input) input.value = "";
    await this.#panel.show();
  }

  get #panel(): ProcedoPanel {
    return this.renderRoot.querySelector("procedo-panel") as ProcedoPanel;
  }

  #clear() {
    this.report = undefined;
    this.error = undefined;
  }

  override render() {
    return html`
      <procedo-panel heading=${this.heading} data-testid="import-panel">
        <p>${t("import.intro")}</p>
        ${this.kinds.length > 1 ? this.#kindChoice() : this.#hint(this.kinds[0])}
        <label class="control">
          <span>${t("import.file")}</span>
          <input class="native" type="file" accept=${ACCEPT} ?disabled=${this.busy}
            data-testid="import-file" @change=${this.#onFile}>
        </label>
        <procedo-problem .error=${this.error}></procedo-problem>
        ${this.done ? this.#doneSummary(this.done) : nothing}
        ${this.report ? this.#reportView(this.report) : nothing}
        ${this.#buttons()}
      </procedo-panel>
    `;
  }

  #kindChoice() {
    return html`
      <fieldset>
        <legend>${t("import.kind")}</legend>
        ${this.kinds.map((k) =>
          html`
            <label class="kind">
              <input type="radio" name="kind" value=${k.value} .checked=${this.kind === k.value}
                ?disabled=${this.busy} @change=${() => this.#choose(k.value)}>
              <span>${k.label}${k.hint ? html`<span class="hint">${k.hint}</span>` : nothing}</span>
            </label>
          `
        )}
      </fieldset>
    `;
  }

  #hint(kind: ImportKind | undefined) {
    return kind?.hint ? html`<p class="hint">${kind.hint}</p>` : nothing;
  }

  #choose(kind: string) {
    this.kind = kind;
    this.#clear();
    this.done = undefined;
  }

  #onFile = (e: Event) => {
    this.file = (e.target as HTMLInputElement).files?.[0];
    this.#clear();
    this.done = undefined;
  };

  #buttons() {
    const r = this.report;
    const valid = r ? r.created + r.updated + r.unchanged : 0;
    if (this.done) {
      return html`
        <fluent-button slot="footer" appearance="primary" data-testid="import-close"
          @click=${() => this.#panel.hide()}>${t("action.done")}</fluent-button>
      `;
    }
    const checked = r && !this.error;
    return html`
      ${!checked
        ? html`
          <fluent-button slot="footer" appearance="primary" data-testid="import-check"
            ?disabled=${!this.file || this.busy} @click=${() => this.#send(true, false)}>${icon(
              "checkmark",
              20,
              "start",
            )}${t("import.check")}</fluent-button>
        `
        : html`
          <fluent-button slot="footer" appearance="primary" data-testid="import-all"
            ?disabled=${this.busy || r.skipped > 0}
            @click=${() => this.#send(false, false)}>${icon("upload", 20, "start")}${t(
              "import.all",
            )}</fluent-button>
          ${r.skipped > 0
            ? html`
              <fluent-button slot="footer" data-testid="import-partial"
                ?disabled=${this.busy || valid === 0} @click=${() => this.#send(false, true)}>${t(
                  "import.partial",
                )}</fluent-button>
            `
            : nothing}
        `}
      <fluent-button slot="footer" @click=${() => this.#panel.hide()}>${t(
        "action.cancel",
      )}</fluent-button>
    `;
  }

  #reportView(r: ImportReport) {
    const count = (n: number) => formatNumber(n);
    const valid = r.created + r.updated + r.unchanged;
    return html`
      <section data-testid="import-report">
        ${r.rows > 0
          ? html`<p role="status">${
            t("import.checked", {
              rows: count(r.rows),
              created: count(r.created),
              updated: count(r.updated),
              unchanged: count(r.unchanged),
              skipped: count(r.skipped),
            })
          }</p>`
          : nothing}
        ${(this.describe?.(r) ?? []).map((line) => html`<p>${line}</p>`)}
        ${r.skipped > 0 && !this.error
          ? html`<p class="hint">${valid ? t("import.allBlocked") : t("import.nothingValid")}</p>`
          : nothing}
        ${this.#problemTable(t("import.problems"), r.problems, "import-problems")}
        ${r.truncated
          ? html`<p class="hint">${t("import.truncated", { count: count(r.problems.length) })}</p>`
          : nothing}
        ${importPreview(
          r.preview,
          r.duplicates ?? 0,
          this.skipDuplicates,
          (skip) => {
            // The counts above were checked with the other choice: check again.
            this.skipDuplicates = skip;
            void this.#send(true, false);
          },
          r.rows,
        )}
        ${this.#problemTable(t("import.warnings"), r.warnings ?? [], "import-warnings")}
      </section>
    `;
  }

  #problemTable(caption: string, rows: ImportRowProblem[], testId: string) {
    if (!rows.length) return nothing;
    return html`
      <h3>${caption}</h3>
      <div class="table-wrap">
        <table data-testid=${testId}>
          <caption class="visually-hidden">${caption}</caption>
          <thead>
            <tr>
              <th scope="col">${t("import.row")}</th>
              <th scope="col">${t("import.field")}</th>
              <th scope="col">${t("import.problem")}</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map((p) =>
              html`
                <tr>
                  <td>${p.row}</td>
                  <td>${p.field ?? t("import.wholeRow")}</td>
                  <td class="wrap">${importProblemMessage(p)}</td>
                </tr>
              `
            )}
          </tbody>
        </table>
      </div>
    `;
  }

  #doneSummary(r: ImportReport) {
    const count = (n: number) => formatNumber(n);
    return html`
      <fluent-message-bar intent="success" layout="multiline" role="status"
        data-testid="import-done">
        ${t("import.done", {
          created: count(r.created),
          updated: count(r.updated),
          unchanged: count(r.unchanged),
          skipped: count(r.skipped),
        })}
        ${(this.describe?.(r) ?? []).map((line) =>
          html`
            ${line}
          `
        )}
        ${r.duplicates && this.skipDuplicates
          ? t("imports.doneDuplicates", { count: count(r.duplicates) })
          : nothing}
      </fluent-message-bar>
      ${this.#problemTable(t("import.skippedRows"), r.problems, "import-skipped")}
    `;
  }

  async #send(dryRun: boolean, partial: boolean) {
    const file = this.file;
    if (!file || !this.run) return;
    this.busy = true;
    this.error = undefined;
    try {
      const report = await this.run({
        kind: this.kind,
        file,
        dryRun,
        partial,
        skipDuplicates: this.skipDuplicates,
      });
      if (dryRun) this.report = report;
      else {
        this.report = undefined;
        this.done = report;
        this.dispatchEvent(new CustomEvent("imported", { detail: report }));
      }
    } catch (e) {
      this.error = e;
      // A refused import or an unreadable file still says which rows: show them.
      const report = isApiProblem(e) ? (e.problem as { report?: ImportReport }).report : undefined;
      this.report = report;
    } finally {
      this.busy = false;
    }
  }
}

customElements.define("procedo-import-dialog", ProcedoImportDialog);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-import-dialog": ProcedoImportDialog;
  }
}
