// <procedo-org-tree .tree=${chartTree}>: the chart as an ARIA tree (units, their positions,
// the positions' holders) with a filter. One item holds the focus at a time (roving
// tabindex): arrows move and expand/collapse, Home/End jump, Enter or a click fires
// `open-node` ({ kind, id }) so the page can show the details.
import { css, html, LitElement, nothing } from "lit";
import type { TextInput } from "@fluentui/web-components";
import { icon, type IconName } from "../../../components/icons.ts";
import { base } from "../../../components/styles.ts";
import { LocaleController, t } from "../../../lib/i18n.ts";
import {
  buildNodes,
  type ChartTree,
  filterNodes,
  indexNodes,
  type NodeKind,
  type OrgNode,
  visibleNodes,
} from "./tree_model.ts";

/** Charts up to this many nodes open fully; bigger ones open their first two unit levels. */
const OPEN_ALL_UP_TO = 400;
const KIND_ICON: Record<NodeKind, IconName> = {
  unit: "organization",
  position: "people",
  holder: "person",
};

export interface OpenNodeDetail {
  kind: NodeKind;
  id: string;
}

export class ProcedoOrgTree extends LitElement {
  static override properties = {
    tree: { attribute: false },
    query: { state: true },
    active: { state: true },
  };
  static override styles = [
    base,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalS);
        min-width: 0;
      }
      .filter {
        display: flex;
        align-items: center;
        gap: var(--spacingHorizontalM);
      }
      .filter fluent-text-input {
        width: min(100%, 20rem);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li {
        display: flex;
        align-items: center;
        gap: var(--spacingHorizontalS);
        min-height: 32px;
        padding-block: 0;
        padding-inline: calc(var(--depth, 0) * var(--spacingHorizontalXL) +
          var(--spacingHorizontalS)) var(--spacingHorizontalS);
        border-radius: var(--borderRadiusMedium);
        cursor: pointer;
      }
      li:hover {
        background: var(--colorSubtleBackgroundHover);
      }
      li[aria-selected="true"] {
        background: var(--colorSubtleBackgroundSelected);
      }
      li:focus-visible {
        outline: var(--strokeWidthThick) solid var(--colorStrokeFocus2);
        outline-offset: -2px;
      }
      .chevron {
        display: inline-flex;
        width: 16px;
        color: var(--colorNeutralForeground3);
      }
      li[data-kind="unit"] > .label {
        font-weight: var(--fontWeightSemibold);
      }
      .meta {
        color: var(--colorNeutralForeground3);
        font-size: var(--fontSizeBase200);
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .empty {
        padding: var(--spacingVerticalL) 0;
        color: var(--colorNeutralForeground3);
      }
    `,
  ];
  declare tree: ChartTree | undefined;
  declare query: string;
  declare active: string | undefined;
  #nodes: OrgNode[] = [];
  #filtered: { nodes: OrgNode[]; matches: number } = { nodes: [], matches: 0 };
  #visibleList: OrgNode[] = [];
  #index = new Map<string, OrgNode>();
  #open = new Set<string>();
  #seen = new Set<string>();
  #debounce?: ReturnType<typeof setTimeout>;

  constructor() {
    super();
    this.query = "";
    new LocaleController(this);
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has("tree") && this.tree) {
      this.#nodes = buildNodes(this.tree);
      this.#index = indexNodes(this.#nodes);
      this.#openNew();
    }
    this.#filtered = filterNodes(this.#nodes, this.query);
    this.#visibleList = visibleNodes(this.#filtered.nodes, this.#isOpen);
    // The focusable item must be one that is shown (after a filter or a collapse).
    if (!this.#visibleList.some((n) => n.key === this.active)) {
      this.active = this.#visibleList[0]?.key;
    }
  }

  /** New nodes open by default (big charts only near the top); what a person closed stays closed. */
  #openNew() {
    const all = this.#index.size <= OPEN_ALL_UP_TO;
    for (const n of this.#index.values()) {
      if (this.#seen.has(n.key)) continue;
      this.#seen.add(n.key);
      if (all || n.kind !== "unit" || n.depth < 2) this.#open.add(n.key);
    }
  }

  /**
   * Opens the path to a unit, position or person, focuses it and scrolls it into view;
   * false when the chart does not show it (a person holding no position here).
   */
  async revealNode(kind: NodeKind, id: string): Promise<boolean> {
    await this.updateComplete;
    const node = [...this.#index.values()].find((n) => n.kind === kind && n.id === id);
    if (node) {
      for (let p = node.parent; p; p = p.parent) this.#open.add(p.key);
      this.active = node.key;
    }
    await this.focusActive();
    return node !== undefined;
  }

  /** The unit of the item in focus (itself, or the unit a position or holder is in). */
  activeUnitId(): string | undefined {
    let n = this.#index.get(this.active ?? "");
    while (n && n.kind !== "unit") n = n.parent;
    return n?.id;
  }

  /** The position in focus, or the one of the holder in focus. */
  activePositionId(): string | undefined {
    const n = this.#index.get(this.active ?? "");
    if (n?.kind === "position") return n.id;
    return n?.kind === "holder" ? n.parent?.id : undefined;
  }

  override render() {
    const filtered = this.#filtered;
    const filtering = this.query.trim() !== "";
    return html`
      <div class="filter">
        <fluent-text-input type="search" data-testid="tree-filter"
          placeholder=${t("orgchart.tree.filterPlaceholder")} @input=${this.#onFilter}>
          <span class="visually-hidden">${t("orgchart.tree.filter")}</span>
          <span slot="start">${icon("search", 16)}</span>
        </fluent-text-input>
        <span class="meta" role="status">${filtering
          ? t("orgchart.tree.matches", { count: filtered.matches })
          : ""}</span>
      </div>
      ${filtered.nodes.length
        ? html`
          <ul role="tree" aria-label=${t("orgchart.tree.label", {
            name: this.tree?.chart.name ?? "",
          })} @keydown=${this.#onKey}>
            ${this.#visibleList.map((n) => this.#item(n, filtered.nodes))}
          </ul>
        `
        : html`<p class="empty">${
          filtering ? t("orgchart.tree.noMatch", { query: this.query }) : t("orgchart.tree.empty")
        }</p>`}
    `;
  }

  #isOpen = (n: OrgNode) => this.query.trim() !== "" || this.#open.has(n.key);

  /**
   * One item. The visible items are siblings (aria-level/-setsize/-posinset say where they
   * sit), so each item's name is its own row's text, not that of everything it contains.
   */
  #item(n: OrgNode, top: OrgNode[]) {
    const parent = n.children.length > 0;
    const open = parent && this.#isOpen(n);
    const selected = this.active === n.key;
    const siblings = n.parent?.children ?? top;
    return html`
      <li role="treeitem" data-key=${n.key} data-kind=${n.kind} data-label=${n.label}
        data-path=${pathOf(n)} tabindex=${selected ? 0 : -1} style=${`--depth:${n.depth}`}
        aria-level=${n.depth + 1} aria-setsize=${siblings.length}
        aria-posinset=${siblings.findIndex((x) => x.key === n.key) + 1}
        aria-expanded=${parent ? String(open) : nothing} aria-selected=${String(selected)}
        @click=${(e: MouseEvent) => this.#onClick(e, n)}>
        <span class="chevron" data-chevron>${parent
          ? icon(open ? "chevronDown" : "chevronRight", 16)
          : nothing}</span>
        ${icon(KIND_ICON[n.kind], 16)}
        <span class="label">${n.label}</span>
        <span class="visually-hidden">${t(`orgchart.kind.${n.kind}`)}</span>
        <span class="meta">${this.#meta(n)}</span>
      </li>
    `;
  }

  #meta(n: OrgNode): string {
    if (n.kind === "unit") return "";
    if (n.kind === "holder") return n.primary ? "" : t("orgchart.tree.notPrimary");
    const parts = [];
    if (!n.children.length) parts.push(t("orgchart.tree.vacant"));
    if (n.reportsTo) parts.push(t("orgchart.tree.reportsTo", { title: n.reportsTo }));
    return parts.join(" · ");
  }

  #onClick(e: MouseEvent, n: OrgNode) {
    this.active = n.key;
    const onChevron = e.composedPath().some((el) =>
      el instanceof HTMLElement && el.hasAttribute("data-chevron")
    );
    if (onChevron && n.children.length) this.#toggle(n);
    else this.#fireOpen(n);
    void this.focusActive();
  }

  #toggle(n: OrgNode, open = !this.#open.has(n.key)) {
    if (open) this.#open.add(n.key);
    else this.#open.delete(n.key);
    this.requestUpdate();
  }

  #fireOpen(n: OrgNode) {
    this.dispatchEvent(
      new CustomEvent<OpenNodeDetail>("open-node", { detail: { kind: n.kind, id: n.id } }),
    );
  }

  #onKey = (e: KeyboardEvent) => {
    const visible = this.#visibleList;
    const at = visible.findIndex((n) => n.key === this.active);
    const node = visible[at];
    if (!node) return;
    const move = (to: OrgNode | undefined) => {
      if (!to) return;
      this.active = to.key;
      void this.focusActive();
    };
    const filtering = this.query.trim() !== "";
    switch (e.key) {
      case "ArrowDown":
        move(visible[at + 1]);
        break;
      case "ArrowUp":
        move(visible[at - 1]);
        break;
      case "Home":
        move(visible[0]);
        break;
      case "End":
        move(visible.at(-1));
        break;
      case "ArrowRight":
        if (!node.children.length) break;
        if (this.#isOpen(node)) move(node.children[0]);
        else this.#toggle(node, true);
        break;
      case "ArrowLeft":
        if (node.children.length && this.#isOpen(node) && !filtering) this.#toggle(node, false);
        else move(node.parent);
        break;
      case "Enter":
        this.#fireOpen(node);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  /** Gives the focus to the item in focus order (after a change of the tree). */
  async focusActive() {
    await this.updateComplete;
    const li = this.renderRoot.querySelector<HTMLElement>(
      `li[data-key="${CSS.escape(this.active ?? "")}"]`,
    );
    li?.focus();
    li?.scrollIntoView({ block: "nearest" });
  }

  #onFilter = (e: Event) => {
    const value = (e.target as TextInput).value ?? "";
    clearTimeout(this.#debounce);
    this.#debounce = setTimeout(() => (this.query = value), 150);
  };
}

/** "Management > Sales > Head of Sales": the labels from the top (for tests and tooltips). */
function pathOf(n: OrgNode): string {
  const parts: string[] = [];
  for (let at: OrgNode | undefined = n; at; at = at.parent) parts.unshift(at.label);
  return parts.join(" > ");
}

customElements.define("procedo-org-tree", ProcedoOrgTree);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-org-tree": ProcedoOrgTree;
  }
}
