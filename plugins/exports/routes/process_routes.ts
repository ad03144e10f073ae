// GET /processes/{id}.pdf, .svg and .png: the process report and the diagram alone, of the
// newest published version, ?version=N, or the draft (modelers and the owner).
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../../api/env.ts";
import type { PluginDeps } from "../../../api/plugin.ts";
import { problemResponses } from "../../../api/problem.ts";
import type { Graph as UiGraph } from "../../../ui/editor/model.ts";
import { processDrawing } from "../drawing/process_diagram.ts";
import { drawingSvg } from "../drawing/svg.ts";
import { serverFonts } from "../fonts.ts";
import { processReportPdf } from "../pdf/process_report.ts";
import { drawingPng, printableDrawing } from "../png.ts";
import { processSource, versionParam } from "../process_source.ts";
import { languageOf, wordsFor } from "../words.ts";
import { invalid } from "./list_routes.ts";
import {
  binary,
  capitalized,
  dispositionHeader,
  download,
  fileName,
  FileRoutes,
  LangQuery,
} from "./file_route.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const VersionQuery = z.object({
  version: z.string().optional().openapi({
    description: "A published version number, `published` (the newest; the default) or " +
      "`draft` (modelers and the process owner; also the default before a first publication)",
    example: "published",
  }),
  lang: LangQuery,
});

const KINDS = {
  pdf: { type: "application/pdf", what: "The process report as PDF" },
  svg: { type: "image/svg+xml", what: "The diagram as SVG" },
  png: { type: "image/png", what: "The diagram as PNG" },
} as const;

const route = (ext: keyof typeof KINDS) =>
  createRoute({
    method: "get",
    path: `/processes/{id}.${ext}`,
    operationId: `exportProcess${capitalized(ext)}`,
    summary: ext === "pdf"
      ? "Download the process report (PDF)"
      : `Download the process diagram (${ext.toUpperCase()})`,
    description: ext === "pdf"
      ? "Title block, the diagram as vector graphics (fitted to A4/A3 landscape or tiled), " +
        "one row per step with lane, RACI and linked resources, and the version history."
      : "The diagram as the app draws it.",
    "x-permission": "exports.read",
    request: { params: z.object({ id: z.string().uuid() }), query: VersionQuery },
    responses: {
      200: {
        description: KINDS[ext].what,
        headers: dispositionHeader,
        content: { [KINDS[ext].type]: { schema: binary(KINDS[ext].what) } },
      },
      ...problemResponses(401, 403, 404, 422),
    },
  });

export function registerProcessRoutes(files: FileRoutes, deps: PluginDeps) {
  for (const ext of ["pdf", "svg", "png"] as const) {
    files.add(route(ext), (c, id) => answer(c, deps, id, ext));
  }
}

async function answer(c: Context<AppEnv>, deps: PluginDeps, id: string, ext: keyof typeof KINDS) {
  if (!UUID.test(id)) throw invalid("path.id", "must be a process id (UUID)");
  const lang = c.req.query("lang");
  if (lang && lang !== "de" && lang !== "en") throw invalid("query.lang", "de or en");
  const src = await processSource(c, id, versionParam(c.req.query("version")), deps.plugins);
  const fonts = await serverFonts();
  const language = languageOf(c);
  const suffix = src.shown === "draft" ? "draft" : `v${src.shown}`;
  const name = fileName(`${src.process.title} ${suffix}`, ext);
  if (ext === "pdf") {
    const pdf = await processReportPdf(src, { fonts, language, words: wordsFor(language) });
    return new Response(pdf as Uint8Array<ArrayBuffer>, {
      headers: download(KINDS.pdf.type, name),
    });
  }
  const drawing = processDrawing(src.graph as unknown as UiGraph, {
    measure: fonts.measure,
    names: src.names,
    title: src.process.title,
  });
  if (ext === "svg") {
    return new Response(drawingSvg(drawing), {
      headers: download(`${KINDS.svg.type}; charset=utf-8`, name, {
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
      }),
    });
  }
  const png = await drawingPng(printableDrawing(drawing, fonts.printable));
  return new Response(png as Uint8Array<ArrayBuffer>, { headers: download(KINDS.png.type, name) });
}
