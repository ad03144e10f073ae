// <procedo-process-map [root] api-base="…">: the workspace's published process landscape,
// as the app's map draws it — tiles in three bands (management, core, support) — or, with
// `root`, that process and everything below it as a tree. Processes link to the app;
// `procedo-open-process` lets the host show one in a viewer instead (open_process.ts).
import { css, html, LitElement, type PropertyValues } from "lit";
import "../app/pages/processes/map_tree.ts";
import { cellStyles } from "../app/pages/processes/list_cells.ts";
import { OwnerNames } from "../app/pages/processes/list_owner_names.ts";
import { renderTiles, tileStyles } from "../app/pages/processes/map_tiles.ts";
import { type Schemas, unwrap } from "../lib/api/client.ts";
import { LocaleController, t } from "../lib/i18n.ts";
import type { EmbedConnection, TokenProvider } from "./connection.ts";
import { EMBED_PROPERTIES, EmbedController, type EmbedTheme } from "./controller.ts";
import { interceptProcessLinks } from "./open_process.ts";
import { embedStyles } from "./styles.ts";

type Node = Schemas["ProcessTreeNode"];

/** The nodes that are published or have published processes below them. */
export function publishedOnly(nodes: Node[]): Node[] {
  return nodes.flatMap((n) => {
    const children = publishedOnly(n.children);
    return n.publishedVersion > 0 || children.length ? [{ ...n, children }] : [];
  });
}

function find(nodes: Node[], id: string): Node | undefined {
  for (const n of nodes) {
    if (n.id === id) return n;
    const below = find(n.children, id);
    if (below) return below;
  }
}

export class ProcedoEmbedProcessMap extends LitElement {
  static override properties = { ...EMBED_PROPERTIES, root: {} };
  static override styles = [
    embedStyles,
    cellStyles,
    tileStyles,
    css`
      .content {
        flex: 1 1 0;
        overflow: auto;
        padding: var(--spacingVerticalM) var(--spacingHorizontalM);
      }
    `,
  ];
  declare apiBase: string | null;
  declare clientId: string | null;
  declare authority: string | null;
  declare redirectUri: string | null;
  declare theme: EmbedTheme | null;
  declare tokenProvider: TokenProvider | undefined;
  /** A process id: show it and its subprocesses only. */
  declare root: string | null;
  readonly embed = new EmbedController<Node[]>(this, (c, signal) => this.#load(c, signal));
  #owners?: OwnerNames;

  constructor() {
    super();
    this.apiBase = null;
    this.clientId = null;
    this.authority = null;
    this.redirectUri = null;
    this.theme = null;
    this.tokenProvider = undefined;
    this.root = null;
    new LocaleController(this);
    this.addEventListener("click", interceptProcessLinks(this, () => this.embed.appUrl("")));
  }

  protected override willUpdate(changed: PropertyValues) {
    if (this.hasUpdated && changed.has("root")) void this.embed.reload();
  }

  async #load(connection: EmbedConnection, signal: AbortSignal): Promise<Node[]> {
    const tree = unwrap(await connection.api.GET("/api/v1/processes/tree", { signal }));
    const nodes = publishedOnly(tree.items);
    const owners = this.#owners = new OwnerNames(connection.api);
    const ids: string[] = [];
    const walk = (list: Node[]) =>
      list.forEach((n) => (ids.push(n.ownerPositionId ?? ""), walk(n.children)));
    walk(nodes);
    void owners.resolve(ids, signal).then((learnt) => learnt && this.requestUpdate());
    return nodes;
  }

  override render() {
    return this.embed.render((nodes) => {
      const href = (id: string) => this.embed.appUrl(`/processes/${id}`);
      const root = this.root ? find(nodes, this.root) : undefined;
      const label = root ? t("embed.mapRoot", { title: root.title }) : t("embed.mapLabel");
      return html`
        <div class="frame" part="frame" role="region" aria-label=${label}>
          <header part="header">
            <h2 part="title">${label}</h2>
          </header>
          <div class="content" part="body">${root
            ? html`<procedo-map-tree .roots=${[root]} .hrefOf=${href}></procedo-map-tree>`
            : nodes.length
            ? renderTiles(nodes, (id) => this.#ownerName(id), href)
            : html`<p class="muted">${t("processes.map.empty")}</p>`}</div>
        </div>
      `;
    });
  }

  #ownerName(id: string | null): string {
    if (!id) return t("processes.map.noOwner");
    const name = this.#owners?.get(id);
    return name === undefined ? "…" : name ?? t("processes.map.unknownOwner");
  }
}

customElements.define("procedo-process-map", ProcedoEmbedProcessMap);
