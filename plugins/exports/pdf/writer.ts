// A small flowing layout on top of pdf-lib: pages of a chosen size, a cursor moving down,
// wrapped paragraphs, headings that become PDF bookmarks, tables whose header repeats on
// every page, clickable links, and headers and footers written once the page count is known.
import fontkit from "@pdf-lib/fontkit";
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  type PDFDocument as PDFDocumentType,
  type PDFFont,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  type PDFPage,
  type PDFRef,
  PDFString,
} from "pdf-lib";
import type { ServerFonts } from "../fonts.ts";
import { colour, type PdfFonts } from "./draw.ts";

/** Page sizes in PDF points (1/72 inch), portrait. */
export const PAGE = { A4: [595.28, 841.89], A3: [841.89, 1190.55] } as const;
export type PageFormat = keyof typeof PAGE;

export const MARGIN = 40;
/** fontkit's default features for Latin, Greek and Cyrillic, all off. */
const NO_FEATURES = Object.fromEntries(
  ["ccmp", "locl", "rlig", "mark", "mkmk", "calt", "clig", "liga", "rclt", "curs", "kern"]
    .map((f) => [f, false]),
);
const INK = "#242424", MUTED = "#616161", RULE = "#d1d1d1", LINK = "#0f6cbd";

export interface Bookmark {
  title: string;
  page: PDFPage;
  top: number;
  children: Bookmark[];
}

export interface Cell {
  text: string;
  bold?: boolean;
  /** Pieces of the cell that open a URL, each on its own line after `text`. */
  links?: { text: string; url: string | null }[];
}

export interface Column {
  header: string;
  /** Share of the table's width. */
  weight: number;
}

export class PdfWriter {
  page!: PDFPage;
  y = 0;
  readonly bookmarks: Bookmark[] = [];
  #format: PageFormat = "A4";
  #landscape = false;

  private constructor(readonly doc: PDFDocumentType, readonly fonts: PdfFonts) {}

  static async create(server: ServerFonts, title: string): Promise<PdfWriter> {
    const doc = await PDFDocument.create();
    doc.registerFontkit(fontkit);
    // Subsets keep a handbook small: only the glyphs used are embedded. No OpenType features
    // (kerning, ligatures): text is placed by the glyphs' advance widths, as fonts.ts measures
    // it for wrapping, and fontkit's shaping was most of a report's time (bench/exports.ts).
    const [regular, bold] = await Promise.all([
      doc.embedFont(server.regular, { subset: true, features: NO_FEATURES }),
      doc.embedFont(server.bold, { subset: true, features: NO_FEATURES }),
    ]);
    doc.setTitle(server.printable(title));
    doc.setProducer("Procedo");
    doc.setCreator("Procedo");
    return new PdfWriter(doc, {
      regular,
      bold,
      measure: server.measure,
      printable: server.printable,
    });
  }

  get width() {
    return this.page.getWidth();
  }
  get height() {
    return this.page.getHeight();
  }
  get contentWidth() {
    return this.width - 2 * MARGIN;
  }
  /** The lowest y the body may reach (the footer lies below). */
  get bottom() {
    return MARGIN + 18;
  }

  addPage(format: PageFormat = this.#format, landscape = this.#landscape): PDFPage {
    this.#format = format;
    this.#landscape = landscape;
    const [w, h] = PAGE[format];
    this.page = this.doc.addPage(landscape ? [h, w] : [w, h]);
    this.y = this.page.getHeight() - MARGIN - 18;
    return this.page;
  }

  /** A new page unless `room` points are left on this one. */
  ensure(room: number) {
    if (this.y - room < this.bottom) this.addPage();
  }

  font(bold?: boolean): PDFFont {
    return bold ? this.fonts.bold : this.fonts.regular;
  }

  widthOf(text: string, size: number, bold?: boolean) {
    return this.fonts.measure(text, size, bold);
  }

  /** `text` wrapped to `width` (its own line breaks kept), in printable characters. */
  wrap(text: string, width: number, size: number, bold?: boolean): string[] {
    const lines: string[] = [];
    for (const para of text.split(/\r?\n/)) {
      const words = this.fonts.printable(para).split(/\s+/).filter(Boolean);
      let line = "";
      for (const word of words) {
        const next = line ? `${line} ${word}` : word;
        if (this.widthOf(next, size, bold) <= width) {
          line = next;
          continue;
        }
        if (line) lines.push(line);
        line = word;
        // A word wider than the line is broken between characters.
        while (this.widthOf(line, size, bold) > width && line.length > 1) {
          let cut = line.length - 1;
          while (cut > 1 && this.widthOf(line.slice(0, cut), size, bold) > width) cut--;
          lines.push(line.slice(0, cut));
          line = line.slice(cut);
        }
      }
      lines.push(line);
    }
    return lines;
  }

  /** A paragraph at the cursor, flowing onto new pages. */
  paragraph(
    text: string,
    o: { size?: number; bold?: boolean; colour?: string; gap?: number } = {},
  ) {
    const size = o.size ?? 10, lead = size * 1.35;
    for (const line of this.wrap(text, this.contentWidth, size, o.bold)) {
      this.ensure(lead);
      this.y -= lead;
      this.page.drawText(line, {
        x: MARGIN,
        y: this.y + size * 0.25,
        size,
        font: this.font(o.bold),
        color: colour(o.colour ?? INK),
      });
    }
    this.y -= o.gap ?? 6;
  }

  /** A heading, also a bookmark (level 1 top level, level 2 under the last level 1). */
  heading(text: string, level: 1 | 2 = 1) {
    const size = level === 1 ? 18 : 13;
    this.ensure(size * 3);
    this.y -= 6;
    const top = this.y;
    this.paragraph(text, { size, bold: true, gap: level === 1 ? 8 : 4 });
    const mark: Bookmark = {
      title: this.fonts.printable(text),
      page: this.page,
      top,
      children: [],
    };
    const parent = level === 2 ? this.bookmarks[this.bookmarks.length - 1] : undefined;
    (parent ? parent.children : this.bookmarks).push(mark);
  }

  /** Label/value lines (a title block). */
  facts(rows: [string, string][]) {
    const labelWidth = 130, size = 10, lead = size * 1.4;
    for (const [label, value] of rows) {
      const lines = this.wrap(value || "—", this.contentWidth - labelWidth, size);
      this.ensure(lead * lines.length);
      lines.forEach((line, i) => {
        this.y -= lead;
        if (i === 0) {
          this.page.drawText(this.fonts.printable(label), {
            x: MARGIN,
            y: this.y + 3,
            size,
            font: this.fonts.bold,
            color: colour(MUTED),
          });
        }
        this.page.drawText(line, {
          x: MARGIN + labelWidth,
          y: this.y + 3,
          size,
          font: this.fonts.regular,
          color: colour(INK),
        });
      });
    }
    this.y -= 8;
  }

  /** A table; rows move to the next page whole, the header repeats there. */
  table(columns: Column[], rows: Cell[][], size = 8.5) {
    const total = columns.reduce((s, c) => s + c.weight, 0);
    const widths = columns.map((c) => (c.weight / total) * this.contentWidth);
    const pad = 3, lead = size * 1.3;
    const layout = (cells: Cell[]) =>
      cells.map((cell, i) => {
        const w = widths[i] - 2 * pad;
        const lines = cell.text
          ? this.wrap(cell.text, w, size, cell.bold).map((t) => ({
            t,
            url: null as string | null,
            bold: cell.bold,
          }))
          : [];
        for (const l of cell.links ?? []) {
          for (const t of this.wrap(l.text, w, size)) lines.push({ t, url: l.url, bold: false });
        }
        return lines;
      });
    const header = layout(columns.map((c) => ({ text: c.header, bold: true })));
    const drawRow = (cells: ReturnType<typeof layout>, shaded: boolean) => {
      const height = Math.max(1, ...cells.map((l) => l.length)) * lead + 2 * pad;
      if (this.y - height < this.bottom) {
        this.addPage();
        drawRow(header, true);
      }
      const top = this.y;
      if (shaded) {
        this.page.drawRectangle({
          x: MARGIN,
          y: top - height,
          width: this.contentWidth,
          height,
          color: colour("#f5f5f5"),
        });
      }
      let x = MARGIN;
      cells.forEach((lines, i) => {
        lines.forEach((l, k) => {
          const y = top - pad - (k + 1) * lead + size * 0.3;
          const font = this.font(l.bold);
          this.page.drawText(l.t, { x: x + pad, y, size, font, color: colour(l.url ? LINK : INK) });
          if (l.url) {
            const w = font.widthOfTextAtSize(l.t, size);
            this.page.drawLine({
              start: { x: x + pad, y: y - 1 },
              end: { x: x + pad + w, y: y - 1 },
              thickness: 0.4,
              color: colour(LINK),
            });
            this.link(l.url, x + pad, y - 2, w, size + 2);
          }
        });
        x += widths[i];
      });
      this.page.drawLine({
        start: { x: MARGIN, y: top - height },
        end: { x: MARGIN + this.contentWidth, y: top - height },
        thickness: 0.5,
        color: colour(RULE),
      });
      this.y = top - height;
    };
    this.ensure(lead * 3);
    drawRow(header, true);
    for (const row of rows) drawRow(layout(row), false);
    this.y -= 10;
  }

  /** A clickable area on the current page opening `url`. */
  link(url: string, x: number, y: number, width: number, height: number, page = this.page) {
    const ctx = this.doc.context;
    const annot = ctx.register(ctx.obj({
      Type: "Annot",
      Subtype: "Link",
      Rect: [x, y, x + width, y + height],
      Border: [0, 0, 0],
      A: { Type: "Action", S: "URI", URI: PDFString.of(url) },
    }));
    page.node.addAnnot(annot);
  }

  /** A clickable area on `page` jumping to `target` (a table of contents entry). */
  internalLink(
    page: PDFPage,
    target: PDFPage,
    x: number,
    y: number,
    width: number,
    height: number,
  ) {
    const ctx = this.doc.context;
    const annot = ctx.register(ctx.obj({
      Type: "Annot",
      Subtype: "Link",
      Rect: [x, y, x + width, y + height],
      Border: [0, 0, 0],
      Dest: [target.ref, "Fit"],
    }));
    page.node.addAnnot(annot);
  }

  /** Header (left: `title`, right: `right`) and "page n of N" footer on every page but `skip`. */
  decorate(
    title: string,
    right: (pageIndex: number) => string,
    pageWord: (n: number, total: number) => string,
    skip = 0,
  ) {
    const pages = this.doc.getPages();
    pages.forEach((page, i) => {
      if (i < skip) return;
      const w = page.getWidth(), h = page.getHeight();
      const size = 8, font = this.fonts.regular, muted = colour(MUTED);
      const t = this.fonts.printable(title), r = this.fonts.printable(right(i));
      const maxTitle = w - 2 * MARGIN - font.widthOfTextAtSize(r, size) - 20;
      page.drawText(this.#fit(t, maxTitle, size), {
        x: MARGIN,
        y: h - MARGIN + 4,
        size,
        font,
        color: muted,
      });
      page.drawText(r, {
        x: w - MARGIN - font.widthOfTextAtSize(r, size),
        y: h - MARGIN + 4,
        size,
        font,
        color: muted,
      });
      page.drawLine({
        start: { x: MARGIN, y: h - MARGIN },
        end: { x: w - MARGIN, y: h - MARGIN },
        thickness: 0.5,
        color: colour(RULE),
      });
      const foot = pageWord(i + 1, pages.length);
      page.drawText(foot, {
        x: w - MARGIN - font.widthOfTextAtSize(foot, size),
        y: MARGIN - 14,
        size,
        font,
        color: muted,
      });
    });
  }

  #fit(text: string, width: number, size: number): string {
    if (this.widthOf(text, size) <= width) return text;
    let cut = text;
    while (cut && this.widthOf(`${cut}…`, size) > width) cut = cut.slice(0, -1);
    return `${cut}…`;
  }

  /** Writes the bookmarks as the document outline (shown open at the first level). */
  outline() {
    if (!this.bookmarks.length) return;
    const ctx = this.doc.context;
    const root = ctx.nextRef();
    const write = (
      items: Bookmark[],
      parent: PDFRef,
    ): { first: PDFRef; last: PDFRef; count: number } => {
      const refs = items.map(() => ctx.nextRef());
      const count = items.length;
      items.forEach((item, i) => {
        const dict = PDFDict.withContext(ctx);
        dict.set(PDFName.of("Title"), PDFHexString.fromText(item.title));
        dict.set(PDFName.of("Parent"), parent);
        const dest = PDFArray.withContext(ctx);
        dest.push(item.page.ref);
        dest.push(PDFName.of("XYZ"));
        dest.push(PDFNull);
        dest.push(PDFNumber.of(item.top + 20));
        dest.push(PDFNull);
        dict.set(PDFName.of("Dest"), dest);
        if (i > 0) dict.set(PDFName.of("Prev"), refs[i - 1]);
        if (i < items.length - 1) dict.set(PDFName.of("Next"), refs[i + 1]);
        if (item.children.length) {
          const kids = write(item.children, refs[i]);
          dict.set(PDFName.of("First"), kids.first);
          dict.set(PDFName.of("Last"), kids.last);
          // Negative: children start closed.
          dict.set(PDFName.of("Count"), PDFNumber.of(-kids.count));
        }
        ctx.assign(refs[i], dict);
      });
      return { first: refs[0], last: refs[refs.length - 1], count };
    };
    const top = write(this.bookmarks, root);
    const dict = PDFDict.withContext(ctx);
    dict.set(PDFName.of("Type"), PDFName.of("Outlines"));
    dict.set(PDFName.of("First"), top.first);
    dict.set(PDFName.of("Last"), top.last);
    dict.set(PDFName.of("Count"), PDFNumber.of(top.count));
    ctx.assign(root, dict);
    this.doc.catalog.set(PDFName.of("Outlines"), root);
    this.doc.catalog.set(PDFName.of("PageMode"), PDFName.of("UseOutlines"));
  }

  async save(): Promise<Uint8Array> {
    this.outline();
    return await this.doc.save({ useObjectStreams: true });
  }
}
