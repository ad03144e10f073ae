// The PDF report of one process: a title block, the diagram as vector graphics (fitted or
// tiled, see diagram_pages.ts), one row per step with its lane, RACI and linked resources
// (links clickable), and the version history. The handbook writes the same sections for
// each of its processes.
import { processDrawing } from "../drawing/process_diagram.ts";
import type { ServerFonts } from "../fonts.ts";
import type { ProcessSource } from "../process_source.ts";
import { formatDate, type Language, type Words } from "../words.ts";
import { diagramPages } from "./diagram_pages.ts";
import { type Cell, PdfWriter } from "./writer.ts";
import type { Graph as UiGraph } from "../../../ui/editor/model.ts";

const RACI = ["responsible", "accountable", "consulted", "informed"] as const;
const LETTER = { responsible: "R", accountable: "A", consulted: "C", informed: "I" } as const;
const LINK_KINDS = ["documents", "systems", "requirements", "locations"] as const;

export interface ReportContext {
  fonts: ServerFonts;
  language: Language;
  words: Words;
}

/** The status line of what is shown. */
export function versionLabel(src: ProcessSource, t: Words): string {
  return src.shown === "draft" ? t("draft") : `${t("version")} ${src.shown}`;
}

/** Writes the sections of one process at the writer's cursor (level-1 heading included). */
export function writeProcess(w: PdfWriter, src: ProcessSource, r: ReportContext) {
  const t = r.words, p = src.process;
  w.heading(p.title, 1);
  const name = (id: string | null | undefined) => id ? src.names.get(id) ?? "—" : "—";
  w.facts([
    [t("category"), t(p.category)],
    [t("owner"), name(p.ownerPositionId)],
    [t("processOwner"), name(p.ownerUserId)],
    [
      t("status"),
      src.shown === "draft" ? t("draft") : `${t("published")} (${t("version")} ${src.shown})`,
    ],
    [t("approved"), src.version ? formatDate(src.version.publishedAt, r.language) : "—"],
    [t("approvedBy"), src.version ? name(src.version.approvedBy) : "—"],
    [t("nextReview"), formatDate(p.nextReviewAt, r.language)],
  ]);
  if (p.description.trim()) {
    w.paragraph(t("description"), { size: 11, bold: true, gap: 2 });
    w.paragraph(p.description, { size: 10 });
  }

  const drawing = processDrawing(src.graph as unknown as UiGraph, {
    measure: r.fonts.measure,
    names: src.names,
    title: p.title,
  });
  const pages = w.doc.getPageCount();
  diagramPages(w, drawing, `${t("diagram")}: ${p.title}`, {
    part: (row, col, rows, cols) => t("part", { r: row, c: col, rows, cols }),
    continues: (where) => t("continues", { where }),
  });
  const diagramPage = w.doc.getPage(pages);
  const parent = w.bookmarks[w.bookmarks.length - 1];
  parent?.children.push({
    title: t("diagram"),
    page: diagramPage,
    top: diagramPage.getHeight() - 40,
    children: [],
  });

  w.addPage("A4", false);
  w.heading(t("steps"), 2);
  const lanes = new Map(src.graph.lanes.map((l) => [l.id, l]));
  const steps = src.graph.nodes.filter((n) => n.type === "task" || n.type === "subprocess");
  // In reading order: lane by lane, left to right.
  const laneIndex = new Map(src.graph.lanes.map((l, i) => [l.id, i]));
  steps.sort((a, b) =>
    (laneIndex.get(a.laneId ?? "") ?? 1e9) - (laneIndex.get(b.laneId ?? "") ?? 1e9) ||
    a.x - b.x || a.y - b.y
  );
  if (!steps.length) w.paragraph(t("noSteps"));
  else {
    const rows: Cell[][] = steps.map((n) => {
      const lane = n.laneId ? lanes.get(n.laneId) : undefined;
      const bound = lane ? lane.positionId ?? lane.orgUnitId : null;
      const raci = RACI.flatMap((role) => {
        const ids = n.raci?.[role] ?? [];
        return ids.length ? [`${LETTER[role]}: ${ids.map((id) => name(id)).join(", ")}`] : [];
      });
      const links = LINK_KINDS.flatMap((kind) =>
        (n.links?.[kind] ?? []).map((id) => ({
          text: `${t(kind)}: ${name(id)}`,
          url: src.urls.get(id) ?? null,
        }))
      );
      return [
        { text: n.label || "—", bold: true },
        { text: [lane?.name, bound ? name(bound) : null].filter(Boolean).join("\n") || "—" },
        { text: raci.join("\n") || "—" },
        { text: links.length ? "" : "—", links },
      ];
    });
    w.table([
      { header: t("step"), weight: 3 },
      { header: t("lane"), weight: 2.2 },
      { header: t("raci"), weight: 3 },
      { header: t("linked"), weight: 3.4 },
    ], rows);
  }

  w.heading(t("history"), 2);
  if (!src.history.length) w.paragraph(t("noHistory"));
  else {
    w.table(
      [
        { header: t("version"), weight: 1 },
        { header: t("date"), weight: 1.6 },
        { header: t("changeNote"), weight: 4.5 },
        { header: t("requestedBy"), weight: 2 },
        { header: t("approvedBy"), weight: 2 },
      ],
      src.history.map((h) => [
        { text: String(h.number), bold: h.number === src.shown },
        { text: formatDate(h.publishedAt, r.language) },
        { text: h.changeNote || "—" },
        { text: name(h.requestedBy) },
        { text: name(h.approvedBy) },
      ]),
    );
  }
}

/** The whole report of one process as PDF bytes. */
export async function processReportPdf(src: ProcessSource, r: ReportContext): Promise<Uint8Array> {
  const t = r.words;
  const w = await PdfWriter.create(r.fonts, src.process.title);
  w.addPage("A4", false);
  writeProcess(w, src, r);
  const label = versionLabel(src, t);
  w.decorate(src.process.title, () => label, (n, total) => t("page", { n, total }));
  return await w.save();
}
