// Puts a diagram on pages: on one A4 landscape page when it stays readable there, else on
// one A3 landscape page, else tiled over A3 landscape pages at a readable scale, each tile
// with an overlap, corner marks and the numbers of its neighbours, so the printout can be
// put together.
import type { Drawing } from "../drawing_core/primitives.ts";
import { colour, drawOnPage } from "./draw.ts";
import { MARGIN, type PageFormat, PdfWriter } from "./writer.ts";

/** Below this scale, text of 11 units (edge labels) gets too small to read on paper. */
const MIN_SCALE = 0.55;
const TILE_SCALE = 0.75;
const OVERLAP = 24;
const CAPTION = 22;

export interface DiagramWords {
  part(row: number, col: number, rows: number, cols: number): string;
  continues(where: string): string;
}

const area = (w: PdfWriter) => ({
  width: w.contentWidth,
  height: w.y - w.bottom - CAPTION,
});

/** Adds the pages for `d`, beginning with a new page; returns how many it took. */
export function diagramPages(
  w: PdfWriter,
  d: Drawing,
  caption: string,
  words: DiagramWords,
): number {
  for (const format of ["A4", "A3"] as PageFormat[]) {
    w.addPage(format, true);
    const a = area(w);
    const scale = Math.min(a.width / d.width, a.height / d.height, 1);
    if (scale >= MIN_SCALE) {
      w.paragraph(caption, { size: 11, bold: true, gap: 4 });
      drawOnPage(w.page, d, {
        fromX: d.x,
        fromY: d.y,
        left: MARGIN + (a.width - d.width * scale) / 2,
        top: w.y,
        scale,
      }, w.fonts);
      w.y -= d.height * scale + 10;
      return 1;
    }
    // Not readable on this format: reuse the page for the next try.
    w.doc.removePage(w.doc.getPageCount() - 1);
  }
  return tiles(w, d, caption, words);
}

function tiles(w: PdfWriter, d: Drawing, caption: string, words: DiagramWords): number {
  w.addPage("A3", true);
  const a = area(w);
  const tileW = a.width / TILE_SCALE, tileH = a.height / TILE_SCALE;
  const cols = Math.max(1, Math.ceil((d.width - OVERLAP) / (tileW - OVERLAP)));
  const rows = Math.max(1, Math.ceil((d.height - OVERLAP) / (tileH - OVERLAP)));
  let first = true;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (!first) w.addPage("A3", true);
      first = false;
      w.paragraph(`${caption} — ${words.part(r + 1, c + 1, rows, cols)}`, {
        size: 11,
        bold: true,
        gap: 4,
      });
      const top = w.y, left = MARGIN;
      const fromX = d.x + c * (tileW - OVERLAP), fromY = d.y + r * (tileH - OVERLAP);
      drawOnPage(w.page, d, {
        fromX,
        fromY,
        left,
        top,
        scale: TILE_SCALE,
        clip: { x: left, y: top - a.height, width: a.width, height: a.height },
      }, w.fonts);
      marks(w, left, top, a.width, a.height);
      const name = (rr: number, cc: number) => `${rr + 1}.${cc + 1}`;
      const note = (text: string, x: number, y: number) =>
        w.page.drawText(w.fonts.printable(text), {
          x,
          y,
          size: 7,
          font: w.fonts.regular,
          color: colour("#616161"),
        });
      if (c + 1 < cols) {
        note(words.continues(`→ ${name(r, c + 1)}`), left + a.width - 70, top - a.height / 2);
      }
      if (c > 0) note(words.continues(`← ${name(r, c - 1)}`), left + 4, top - a.height / 2);
      if (r + 1 < rows) {
        note(words.continues(`↓ ${name(r + 1, c)}`), left + a.width / 2, top - a.height + 4);
      }
      if (r > 0) note(words.continues(`↑ ${name(r - 1, c)}`), left + a.width / 2, top - 10);
      w.y = top - a.height - 4;
    }
  }
  return rows * cols;
}

/** L-shaped marks at the corners of the tile's frame. */
function marks(w: PdfWriter, x: number, top: number, width: number, height: number) {
  const len = 12, ink = colour("#616161");
  const corners: [number, number, number, number][] = [
    [x, top, 1, -1],
    [x + width, top, -1, -1],
    [x, top - height, 1, 1],
    [x + width, top - height, -1, 1],
  ];
  for (const [cx, cy, sx, sy] of corners) {
    w.page.drawLine({
      start: { x: cx, y: cy },
      end: { x: cx + sx * len, y: cy },
      thickness: 0.8,
      color: ink,
    });
    w.page.drawLine({
      start: { x: cx, y: cy },
      end: { x: cx, y: cy + sy * len },
      thickness: 0.8,
      color: ink,
    });
  }
}
