// <procedo-export-menu>: an "Export" menu button whose items download files from the
// exports API through the generated client. Long downloads (handbooks, big lists) show how
// much has arrived; a failure shows the problem. The items are data: a label, the API path
// and its parameters. `prepare` runs before each download and may refuse it with a reason
// (the editor saves the draft first, so the file has what is on the screen).
import { css, html, LitElement, nothing } from "lit";
import { session } from "../app/session.ts";
import { LocaleController, type MessageKey, t } from "../lib/i18n.ts";
import { icon } from "./icons.ts";
import { base } from "./styles.ts";
import "./problem_bar.ts";

export interface ExportItem {
  label: MessageKey;
  /** The label's placeholders (e.g. the list's name). */
  labelParams?: Record<string, string>;
  /** A path of the exports API, e.g. "/api/v1/exports/processes/{id}.pdf". */
  path: string;
  path_params?: Record<string, string>;
  query?: Record<string, string>;
  testid: string;
}

/** Before a download: null to go ahead, or why not (shown as the menu's problem). */
export type PrepareExport = () => Promise<string | null>;

export class ProcedoExportMenu extends LitElement {
  static override properties = {
    items: { attribute: false },
    prepare: { attribute: false },
    what: {},
    compact: { type: Boolean, reflect: true },
    progress: { state: true },
    error: { state: true },
    refusal: { state: true },
  };
  static override styles = [
    base,
    css`
      :host {
        display: inline-flex;
        align-items: center;
        gap: var(--spacingHorizontalS);
      }
      .progress {
        font-size: var(--fontSizeBase200);
        color: var(--colorNeutralForeground2);
        font-variant-numeric: tabular-nums;
      }
      @media print {
        :host {
          display: none;
        }
      }
    `,
  ];
  declare items: ExportItem[];
  declare prepare: PrepareExport | undefined;
  declare what: string;
  /** Icon only (a narrow command bar): the words stay the button's name and tooltip. */
  declare compact: boolean;
  declare progress: string | undefined;
  declare error: unknown;
  /** Why `prepare` refused the last download. */
  declare refusal: string | null;

  constructor() {
    super();
    this.items = [];
    this.refusal = null;
    this.what = "";
    this.compact = false;
    new LocaleController(this);
  }

  async download(item: ExportItem) {
    this.error = undefined;
    this.refusal = null;
    const label = t(item.label, item.labelParams);
    this.progress = t("exports.downloading", { what: label, size: "" });
    try {
      this.refusal = (await this.prepare?.()) ?? null;
      if (this.refusal) return;
      const api = session().api;
      // deno-lint-ignore no-explicit-any
      const res = await (api.GET as any)(item.path, {
        params: {
          path: item.path_params ?? {},
          query: { lang: document.documentElement.lang === "de" ? "de" : "en", ...item.query },
        },
        parseAs: "stream",
      });
      if (res.error !== undefined || !res.response.ok) {
        throw res.error ?? new Error(`HTTP ${res.response.status}`);
      }
      const reader = (res.data as ReadableStream<Uint8Array>).getReader();
      const chunks: Uint8Array[] = [];
      let received = 0;
      while (true) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.length;
        this.progress = t("exports.downloading", { what: label, size: size(received) });
      }
      const type = res.response.headers.get("content-type") ?? "application/octet-stream";
      save(new Blob(chunks as BlobPart[], { type }), fileNameOf(res.response) ?? "export");
    } catch (e) {
      this.error = e;
    } finally {
      this.progress = undefined;
    }
  }

  override render() {
    return html`
      <fluent-menu>
        <fluent-menu-button slot="trigger" role="button" appearance="subtle"
          aria-label=${this.what ? t("exports.menuLabel", { what: this.what }) : t("exports.menu")}
          ?disabled=${this.progress !== undefined} data-testid="export-menu"
          ?icon-only=${this.compact} title=${this.compact ? t("exports.menu") : nothing}
        >${icon("download", 20, this.compact ? undefined : "start")}${this.compact
          ? nothing
          : t("exports.menu")}</fluent-menu-button>
        <fluent-menu-list role="menu">
          ${this.items.map((item) =>
            html`
              <fluent-menu-item role="menuitem" data-testid=${item.testid}
                @click=${() => this.download(item)}>${t(
                  item.label,
                  item.labelParams,
                )}</fluent-menu-item>
            `
          )}
        </fluent-menu-list>
      </fluent-menu>
      ${this.progress
        ? html`<span class="progress" role="status" data-testid="export-progress">${this.progress}</span>`
        : nothing}
      ${this.error ? html`<procedo-problem .error=${this.error}></procedo-problem>` : nothing}
      ${this.refusal
        ? html`<fluent-message-bar intent="warning" data-testid="export-refused">${this.refusal}</fluent-message-bar>`
        : nothing}
    `;
  }
}

const size = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The file name the server chose (RFC 6266 filename*, else filename). */
function fileNameOf(res: Response): string | undefined {
  const d = res.headers.get("content-disposition") ?? "";
  const star = d.match(/filename\*=UTF-8''([^;]+)/i);
  if (star) return decodeURIComponent(star[1]);
  return d.match(/filename="([^"]+)"/i)?.[1];
}

function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.rel = "noopener";
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

customElements.define("procedo-export-menu", ProcedoExportMenu);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-export-menu": ProcedoExportMenu;
  }
}

/**
 * The items of a list export: XLSX, CSV, and CSV for German Excel. Where a menu offers more
 * than one list, `name` (already in the person's language) says which list each item is.
 */
export function listExportItems(
  list: string,
  query: Record<string, string> = {},
  name?: string,
): ExportItem[] {
  const path = (ext: string) => `/api/v1/exports/lists/{list}.${ext}`;
  const labelParams = name ? { name } : undefined;
  return [
    {
      label: name ? "exports.namedXlsx" : "exports.xlsx",
      labelParams,
      path: path("xlsx"),
      path_params: { list },
      query,
      testid: "export-xlsx",
    },
    {
      label: name ? "exports.namedCsv" : "exports.csv",
      labelParams,
      path: path("csv"),
      path_params: { list },
      query,
      testid: "export-csv",
    },
    {
      label: name ? "exports.namedCsvExcel" : "exports.csvExcel",
      labelParams,
      path: path("csv"),
      path_params: { list },
      query: { ...query, excel: "true" },
      testid: "export-csv-excel",
    },
  ];
}
