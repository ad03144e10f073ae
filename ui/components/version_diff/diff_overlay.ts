// The marks of a visual diff, drawn over a side's diagram in the same transform: an outline
// around each added, removed or changed lane, step and flow, with a badge (+, −, ~) so the
// kind never depends on colour alone; the outline's stroke style differs by kind too (solid,
// dashed, dotted). The selected element gets a focus ring. Decorative for assistive
// technology: the change list is the accessible account of the diff.
import { nothing, svg, type SVGTemplateResult } from "lit";
import { LANE_HEADER } from "../diagram/geometry.ts";
import type { Scene } from "../diagram/scene.ts";
import { type ChangeKind, elementBox, type ElementRef, type Highlights } from "./diff_model.ts";

const PAD = 6;
const BADGE = 8;

/** The marks of one side; `selected` is the element chosen in the list or the diagram. */
export function diffOverlay(
  scene: Scene,
  highlights: Highlights,
  selected: ElementRef | null,
): SVGTemplateResult {
  const lanes = scene.lanes.filter((l) => highlights.lane.has(l.lane.id)).map((l) => {
    const kind = highlights.lane.get(l.lane.id)!;
    return svg`
      <g class=${`mark lane ${kind}`} data-diff=${kind} data-element="lane"
        data-id=${l.lane.id}>
            <rect class="band" x=${l.x} y=${l.y} width=${LANE_HEADER} height=${l.height}></rect>
            <rect class="outline" x=${l.x + 2} y=${l.y + 2} width=${l.width - 4}
              height=${l.height - 4}></rect>
            ${badge(kind, l.x + LANE_HEADER / 2, l.y + BADGE + 4)}
          </g>
    `;
  });
  const edges = scene.edges.filter((e) => highlights.edge.has(e.edge.id)).map((e) => {
    const kind = highlights.edge.get(e.edge.id)!;
    return svg`
      <g class=${`mark edge ${kind}`} data-diff=${kind} data-element="edge"
        data-id=${e.edge.id}>
            <path class="outline" d=${e.d}></path>
            ${badge(kind, e.anchor.x, e.anchor.y)}
          </g>
    `;
  });
  const nodes = scene.order.filter((n) => highlights.node.has(n.id)).map((n) => {
    const kind = highlights.node.get(n.id)!;
    return svg`
      <g class=${`mark node ${kind}`} data-diff=${kind} data-element="node"
        data-id=${n.id}>
            <rect class="outline" x=${n.x - PAD} y=${n.y - PAD} width=${n.width + 2 * PAD}
              height=${n.height + 2 * PAD} rx="10"></rect>
            ${badge(kind, n.x + n.width + PAD, n.y - PAD)}
          </g>
    `;
  });
  return svg`<g class="diff-overlay" aria-hidden="true">
    ${lanes}${edges}${nodes}${selected ? ring(scene, selected) : nothing}
  </g>`;
}

/** A round badge with the kind's glyph: + added, − removed, ~ changed. */
function badge(kind: ChangeKind, cx: number, cy: number): SVGTemplateResult {
  const r = BADGE, m = 4;
  const glyph = kind === "added"
    ? `M${cx - m} ${cy}H${cx + m}M${cx} ${cy - m}V${cy + m}`
    : kind === "removed"
    ? `M${cx - m} ${cy}H${cx + m}`
    : `M${cx - m} ${cy + 1}q${m / 2} -${m} ${m} 0t${m} 0`;
  return svg`
    <g class="badge">
      <circle cx=${cx} cy=${cy} r=${r}></circle>
      <path d=${glyph}></path>
    </g>
  `;
}

function ring(scene: Scene, ref: ElementRef): SVGTemplateResult | typeof nothing {
  const box = elementBox(scene, ref);
  if (!box) return nothing;
  const pad = PAD + 5;
  return svg`
    <rect class="ring" data-selected=${`${ref.element}:${ref.id}`} x=${box.x - pad}
      y=${box.y - pad} width=${box.width + 2 * pad} height=${box.height + 2 * pad} rx="12"></rect>
  `;
}
