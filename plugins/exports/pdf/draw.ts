// A drawing (../drawing_core/primitives.ts) put on a PDF page as vector graphics: paths stay
// paths, text stays text in the embedded font (selectable, searchable), at any scale and
// clipped to a region, so a large diagram can be tiled over several pages.
import {
  clip,
  degrees,
  endPath,
  type PDFFont,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
} from "pdf-lib";
import type { Drawing, Paint, Primitive, TextMeasure } from "../drawing_core/primitives.ts";

export interface PdfFonts {
  regular: PDFFont;
  bold: PDFFont;
  /** Text widths from cached glyph advances (pdf-lib's own measure lays the text out each time). */
  measure: TextMeasure;
  /** Text the fonts can draw (see fonts.ts). */
  printable(text: string): string;
}

/** Where the drawing goes: drawing point (x, y) lands on page point (left + (x - fromX)·scale, top - (y - fromY)·scale). */
export interface Placement {
  fromX: number;
  fromY: number;
  left: number;
  top: number;
  scale: number;
  /** Page rectangle outside which nothing is drawn (x, y: bottom left, PDF units). */
  clip?: { x: number; y: number; width: number; height: number };
}

export function colour(hex: string) {
  const v = Number.parseInt(hex.slice(1), 16);
  return rgb(((v >> 16) & 255) / 255, ((v >> 8) & 255) / 255, (v & 255) / 255);
}

const some = (c?: string) => c && c !== "none" ? colour(c) : undefined;

function roundedRect(x: number, y: number, w: number, h: number, r: number): string {
  const q = Math.min(r, w / 2, h / 2);
  return `M${x + q} ${y}H${x + w - q}A${q} ${q} 0 0 1 ${x + w} ${y + q}V${y + h - q}` +
    `A${q} ${q} 0 0 1 ${x + w - q} ${y + h}H${x + q}A${q} ${q} 0 0 1 ${x} ${y + h - q}` +
    `V${y + q}A${q} ${q} 0 0 1 ${x + q} ${y}Z`;
}

/** Draws `d` onto `page` as placed. */
export function drawOnPage(page: PDFPage, d: Drawing, at: Placement, fonts: PdfFonts): void {
  if (at.clip) {
    page.pushOperators(
      pushGraphicsState(),
      rectangle(at.clip.x, at.clip.y, at.clip.width, at.clip.height),
      clip(),
      endPath(),
    );
  }
  // A tile draws only what reaches into it: the rest would be clipped away anyway.
  const view = at.clip && {
    x1: at.fromX + (at.clip.x - at.left) / at.scale,
    x2: at.fromX + (at.clip.x + at.clip.width - at.left) / at.scale,
    y1: at.fromY + (at.top - at.clip.y - at.clip.height) / at.scale,
    y2: at.fromY + (at.top - at.clip.y) / at.scale,
  };
  for (const p of d.primitives) {
    if (view) {
      const b = boxOf(p, fonts.measure);
      if (b && (b.x2 < view.x1 || b.x1 > view.x2 || b.y2 < view.y1 || b.y1 > view.y2)) continue;
    }
    drawPrimitive(page, p, at, 0, 0, fonts);
  }
  if (at.clip) page.pushOperators(popGraphicsState());
}

interface Bounds {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

const boxes = new WeakMap<Primitive, Bounds | null>();

/** Where a primitive lies in drawing units (null: unknown, so always drawn). */
function boxOf(p: Primitive, measure: TextMeasure): Bounds | null {
  if (boxes.has(p)) return boxes.get(p)!;
  let b: Bounds | null = null;
  const pad = 4;
  switch (p.kind) {
    case "rect":
      b = { x1: p.x, y1: p.y, x2: p.x + p.width, y2: p.y + p.height };
      break;
    case "circle":
      b = { x1: p.cx - p.r, y1: p.cy - p.r, x2: p.cx + p.r, y2: p.cy + p.r };
      break;
    case "path": {
      // Only absolute moves and lines can be read as x y pairs (edges and arrowheads).
      if (/^[MLZ0-9.\s-]+$/.test(p.d)) {
        const v = p.d.match(/-?\d+(?:\.\d+)?/g)?.map(Number) ?? [];
        const xs = v.filter((_, i) => i % 2 === 0), ys = v.filter((_, i) => i % 2 === 1);
        if (xs.length) {
          b = {
            x1: Math.min(...xs),
            y1: Math.min(...ys),
            x2: Math.max(...xs),
            y2: Math.max(...ys),
          };
        }
      }
      break;
    }
    case "text": {
      const w = Math.max(0, ...p.lines.map((l) => measure(l, p.size, p.bold)));
      const h = p.lines.length * p.lineHeight;
      b = p.rotate
        ? { x1: p.x - p.size, y1: p.y - w, x2: p.x + h, y2: p.y + w }
        : { x1: p.x - w, y1: p.y - p.size, x2: p.x + w, y2: p.y + h };
      break;
    }
    case "group": {
      for (const c of p.children) {
        const cb = boxOf(c, measure);
        if (!cb) continue;
        const dx = p.dx ?? 0, dy = p.dy ?? 0;
        b = b
          ? {
            x1: Math.min(b.x1, cb.x1 + dx),
            y1: Math.min(b.y1, cb.y1 + dy),
            x2: Math.max(b.x2, cb.x2 + dx),
            y2: Math.max(b.y2, cb.y2 + dy),
          }
          : { x1: cb.x1 + dx, y1: cb.y1 + dy, x2: cb.x2 + dx, y2: cb.y2 + dy };
      }
      break;
    }
  }
  if (b) b = { x1: b.x1 - pad, y1: b.y1 - pad, x2: b.x2 + pad, y2: b.y2 + pad };
  boxes.set(p, b);
  return b;
}

function stroke(p: Paint, s: number) {
  const borderColor = some(p.stroke);
  return borderColor
    ? {
      borderColor,
      borderWidth: (p.strokeWidth ?? 1) * s,
      borderDashArray: p.dash?.map((v) => v * s),
    }
    : {};
}

function drawPrimitive(
  page: PDFPage,
  p: Primitive,
  at: Placement,
  dx: number,
  dy: number,
  fonts: PdfFonts,
): void {
  const s = at.scale;
  const X = (x: number) => at.left + (x + dx - at.fromX) * s;
  const Y = (y: number) => at.top - (y + dy - at.fromY) * s;
  // drawSvgPath flips y around its origin: SVG (x, y) → (ox + x·s, oy - y·s).
  const origin = { x: X(0), y: Y(0), scale: s };
  switch (p.kind) {
    case "group":
      for (const c of p.children) {
        drawPrimitive(page, c, at, dx + (p.dx ?? 0), dy + (p.dy ?? 0), fonts);
      }
      return;
    case "rect": {
      // Invisible (a hit area for the app): pdf-lib would stroke it black by default.
      if (!some(p.fill) && !some(p.stroke)) return;
      if (p.rx) {
        page.drawSvgPath(roundedRect(p.x, p.y, p.width, p.height, p.rx), {
          ...origin,
          color: some(p.fill),
          ...stroke(p, s),
        });
      } else {
        page.drawRectangle({
          x: X(p.x),
          y: Y(p.y + p.height),
          width: p.width * s,
          height: p.height * s,
          color: some(p.fill),
          ...stroke(p, s),
        });
      }
      return;
    }
    case "circle":
      page.drawCircle({
        x: X(p.cx),
        y: Y(p.cy),
        size: p.r * s,
        color: some(p.fill),
        ...stroke(p, s),
      });
      return;
    case "path":
      page.drawSvgPath(p.d, { ...origin, color: some(p.fill), ...stroke(p, s) });
      return;
    case "text": {
      const font = p.bold ? fonts.bold : fonts.regular;
      const size = p.size * s;
      const rotated = p.rotate === -90;
      p.lines.forEach((raw, i) => {
        const line = fonts.printable(raw);
        if (!line) return;
        const width = fonts.measure(line, size, p.bold);
        const shift = p.anchor === "middle" ? width / 2 : 0;
        const along = i * p.lineHeight * s;
        if (rotated) {
          // Reads bottom to top; later lines move right (SVG's dy runs across the text).
          page.drawText(line, {
            x: X(p.x) + along,
            y: Y(p.y) - shift,
            size,
            font,
            color: colour(p.fill),
            rotate: degrees(90),
          });
          return;
        }
        const x = X(p.x) - shift, y = Y(p.y) - along;
        if (p.halo) {
          page.drawRectangle({
            x: x - 1.5 * s,
            y: y - size * 0.25,
            width: width + 3 * s,
            height: size * 1.1,
            color: colour(p.halo),
          });
        }
        page.drawText(line, { x, y, size, font, color: colour(p.fill) });
      });
      return;
    }
  }
}
