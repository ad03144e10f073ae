// <procedo-org-chart-view .tree=${chartTree}>: the org chart drawn as the SVG and PDF exports
// draw it (the shared layout and drawing of plugins/exports/drawing_core/), with zoom and pan
// (the diagram's viewport), collapsible units and a search that finds units, positions and
// people, opens the way to them and steps through the hits. A click on a unit or one of its
// positions fires `open-node` ({ kind, id }), as the tree view does, so the page shows the
// same panels. The units form an ARIA tree: one takes the focus at a time, the arrow keys
// move as in a tree view, Enter opens, Space collapses or expands; + and - zoom.
import { html, LitElement, nothing, svg } from "lit";
import { guard } from "lit/directives/guard.js";
import { repeat } from "lit/directives/repeat.js";
import type { TextInput } from "@fluentui/web-components";
import { chartDrawing } from "../../../../plugins/exports/drawing_core/orgchart_drawing.ts";
import {
  type ChartHit,
  type ChartLayout,
  type ChartUnit,
  chartUnits,
  findInChart,
  layoutChart,
  type UnitBox,
} from "../../../../plugins/exports/drawing_core/orgchart_layout.ts";
import type { Drawing, TextMeasure } from "../../../../plugins/exports/drawing_core/primitives.ts";
import { measureFor } from "../../../components/diagram/text_wrap.ts";
import { ViewportController } from "../../../components/diagram/viewport.ts";
import { type GroupPrimitive, primitiveTemplate } from "../../../components/drawing_svg.ts";
import { icon, type IconName } from "../../../components/icons.ts";
import { base } from "../../../components/styles.ts";
import { language, LocaleController, type MessageKey, t } from "../../../lib/i18n.ts";
import { chartViewStyles } from "./chart_view_styles.ts";
import {
  type ChartIndex,
  collapseNew,
  hasChildren,
  indexChart,
  openedFor,
  visibleUnits,
} from "./chart_view_model.ts";
import type { OpenNodeDetail } from "./org_tree.ts";
import type { ChartTree, NodeKind } from "./tree_model.ts";

export class ProcedoOrgChartView extends LitElement {
  static override properties = {
    tree: { attribute: false },
    query: { state: true },
    active: { state: true },
    position: { state: true },
    hitAt: { state: true },
  };
  static override styles = [base, chartViewStyles];
  declare tree: ChartTree | undefined;
  declare query: string;
  /** The unit that takes the focus (roving tabindex), and where "new" actions add to. */
  declare active: string | undefined;
  /** The position last opened or found (its row is marked). */
  declare position: string | undefined;
  declare hitAt: number;
  readonly viewport = new ViewportController(this);
  #roots: ChartUnit[] = [];
  #ix: ChartIndex = indexChart([]);
  #collapsed = new Set<string>();
  #allPositions = new Set<string>();
  #seen = new Set<string>();
  /** A unit or position the page asked to show (kept open like a search hit). */
  #reveal: ChartHit[] = [];
  #hits: ChartHit[] = [];
  #layout: ChartLayout = layoutChart([]);
  #boxes = new Map<string, UnitBox>();
  #visible: string[] = [];
  #drawing?: Drawing;
  #dirty = true;
  #drawnIn = "";
  #chartId?: string;
  #fitPending = false;
  #revealHit = false;
  #debounce?: ReturnType<typeof setTimeout>;
  #measure?: TextMeasure;

  constructor() {
    super();
    this.query = "";
    this.hitAt = -1;
    new LocaleController(this);
  }

  override connectedCallback() {
    super.connectedCallback();
    // The theme's font, as the drawing shows it; canvas measuring needs it resolved.
    const family = getComputedStyle(this).getPropertyValue("--fontFamilyBase").trim() ||
      "'Segoe UI', system-ui, sans-serif";
    const measures = new Map<string, (text: string) => number>();
    this.#measure = (text, size, bold) => {
      const font = `${bold ? "bold " : ""}${size}px ${family}`;
      let m = measures.get(font);
      if (!m) measures.set(font, m = measureFor(font, size));
      return m(text);
    };
    this.#dirty = true;
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has("tree") && this.tree) {
      this.#roots = chartUnits(this.tree.units);
      this.#ix = indexChart(this.#roots);
      collapseNew(this.#ix, this.#seen, this.#collapsed);
      if (this.tree.chart.id !== this.#chartId) {
        this.#chartId = this.tree.chart.id;
        this.#fitPending = true;
        this.#reveal = [];
      }
      this.#dirty = true;
    }
    if (changed.has("tree") || changed.has("query")) {
      this.#hits = findInChart(this.#roots, this.query);
      if (changed.has("query")) {
        this.hitAt = this.#hits.length ? 0 : -1;
        this.#revealHit = this.#hits.length > 0;
      }
      this.#dirty = true;
    }
    if (this.#dirty || this.#drawnIn !== language()) this.#relayout();
    if (this.#revealHit) this.#goTo(this.#hits[this.hitAt]);
    if (!this.active || !this.#boxes.has(this.active)) this.active = this.#visible[0];
  }

  override firstUpdated() {
    this.viewport.observe(this.renderRoot.querySelector(".canvas")!);
  }

  override updated() {
    if (this.#fitPending && this.#drawing) {
      this.#fitPending = false;
      this.fit();
    }
    if (this.#revealHit) {
      this.#revealHit = false;
      const box = this.active ? this.#boxes.get(this.active) : undefined;
      if (box) this.viewport.reveal(box);
    }
  }

  #relayout() {
    const o = openedFor(this.#ix, this.#collapsed, this.#allPositions, [
      ...this.#hits,
      ...this.#reveal,
    ]);
    this.#layout = layoutChart(this.#roots, o);
    this.#boxes = new Map(this.#layout.boxes.map((b) => [b.unit.id, b]));
    this.#visible = visibleUnits(this.#ix, o.collapsed);
    this.#drawing = chartDrawing(this.#layout, {
      measure: this.#measure ?? ((text, size) => text.length * size * 0.56),
      title: this.tree?.chart.name ?? "",
      words: {
        vacant: t("orgchart.tree.vacant"),
        morePositions: (count) => t("orgchart.view.morePositions", { count }),
        hiddenUnits: (count) => `+${count}`,
      },
      highlight: new Set(this.#hits.map((h) => h.positionId ?? h.unitId)),
    });
    this.#dirty = false;
    this.#drawnIn = language();
  }

  /** Shows the whole chart (at most at 100 %). */
  fit() {
    const d = this.#drawing;
    if (d) this.viewport.fit({ x: d.x, y: d.y, width: d.width, height: d.height });
  }

  /** The unit in focus: where a new unit or position goes. */
  activeUnitId(): string | undefined {
    return this.active;
  }

  /** The position last opened, while its unit is the one in focus. */
  activePositionId(): string | undefined {
    const at = this.position ? this.#ix.positions.get(this.position) : undefined;
    return at?.unitId === this.active ? this.position : undefined;
  }

  /** Opens the way to a unit, position or person's position and focuses its unit. */
  async revealNode(kind: NodeKind, id: string): Promise<boolean> {
    await this.updateComplete;
    const positionId = kind === "holder" ? this.#positionOf(id) : kind === "position" ? id : "";
    const at = positionId ? this.#ix.positions.get(positionId) : undefined;
    const hit = at
      ? { unitId: at.unitId, positionId }
      : kind === "unit" && this.#ix.units.has(id)
      ? { unitId: id }
      : undefined;
    if (!hit) {
      await this.focusActive();
      return false;
    }
    this.#reveal = [hit];
    this.#dirty = true;
    this.position = hit.positionId;
    await this.#focusUnit(hit.unitId);
    return true;
  }

  /** Gives the focus to the unit in focus order (after the chart changed). */
  async focusActive() {
    await this.updateComplete;
    if (this.active) await this.#focusUnit(this.active);
  }

  /** The position a person holds here (the primary one first). */
  #positionOf(employeeId: string): string | undefined {
    let found: { id: string; primary: boolean } | undefined;
    const walk = (units: ChartTree["units"]) => {
      for (const u of units) {
        for (const p of u.positions) {
          const h = p.holders.find((x) => x.employeeId === employeeId);
          if (h && (!found || (h.primary && !found.primary))) found = { id: p.id, ...h };
        }
        walk(u.children);
      }
    };
    walk(this.tree?.units ?? []);
    return found?.id;
  }

  override render() {
    const vp = this.viewport;
    const d = this.#drawing;
    const n = this.#hits.length;
    const searching = this.query.trim() !== "";
    return html`
      <div class="toolbar" role="toolbar" aria-label=${t("orgchart.view.commands")}>
        <fluent-text-input type="search" data-testid="chart-search"
          placeholder=${t("orgchart.view.searchPlaceholder")} @input=${this.#onSearch}
          @keydown=${this.#onSearchKey}>
          <span class="visually-hidden">${t("orgchart.view.search")}</span>
          <span slot="start">${icon("search", 16)}</span>
        </fluent-text-input>
        <span class="hits" role="status" data-testid="chart-hits">${searching
          ? n ? t("orgchart.view.hitOf", { current: this.hitAt + 1, count: n }) : t(
            "orgchart.view.noHit",
          )
          : ""}</span>
        ${this.#button(
          "hit-previous",
          "orgchart.view.previous",
          "chevronUp",
          n > 1,
          () => this.#step(-1),
        )}
        ${this.#button("hit-next", "orgchart.view.next", "chevronDown", n > 1, () => this.#step(1))}
        <span class="grow"></span>
        <fluent-button size="small" appearance="subtle" data-testid="expand-all"
          @click=${() => this.#setAll(false)}>${t("orgchart.view.expandAll")}</fluent-button>
        <fluent-button size="small" appearance="subtle" data-testid="collapse-all"
          @click=${() => this.#setAll(true)}>${t("orgchart.view.collapseAll")}</fluent-button>
        ${this.#button("zoom-out", "orgchart.view.zoomOut", "zoomOut", true, () => vp.zoomOut())}
        <span class="zoom" data-testid="zoom-level"><span class="visually-hidden">${t(
          "orgchart.view.zoomLevel",
        )} </span>${vp.percent} %</span>
        ${this.#button("zoom-in", "orgchart.view.zoomIn", "zoomIn", true, () => vp.zoomIn())}
        ${this.#button("fit", "orgchart.view.fit", "fit", true, () => this.fit())}
      </div>
      <div class="canvas" @pointerdown=${vp.onPointerDown} @pointermove=${vp.onPointerMove}
        @pointerup=${vp.onPointerUp} @pointercancel=${vp.onPointerUp}
        @wheel=${{ handleEvent: vp.onWheel, passive: false }}>
        <svg class="drawing" role="tree" data-testid="org-chart-drawing"
          aria-label=${t("orgchart.tree.label", { name: this.tree?.chart.name ?? "" })}
          aria-describedby="chart-keys" @click=${this.#onClick} @keydown=${this.#onKey}
          @focusin=${this.#onFocusIn}>
          <g role="none" transform=${vp.transform}>${guard(
            [d, this.active, this.position],
            () => d ? this.#draw(d) : nothing,
          )}</g>
        </svg>
        <span id="chart-keys" class="visually-hidden">${t("orgchart.view.keys")}</span>
        ${this.tree && !this.#roots.length
          ? html`<p class="empty">${t("orgchart.view.empty")}</p>`
          : nothing}
      </div>
    `;
  }

  #draw(d: Drawing) {
    const extras = (g: GroupPrimitive) => {
      if (g.role === "treeitem") {
        const box = this.#boxes.get(g.id);
        // Named by what it shows (unit, positions, holders), which is what a person sees.
        return {
          unlabelled: true,
          tabindex: g.id === this.active ? 0 : -1,
          level: (this.#ix.depth.get(g.id) ?? 0) + 1,
          expanded: hasChildren(this.#ix, g.id) ? box?.hiddenUnits === 0 : undefined,
          selected: g.id === this.active,
        };
      }
      return g.id === this.position ? { className: "selected" } : undefined;
    };
    // Open units with units below them get a "−" under their box; collapsed ones show the
    // drawing's "+N" badge there instead.
    const toggles = this.#layout.boxes.filter((b) =>
      b.hiddenUnits === 0 && b.unit.children.length > 0
    ).map((b) => {
      const cx = b.x + b.width / 2, cy = b.y + b.height;
      return svg`
        <g class="toggle" data-toggle=${b.unit.id} aria-hidden="true">
          <title>${t("orgchart.view.toggle")}</title>
          <circle cx=${cx} cy=${cy} r="7"></circle>
          <path d=${`M${cx - 3.5} ${cy}H${cx + 3.5}`}></path>
        </g>
      `;
    });
    // Units keyed by id: the element in focus stays the same when units above it come or go.
    const lines = d.primitives.filter((p) => p.kind !== "group");
    const units = d.primitives.filter((p): p is GroupPrimitive => p.kind === "group");
    return svg`${lines.map((p) => primitiveTemplate(p))}${
      repeat(units, (g) => g.id, (g) => primitiveTemplate(g, extras))
    }${toggles}`;
  }

  #button(
    testId: string,
    label: MessageKey,
    name: IconName,
    enabled: boolean,
    fn: () => void,
  ) {
    return html`
      <fluent-button size="small" appearance="subtle" icon-only data-testid=${testId}
        aria-label=${t(label)} title=${t(label)} ?disabled=${!enabled}
        @click=${fn}>${icon(name, 20)}</fluent-button>
    `;
  }

  /** Collapses or expands a unit, keeping its box where it is on the screen. */
  #toggle(id: string, open?: boolean) {
    if (!hasChildren(this.#ix, id)) return;
    const before = this.#boxes.get(id);
    const next = open ?? before?.hiddenUnits !== 0;
    if (next) this.#collapsed.delete(id);
    else this.#collapsed.add(id);
    this.#reveal = [];
    this.#relayout();
    const after = this.#boxes.get(id);
    const s = this.viewport.scale;
    if (before && after) this.viewport.panBy((before.x - after.x) * s, (before.y - after.y) * s);
    this.requestUpdate();
  }

  #setAll(collapse: boolean) {
    this.#collapsed.clear();
    if (collapse) {
      for (const id of this.#ix.order) if (hasChildren(this.#ix, id)) this.#collapsed.add(id);
    }
    this.#reveal = [];
    this.#dirty = true;
    this.#fitPending = true;
    this.requestUpdate();
  }

  #goTo(hit: ChartHit | undefined) {
    if (!hit) return;
    this.active = hit.unitId;
    this.position = hit.positionId;
    this.#revealHit = true;
  }

  #step(by: number) {
    const n = this.#hits.length;
    if (!n) return;
    this.hitAt = (this.hitAt + by + n) % n;
    this.#goTo(this.#hits[this.hitAt]);
  }

  async #focusUnit(id: string) {
    this.active = id;
    await this.updateComplete;
    const el = this.renderRoot.querySelector<SVGGElement>(`.unit[data-id="${CSS.escape(id)}"]`);
    el?.focus({ preventScroll: true });
    const box = this.#boxes.get(id);
    if (box) this.viewport.reveal(box);
  }

  #open(kind: NodeKind, id: string) {
    this.dispatchEvent(new CustomEvent<OpenNodeDetail>("open-node", { detail: { kind, id } }));
  }

  #onClick = (e: MouseEvent) => {
    if (this.viewport.consumeDragClick()) return;
    const target = e.target as Element;
    const toggle = target.closest("[data-toggle]");
    if (toggle) return this.#toggle(toggle.getAttribute("data-toggle")!);
    const unit = target.closest(".unit")?.getAttribute("data-id");
    if (!unit) return;
    this.active = unit;
    if (target.closest(".badge, .badge-text")) return this.#toggle(unit, true);
    if (target.classList.contains("more")) {
      this.#allPositions.add(unit);
      this.#dirty = true;
      return this.requestUpdate();
    }
    const position = target.closest(".position")?.getAttribute("data-id");
    this.position = position ?? undefined;
    this.#open(position ? "position" : "unit", position ?? unit);
  };

  #onFocusIn = (e: FocusEvent) => {
    const id = (e.target as Element).closest?.(".unit")?.getAttribute("data-id");
    const box = id ? this.#boxes.get(id) : undefined;
    if (box) this.viewport.reveal(box);
  };

  #onKey = (e: KeyboardEvent) => {
    const id = (e.target as Element).closest?.(".unit")?.getAttribute("data-id");
    if (!id) {
      if (this.viewport.onKey(e, () => this.fit())) e.preventDefault();
      return;
    }
    const vis = this.#visible, at = vis.indexOf(id);
    const open = hasChildren(this.#ix, id) && this.#boxes.get(id)?.hiddenUnits === 0;
    let to: string | undefined;
    switch (e.key) {
      case "ArrowDown":
        to = vis[at + 1];
        break;
      case "ArrowUp":
        to = vis[at - 1];
        break;
      case "Home":
        to = vis[0];
        break;
      case "End":
        to = vis.at(-1);
        break;
      case "ArrowRight":
        if (open) to = vis[at + 1];
        else this.#toggle(id, true);
        break;
      case "ArrowLeft":
        if (open) this.#toggle(id, false);
        else to = this.#ix.parent.get(id);
        break;
      case "Enter":
        this.#open("unit", id);
        break;
      case " ":
        this.#toggle(id);
        break;
      default:
        if (this.viewport.onKey(e, () => this.fit(), false)) e.preventDefault();
        return;
    }
    e.preventDefault();
    if (to) void this.#focusUnit(to);
  };

  #onSearch = (e: Event) => {
    const value = (e.target as TextInput).value ?? "";
    clearTimeout(this.#debounce);
    this.#debounce = setTimeout(() => (this.query = value), 150);
  };

  /** Enter goes to the next hit (Shift+Enter: the previous one), typing pending or not. */
  #onSearchKey = (e: KeyboardEvent) => {
    if (e.key !== "Enter") return;
    e.preventDefault();
    const value = (e.target as TextInput).value ?? "";
    clearTimeout(this.#debounce);
    if (value !== this.query) this.query = value;
    else this.#step(e.shiftKey ? -1 : 1);
  };
}

customElements.define("procedo-org-chart-view", ProcedoOrgChartView);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-org-chart-view": ProcedoOrgChartView;
  }
}
