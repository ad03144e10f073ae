// <procedo-process-viewer process="…" [version] [lang] api-base="…">: a published process on
// any page — its diagram (zoom, pan, fit, keyboard) and, for the step a person picks, the
// panel with its responsibilities (RACI positions by name), linked documents and IT systems
// as links, and what to do. Read-only; the published version, or the `version` named (a
// published one). The diagram and the step panel are the app's own components.
//
// Events: `procedo-ready` once shown, `procedo-error` when it cannot be, `procedo-step-select`
// ({ id, label }) when a step is picked.
import { css, html, LitElement, type PropertyValues } from "lit";
import "@fluentui/web-components/drawer.js";
import "@fluentui/web-components/drawer-body.js";
import "../components/diagram/diagram_view.ts";
import type { NodeSelectDetail } from "../components/diagram/diagram_view.ts";
import { needsLayout } from "../components/diagram/geometry.ts";
import "../app/pages/processes/page_step_panel.ts";
import type { ProcedoStepPanel } from "../app/pages/processes/page_step_panel.ts";
import { loadNames, loadRaci } from "../app/pages/processes/page_model.ts";
import type { Graph, Process } from "../app/pages/processes/page_model.ts";
import { ApiProblem, type Schemas, unwrap } from "../lib/api/client.ts";
import { LocaleController, t } from "../lib/i18n.ts";
import type { EmbedConnection, TokenProvider } from "./connection.ts";
import { EMBED_PROPERTIES, EmbedController, type EmbedTheme } from "./controller.ts";
import { embedStyles } from "./styles.ts";

interface Shown {
  process: Process;
  graph: Graph;
  version: number;
  names: Map<string, string>;
}

/** A problem the component tells by itself (no request failed). */
function notShown(detail: string): ApiProblem {
  const problem: Schemas["Problem"] = {
    type: "about:blank",
    title: detail,
    status: 404,
    detail,
  };
  return new ApiProblem(problem);
}

export class ProcedoProcessViewer extends LitElement {
  static override properties = {
    ...EMBED_PROPERTIES,
    process: {},
    version: {},
  };
  static override styles = [
    embedStyles,
    css`
      .body {
        position: relative;
        display: flex;
        flex: 1 1 0;
        min-height: 0;
      }
      procedo-diagram {
        flex: 1 1 0;
        min-width: 0;
        border: none;
        border-radius: 0;
      }
      procedo-step-panel {
        flex: none;
        max-width: 100%;
      }
      @container (max-width: 640px) {
        procedo-step-panel {
          position: absolute;
          inset-block: 0;
          inset-inline-end: 0;
        }
      }
    `,
  ];
  declare apiBase: string | null;
  declare clientId: string | null;
  declare authority: string | null;
  declare redirectUri: string | null;
  declare theme: EmbedTheme | null;
  declare tokenProvider: TokenProvider | undefined;
  /** The process id. */
  declare process: string | null;
  /** A published version number; the current published version when absent. */
  declare version: string | null;
  readonly embed = new EmbedController<Shown>(this, (c, signal) => this.#load(c, signal));
  #selected: string | null = null;

  constructor() {
    super();
    this.apiBase = null;
    this.clientId = null;
    this.authority = null;
    this.redirectUri = null;
    this.theme = null;
    this.tokenProvider = undefined;
    this.process = null;
    this.version = null;
    new LocaleController(this);
  }

  protected override willUpdate(changed: PropertyValues) {
    if (this.hasUpdated && (changed.has("process") || changed.has("version"))) {
      this.#selected = null;
      void this.embed.reload();
    }
  }

  async #load(connection: EmbedConnection, signal: AbortSignal): Promise<Shown> {
    const id = this.process?.trim();
    if (!id) throw notShown(t("embed.missing", { attribute: "process" }));
    const api = connection.api;
    const process = unwrap(
      await api.GET("/api/v1/processes/{id}", { params: { path: { id } }, signal }),
    );
    const wanted = this.version ? Number(this.version) : process.publishedVersion;
    if (!process.publishedVersion) throw notShown(t("embed.notPublished"));
    if (!Number.isInteger(wanted) || wanted < 1 || wanted > process.publishedVersion) {
      throw notShown(t("embed.noSuchVersion", { version: String(this.version) }));
    }
    const [version, raci] = await Promise.all([
      api.GET("/api/v1/processes/{id}/versions/{number}", {
        params: { path: { id, number: wanted } },
        signal,
      }).then(unwrap),
      // Names of the RACI positions; the published version's (older versions mostly agree).
      loadRaci(id, "published", signal, api).catch(() => undefined),
    ]);
    let graph = version.graph;
    if (needsLayout(graph)) {
      graph = unwrap(await api.POST("/api/v1/processes/layout", { body: graph, signal }));
    }
    const names = await loadNames(process, graph, raci, signal, api);
    return { process, graph, version: wanted, names };
  }

  get #panel(): ProcedoStepPanel | null {
    return this.renderRoot.querySelector("procedo-step-panel");
  }

  override render() {
    return this.embed.render((v) => {
      const title = v.process.title;
      return html`
        <div class="frame" part="frame" role="region" aria-label=${t("embed.viewerLabel", {
          title,
        })}>
          <header part="header">
            <h2 part="title">${title}</h2>
            <span class="muted" data-testid="viewer-version">${t("embed.version", {
              version: v.version,
            })}</span>
            <span class="grow"></span>
            <a part="open-link" href=${this.embed.appUrl(`/processes/${v.process.id}`)}
              target="_blank" rel="noopener" aria-label=${t("embed.openInProcedoLabel", {
                title,
              })}>${t("embed.openInProcedo")}</a>
          </header>
          <div class="body" part="body">
            <procedo-diagram part="diagram" .graph=${v.graph} .names=${v.names}
              .selected=${this.#selected} label=${t("processes.page.diagramOf", { title })}
              @node-select=${(e: CustomEvent<NodeSelectDetail>) => this.#open(v, e.detail.id)}
            ></procedo-diagram>
            <procedo-step-panel part="panel" panel-type="inline" .names=${v.names}
              .api=${this.embed.connection?.api} .hrefOf=${(id: string) =>
                this.embed.appUrl(`/processes/${id}`)}></procedo-step-panel>
          </div>
        </div>
      `;
    });
  }

  #open(v: Shown, id: string) {
    const node = v.graph.nodes.find((n) => n.id === id);
    if (!node) return;
    this.#selected = id;
    void this.#panel?.open(node, v.graph);
    this.dispatchEvent(
      new CustomEvent("procedo-step-select", {
        detail: { id, label: node.label },
        bubbles: true,
        composed: true,
      }),
    );
  }
}

customElements.define("procedo-process-viewer", ProcedoProcessViewer);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-process-viewer": ProcedoProcessViewer;
  }
}
