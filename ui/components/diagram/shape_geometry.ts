// The outlines of the node types and where their labels go, as plain data relative to the
// node's top left corner: no Lit, no DOM. The viewer and the editor turn the parts into lit
// `svg` templates (shapes.ts); the exports plugin serialises the same parts into SVG files
// and PDF pages, so a downloaded diagram is the drawing the app shows.
import { isGateway, labelOutside, type NodeType, type ProcessNode } from "./geometry.ts";
import { type Measure, wrapText } from "./text_wrap.ts";

export const FONT_SIZE = 12;
export const SMALL_FONT_SIZE = 11;
export const LINE = 1.25;
const PAD = 6;
/** Subprocess: room at the bottom for the [+] marker. */
const MARKER = 14;

export interface Fonts {
  label: Measure;
  small: Measure;
}

/** One piece of a node's outline; `cls` is its class in the diagram's stylesheet. */
export type ShapePart =
  | { kind: "circle"; cls: string; cx: number; cy: number; r: number }
  | { kind: "path"; cls: string; d: string }
  | { kind: "rect"; cls: string; x: number; y: number; width: number; height: number; rx: number };

const rect = (cls: string, x: number, y: number, width: number, height: number, rx: number) => ({
  kind: "rect" as const,
  cls,
  x,
  y,
  width,
  height,
  rx,
});

type Shaped = Pick<ProcessNode, "type" | "width" | "height" | "embedded" | "collapsed">;

/** An open embedded subprocess: a container whose steps are drawn inside it. */
export const isContainer = (n: Shaped) => n.type === "subprocess" && !!n.embedded && !n.collapsed;

/** The outline of a node: what is filled, stroked, selected and focused. */
export function shapeParts(n: Shaped): ShapePart[] {
  const w = n.width, h = n.height;
  const r = Math.min(w, h) / 2;
  const circle = (cls: string, radius: number) => ({
    kind: "circle" as const,
    cls,
    cx: w / 2,
    cy: h / 2,
    r: radius,
  });
  switch (n.type) {
    case "start":
      return [circle("shape", r)];
    case "end":
      return [circle("shape end", r - 1.5)];
    case "intermediate":
      return [circle("shape", r), circle("inner", Math.max(1, r - 4))];
    case "xor":
    case "and": {
      const d = `M${w / 2} 0L${w} ${h / 2}L${w / 2} ${h}L0 ${h / 2}Z`;
      const m = Math.min(w, h) * 0.2;
      const cx = w / 2, cy = h / 2;
      const mark = n.type === "xor"
        ? `M${cx - m} ${cy - m}L${cx + m} ${cy + m}M${cx + m} ${cy - m}L${cx - m} ${cy + m}`
        : `M${cx} ${cy - m * 1.3}V${cy + m * 1.3}M${cx - m * 1.3} ${cy}H${cx + m * 1.3}`;
      return [{ kind: "path", cls: "shape", d }, { kind: "path", cls: "mark", d: mark }];
    }
    case "annotation":
      // BPMN's open bracket; the invisible box keeps the whole area clickable and focusable.
      return [rect("shape hit", 0, 0, w, h, 0), {
        kind: "path",
        cls: "bracket",
        d: `M12 0H0V${h}H12`,
      }];
    case "subprocess":
      if (isContainer(n)) return [rect("shape container", 0, 0, w, h, 8)];
      return [
        rect("shape", 0, 0, w, h, 8),
        rect("marker", w / 2 - 6, h - MARKER - 2, 12, 12, 1),
        {
          kind: "path",
          cls: "mark",
          d: `M${w / 2} ${h - MARKER + 1}v6M${w / 2 - 3} ${h - MARKER + 4}h6`,
        },
      ];
    default:
      return [rect("shape", 0, 0, w, h, 8)];
  }
}

export interface LabelBox {
  lines: string[];
  x: number;
  y: number;
  anchor: "middle" | "start";
  small: boolean;
}

/** Where a node's label goes (relative to the node) and in which lines. */
export function computeLabel(
  type: NodeType,
  w: number,
  h: number,
  label: string,
  fonts: Fonts,
  /** An open embedded subprocess: one line at its top left, above its steps. */
  container = false,
): LabelBox {
  const lineHeight = FONT_SIZE * LINE;
  if (container) {
    const lines = wrapText(label, w - 2 * PAD, 1, fonts.label);
    return { lines, x: PAD, y: PAD + FONT_SIZE, anchor: "start" as const, small: false };
  }
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

/** An edge label's lines and first baseline: above a horizontal segment, beside a vertical one. */
export function edgeLabelBox(
  label: string,
  anchor: { x: number; y: number; vertical: boolean },
  fonts: Fonts,
): LabelBox {
  const lines = wrapText(label, 140, 2, fonts.small);
  const step = SMALL_FONT_SIZE * LINE;
  return anchor.vertical
    ? { lines, x: anchor.x + 5, y: anchor.y + 4, anchor: "start", small: true }
    : {
      lines,
      x: anchor.x,
      y: anchor.y - 5 - (lines.length - 1) * step,
      anchor: "middle",
      small: true,
    };
}

/** A lane header's name and bound position, each cut to one line of the lane's height. */
export function laneLabel(
  name: string,
  position: string,
  height: number,
  fonts: Fonts,
): { name: string; position: string } {
  const room = Math.max(10, height - 12);
  const [first = ""] = wrapText(name, room, 1, fonts.label);
  const [sub = ""] = position ? wrapText(position, room, 1, fonts.small) : [];
  return { name: first, position: sub };
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
