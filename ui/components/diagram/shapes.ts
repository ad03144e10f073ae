// The BPMN-like shapes of the node types and their labels, as lit `svg` templates drawn
// relative to the node's top left corner (the caller translates). Colours come from the
// component's stylesheet through class names, so Fluent's tokens (and dark mode) apply.
import { nothing, svg, type SVGTemplateResult } from "lit";
import { isGateway, labelOutside, type NodeType, type ProcessNode } from "./geometry.ts";
import { type Measure, measureFor, wrapText } from "./text_wrap.ts";

export const FONT_SIZE = 12;
export const SMALL_FONT_SIZE = 11;
const LINE = 1.25;
const PAD = 6;
/** Subprocess: room at the bottom for the [+] marker. */
const MARKER = 14;

export interface Fonts {
  label: Measure;
  small: Measure;
}

/** Measures for the diagram's fonts, given the resolved font family. */
export function fontsFor(family: string): Fonts {
  return {
    label: measureFor(`${FONT_SIZE}px ${family}`, FONT_SIZE),
    small: measureFor(`${SMALL_FONT_SIZE}px ${family}`, SMALL_FONT_SIZE),
  };
}

/** The outline of a node: what is filled, stroked, selected and focused. */
export function nodeShape(n: ProcessNode): SVGTemplateResult {
  const w = n.width, h = n.height;
  const r = Math.min(w, h) / 2;
  switch (n.type) {
    case "start":
      return svg`<circle class="shape" cx=${w / 2} cy=${h / 2} r=${r}></circle>`;
    case "end":
      return svg`<circle class="shape end" cx=${w / 2} cy=${h / 2} r=${r - 1.5}></circle>`;
    case "intermediate":
      return svg`
        <circle class="shape" cx=${w / 2} cy=${h / 2} r=${r}></circle>
        <circle class="inner" cx=${w / 2} cy=${h / 2} r=${Math.max(1, r - 4)}></circle>
      `;
    case "xor":
    case "and": {
      const d = `M${w / 2} 0L${w} ${h / 2}L${w / 2} ${h}L0 ${h / 2}Z`;
      const m = Math.min(w, h) * 0.2;
      const cx = w / 2, cy = h / 2;
      const mark = n.type === "xor"
        ? `M${cx - m} ${cy - m}L${cx + m} ${cy + m}M${cx + m} ${cy - m}L${cx - m} ${cy + m}`
        : `M${cx} ${cy - m * 1.3}V${cy + m * 1.3}M${cx - m * 1.3} ${cy}H${cx + m * 1.3}`;
      return svg`
        <path class="shape" d=${d}></path>
        <path class="mark" d=${mark}></path>
      `;
    }
    case "annotation":
      // BPMN's open bracket; the invisible box keeps the whole area clickable and focusable.
      return svg`
        <rect class="shape hit" width=${w} height=${h}></rect>
        <path class="bracket" d=${`M12 0H0V${h}H12`}></path>
      `;
    case "subprocess":
      // An open embedded subprocess is a container: its steps are drawn inside it.
      if (n.embedded && !n.collapsed) {
        return svg`<rect class="shape container" width=${w} height=${h} rx="8"></rect>`;
      }
      return svg`
        <rect class="shape" width=${w} height=${h} rx="8"></rect>
        <rect class="marker" x=${w / 2 - 6} y=${h - MARKER -
          2} width="12" height="12" rx="1"></rect>
        <path class="mark" d=${`M${w / 2} ${h - MARKER + 1}v6M${w / 2 - 3} ${
          h - MARKER + 4
        }h6`}></path>
      `;
    default:
      return svg`<rect class="shape" width=${w} height=${h} rx="8"></rect>`;
  }
}

interface LabelBox {
  lines: string[];
  x: number;
  y: number;
  anchor: "middle" | "start";
  small: boolean;
}

const wrapped = new Map<string, LabelBox>();

/** Where a node's label goes and in which lines; cached, as labels rarely change. */
export function labelBox(n: ProcessNode, fonts: Fonts): LabelBox {
  const container = n.type === "subprocess" && !!n.embedded && !n.collapsed;
  const key = `${n.type}\u0000${n.width}\u0000${n.height}\u0000${n.label}\u0000${container}`;
  const known = wrapped.get(key);
  if (known) return known;
  const box = container
    ? {
      lines: wrapText(n.label, n.width - 2 * PAD, 1, fonts.label),
      x: PAD,
      y: PAD + FONT_SIZE,
      anchor: "start" as const,
      small: false,
    }
    : computeLabel(n.type, n.width, n.height, n.label, fonts);
  if (wrapped.size > 10_000) wrapped.clear();
  wrapped.set(key, box);
  return box;
}

function computeLabel(type: NodeType, w: number, h: number, label: string, fonts: Fonts) {
  const lineHeight = FONT_SIZE * LINE;
  if (labelOutside(type)) {
    // Up to three short lines centred on the shape: below events, above gateways (whose
    // branches often leave downwards).
    const width = Math.max(90, w * 2.4);
    const lines = wrapText(label, width, 3, fonts.small);
    const y = isGateway(type)
      ? -6 - (lines.length - 1) * SMALL_FONT_SIZE * LINE
      : h + 4 + SMALL_FONT_SIZE;
    return { lines, x: w / 2, y, anchor: "middle" as const, small: true };
  }
  if (type === "annotation") {
    const maxLines = Math.max(1, Math.floor((h - 2 * PAD) / lineHeight));
    const lines = wrapText(label, w - 8 - PAD, maxLines, fonts.label);
    return { lines, x: 8, y: PAD + FONT_SIZE, anchor: "start" as const, small: false };
  }
  const room = h - 2 * PAD - (type === "subprocess" ? MARKER : 0);
  const maxLines = Math.max(1, Math.floor(room / lineHeight));
  const lines = wrapText(label, w - 2 * PAD, maxLines, fonts.label);
  const used = lines.length * lineHeight;
  const top = PAD + (room - used) / 2;
  return { lines, x: w / 2, y: top + FONT_SIZE, anchor: "middle" as const, small: false };
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

/**
 * BPMN's default-flow marker: a short slash across the flow near its source, where a
 * gateway's default path leaves it. `points` is the drawn route.
 */
export function defaultFlowMark(points: readonly { x: number; y: number }[]): string {
  if (points.length < 2) return "";
  const [a, b] = points;
  const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  const ux = (b.x - a.x) / len, uy = (b.y - a.y) / len;
  const at = Math.min(12, len / 2);
  const cx = a.x + ux * at, cy = a.y + uy * at;
  // Across the line, leaning forward (as bpmn-js draws it).
  const px = -uy, py = ux;
  const r = 6;
  const x1 = cx + (px - ux) * r * 0.7, y1 = cy + (py - uy) * r * 0.7;
  const x2 = cx - (px - ux) * r * 0.7, y2 = cy - (py - uy) * r * 0.7;
  return `M${x1.toFixed(1)} ${y1.toFixed(1)}L${x2.toFixed(1)} ${y2.toFixed(1)}`;
}
