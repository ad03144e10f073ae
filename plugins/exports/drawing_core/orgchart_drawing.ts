// The org chart layout (orgchart_layout.ts) as a drawing: unit boxes with a header, each
// position with its holders (or "vacant"), connectors, a dashed outline for staff units, a
// "+N" badge on collapsed units, and a highlight for search hits (units and positions). The
// export and the app's org chart page both draw this: units and positions are groups with
// their id, so the app can tell what was clicked, and every shape names what it is
// (`className`), so the app's stylesheet can give it the theme's colours.
import {
  BOX_WIDTH,
  type ChartLayout,
  HEADER_HEIGHT,
  MORE_HEIGHT,
  POSITION_HEIGHT,
} from "./orgchart_layout.ts";
import type { Drawing, Primitive, TextMeasure } from "./primitives.ts";

export interface ChartWords {
  vacant: string;
  morePositions(n: number): string;
  hiddenUnits(n: number): string;
}

export interface ChartDrawOptions {
  measure: TextMeasure;
  words: ChartWords;
  title: string;
  /** Ids of units and positions to mark (search hits). */
  highlight?: ReadonlySet<string>;
}

const C = {
  box: "#ffffff",
  border: "#8a8a8a",
  header: "#ebf3fc",
  headerHit: "#fde300",
  rowHit: "#fff7b3",
  brand: "#0f6cbd",
  ink: "#242424",
  muted: "#616161",
  line: "#8a8a8a",
};

/** `text` cut with … to fit `width` at `size`. */
export function fitText(text: string, width: number, size: number, m: TextMeasure, bold = false) {
  const clean = text.replace(/\s+/g, " ").trim();
  if (m(clean, size, bold) <= width) return clean;
  let lo = 0, hi = clean.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (m(clean.slice(0, mid) + "…", size, bold) <= width) lo = mid;
    else hi = mid - 1;
  }
  return clean.slice(0, lo).trimEnd() + "…";
}

const text = (
  className: string,
  x: number,
  y: number,
  line: string,
  size: number,
  fill: string,
  bold = false,
  anchor: "start" | "middle" = "start",
): Primitive => ({
  kind: "text",
  className,
  x,
  y,
  lines: [line],
  size,
  lineHeight: size * 1.25,
  anchor,
  bold,
  fill,
});

export function chartDrawing(layout: ChartLayout, o: ChartDrawOptions): Drawing {
  const m = o.measure;
  const out: Primitive[] = layout.lines.map((pts) => ({
    kind: "path",
    d: pts.map((p, i) => `${i ? "L" : "M"}${p.x} ${p.y}`).join(""),
    fill: "none",
    stroke: C.line,
    strokeWidth: 1.2,
    className: "line",
  }));
  const inner = BOX_WIDTH - 16;
  for (const b of layout.boxes) {
    const hit = o.highlight?.has(b.unit.id) ?? false;
    const children: Primitive[] = [
      {
        kind: "rect",
        x: b.x,
        y: b.y,
        width: b.width,
        height: b.height,
        rx: 4,
        fill: C.box,
        stroke: hit ? C.brand : C.border,
        strokeWidth: hit ? 2.5 : 1,
        dash: b.unit.staff ? [5, 3] : undefined,
        className: hit ? "box hit" : "box",
      },
      {
        kind: "rect",
        x: b.x + 1,
        y: b.y + 1,
        width: b.width - 2,
        height: HEADER_HEIGHT - 2,
        rx: 3,
        fill: hit ? C.headerHit : C.header,
        className: hit ? "header hit" : "header",
      },
      text("name", b.x + 8, b.y + 18, fitText(b.unit.name, inner, 12, m, true), 12, C.ink, true),
    ];
    let y = b.y + HEADER_HEIGHT;
    for (const p of b.shown) {
      const rowHit = o.highlight?.has(p.id) ?? false;
      const holders = p.holders.length ? p.holders.join(", ") : o.words.vacant;
      children.push({
        kind: "group",
        id: p.id,
        className: "position",
        children: [
          {
            kind: "rect",
            x: b.x + 2,
            y: y + 1,
            width: b.width - 4,
            height: POSITION_HEIGHT - 2,
            rx: 2,
            fill: rowHit ? C.rowHit : "none",
            className: rowHit ? "row hit" : "row",
          },
          text("title", b.x + 8, y + 13, fitText(p.title, inner, 10.5, m, true), 10.5, C.ink, true),
          text("holders", b.x + 8, y + 26, fitText(holders, inner, 10, m), 10, C.muted),
        ],
      });
      y += POSITION_HEIGHT;
    }
    if (b.morePositions > 0) {
      children.push(
        text("more", b.x + 8, y + 12, o.words.morePositions(b.morePositions), 10, C.muted),
      );
      y += MORE_HEIGHT;
    }
    if (b.hiddenUnits > 0) {
      const label = o.words.hiddenUnits(b.hiddenUnits);
      const w = m(label, 10) + 12;
      const cx = b.x + b.width / 2, top = b.y + b.height - 8;
      children.push(
        {
          kind: "rect",
          x: cx - w / 2,
          y: top,
          width: w,
          height: 16,
          rx: 8,
          fill: C.brand,
          className: "badge",
        },
        text("badge-text", cx, top + 12, label, 10, "#ffffff", true, "middle"),
      );
    }
    out.push({
      kind: "group",
      id: b.unit.id,
      className: b.unit.staff ? "unit staff" : "unit",
      role: "treeitem",
      label: b.unit.name,
      children,
    });
  }
  return {
    x: -20,
    y: -20,
    width: layout.width + 40,
    height: layout.height + 40,
    title: o.title,
    primitives: out,
  };
}
