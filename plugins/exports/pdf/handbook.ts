// The process handbook: a cover, a table of contents with page numbers (each entry a link),
// one section per published process of a landscape branch (or the whole landscape) in the
// landscape's order, the PDF outline (bookmarks) and on every page a header naming the
// handbook and the process with its version, and "page n of N".
import type { ProcessSource } from "../process_source.ts";
import { formatDate } from "../words.ts";
import { colour } from "./draw.ts";
import { type ReportContext, versionLabel, writeProcess } from "./process_report.ts";
import { MARGIN, PdfWriter } from "./writer.ts";

export interface HandbookInput {
  title: string;
  subtitle: string;
  /** The processes in landscape order, each with its depth in the landscape (0: a root). */
  sections: { depth: number; source: ProcessSource }[];
}

const TOC_LEAD = 17;

export async function handbookPdf(h: HandbookInput, r: ReportContext): Promise<Uint8Array> {
  const t = r.words;
  const w = await PdfWriter.create(r.fonts, h.title);
  cover(w, h, r);

  // Reserve the contents pages now; they are filled in once the sections know their pages.
  w.addPage("A4", false);
  const perPage = Math.floor((w.y - w.bottom - 40) / TOC_LEAD);
  const tocPages = [w.page];
  for (let i = perPage; i < h.sections.length; i += perPage) tocPages.push(w.addPage("A4", false));

  const starts: number[] = [];
  const sectionOfPage: number[] = [];
  for (const [i, s] of h.sections.entries()) {
    w.addPage("A4", false);
    starts.push(w.doc.getPageCount() - 1);
    writeProcess(w, s.source, r);
    while (sectionOfPage.length < w.doc.getPageCount()) sectionOfPage.push(i);
  }
  if (!h.sections.length) {
    w.page = tocPages[0];
    w.paragraph(t("noProcesses"));
  }
  contents(w, h, starts, tocPages, perPage, r);

  w.decorate(
    h.title,
    (page) => {
      const s = sectionOfPage[page] !== undefined ? h.sections[sectionOfPage[page]] : undefined;
      return s && page >= (starts[0] ?? Infinity)
        ? `${s.source.process.title} · ${versionLabel(s.source, t)}`
        : t("contents");
    },
    (n, total) => t("page", { n, total }),
    1,
  );
  // The contents come first in the outline.
  w.bookmarks.unshift({
    title: t("contents"),
    page: tocPages[0],
    top: tocPages[0].getHeight() - 60,
    children: [],
  });
  return await w.save();
}

function cover(w: PdfWriter, h: HandbookInput, r: ReportContext) {
  const t = r.words;
  w.addPage("A4", false);
  const page = w.page, width = page.getWidth(), height = page.getHeight();
  page.drawRectangle({ x: 0, y: height - 260, width, height: 260, color: colour("#0f6cbd") });
  const lines = w.wrap(h.title, width - 2 * MARGIN - 20, 30, true);
  lines.slice(0, 4).forEach((line, i) =>
    page.drawText(line, {
      x: MARGIN + 10,
      y: height - 120 - i * 36,
      size: 30,
      font: w.fonts.bold,
      color: colour("#ffffff"),
    })
  );
  const info = [
    h.subtitle,
    t("processes", { n: h.sections.length }),
    t("created", { date: formatDate(new Date(), r.language) }),
  ];
  info.forEach((line, i) =>
    page.drawText(w.fonts.printable(line), {
      x: MARGIN + 10,
      y: height - 320 - i * 20,
      size: 13,
      font: w.fonts.regular,
      color: colour("#242424"),
    })
  );
}

function contents(
  w: PdfWriter,
  h: HandbookInput,
  starts: number[],
  tocPages: ReturnType<PdfWriter["addPage"]>[],
  perPage: number,
  r: ReportContext,
) {
  const t = r.words;
  const size = 11, font = w.fonts.regular;
  tocPages.forEach((page, p) => {
    w.page = page;
    w.y = page.getHeight() - MARGIN - 18;
    if (p === 0) w.paragraph(t("contents"), { size: 18, bold: true, gap: 12 });
    const slice = h.sections.slice(p * perPage, (p + 1) * perPage);
    slice.forEach((s, k) => {
      const i = p * perPage + k;
      const indent = Math.min(s.depth, 6) * 14;
      const number = String(starts[i] + 1);
      const y = w.y - TOC_LEAD;
      const right = page.getWidth() - MARGIN;
      const numberWidth = font.widthOfTextAtSize(number, size);
      const maxTitle = right - MARGIN - indent - numberWidth - 30;
      let title = w.fonts.printable(s.source.process.title);
      while (title && font.widthOfTextAtSize(title, size) > maxTitle) {
        title = title.slice(0, -2) + "…";
      }
      page.drawText(title, { x: MARGIN + indent, y, size, font, color: colour("#242424") });
      // Dot leaders between the title and its page number.
      const from = MARGIN + indent + font.widthOfTextAtSize(title, size) + 6;
      const dots = Math.max(
        0,
        Math.floor((right - numberWidth - 6 - from) / font.widthOfTextAtSize(".", size)),
      );
      page.drawText(".".repeat(dots), { x: from, y, size, font, color: colour("#a0a0a0") });
      page.drawText(number, { x: right - numberWidth, y, size, font, color: colour("#242424") });
      w.internalLink(
        page,
        w.doc.getPage(starts[i]),
        MARGIN + indent,
        y - 3,
        right - MARGIN - indent,
        TOC_LEAD,
      );
      w.y = y;
    });
  });
}
