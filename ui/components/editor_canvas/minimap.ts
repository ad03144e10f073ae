// The overview in the bottom-right corner of large processes: lanes and steps in miniature
// with the visible part as a rectangle; clicking or dragging in it centres the view there.
// Its drawing is guarded by the lanes and nodes arrays, so panning redraws only the frame.
import { html, svg, type TemplateResult } from "lit";
import { guard } from "lit/directives/guard.js";
import { t } from "../../lib/i18n.ts";
import type { Box, Graph, Point } from "../../editor/mod.ts";
import { laneBands } from "../../editor/mod.ts";
import type { ViewportController } from "../diagram/viewport.ts";

const WIDTH = 200;
const MAX_HEIGHT = 140;

/** Whether the drawing is larger than what the view shows (then the minimap helps). */
export function needsMinimap(bounds: Box, vp: ViewportController): boolean {
  if (vp.width <= 0) return false;
  return bounds.width * vp.scale > vp.width + 1 || bounds.height * vp.scale > vp.height + 1;
}

export class Minimap {
  #rect: DOMRect | null = null;
  #bounds: Box = { x: 0, y: 0, width: 1, height: 1 };
  #scale = 1;

  constructor(private vp: ViewportController) {}

  render(g: Graph, bounds: Box, laneWidth: number): TemplateResult {
    this.#bounds = bounds;
    this.#scale = Math.min(WIDTH / bounds.width, MAX_HEIGHT / bounds.height);
    const w = bounds.width * this.#scale, h = bounds.height * this.#scale;
    const vp = this.vp;
    const view = {
      x: -vp.x / vp.scale,
      y: -vp.y / vp.scale,
      width: vp.width / vp.scale,
      height: vp.height / vp.scale,
    };
    return html`
      <div class="minimap" title=${t("editorCanvas.minimap")} aria-hidden="true"
        data-testid="minimap"
        @pointerdown=${this.#down} @pointermove=${this.#move} @pointerup=${this.#up}
        @pointercancel=${this.#up}>
        <svg width=${w} height=${h}
          viewBox=${`${bounds.x} ${bounds.y} ${bounds.width} ${bounds.height}`}
          preserveAspectRatio="none">
          ${guard([g.lanes, g.nodes, laneWidth], () => drawing(g, laneWidth))}
          <rect class="mini-view" x=${view.x} y=${view.y} width=${view.width}
            height=${view.height} vector-effect="non-scaling-stroke"></rect>
        </svg>
      </div>
    `;
  }

  #toDiagram(e: PointerEvent): Point {
    const r = this.#rect!;
    return {
      x: this.#bounds.x + (e.clientX - r.left) / this.#scale,
      y: this.#bounds.y + (e.clientY - r.top) / this.#scale,
    };
  }

  #centre(p: Point) {
    const vp = this.vp;
    vp.panBy(vp.width / 2 - (p.x * vp.scale + vp.x), vp.height / 2 - (p.y * vp.scale + vp.y));
  }

  #down = (e: PointerEvent) => {
    if (e.button !== 0) return;
    e.stopPropagation();
    const el = e.currentTarget as HTMLElement;
    this.#rect = el.querySelector("svg")!.getBoundingClientRect();
    el.setPointerCapture(e.pointerId);
    this.#centre(this.#toDiagram(e));
  };

  #move = (e: PointerEvent) => {
    if (!this.#rect) return;
    this.#centre(this.#toDiagram(e));
  };

  #up = () => {
    this.#rect = null;
  };
}

function drawing(g: Graph, laneWidth: number) {
  return svg`${
    laneBands(g.lanes).map((b) =>
      svg`
        <rect class=${b.index % 2 ? "mini-lane alt" : "mini-lane"} x="0" y=${b.top}
          width=${laneWidth} height=${b.lane.size}></rect>
      `
    )
  }${
    g.nodes.map((n) =>
      svg`<rect class="mini-node" x=${n.x} y=${n.y} width=${n.width} height=${n.height}></rect>`
    )
  }`;
}
