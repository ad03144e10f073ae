// What the canvas draws above the diagram while someone works on it: resize handles of the
// selected node, end handles of the selected flow, and the previews of a gesture in progress
// (rubber band, a connection being dragged with its target and refusal, a resize ghost, a
// lane's new border or place, routes of the flows a node drag pulls along). Re-rendering it
// never touches the lanes, edges and nodes layers.
import { html, nothing, svg, type SVGTemplateResult, type TemplateResult } from "lit";
import { t } from "../../lib/i18n.ts";
import {
  type Box,
  type Graph,
  handlesOf,
  type Point,
  type ProcessNode,
  type Selection,
} from "../../editor/mod.ts";
import { edgeGeometry } from "./layers.ts";

export type Preview =
  | { kind: "band"; box: Box }
  | { kind: "move"; dx: number; dy: number; lane: Box | null; routes: string[] }
  | { kind: "resize"; box: Box }
  | {
    kind: "connect";
    d: string;
    target: ProcessNode | null;
    /** Why the flow cannot go to the target (shown beside it), or null. */
    refusal: string | null;
  }
  | { kind: "lane-size"; y: number; width: number }
  | { kind: "lane-order"; y: number; width: number }
  | { kind: "drop"; lane: Box | null };

/** Handles for the selection: resize handles of one node, end handles of one flow. */
export function selectionHandles(
  g: Graph,
  byId: ReadonlyMap<string, ProcessNode>,
  sel: Selection,
  readonly: boolean,
): SVGTemplateResult | typeof nothing {
  if (readonly || sel.ids.size !== 1 || !sel.primary) return nothing;
  const node = byId.get(sel.primary);
  if (node) {
    return svg`<g class="handles">${
      handlesOf(node).map((h) =>
        svg`
          <rect class=${`handle ${h.kind}`} data-handle=${h.kind} x=${h.x - 4} y=${h.y - 4}
            width="8" height="8">
            <title>${t("editorCanvas.node.resize")}</title>
          </rect>
        `
      )
    }</g>`;
  }
  const edge = g.edges.find((e) => e.id === sel.primary);
  const from = edge && byId.get(edge.from), to = edge && byId.get(edge.to);
  if (!edge || !from || !to) return nothing;
  const points = edgeGeometry(edge, from, to).points;
  const end = (p: Point, which: "from" | "to") =>
    svg`
      <circle class="edge-end" data-edge-end=${which} cx=${p.x} cy=${p.y} r="6">
        <title>${t("editorCanvas.edge.reconnect")}</title>
      </circle>
    `;
  return svg`<g class="handles">${end(points[0], "from")}${end(points.at(-1)!, "to")}</g>`;
}

/** Handles are hit within this radius in screen pixels (WCAG 2.5.8's 24 × 24 target). */
export const HANDLE_HIT_RADIUS = 12;
/** …but never wider than this in diagram units, or zoomed far out it would cover other steps. */
const MAX_HANDLE_HIT = 40;

/**
 * The connection handle of a node: drag it onto another node to connect them. The dot is
 * small; around it an invisible circle of HANDLE_HIT_RADIUS screen pixels takes the pointer
 * at every zoom (`scale` is the view's).
 */
export function connectHandle(n: ProcessNode, scale = 1): SVGTemplateResult {
  const cx = n.x + n.width + 10, cy = n.y + n.height / 2;
  return svg`
    <g data-connect=${n.id}>
      <title>${t("editorCanvas.node.connect", { name: n.label || n.type })}</title>
      <circle class="connect-hit" cx=${cx} cy=${cy} r=${Math.min(
        HANDLE_HIT_RADIUS / scale,
        MAX_HANDLE_HIT,
      )}></circle>
      <circle class="connect" cx=${cx} cy=${cy} r="6"></circle>
    </g>
  `;
}

export function previewLayer(p: Preview | null): SVGTemplateResult | typeof nothing {
  if (!p) return nothing;
  switch (p.kind) {
    case "band":
      return svg`
        <rect class="band" x=${p.box.x} y=${p.box.y} width=${p.box.width}
          height=${p.box.height}></rect>
      `;
    case "move":
      return svg`${p.lane ? laneHighlight(p.lane) : nothing}${
        p.routes.map((d) => svg`<path class="route-preview" d=${d}></path>`)
      }`;
    case "resize":
      return svg`
        <rect class="ghost" x=${p.box.x} y=${p.box.y} width=${p.box.width}
          height=${p.box.height}></rect>
      `;
    case "connect":
      return svg`${
        p.target
          ? svg`
            <rect class=${p.refusal ? "target refused" : "target"} x=${p.target.x - 4}
              y=${p.target.y - 4} width=${p.target.width + 8} height=${p.target.height + 8}
              rx="6"></rect>
          `
          : nothing
      }<path class=${p.refusal ? "connect-preview refused" : "connect-preview"} d=${p.d}></path>`;
    case "lane-size":
    case "lane-order":
      return svg`<rect class="lane-line" x="0" y=${p.y - 1.5} width=${p.width} height="3"></rect>`;
    case "drop":
      return p.lane ? laneHighlight(p.lane) : nothing;
  }
}

const laneHighlight = (b: Box) =>
  svg`<rect class="lane-target" x=${b.x} y=${b.y} width=${b.width} height=${b.height}></rect>`;

/** The reason a connection is refused, beside its target while the flow is dragged. */
export function refusalTip(
  p: Preview | null,
  view: { x: number; y: number; scale: number },
): TemplateResult | typeof nothing {
  if (p?.kind !== "connect" || !p.refusal || !p.target) return nothing;
  const t = p.target;
  const left = (t.x + t.width) * view.scale + view.x + 8;
  const top = t.y * view.scale + view.y;
  return html`
    <div class="refusal" role="tooltip" data-testid="connect-refusal"
      style=${`left:${left}px;top:${top}px`}>${p.refusal}</div>
  `;
}
