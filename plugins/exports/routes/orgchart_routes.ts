// GET /orgcharts/{id}.svg and .pdf: the drawn org chart (drawing_core/orgchart_layout.ts, the
// same layout the app's org chart page uses).
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../../api/env.ts";
import { problemResponses } from "../../../api/problem.ts";
import { chartDrawing } from "../drawing_core/orgchart_drawing.ts";
import { layoutChart } from "../drawing_core/orgchart_layout.ts";
import { drawingSvg } from "../drawing/svg.ts";
import { serverFonts } from "../fonts.ts";
import { chartSource } from "../orgchart_source.ts";
import { diagramPages } from "../pdf/diagram_pages.ts";
import { PdfWriter } from "../pdf/writer.ts";
import { formatDate, languageOf, wordsFor } from "../words.ts";
import {
  binary,
  capitalized,
  dispositionHeader,
  download,
  fileName,
  FileRoutes,
  LangQuery,
} from "./file_route.ts";
import { invalid } from "./list_routes.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TYPES = { svg: "image/svg+xml", pdf: "application/pdf" } as const;

const route = (ext: keyof typeof TYPES) =>
  createRoute({
    method: "get",
    path: `/orgcharts/{id}.${ext}`,
    operationId: `exportOrgChart${capitalized(ext)}`,
    summary: `Download the drawn org chart (${ext.toUpperCase()})`,
    description: "Units as boxes with their positions and holders, connectors, staff units " +
      "beside their parent, wide levels stacked; the PDF fits A4/A3 landscape or is tiled.",
    "x-permission": "exports.read",
    request: { params: z.object({ id: z.string().uuid() }), query: z.object({ lang: LangQuery }) },
    responses: {
      200: {
        description: "The org chart",
        headers: dispositionHeader,
        content: { [TYPES[ext]]: { schema: binary("The org chart") } },
      },
      ...problemResponses(401, 403, 404, 422),
    },
  });

export function registerOrgchartRoutes(files: FileRoutes) {
  for (const ext of ["svg", "pdf"] as const) {
    files.add(route(ext), (c, id) => answer(c, id, ext));
  }
}

async function answer(c: Context<AppEnv>, id: string, ext: keyof typeof TYPES) {
  if (!UUID.test(id)) throw invalid("path.id", "must be an org chart id (UUID)");
  const lang = c.req.query("lang");
  if (lang && lang !== "de" && lang !== "en") throw invalid("query.lang", "de or en");
  const language = languageOf(c);
  const t = wordsFor(language);
  const [src, fonts] = await Promise.all([chartSource(c.var.scope, id), serverFonts()]);
  const drawing = chartDrawing(layoutChart(src.roots), {
    measure: fonts.measure,
    title: src.chart.name,
    words: {
      vacant: t("vacant"),
      morePositions: (n) => `+ ${t("positions", { n })}`,
      hiddenUnits: (n) => `+${n}`,
    },
  });
  const name = fileName(src.chart.name, ext);
  if (ext === "svg") {
    return new Response(drawingSvg(drawing), {
      headers: download(`${TYPES.svg}; charset=utf-8`, name, {
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
      }),
    });
  }
  const w = await PdfWriter.create(fonts, src.chart.name);
  diagramPages(w, drawing, `${t("orgChart")}: ${src.chart.name}`, {
    part: (row, col, rows, cols) => t("part", { r: row, c: col, rows, cols }),
    continues: (where) => t("continues", { where }),
  });
  w.bookmarks.push({ title: src.chart.name, page: w.doc.getPage(0), top: 560, children: [] });
  const date = formatDate(new Date(), language);
  w.decorate(src.chart.name, () => date, (n, total) => t("page", { n, total }));
  const pdf = await w.save();
  return new Response(pdf as Uint8Array<ArrayBuffer>, { headers: download(TYPES.pdf, name) });
}
