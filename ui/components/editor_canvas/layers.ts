// The drawing of the editor: lanes, edges and nodes as lit `svg` templates, shapes, label
// wrapping and styles shared with the viewer (ui/components/diagram). Each layer is keyed by
// element id and each element guarded by its (immutable) value and its state, so a change
// re-renders only the elements it touched: moving one node of 1,000 re-renders that node and
// its edges. Nodes are buttons on a roving tabindex; lanes are named by their header.
import { nothing, svg, type SVGTemplateResult } from "lit";
import { guard } from "lit/directives/guard.js";
import { repeat } from "lit/directives/repeat.js";
import { t } from "../../lib/i18n.ts";
import { edgePoints, isGateway, labelAnchor, pathData, type Point } from "../diagram/geometry.ts";
import { nodeName } from "../diagram/layers.ts";
import {
  defaultFlowMark,
  type Fonts,
  nodeLabel,
  nodeShape,
  SMALL_FONT_SIZE,
  textLines,
} from "../diagram/shapes.ts";
import { wrapText } from "../diagram/text_wrap.ts";
import {
  type Edge,
  type Graph,
  type Lane,
  LANE_HEADER_WIDTH,
  laneBands,
  type ProcessNode,
} from "../../editor/mod.ts";
import type { ElementFindings } from "./findings.ts";

export interface LayerState {
  fonts: Fonts;
  selected: ReadonlySet<string>;
  /** The element with tabindex 0 (the roving tab stop). */
  tabStop: string | null;
  findings: ReadonlyMap<string, ElementFindings>;
  readonly: boolean;
  /** Zoomed far out: labels would be too small to read and are left out (see canvas.ts). */
  far: boolean;
}

// ---- Lanes ----------------------------------------------------------------------------

export function lanesLayer(
  g: Graph,
  width: number,
  caption: (lane: Lane) => string,
  s: LayerState,
): SVGTemplateResult {
  const bands = laneBands(g.lanes);
  // Borders after all lanes, so the lane below does not cover the lower half of one.
  const borders = s.readonly
    ? nothing
    : repeat(bands, (b) => b.lane.id, (b) =>
      guard([b.lane, b.top, width], () =>
        svg`
          <rect class="lane-border" data-lane-border=${b.lane.id} x="0"
            y=${b.top + b.lane.size - 4} width=${width} height="8">
            <title>${t("editorCanvas.lane.resize", { name: b.lane.name })}</title>
          </rect>
        `));
  return svg`${
    repeat(bands, (b) => b.lane.id, (b) => {
      const cap = caption(b.lane);
      const selected = s.selected.has(b.lane.id);
      const stop = s.tabStop === b.lane.id;
      const marker = s.findings.get(b.lane.id);
      return guard(
        [b.lane, b.top, b.index, width, cap, selected, stop, marker, s.readonly],
        () => lane(b.lane, b.top, b.index, width, cap, selected, stop, marker, s),
      );
    })
  }${borders}`;
}

function lane(
  l: Lane,
  top: number,
  index: number,
  width: number,
  caption: string,
  selected: boolean,
  stop: boolean,
  marker: ElementFindings | undefined,
  s: LayerState,
): SVGTemplateResult {
  const h = l.size;
  // The name runs bottom to top in the header, cut to the lane's height.
  const room = Math.max(10, h - 12);
  const [name = ""] = wrapText(l.name, room, 1, s.fonts.label);
  const [sub = ""] = caption ? wrapText(caption, room, 1, s.fonts.small) : [];
  const cx = LANE_HEADER_WIDTH / 2, cy = top + h / 2;
  const label = caption
    ? `${t("editorCanvas.lane.name", { name: l.name })}, ${caption}`
    : t("editorCanvas.lane.name", { name: l.name });
  return svg`
    <g class=${selected ? "lane-band selected" : "lane-band"} data-lane-id=${l.id}>
      <rect class=${index % 2 ? "lane alt" : "lane"} x="0" y=${top} width=${width} height=${h}
        data-lane-body=${l.id}></rect>
      <g class="lane-head" role="button" tabindex=${stop ? 0 : -1} data-lane-header=${l.id}
        aria-label=${label} aria-pressed=${selected ? "true" : "false"}>
        ${marker ? svg`<title>${marker.text}</title>` : nothing}
        <rect class="lane-header" x="0" y=${top} width=${LANE_HEADER_WIDTH} height=${h}></rect>
        <text class="lane-name" transform=${`translate(${cx} ${cy}) rotate(-90)`}
          text-anchor="middle"><tspan x="0" y=${sub ? -1 : 4}>${name}</tspan>${sub
            ? svg`<tspan class="lane-position" x="0" y=${SMALL_FONT_SIZE + 1}>${sub}</tspan>`
            : nothing}</text>
        ${marker ? markerBadge(marker, LANE_HEADER_WIDTH - 4, top + 8) : nothing}
      </g>
    </g>
  `;
}

// ---- Edges ----------------------------------------------------------------------------

interface EdgeGeometry {
  from: ProcessNode;
  to: ProcessNode;
  points: Point[];
  d: string;
  anchor: Point & { vertical: boolean };
  association: boolean;
}

const geometryCache = new WeakMap<Edge, EdgeGeometry>();

/** An edge's drawn route (stored waypoints, or a simple route between its nodes). */
export function edgeGeometry(e: Edge, from: ProcessNode, to: ProcessNode): EdgeGeometry {
  const known = geometryCache.get(e);
  if (known && known.from === from && known.to === to) return known;
  const points = e.waypoints.length >= 2 ? e.waypoints : edgePoints(e, from, to);
  const association = from.type === "annotation" || to.type === "annotation";
  const geo: EdgeGeometry = {
    from,
    to,
    points,
    d: pathData(points),
    anchor: labelAnchor(points, isGateway(from.type)),
    association,
  };
  geometryCache.set(e, geo);
  return geo;
}

export function edgesLayer(
  g: Graph,
  byId: ReadonlyMap<string, ProcessNode>,
  s: LayerState,
): SVGTemplateResult {
  return svg`${
    repeat(g.edges, (e) => e.id, (e) => {
      const from = byId.get(e.from), to = byId.get(e.to);
      if (!from || !to) return nothing; // dangling: a validation finding, not a drawing
      const selected = s.selected.has(e.id);
      const stop = s.tabStop === e.id;
      const marker = s.findings.get(e.id);
      return guard(
        [e, from, to, selected, stop, marker, s.far],
        () => edge(e, edgeGeometry(e, from, to), selected, stop, marker, s),
      );
    })
  }`;
}

export function edgeName(e: Edge, from: ProcessNode, to: ProcessNode): string {
  const names = { from: from.label || nodeName(from), to: to.label || nodeName(to) };
  return e.label
    ? t("editorCanvas.edge.nameLabelled", { label: e.label, ...names })
    : t("editorCanvas.edge.name", names);
}

function edge(
  e: Edge,
  geo: EdgeGeometry,
  selected: boolean,
  stop: boolean,
  marker: ElementFindings | undefined,
  s: LayerState,
): SVGTemplateResult {
  const text = e.label || e.condition || "";
  let label: SVGTemplateResult | typeof nothing = nothing;
  if (text && !s.far) {
    const lines = wrapText(text, 140, 2, s.fonts.small);
    const a = geo.anchor;
    const step = SMALL_FONT_SIZE * 1.25;
    label = a.vertical
      ? textLines(lines, a.x + 5, a.y + 4, "start", "edge-label small")
      : textLines(lines, a.x, a.y - 5 - (lines.length - 1) * step, "middle", "edge-label small");
  }
  const cls = `edge${geo.association ? " association" : ""}${selected ? " selected" : ""}${
    marker && s.far ? ` flagged ${marker.severity}` : ""
  }`;
  // One path per flow, its arrowhead a marker (#arrow, #arrow-selected in the canvas' defs):
  // a thousand flows stay a thousand elements. Clicks near a thin line are found by
  // hit-testing the routes (pointer_tool.ts), not by a wide invisible path.
  return svg`
    <g class=${cls} data-edge-id=${e.id} role="button" tabindex=${stop ? 0 : -1}
      aria-label=${edgeName(e, geo.from, geo.to)}
      aria-pressed=${selected ? "true" : "false"}>${marker
        ? svg`<title>${marker.text}</title>`
        : nothing}<path class=${geo.association ? "line" : "line arrow"} d=${geo
        .d}></path>${e.isDefault
        ? svg`<path class="line default-mark" d=${defaultFlowMark(geo.points)}></path>`
        : nothing}${label}${marker && !s.far
        ? markerBadge(marker, geo.anchor.x + 10, geo.anchor.y + 10)
        : nothing}</g>
  `;
}

// ---- Nodes ----------------------------------------------------------------------------

export function nodesLayer(
  g: Graph,
  laneNames: ReadonlyMap<string, string>,
  s: LayerState,
): SVGTemplateResult {
  return svg`${
    repeat(g.nodes, (n) => n.id, (n) => {
      const selected = s.selected.has(n.id);
      const stop = s.tabStop === n.id;
      const marker = s.findings.get(n.id);
      const laneName = n.laneId === null ? "" : laneNames.get(n.laneId) ?? "";
      return guard(
        [n, selected, stop, marker, laneName, s.readonly, s.far],
        () => node(n, selected, stop, marker, laneName, s),
      );
    })
  }`;
}

function node(
  n: ProcessNode,
  selected: boolean,
  stop: boolean,
  marker: ElementFindings | undefined,
  laneName: string,
  s: LayerState,
): SVGTemplateResult {
  const name = nodeName(n);
  const label = laneName ? `${name}. ${t("editorCanvas.node.inLane", { name: laneName })}` : name;
  return svg`
    <g class=${`node ${n.type}${selected ? " selected" : ""}${
      marker && s.far ? ` flagged ${marker.severity}` : ""
    }`} role="button"
      tabindex=${stop ? 0 : -1} data-node-id=${n.id} aria-label=${label}
      aria-pressed=${selected ? "true" : "false"} transform=${`translate(${n.x} ${n.y})`}>${marker
        ? svg`<title>${marker.text}</title>`
        : nothing}${nodeShape(n)}${s.far ? nothing : nodeLabel(n, s.fonts)}${marker && !s.far
        ? markerBadge(marker, n.width - 2, 2)
        : nothing}</g>
  `;
}

/**
 * A finding's badge: a small circle with "!" (its tooltip is the element's <title>). Zoomed far
 * out it would be a dot under a pixel, so there the element is outlined instead ("flagged").
 */
function markerBadge(m: ElementFindings, x: number, y: number): SVGTemplateResult {
  return svg`
    <g class=${`marker ${m.severity}`} transform=${`translate(${x} ${y})`}
      aria-hidden="true">
      <circle r="7"></circle>
      <path d="M0 -3.5V1M0 3.2V3.4"></path>
    </g>
  `;
}
