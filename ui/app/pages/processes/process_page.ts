// <procedo-process-page> (/processes/:id): one process — its header, then tabs for the
// diagram (the published version by default; modelers can switch to the draft), details
// with the review cycle, the RACI matrix, validation findings of the draft (modelers) and
// the version history with the approval flow. Selecting a step opens it in a side panel.
// Readers see no edit or approval actions (and the API would refuse them).
import "./process_delete.ts";
import { html, LitElement, nothing, type PropertyValues } from "lit";
import "../../../components/diagram/diagram_view.ts";
import type { NodeSelectDetail, ProcedoDiagram } from "../../../components/diagram/diagram_view.ts";
import "../../../components/problem_bar.ts";
import "../../../components/export_menu.ts";
import type { ExportItem } from "../../../components/export_menu.ts";
import { base, page } from "../../../components/styles.ts";
import { unwrap } from "../../../lib/api/client.ts";
import { ApiData } from "../../../lib/api_data.ts";
import { LocaleController, type MessageKey, t } from "../../../lib/i18n.ts";
import { router } from "../../../lib/router.ts";
import { session } from "../../session.ts";
import "./page_details.ts";
import "./page_findings.ts";
import "./page_header.ts";
import {
  type Draft,
  isModeler,
  loadModel,
  loadNames,
  loadRaci,
  loadUserNames,
  type Model,
  type Process,
  type RaciMatrix,
  type Source,
} from "./page_model.ts";
import "./page_ai.ts";
import "./page_raci.ts";
import { processPageStyles } from "./page_styles.ts";
import "./page_step_panel.ts";
import type { ProcedoStepPanel } from "./page_step_panel.ts";
import "./page_versions.ts";
import type { ChangedDetail } from "./page_versions.ts";
import { collaborationTab, type Focus, focusOf, tabLabel } from "./page_collaboration.ts";
import { stepCollaboration } from "./page_step_collaboration.ts";

type Tab =
  | "diagram"
  | "details"
  | "raci"
  | "findings"
  | "history"
  | "comments"
  | "problems"
  | "feedback"
  | "ai";

interface View {
  process: Process;
  model: Model | null;
  draft?: Draft;
  raci?: RaciMatrix;
  names: Map<string, string>;
}

export class ProcedoProcessPage extends LitElement {
  static override properties = {
    params: { attribute: false },
    tab: { state: true },
    source: { state: true },
    selected: { state: true },
  };
  static override styles = [base, page, processPageStyles];
  declare params: { id: string };
  declare tab: Tab;
  declare source: Source | undefined;
  declare selected: string | null;
  #loadedFor?: string;
  /** What a link asked to show (?comment=, ?problem=, ?approval=, ?review=, ?feedback=). */
  #focus: Focus = {};
  #query?: string;
  #people: ReadonlyMap<string, string> = new Map();
  #view = new ApiData<View>(this, (signal) => this.#load(signal), { auto: false });
  #editorLoading = false;

  constructor() {
    super();
    this.params = { id: "" };
    this.tab = "diagram";
    this.selected = null;
    new LocaleController(this);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#loadedFor = undefined; // the next visit loads afresh
  }

  protected override willUpdate(changed: PropertyValues) {
    if (changed.has("params") && this.params.id && this.params.id !== this.#loadedFor) {
      this.#loadedFor = this.params.id;
      this.tab = "diagram";
      // Back from the editor (?source=draft): the draft that was just edited.
      this.source = router.location.query.get("source") === "draft" && isModeler()
        ? "draft"
        : undefined;
      this.selected = null;
      this.#stepPanel?.hide();
      void this.#view.reload();
      void loadUserNames(this.params.id).then((names) => {
        this.#people = names;
        this.requestUpdate();
      }, () => {/* names are a nicety: ids and "another user" stand in */});
    }
    const query = router.location.query.toString();
    if (changed.has("params") && query !== this.#query) {
      this.#query = query;
      this.#focus = focusOf(router.location.query);
      if (this.#focus.tab) this.tab = this.#focus.tab;
    }
  }

  protected override updated() {
    // A modeler who may edit likely will: the editor's chunk (and the chunks it imports) loads
    // while the page is read, not in a waterfall after the click on Edit (about 100 ms).
    const v = this.#view.value;
    if (this.#editorLoading || !v || !isModeler() || v.draft?.state === "in_review") return;
    this.#editorLoading = true;
    whenIdle(() => import("./edit_page.ts").catch(() => {/* the route loads it again */}));
  }

  async #load(signal: AbortSignal): Promise<View> {
    const { api } = session();
    const id = this.params.id;
    const process = unwrap(
      await api.GET("/api/v1/processes/{id}", { params: { path: { id } }, signal }),
    );
    const source = this.source ??
      (process.publishedVersion > 0 ? "published" : isModeler() ? "draft" : undefined);
    const [model, draft, raci] = await Promise.all([
      source ? loadModel(process, source, signal) : null,
      // The draft's state (in review?) and version (If-Match) matter to modelers' actions.
      isModeler()
        ? api.GET("/api/v1/processes/{id}/draft", { params: { path: { id } }, signal })
          .then((r) => r.data)
        : undefined,
      source ? loadRaci(id, source, signal) : undefined,
    ]);
    this.source = source;
    const graph = model?.graph ?? { schemaVersion: 1 as const, lanes: [], nodes: [], edges: [] };
    const names = await loadNames(process, graph, raci, signal);
    return { process, model, draft: draft ?? undefined, raci, names };
  }

  get #stepPanel(): ProcedoStepPanel | null {
    return this.renderRoot?.querySelector("procedo-step-panel") ?? null;
  }

  get #diagram(): ProcedoDiagram | null {
    return this.renderRoot.querySelector("procedo-diagram");
  }

  override render() {
    const v = this.#view.value;
    if (!v) {
      return this.#view.error
        ? html`<procedo-problem .error=${this.#view.error} @retry=${() =>
          this.#view.reload()}></procedo-problem>`
        : html`<fluent-spinner aria-label=${t("app.loading")}></fluent-spinner>`;
    }
    const tabs: Tab[] = [
      "diagram",
      "details",
      "raci",
      ...(isModeler() ? ["findings" as const] : []),
      "history",
      "comments",
      "problems",
      "feedback",
      "ai",
    ];
    return html`
      <procedo-process-header .process=${v.process} .model=${v.model} .names=${v.names}
        .people=${this.#people}></procedo-process-header>
      ${isModeler()
        ? html`<procedo-process-delete .process=${v.process}></procedo-process-delete>`
        : nothing}
      <procedo-problem .error=${this.#view.error} @retry=${() =>
        this.#view.reload()}></procedo-problem>
      <div role="tablist" aria-label=${t("processes.page.sections")} @keydown=${this.#tabKey}>
        ${tabs.map((tab) =>
          html`
            <button role="tab" id=${`tab-${tab}`} aria-controls=${`panel-${tab}`}
              aria-selected=${this.tab === tab ? "true" : "false"} tabindex=${this.tab === tab
                ? 0
                : -1}
              data-tab=${tab} @click=${() => (this.tab = tab)}>${t(tabLabel(tab))}</button>
          `
        )}
      </div>
      <div role="tabpanel" id="panel-diagram" aria-labelledby="tab-diagram" ?hidden=${this.tab !==
        "diagram"}>
        ${this.#diagramPanel(v)}
      </div>
      ${this.tab === "diagram" ? nothing : html`
        <div role="tabpanel" id=${`panel-${this.tab}`}
          aria-labelledby=${`tab-${this.tab}`}>${this.#otherPanel(v)}</div>
      `}
      <procedo-step-panel .names=${v.names}
        .extra=${this.source === "published" || v.process.publishedVersion === 0
          ? (n: { id: string; label: string; type: string }) =>
            stepCollaboration(
              v.process.id,
              n.id,
              n.label || t(`processes.node.${n.type}` as MessageKey),
            )
          : undefined}
      ></procedo-step-panel>
    `;
  }

  #diagramPanel(v: View) {
    const modeler = isModeler();
    const inReview = v.draft?.state === "in_review";
    // The editor has a page of its own; a draft in review cannot be edited (a link cannot be
    // disabled, so then it is a button that says why).
    const editButton = inReview
      ? html`
        <button data-testid="edit-process" disabled title=${t("processes.page.editInReview")}>${t(
          "processes.page.edit",
        )}</button>
      `
      : html`
        <a data-testid="edit-process" href=${`/processes/${v.process.id}/edit`}>${t(
          "processes.page.edit",
        )}</a>
      `;
    const compare = html`
      <a class="compare" data-testid="compare-versions"
        href=${`/processes/${v.process.id}/compare`}>${t("processes.page.compare")}</a>
    `;
    if (!v.model) {
      return html`
        <p class="empty">${t("processes.page.notPublished")}</p>
        ${modeler ? html`<div class="actions">${editButton}</div>` : nothing}
      `;
    }
    const published = v.process.publishedVersion;
    return html`
      <procedo-diagram
        .graph=${v.model.graph}
        .names=${v.names}
        .selected=${this.selected}
        label=${t("processes.page.diagramOf", { title: v.process.title })}
        @node-select=${this.#onNodeSelect}
      >${modeler
        ? html`
          <div slot="toolbar" class="source" role="group" aria-label=${t("processes.page.source")}>
            <button data-testid="show-published"
              aria-pressed=${this.source === "published" ? "true" : "false"}
              ?disabled=${published === 0}
              title=${published === 0 ? t("processes.status.unpublished") : ""}
              @click=${() => this.#show("published")}>${published
                ? t("processes.page.version", { version: published })
                : t("processes.page.published")}</button>
            <button data-testid="show-draft" aria-pressed=${this.source === "draft"
              ? "true"
              : "false"} @click=${() => this.#show("draft")}>${t("processes.page.draft")}</button>
          </div>
        `
        : nothing}<div slot="toolbar" class="actions">${modeler ? editButton : nothing}${published >
            0 || modeler
        ? compare
        : nothing}${this.#exportMenu(v)}</div></procedo-diagram>
    `;
  }

  /** Readers export the published version shown; editors the draft when they look at it. */
  #exportMenu(v: View) {
    const draft = v.model?.source === "draft";
    const id = v.process.id;
    const version = draft ? "draft" : String(v.model?.version ?? "published");
    const file = (ext: string) => `/api/v1/exports/processes/{id}.${ext}`;
    const items: ExportItem[] = [
      {
        label: draft ? "exports.draftPdf" : "exports.pdf",
        path: file("pdf"),
        path_params: { id },
        query: { version },
        testid: "export-pdf",
      },
      {
        label: "exports.svg",
        path: file("svg"),
        path_params: { id },
        query: { version },
        testid: "export-svg",
      },
      {
        label: "exports.png",
        path: file("png"),
        path_params: { id },
        query: { version },
        testid: "export-png",
      },
      {
        label: "exports.raciXlsx",
        path: "/api/v1/exports/lists/{list}.xlsx",
        path_params: { list: "raci" },
        query: { process: id, source: draft ? "draft" : "published" },
        testid: "export-raci",
      },
    ];
    return html`<procedo-export-menu .items=${items} what=${v.process.title}></procedo-export-menu>`;
  }

  #otherPanel(v: View) {
    switch (this.tab) {
      case "details":
        return html`
          <procedo-process-details .process=${v.process} .names=${v.names}
            .people=${this.#people} @changed=${() => this.#view.reload()}></procedo-process-details>
        `;
      case "raci":
        return html`<procedo-raci-table .matrix=${v.raci} @step-select=${(
          e: CustomEvent<NodeSelectDetail>,
        ) => this.#reveal(e.detail.id)}></procedo-raci-table>`;
      case "findings":
        return html`
          <procedo-process-findings process-id=${v.process.id} .graph=${v.draft?.graph}
            @step-select=${(e: CustomEvent<NodeSelectDetail>) =>
              this.#reveal(e.detail.id, "draft")}></procedo-process-findings>
        `;
      case "comments":
      case "problems":
      case "feedback":
        return collaborationTab(this.tab, v.process, this.#focus);
      case "ai":
        return html`
          <procedo-process-ai .process=${v.process}
            @draft-changed=${() => this.#view.reload()}></procedo-process-ai>
        `;
      case "history":
        return html`
          <procedo-process-versions .process=${v.process} .draft=${v.draft}
            .people=${this.#people} @changed=${(
              e: CustomEvent<ChangedDetail>,
            ) => (e.detail.wait = this.#view.reload())}></procedo-process-versions>
        `;
    }
  }

  #show(source: Source) {
    if (source === this.source) return;
    this.source = source;
    this.selected = null;
    void this.#view.reload();
  }

  #onNodeSelect = (e: CustomEvent<NodeSelectDetail>) => {
    const graph = this.#view.value?.model?.graph;
    const node = graph?.nodes.find((n) => n.id === e.detail.id);
    this.selected = e.detail.id;
    if (node && graph) void this.#stepPanel?.open(node, graph);
  };

  /** Shows a step in the diagram (from the RACI table or a finding): selected and in view. */
  async #reveal(id: string, source?: Source) {
    this.tab = "diagram";
    if (source && source !== this.source) {
      this.source = source;
      await this.#view.reload();
    }
    this.selected = id;
    await this.updateComplete;
    const diagram = this.#diagram;
    if (!diagram) return;
    await diagram.updateComplete;
    await diagram.rendered;
    await diagram.focusNode(id);
  }

  #tabKey = (e: KeyboardEvent) => {
    const tabs = [...this.renderRoot.querySelectorAll<HTMLButtonElement>("[role=tab]")];
    const i = tabs.indexOf(e.target as HTMLButtonElement);
    if (i < 0) return;
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const target = tabs[(next + tabs.length) % tabs.length];
    this.tab = target.dataset.tab as Tab;
    target.focus();
  };
}

/** Runs `fn` when the browser is idle (within two seconds). */
function whenIdle(fn: () => unknown) {
  if ("requestIdleCallback" in globalThis) requestIdleCallback(() => fn(), { timeout: 2_000 });
  else setTimeout(fn, 200);
}

customElements.define("procedo-process-page", ProcedoProcessPage);
