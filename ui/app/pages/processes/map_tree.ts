// <procedo-map-tree .roots=${nodes}>: the process hierarchy as an ARIA tree of links (the
// WAI-ARIA "navigation treeview" pattern). One item is in the tab order; the arrow keys move
// (Up/Down), open and close (Right/Left: open, then into the children; close, then up to the
// parent), Home/End jump, Enter opens the process. The chevron opens and closes by mouse.
import { css, html, LitElement, nothing } from "lit";
import { icon } from "../../../components/icons.ts";
import { base } from "../../../components/styles.ts";
import type { Schemas } from "../../../lib/api/client.ts";
import { LocaleController, t } from "../../../lib/i18n.ts";
import { categoryName, cellStyles, reviewMarker, statusBadge } from "./list_cells.ts";

type Node = Schemas["ProcessTreeNode"];
interface Visible {
  node: Node;
  level: number;
  parent?: Node;
}

export class ProcedoMapTree extends LitElement {
  static override properties = {
    roots: { attribute: false },
    hrefOf: { attribute: false },
    expanded: { state: true },
    focusId: { state: true },
  };
  static override styles = [
    base,
    cellStyles,
    css`
      :host {
        display: block;
      }
      ul {
        margin: 0;
        padding: 0;
        list-style: none;
      }
      a[role="treeitem"] {
        display: flex;
        align-items: center;
        gap: var(--spacingHorizontalS);
        min-height: 32px;
        padding-inline-end: var(--spacingHorizontalS);
        border-radius: var(--borderRadiusMedium);
        color: var(--colorNeutralForeground1);
        text-decoration: none;
      }
      a[role="treeitem"]:hover {
        background: var(--colorSubtleBackgroundHover);
      }
      a[role="treeitem"]:focus-visible {
        outline-offset: -2px;
      }
      .toggle {
        display: inline-flex;
        flex: none;
        width: 24px;
        justify-content: center;
        color: var(--colorNeutralForeground2);
      }
      .title {
        font-weight: var(--fontWeightSemibold);
        overflow-wrap: anywhere;
      }
      .category {
        font-size: var(--fontSizeBase200);
        color: var(--colorNeutralForeground3);
      }
    `,
  ];
  declare roots: Node[];
  /** Where a process opens (its app page by default; embeds link to the app's origin). */
  declare hrefOf: (id: string) => string;
  declare expanded: Set<string>;
  declare focusId: string | undefined;
  #moveFocus = false;
  #opened = false;

  constructor() {
    super();
    this.roots = [];
    this.hrefOf = (id) => `/processes/${id}`;
    this.expanded = new Set();
    new LocaleController(this);
  }

  /** The items a person can see now, in reading order. */
  #visible(): Visible[] {
    const out: Visible[] = [];
    const walk = (nodes: Node[], level: number, parent?: Node) => {
      for (const node of nodes) {
        out.push({ node, level, parent });
        if (node.children.length && this.expanded.has(node.id)) {
          walk(node.children, level + 1, node);
        }
      }
    };
    walk(this.roots, 1);
    return out;
  }

  override render() {
    const visible = this.#visible();
    // The tab stop stays on an item that is still visible, else the first one.
    const focusId = visible.some((v) => v.node.id === this.focusId)
      ? this.focusId
      : visible[0]?.node.id;
    return html`<ul role="tree" aria-label=${t("processes.map.treeLabel")} @keydown=${this.#onKey}>
      ${this.#items(this.roots, 1, focusId)}
    </ul>`;
  }

  #items(nodes: Node[], level: number, focusId: string | undefined): unknown {
    return nodes.map((n, i) => {
      const hasChildren = n.children.length > 0;
      const open = hasChildren && this.expanded.has(n.id);
      return html`<li role="none">
        <a
          role="treeitem"
          href=${this.hrefOf(n.id)}
          data-id=${n.id}
          data-process=${n.title}
          tabindex=${n.id === focusId ? "0" : "-1"}
          aria-level=${level}
          aria-setsize=${nodes.length}
          aria-posinset=${i + 1}
          aria-expanded=${hasChildren ? String(open) : nothing}
          style="padding-inline-start: calc(${level - 1} * 24px)"
          @focus=${() => (this.focusId = n.id)}
        >
          <span class="toggle" aria-hidden="true" @click=${(e: Event) => this.#toggle(e, n)}>${
        hasChildren ? icon(open ? "chevronDown" : "chevronRight", 16) : nothing
      }</span>
          <span class="title">${n.title}</span>
          ${level === 1 ? html`<span class="category">${categoryName(n.category)}</span>` : nothing}
          ${statusBadge(n.publishedVersion)} ${reviewMarker(n.reviewDue, n.nextReviewAt)}
        </a>
        ${
        open ? html`<ul role="group">${this.#items(n.children, level + 1, focusId)}</ul>` : nothing
      }
      </li>`;
    });
  }

  override willUpdate() {
    // The first level opens on arrival: the top processes and their direct subprocesses.
    if (this.#opened || this.roots.length === 0) return;
    this.#opened = true;
    this.expanded = new Set(this.roots.filter((r) => r.children.length).map((r) => r.id));
  }

  override updated() {
    if (!this.#moveFocus) return;
    this.#moveFocus = false;
    this.renderRoot.querySelector<HTMLElement>(`[data-id="${this.focusId}"]`)?.focus();
  }

  #toggle(e: Event, n: Node) {
    e.preventDefault();
    e.stopPropagation();
    if (!n.children.length) return;
    this.#setOpen(n, !this.expanded.has(n.id));
  }

  #setOpen(n: Node, open: boolean) {
    const next = new Set(this.expanded);
    if (open) next.add(n.id);
    else next.delete(n.id);
    this.expanded = next;
  }

  #focus(id: string | undefined) {
    if (!id) return;
    this.focusId = id;
    this.#moveFocus = true;
  }

  #onKey = (e: KeyboardEvent) => {
    const id = (e.target as HTMLElement).closest?.("[role=treeitem]")?.getAttribute("data-id");
    const visible = this.#visible();
    const at = visible.findIndex((v) => v.node.id === id);
    if (at === -1) return;
    const { node, parent } = visible[at];
    const open = this.expanded.has(node.id);
    switch (e.key) {
      case "ArrowDown":
        this.#focus(visible[at + 1]?.node.id);
        break;
      case "ArrowUp":
        this.#focus(visible[at - 1]?.node.id);
        break;
      case "Home":
        this.#focus(visible[0]?.node.id);
        break;
      case "End":
        this.#focus(visible.at(-1)?.node.id);
        break;
      case "ArrowRight":
        if (!node.children.length) break;
        if (open) this.#focus(node.children[0].id);
        else this.#setOpen(node, true);
        break;
      case "ArrowLeft":
        if (open) this.#setOpen(node, false);
        else this.#focus(parent?.id);
        break;
      default:
        return; // Enter follows the link; everything else is the browser's
    }
    e.preventDefault();
  };
}

customElements.define("procedo-map-tree", ProcedoMapTree);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-map-tree": ProcedoMapTree;
  }
}
