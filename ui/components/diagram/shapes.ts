// The BPMN-like shapes of the node types and their labels, as lit `svg` templates drawn
// relative to the node's top left corner (the caller translates). Colours come from the
// component's stylesheet through class names, so Fluent's tokens (and dark mode) apply. The
// geometry is shape_geometry.ts, shared with the exports plugin's SVG and PDF renderers.
import { nothing, svg, type SVGTemplateResult } from "lit";
import type { ProcessNode } from "./geometry.ts";
import {
  computeLabel,
  defaultFlowMark,
  FONT_SIZE,
  type Fonts,
  isContainer,
  type LabelBox,
  LINE,
  type ShapePart,
  shapeParts,
  SMALL_FONT_SIZE,
} from "./shape_geometry.ts";
import { measureFor } from "./text_wrap.ts";

export { defaultFlowMark, FONT_SIZE, type Fonts, SMALL_FONT_SIZE };

/** Measures for the diagram's fonts, given the resolved font family. */
export function fontsFor(family: string): Fonts {
  return {
    label: measureFor(`${FONT_SIZE}px ${family}`, FONT_SIZE),
    small: measureFor(`${SMALL_FONT_SIZE}px ${family}`, SMALL_FONT_SIZE),
  };
}

const part = (p: ShapePart): SVGTemplateResult => {
  switch (p.kind) {
    case "circle":
      return svg`<circle class=${p.cls} cx=${p.cx} cy=${p.cy} r=${p.r}></circle>`;
    case "path":
      return svg`<path class=${p.cls} d=${p.d}></path>`;
    case "rect":
      return svg`
        <rect class=${p.cls} x=${p.x} y=${p.y} width=${p.width} height=${p.height}
          rx=${p.rx}></rect>
      `;
  }
};

/** The outline of a node: what is filled, stroked, selected and focused. */
export function nodeShape(n: ProcessNode): SVGTemplateResult {
  return svg`${shapeParts(n).map(part)}`;
}

const wrapped = new Map<string, LabelBox>();

/** Where a node's label goes and in which lines; cached, as labels rarely change. */
export function labelBox(n: ProcessNode, fonts: Fonts): LabelBox {
  const container = isContainer(n);
  const key = `${n.type}\u0000${n.width}\u0000${n.height}\u0000${n.label}\u0000${container}`;
  const known = wrapped.get(key);
  if (known) return known;
  const box = computeLabel(n.type, n.width, n.height, n.label, fonts, container);
  if (wrapped.size > 10_000) wrapped.clear();
  wrapped.set(key, box);
  return box;
}

/** The label as one <text> with a <tspan> per line (nothing for an empty label). */
export function nodeLabel(n: ProcessNode, fonts: Fonts): SVGTemplateResult | typeof nothing {
  if (!n.label) return nothing;
  const b = labelBox(n, fonts);
  return textLines(b.lines, b.x, b.y, b.anchor, b.small ? "label small" : "label");
}

/** Lines of text from (x, y) (the first baseline) down. */
export function textLines(
  lines: string[],
  x: number,
  y: number,
  anchor: "middle" | "start",
  cls: string,
): SVGTemplateResult {
  const step = (cls.includes("small") ? SMALL_FONT_SIZE : FONT_SIZE) * LINE;
  return svg`<text class=${cls} x=${x} y=${y} text-anchor=${anchor}>${
    // A space ends every line but the last, so the text reads as the label it wraps
    // ("Check the returned goods", not "Check thereturned goods") for assistive technology.
    lines.map((line, i) =>
      svg`<tspan x=${x} dy=${i ? step : 0}>${i < lines.length - 1 ? `${line} ` : line}</tspan>`
    )}</text>`;
}
