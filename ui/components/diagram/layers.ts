// The drawing of a scene in three layers — lanes, edges, nodes — as lit `svg` templates in
// one SVG (no element per node beyond plain SVG groups, so 300 nodes stay cheap). Lane
// headers and edges are decorative for assistive technology; each lane is a group of its
// nodes, each node a button named by its type and label.
import { nothing, svg, type SVGTemplateResult } from "lit";
import { type MessageKey, t } from "../../lib/i18n.ts";
import { LANE_HEADER, type LaneBox, type ProcessNode } from "./geometry.ts";
import type { Scene, SceneEdge } from "./scene.ts";
import { edgeLabelBox, laneLabel } from "./shape_geometry.ts";
import { type Fonts, nodeLabel, nodeShape, SMALL_FONT_SIZE, textLines } from "./shapes.ts";

export interface DrawOptions {
  fonts: Fonts;
  selected: string | null;
  /** Display names of positions and org units, by id (lane bindings). */
  names: ReadonlyMap<string, string>;
}

/** The accessible name of a node: its type and its label. */
export function nodeName(n: ProcessNode): string {
  const type = n.event === "catch"
    ? t("modeling.node.catch")
    : n.embedded
    ? t("modeling.node.embedded")
    : t(`processes.node.${n.type}` as MessageKey);
  return n.label ? `${type}: ${n.label}` : type;
}

export function drawScene(scene: Scene, o: DrawOptions): SVGTemplateResult {
  return svg`
    <g class="lanes" aria-hidden="true">${scene.lanes.map((l, i) => lane(l, i, o))}</g>
    <g class="edges" aria-hidden="true">${scene.edges.map((e) => edge(e, o))}</g>
    ${scene.groups.map((g) =>
      svg`<g role="group" aria-label=${
        g.lane ? t("processes.diagram.lane", { name: g.lane.name }) : t("processes.diagram.free")
      }>${g.nodes.map((n) => node(n, o))}</g>`
    )}
  `;
}

function lane(box: LaneBox, index: number, o: DrawOptions): SVGTemplateResult {
  const { lane } = box;
  const bound = lane.positionId ?? lane.orgUnitId;
  const sub = bound ? o.names.get(bound) ?? "" : "";
  // The name runs bottom to top in the header band, truncated to the lane's height.
  const { name, position } = laneLabel(lane.name, sub, box.height, o.fonts);
  const cx = box.x + LANE_HEADER / 2, cy = box.y + box.height / 2;
  return svg`
    <rect class=${index % 2 ? "lane alt" : "lane"} x=${box.x} y=${box.y} width=${box.width}
      height=${box.height}></rect>
    <rect class="lane-header" x=${box.x} y=${box.y} width=${LANE_HEADER} height=${box
      .height}></rect>
    <text class="lane-name" transform=${`translate(${cx} ${cy}) rotate(-90)`}
      text-anchor="middle"><tspan x="0" y=${position ? -2 : 4}>${name}</tspan>${position
        ? svg`<tspan class="lane-position" x="0" y=${SMALL_FONT_SIZE}>${position}</tspan>`
        : nothing}</text>
  `;
}

function edge(e: SceneEdge, o: DrawOptions): SVGTemplateResult {
  let label: SVGTemplateResult | typeof nothing = nothing;
  if (e.label) {
    const b = edgeLabelBox(e.label, e.anchor, o.fonts);
    label = textLines(b.lines, b.x, b.y, b.anchor, "edge-label small");
  }
  return svg`<g class=${e.association ? "edge association" : "edge"} data-edge-id=${e.edge.id}>
    <path class="line" d=${e.d}></path>${
    e.head ? svg`<path class="head" d=${e.head}></path>` : nothing
  }${
    e.defaultMark ? svg`<path class="line default-mark" d=${e.defaultMark}></path>` : nothing
  }${label}</g>`;
}

function node(n: ProcessNode, o: DrawOptions): SVGTemplateResult {
  const selected = n.id === o.selected;
  return svg`
    <g class=${selected ? `node ${n.type} selected` : `node ${n.type}`} role="button"
      tabindex="0" data-node-id=${n.id} aria-label=${nodeName(n)}
      aria-pressed=${selected ? "true" : "false"} transform=${`translate(${n.x} ${n.y})`}
    >${nodeShape(n)}${nodeLabel(n, o.fonts)}</g>
  `;
}
