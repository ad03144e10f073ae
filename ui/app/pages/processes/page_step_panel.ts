// <procedo-step-panel>: a step of the diagram in a panel from the right — its type and lane,
// who is responsible, accountable, consulted and informed (position names), what it links to
// (documents, IT systems, requirements, locations), how long it takes and what to do.
// Linked objects belong to the resources plugin and the graph holds their ids: their names
// (and where documents and IT systems open: shown as links) are looked up there when the
// panel opens; an id stands where no name can be found. The embeddable viewer (ui/embed/)
// uses this panel too, with its own API client, inline in its box and links to the app.
import { css, html, LitElement, nothing } from "lit";
import "../../../components/side_panel.ts";
import type { ProcedoPanel } from "../../../components/side_panel.ts";
import { base } from "../../../components/styles.ts";
import { LocaleController, type MessageKey, t } from "../../../lib/i18n.ts";
import type { ProcedoClient } from "../../../lib/api/client.ts";
import { type Graph, type LinkTarget, loadLinkTargets } from "./page_model.ts";
import { markdown } from "./page_markdown.ts";

type ProcessNode = Graph["nodes"][number];

const RACI = ["responsible", "accountable", "consulted", "informed"] as const;
const LINKS = ["documents", "systems", "requirements", "locations"] as const;

/** "90 min" → "1 h 30 min"; whole hours and days stay short. */
export function formatDuration(minutes: number): string {
  if (minutes < 60) return t("processes.step.minutes", { count: minutes });
  const h = Math.floor(minutes / 60), m = minutes % 60;
  return m
    ? t("processes.step.hoursMinutes", { hours: h, minutes: m })
    : t("processes.step.hours", { hours: h });
}

export class ProcedoStepPanel extends LitElement {
  static override properties = {
    node: { attribute: false },
    graph: { attribute: false },
    names: { attribute: false },
    api: { attribute: false },
    hrefOf: { attribute: false },
    panelType: { attribute: "panel-type" },
    linkNames: { state: true },
  };
  static override styles = [
    base,
    css`
      section {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalXS);
      }
      h3 {
        margin: 0;
        font-size: var(--fontSizeBase300);
        font-weight: var(--fontWeightSemibold);
      }
      dl {
        display: grid;
        grid-template-columns: minmax(6rem, max-content) 1fr;
        gap: var(--spacingVerticalXS) var(--spacingHorizontalM);
        margin: 0;
      }
      dt {
        color: var(--colorNeutralForeground3);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      ul {
        margin: 0;
        padding-inline-start: var(--spacingHorizontalL);
      }
      a {
        color: var(--colorBrandForegroundLink);
      }
      .id {
        font-family: var(--fontFamilyMonospace);
        font-size: var(--fontSizeBase200);
      }
      .description {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalS);
      }
    `,
  ];
  declare node: ProcessNode | undefined;
  declare graph: Graph | undefined;
  declare names: ReadonlyMap<string, string>;
  /** Linked objects found so far (kept while the page lives). */
  declare linkNames: ReadonlyMap<string, LinkTarget>;
  /** The client to look linked objects up with (the signed-in session's by default). */
  declare api: ProcedoClient | undefined;
  /** Where a called process opens (its app page by default). */
  declare hrefOf: (id: string) => string;
  /** The drawer's type: modal over the page (the app) or inline in its box (embeds). */
  declare panelType: "modal" | "inline";

  constructor() {
    super();
    this.names = new Map();
    this.linkNames = new Map();
    this.api = undefined;
    this.hrefOf = (id) => `/processes/${id}`;
    this.panelType = "modal";
    new LocaleController(this);
  }

  /** Shows `node` of `graph` in the panel; names of linked objects follow as they load. */
  async open(node: ProcessNode, graph: Graph) {
    this.node = node;
    this.graph = graph;
    await this.updateComplete;
    await this.#panel.show();
    const found = new Map(this.linkNames);
    await loadLinkTargets(node.links, found, this.api);
    if (this.node === node) this.linkNames = found;
  }

  hide() {
    this.#panel?.hide();
  }

  get #panel() {
    return this.renderRoot.querySelector("procedo-panel") as ProcedoPanel;
  }

  override render() {
    const n = this.node;
    const heading = n ? n.label || t(`processes.node.${n.type}` as MessageKey) : "";
    return html`
      <procedo-panel heading=${heading} type=${this.panelType} data-testid="step-panel">
        ${n ? this.#body(n) : nothing}
        <fluent-button slot="footer" @click=${() => this.hide()}>${t(
          "action.close",
        )}</fluent-button>
      </procedo-panel>
    `;
  }

  #body(n: ProcessNode) {
    const lane = this.graph?.lanes.find((l) => l.id === n.laneId);
    return html`
      <dl>
        <dt>${t("processes.step.type")}</dt>
        <dd>${t(`processes.node.${n.type}` as MessageKey)}</dd>
        ${lane
          ? html`
            <dt>${t("processes.step.lane")}</dt>
            <dd>${lane.name}</dd>
          `
          : nothing}
        ${n.durationMinutes != null
          ? html`
            <dt>${t("processes.step.duration")}</dt>
            <dd>${formatDuration(n.durationMinutes)}</dd>
          `
          : nothing}
        ${n.processId
          ? html`
            <dt>${t("processes.step.calledProcess")}</dt>
            <dd><a href=${this.hrefOf(n.processId)}
                          @click=${() => this.hide()}>${t("processes.step.openProcess")}</a></dd>
          `
          : nothing}
      </dl>
      <section data-testid="step-raci">
        <h3>${t("processes.step.raci")}</h3>
        ${this.#raci(n)}
      </section>
      <section data-testid="step-links">
        <h3>${t("processes.step.links")}</h3>
        ${this.#links(n)}
      </section>
      <section>
        <h3>${t("processes.step.description")}</h3>
        <div class="description">${n.description
          ? markdown(n.description)
          : html`<p class="muted">${t("processes.step.noDescription")}</p>`}</div>
      </section>
    `;
  }

  #raci(n: ProcessNode) {
    const rows = RACI.filter((role) => n.raci?.[role]?.length);
    if (!rows.length) return html`<p class="muted">${t("processes.step.noRaci")}</p>`;
    return html`<dl>${
      rows.map((role) =>
        html`
          <dt>${t(`processes.step.${role}`)}</dt>
          <dd>
            <ul>${n.raci![role].map((id) => html`<li>${this.#name(id)}</li>`)}</ul>
          </dd>
        `
      )
    }</dl>`;
  }

  #links(n: ProcessNode) {
    const rows = LINKS.filter((kind) => n.links?.[kind]?.length);
    if (!rows.length) return html`<p class="muted">${t("processes.step.noLinks")}</p>`;
    return html`<dl>${
      rows.map((kind) =>
        html`
          <dt>${t(`processes.step.${kind}`)}</dt>
          <dd>
            <ul>${n.links![kind].map((id) => html`<li>${this.#link(id)}</li>`)}</ul>
          </dd>
        `
      )
    }</dl>`;
  }

  #name(id: string) {
    const name = this.names.get(id) ?? this.linkNames.get(id)?.name;
    return name ? name : html`<span class="id" title=${t("processes.step.unnamed")}>${id}</span>`;
  }

  /** A linked object: a link where it can be opened (a new tab: the diagram stays). */
  #link(id: string) {
    const target = this.linkNames.get(id);
    if (!target?.url) return this.#name(id);
    return html`<a href=${target.url} target="_blank" rel="noopener noreferrer">${target.name}</a>`;
  }
}

customElements.define("procedo-step-panel", ProcedoStepPanel);
